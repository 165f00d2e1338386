// `ml-config-lens estimate`: trainable/total parameters exactly as PEFT counts them, and a training
// memory estimate, for a model (config.json path, catalog id, or HF cache id) and a PEFT source
// (adapter_config.json, PEFT YAML, or an Axolotl/LLaMA-Factory/TRL/torchtune/AdapterHub config).
import { memoryReadingLines } from '../core/present/memory';
import { basename, dirname, resolve } from 'node:path';
import { detectPythonEnv } from '../io/python-env';
import { parseArgs } from 'node:util';
import type { ConfigAnalysis } from '../core/analysis';
import type { EstimatorInput } from '../core/estimator-input/types';
import type { ResolvedModel } from '../core/models/types';
import { analyzeDocument } from '../core/pipeline';
import { gigabytes } from '../core/present/units';
import { estimatorInputFromText } from '../core/pipeline/from-text';
import { resolveCommandLineModel, resolveConfigModel } from './models';
import { readInputFile } from '../io/read';
import { exactCount } from '../core/analysis/format';
import { ownAnalysis, printOwn } from './estimate-own';
import { linkReader } from '../io/linked';
import { accelerateLaunch } from './launch';

const USAGE = `Usage: ml-config-lens estimate [--peft] PEFT_CONFIG [--model CONFIG_JSON_OR_CATALOG_ID] [options]

  --peft FILE         adapter_config.json, a PEFT config in YAML, or an Axolotl / LLaMA-Factory /
                      TRL / torchtune / AdapterHub config (its dialect is detected)
  --model REF         config.json path or folder, catalog id or alias (llama-3-8b), or a repo id in the
                      local Hugging Face cache; optional when the config names its base model
  --task-type T       PEFT task_type (CAUSAL_LM, SEQ_CLS, SEQ_2_SEQ_LM, TOKEN_CLS, QUESTION_ANS,
                      FEATURE_EXTRACTION); overrides the config's
  --num-labels N      labels of a classification head
  --transformers-version V
                      the transformers release the run uses (4.47.0.dev0 ... 4.57.6, 5.12.1, 5.17.0): module
                      tree, tying and PEFT's v5 MoE conversion follow it (default: the release in
                      ./.venv, ./venv, ./env or ./.conda, else an exact pin in ./requirements*.txt or
                      ./pyproject.toml, else the newest supported)
  --devices N         data-parallel GPUs: the global batch, and per-device memory under ZeRO / FSDP
                      (wins over --accelerate-config)
  --accelerate-config FILE
                      the Accelerate config the run is launched with (accelerate launch --config_file):
                      its num_processes is the world size; its DeepSpeed/FSDP settings shard the memory
                      when the config links no DeepSpeed file itself
  --allow-network     fetch config.json from the Hugging Face Hub when nothing local has it
  --training-config FILE
                      for a W&B sweep: the training config it runs (default: found in its command)
  --json              print {trainableParams, totalParams, trainablePercent, breakdown, memory}`;

class UsageError extends Error {}

interface Options {
  peft: string;
  model?: string;
  taskType?: string;
  numLabels?: number;
  devices?: number;
  accelerateConfig?: string;
  json: boolean;
  allowNetwork: boolean;
  transformersVersion?: string;
  trainingConfig?: string;
}

function parseOptions(args: string[]): Options | 'help' {
  let values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      options: {
        peft: { type: 'string' },
        model: { type: 'string' },
        'task-type': { type: 'string' },
        'num-labels': { type: 'string' },
        devices: { type: 'string' },
        'accelerate-config': { type: 'string' },
        'transformers-version': { type: 'string' },
        json: { type: 'boolean' },
        'training-config': { type: 'string' },
        'allow-network': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: true,
    }));
  } catch (err) {
    throw new UsageError((err as Error).message.split('\n')[0]);
  }
  if (values.help) return 'help';
  // `estimate FILE` works like `check FILE` and `recommend FILE`.
  if (positionals.length > (values.peft ? 0 : 1))
    throw new UsageError(
      `one config file only (got ${[values.peft, ...positionals].filter(Boolean).join(', ')})`,
    );
  const peft = values.peft ?? positionals[0];
  if (!peft) throw new UsageError('a PEFT_CONFIG file is required (--peft FILE or FILE)');
  const numLabels = values['num-labels'] === undefined ? undefined : Number(values['num-labels']);
  if (numLabels !== undefined && !(Number.isInteger(numLabels) && numLabels > 0))
    throw new UsageError('--num-labels must be a positive whole number');
  const devices = values.devices === undefined ? undefined : Number(values.devices);
  if (devices !== undefined && !(Number.isInteger(devices) && devices > 0))
    throw new UsageError('--devices must be a positive whole number');
  return {
    peft,
    model: values.model,
    taskType: values['task-type']?.toUpperCase(),
    numLabels,
    devices,
    accelerateConfig: values['accelerate-config'],
    json: Boolean(values.json),
    allowNetwork: Boolean(values['allow-network']),
    transformersVersion: values['transformers-version'],
    trainingConfig: values['training-config'],
  };
}

function readText(path: string): string {
  try {
    return readInputFile(path);
  } catch (err) {
    throw new UsageError(
      `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
}

/** What the command prints: the pipeline's analysis of the file (the same the editor and the panel show). */
export interface EstimateReport {
  model: { source: ResolvedModel['kind']; location: string };
  input: EstimatorInput;
  params: NonNullable<ConfigAnalysis['estimate']>;
  memory: NonNullable<ConfigAnalysis['memory']>;
  notes: string[];
}

async function buildReport(opts: Options): Promise<EstimateReport> {
  const text = readText(opts.peft);
  // Which model the config names, with the mapping's own one-line refusals.
  const input = estimatorInputFromText(text, basename(opts.peft), undefined, opts.peft);
  const ref = opts.model ?? input.modelRef;
  if (!ref) throw new UsageError(`${basename(opts.peft)} names no base model: pass --model`);
  const resolved = opts.model
    ? await resolveCommandLineModel(ref, opts.allowNetwork)
    : await resolveConfigModel(ref, opts.peft, opts.allowNetwork);
  const { analysis } = analyzeDocument(
    {
      text,
      fileName: resolve(opts.peft),
      dialect: input.dialect,
      modelOverride: ref,
      report: {
        taskType: opts.taskType,
        numLabels: opts.numLabels,
        ...(await transformersFor(opts.transformersVersion)),
      },
      training: opts.devices !== undefined ? { devices: opts.devices } : undefined,
      launch: opts.accelerateConfig ? accelerateLaunch(opts.accelerateConfig, readText) : undefined,
    },
    () => resolved,
    // The config's linked DeepSpeed / FSDP files: next to it, then in the working directory.
    linkReader({ folders: [process.cwd()], roots: [process.cwd(), dirname(resolve(opts.peft))] }),
  );
  if (!analysis?.input || !analysis.model || !analysis.estimate || !analysis.memory)
    throw new Error(analysis?.problems[0] ?? 'no estimate');
  return {
    model: { source: analysis.model.kind, location: analysis.model.location },
    input: analysis.input,
    params: analysis.estimate,
    memory: analysis.memory,
    // A variant or quantized mirror resolved to its catalog base says so first.
    notes: [...(resolved.note ? [resolved.note] : []), ...analysis.input.notes, ...analysis.memoryNotes],
  };
}

const int = exactCount;

function printText(r: EstimateReport): void {
  const p = r.params;
  console.log(`Model: ${r.model.location} (${r.model.source})`);
  console.log(`Method: ${p.method} (${r.input.dialect} config); ${p.basis}`);
  // Same line PEFT's print_trainable_parameters() prints.
  console.log(
    `trainable params: ${int(p.trainableParams)} || all params: ${int(p.totalParams)} || trainable%: ${p.trainablePercent.toFixed(4)}`,
  );
  const kinds = Object.entries(p.breakdown.byKind)
    .map(([k, v]) => `${k} ${int(v)}`)
    .join(', ');
  if (kinds) console.log(`Trainable by kind: ${kinds}`);
  console.log('Training memory (estimate, 1 GB = 1e9 bytes):');
  for (const c of r.memory.components)
    console.log(`  ${c.label}: ${gigabytes(c.bytes)} = ${c.formula} [${c.source}]`);
  const m = r.memory;
  console.log(`  Total: ${gigabytes(m.totalBytes)} peak allocated`);
  for (const c of m.outside)
    console.log(`  + ${c.label}: ${gigabytes(c.bytes)} = ${c.formula} [${c.source}]`);
  for (const line of memoryReadingLines(m)) console.log(`  Reading: ${line}`);
  console.log(`  Reserved band: ${m.range.reservedBasis}`);
  for (const c of m.host) console.log(`  CPU RAM: ${c.label}: ${gigabytes(c.bytes)} = ${c.formula}`);
  for (const w of p.warnings) console.log(`warning: ${w}`);
  for (const n of r.notes) console.log(`note: ${n}`);
}

function toJson(r: EstimateReport): unknown {
  const p = r.params;
  return {
    model: r.model,
    method: p.method,
    dialect: r.input.dialect,
    trainableParams: p.trainableParams,
    totalParams: p.totalParams,
    trainablePercent: p.trainablePercent,
    breakdown: p.breakdown,
    targetMatches: p.targetMatches,
    basis: p.basis,
    transformers: p.transformers,
    memory: r.memory,
    warnings: p.warnings,
    notes: r.notes,
  };
}

/** --transformers-version, else the release installed (or pinned exactly) in the current folder's Python env. */
async function transformersFor(
  flag: string | undefined,
): Promise<{ transformersVersion?: string; transformersVersionSource?: string }> {
  if (flag) return { transformersVersion: flag, transformersVersionSource: '--transformers-version' };
  const env = await detectPythonEnv([process.cwd()]);
  const found = env.environment.transformers ?? env.pins.transformers;
  return found && found.origin !== 'range'
    ? { transformersVersion: found.version, transformersVersionSource: found.source }
    : {};
}

export async function run(args: string[]): Promise<number> {
  try {
    const opts = parseOptions(args);
    if (opts === 'help') {
      console.log(USAGE);
      return 0;
    }
    // A merge or a sweep: its own analysis (merged count, a sweep's runs and laws), no PEFT estimate.
    const own = ownAnalysis(opts.peft, readText(opts.peft), opts.trainingConfig);
    if (own) return (printOwn(own, opts.json), 0);
    const report = await buildReport(opts);
    if (opts.json) console.log(JSON.stringify(toJson(report), null, 2));
    else printText(report);
    return 0;
  } catch (err) {
    // Every failure here is about the user's input (unreadable file, unknown model, a combination
    // PEFT refuses): one line, exit 2, no stack trace.
    console.error(
      `ml-config-lens estimate: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
    );
    if (err instanceof UsageError) console.error("Run 'ml-config-lens estimate --help' for the options.");
    return 2;
  }
}
