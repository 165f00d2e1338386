// `ml-config-lens recommend`: learning rate and batch size from published scaling laws, for a training
// config and/or explicit numbers. Exit 0 with a report, 2 on bad usage or unreadable input.
import {
  ConfigReadError,
  REGIMES,
  configShapeFromText,
  lawInputsFromConfig,
  modelParamsForLaws,
  recommend,
  renderRecommendations,
  type ConfigShape,
  type LawInputs,
  type LawResult,
  type ModelParams,
  type Regime,
} from '../core/laws';
import { resolveModelLocal } from '../io/resolve';
import { readInputFile } from '../io/read';
import { resolveOptions } from './models';

const USAGE = `Usage: ml-config-lens recommend [CONFIG_FILE] [options]

Applies published LR / batch-size scaling laws (Step Law, DeepSeek, Power Scheduler, Kaplan, Chinchilla,
...) and fine-tuning guidance (LoRA, QLoRA, LoRA+, rsLoRA, LoRA Without Regret) to a training setup.

Options:
  --model REF                 config.json path (or folder), catalog id, or cached Hugging Face repo id
  --non-embedding-params N    non-embedding parameters (attention + MLP matrices), e.g. 6.5e9 or 6.5B
  --total-params N            all parameters including embeddings
  --tokens D                  training tokens (default: max_steps x batch tokens, or epochs x --dataset-tokens)
  --dataset-tokens N          tokens in one pass over the dataset
  --batch-tokens B            global batch in tokens (default: micro_batch x grad_accum x devices x seq_len)
  --seq-len S                 sequence length in tokens
  --devices N                 data-parallel devices (default 1)
  --learning-rate LR          the learning rate to compare (default: the config's learning_rate)
  --loss L                    training loss in nats/token, for Kaplan's critical batch
  --regime R                  pretrain | continued | full | lora (default: from the config)
  --json                      print {inputs, recommendations: [...]} as JSON`;

type NumFlag =
  | 'non-embedding-params'
  | 'total-params'
  | 'tokens'
  | 'dataset-tokens'
  | 'batch-tokens'
  | 'seq-len'
  | 'devices'
  | 'learning-rate'
  | 'loss';
const NUM_FLAGS: readonly NumFlag[] = [
  'non-embedding-params',
  'total-params',
  'tokens',
  'dataset-tokens',
  'batch-tokens',
  'seq-len',
  'devices',
  'learning-rate',
  'loss',
];

interface Args {
  config?: string;
  model?: string;
  regime?: Regime;
  json: boolean;
  nums: Partial<Record<NumFlag, number>>;
}

class UsageError extends Error {}

const SUFFIX: Record<string, number> = { K: 1e3, M: 1e6, B: 1e9, G: 1e9, T: 1e12 };

/** "6.5e9", "6.5B", "1.4T" → number; rejects anything else. */
export function parseCount(text: string, flag: string): number {
  const m = /^([0-9]*\.?[0-9]+(?:e[-+]?[0-9]+)?)([KMBGT]?)$/i.exec(text.trim());
  const n = m ? Number(m[1]) * (m[2] ? SUFFIX[m[2].toUpperCase()] : 1) : NaN;
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${flag} needs a positive number, got '${text}'`);
  return n;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { json: false, nums: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] =
      a.startsWith('--') && a.includes('=')
        ? [a.slice(2, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
        : [a.slice(2), undefined];
    const takeValue = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError(`--${flag} needs a value`);
      return v;
    };
    if (a === '--json') args.json = true;
    else if (!a.startsWith('-')) {
      if (args.config) throw new UsageError(`one CONFIG_FILE only (got '${args.config}' and '${a}')`);
      args.config = a;
    } else if (flag === 'model') args.model = takeValue();
    else if (flag === 'regime') {
      const r = takeValue();
      if (!(REGIMES as readonly string[]).includes(r))
        throw new UsageError(`--regime must be one of ${REGIMES.join(', ')}, got '${r}'`);
      args.regime = r as Regime;
    } else if ((NUM_FLAGS as readonly string[]).includes(flag))
      args.nums[flag as NumFlag] = parseCount(takeValue(), flag);
    else throw new UsageError(`unknown option '${a}'`);
  }
  return args;
}

function readConfig(path: string): ConfigShape {
  let text: string;
  try {
    text = readInputFile(path);
  } catch (err) {
    throw new UsageError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  try {
    return configShapeFromText(text, path);
  } catch (err) {
    if (err instanceof ConfigReadError) throw new UsageError(`${path}: ${err.message}`);
    throw err;
  }
}

/** Counts from --model (errors are usage errors) or the config's model (unresolvable = a note, not an error). */
function modelCounts(
  ref: string | undefined,
  explicit: boolean,
  notes: string[],
  configFile: string | undefined,
): ModelParams | undefined {
  if (!ref) return undefined;
  try {
    // --model is relative to the current directory; the config's own reference to the config's folder.
    const resolved = resolveModelLocal(ref, resolveOptions(explicit ? undefined : configFile));
    if (!resolved)
      throw new Error(
        `unknown model '${ref}': not a config.json path, catalog id or cached Hugging Face repo`,
      );
    notes.push(`model ${ref}: ${resolved.kind} ${resolved.location}`);
    return modelParamsForLaws(resolved.config as Record<string, unknown>);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    if (explicit) throw new UsageError(`--model: ${msg}`);
    notes.push(
      `model '${ref}' from the config could not be counted (${msg}); pass --model or --non-embedding-params`,
    );
    return undefined;
  }
}

function lawInputs(args: Args): { inputs: LawInputs; notes: string[] } {
  const cfg = args.config ? readConfig(args.config) : undefined;
  const notes: string[] = [];
  const model = modelCounts(args.model ?? cfg?.modelRef, Boolean(args.model), notes, args.config);
  const n = args.nums;
  const { inputs, derivation } = lawInputsFromConfig(cfg, model, {
    regime: args.regime,
    totalParams: n['total-params'],
    nonEmbeddingParams: n['non-embedding-params'],
    tokens: n.tokens,
    datasetTokens: n['dataset-tokens'],
    batchTokens: n['batch-tokens'],
    seqLen: n['seq-len'],
    devices: n.devices,
    learningRate: n['learning-rate'],
    lossNats: n.loss,
  });
  return { inputs, notes: [...derivation, ...notes] };
}

function toJson(inputs: LawInputs, notes: string[], results: LawResult[]): string {
  const recommendations = results.map((r) => ({
    law: r.law,
    title: r.title,
    source: r.source,
    learningRate: r.learningRate,
    batchSizeTokens: r.batchSizeTokens,
    batchSizeSequences: r.batchSizeSequences,
    formula: r.formula,
    inRange: r.inRange.inside,
    outOfRange: r.inRange.outOfRange,
    warnings: r.warnings,
    notes: r.notes,
    applies: r.applies,
    unverified: r.unverified,
    comparison: r.comparison,
  }));
  return JSON.stringify({ inputs: { ...inputs, derivation: notes }, recommendations }, null, 2);
}

export async function run(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  try {
    const args = parseArgs(argv);
    if (!args.config && !args.model && Object.keys(args.nums).length === 0)
      throw new UsageError(
        'give a CONFIG_FILE, --model, or numbers such as --non-embedding-params and --tokens',
      );
    const { inputs, notes } = lawInputs(args);
    const results = recommend(inputs);
    console.log(args.json ? toJson(inputs, notes, results) : renderRecommendations(results, inputs, notes));
    return 0;
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`ml-config-lens recommend: ${err.message}`);
    if (/unknown option|needs a value|give a CONFIG_FILE/.test(err.message)) console.error(`\n${USAGE}`);
    return 2;
  }
}
