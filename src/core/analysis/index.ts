// One analysis of a config text that hovers, CodeLens, the status bar and the panel share:
// dialect → estimator input → model → trainable parameters → memory → learning-rate laws.
// It never throws: what cannot be computed is explained in `problems`.
import { detectDialect, dialectPlugin, mapDialectConfig, type DialectId } from '../dialects';
import type { MergeEstimate } from '../merge/estimate';
import type { RelatedFile, SweepReport } from '../sweep/report';
import type { EstimatorInput, TrainingShape } from '../estimator-input';
import { buildEstimateReport, type ReportOverrides } from '../estimator-input/report';
import type { ParameterEstimate } from '../estimator';
import type { MemoryEstimate, MemoryInput } from '../memory';
import { matchCatalogModel } from '../models/catalog';
import type { ResolvedModel } from '../models/types';
import {
  configShapeFromInput,
  lawInputsFromConfig,
  modelParamsForLaws,
  recommend,
  type ConfigShape,
  type LawInputs,
  type LawOverrides,
  type LawResult,
  type Regime,
} from '../laws';
import { withLinked, type LinkedInputs } from '../links/linked';
import { configMapping, loadConfig, loaderFor, parseConfigDocument } from '../validate/document';
import { loraScaling, type LoraScaling } from './lora-scaling';
import { messageOf, safe } from './problems';

export { loraScaling, type LoraScaling } from './lora-scaling';

export interface AnalysisOptions {
  dialect: DialectId;
  /** Finds a model's config.json (workspace path, HF cache, catalog...). Default: the bundled catalog. */
  resolveModel?: (ref: string) => ResolvedModel | undefined;
  /** A model to use instead of the one the config names (the panel's model picker). */
  modelOverride?: string;
  /** task_type / num_labels given by the user (CLI --task-type), winning over the config's. */
  report?: ReportOverrides;
  /** Law inputs given directly (the panel's training tokens D). */
  lawOverrides?: LawOverrides;
  /** Training settings given by the user (CLI --devices), merged over the config's. */
  training?: Partial<TrainingShape>;
  /** Reads a file the config names (a sweep's training config), through the io layer; absent = no file access. */
  readRelated?: (path: string) => RelatedFile;
  /** The training config a sweep runs, chosen by the user (wins over its `command`). */
  trainingConfig?: string;
  /** What the config's linked files (DeepSpeed, FSDP, the Accelerate launch config) set; under `training`. */
  linked?: LinkedInputs;
}

export interface EffectiveBatch {
  sequences: number;
  tokens?: number;
  formula: string;
}

export interface ConfigAnalysis {
  dialect: DialectId;
  /** The typed config as the framework's loader reads it. */
  config?: Record<string, unknown>;
  input?: EstimatorInput;
  modelRef?: string;
  model?: ResolvedModel;
  estimate?: ParameterEstimate;
  memory?: MemoryEstimate;
  /** The memory estimate's input (the panel redraws it at other micro-batch sizes). */
  memoryInput?: MemoryInput;
  memoryNotes: string[];
  regime?: Regime;
  /** What the laws were given (the panel's law chart reads it). */
  lawInputs?: LawInputs;
  laws: LawResult[];
  effectiveBatch?: EffectiveBatch;
  loraScaling?: LoraScaling;
  /** A mergekit config's merge estimate (its dialect's own analysis). */
  merge?: MergeEstimate;
  /** A W&B sweep's runs, training config and learning-rate range against the laws. */
  sweep?: SweepReport;
  problems: string[];
}

const catalogOnly = (ref: string): ResolvedModel | undefined => {
  const match = matchCatalogModel(ref);
  if (!match) return undefined;
  return {
    config: match.entry.config,
    kind: 'catalog',
    location: match.entry.id,
    entry: match.entry,
    ...(match.note ? { note: match.note } : {}),
  };
};

/** Text → the one parse and the dialect loader's typed config → analyzeConfig (the pipeline passes the config it already has). */
export function analyzeConfigText(
  text: string,
  opts: AnalysisOptions & { fileName?: string },
): ConfigAnalysis {
  const loaded = loadConfig(
    parseConfigDocument(text),
    loaderFor(text, opts.fileName, dialectPlugin(opts.dialect).loader),
  );
  const { config, problem } = configMapping(loaded);
  return analyzeConfig(config, opts, problem);
}

/** The analysis of a typed config (undefined = unreadable, with `problem` saying why). */
export function analyzeConfig(
  config: Record<string, unknown> | undefined,
  opts: AnalysisOptions,
  problem?: string,
): ConfigAnalysis {
  const result: ConfigAnalysis = { dialect: opts.dialect, config, memoryNotes: [], laws: [], problems: [] };
  if (!config) {
    result.problems.push(problem ?? 'the file is not a mapping of keys to values');
    return result;
  }
  const own = dialectPlugin(opts.dialect).analyse;
  if (own) return { ...result, ...safe(() => own(config, ownContext(opts)), result.problems) };
  try {
    const mapped = mapDialectConfig(config, opts.dialect);
    const linked = opts.linked?.notes.length
      ? {
          ...mapped,
          training: withLinked(mapped.training, opts.linked),
          notes: [...mapped.notes, ...opts.linked.notes],
        }
      : mapped;
    result.input = opts.training ? { ...linked, training: { ...linked.training, ...opts.training } } : linked;
  } catch (err) {
    result.problems.push(messageOf(err));
    return result;
  }
  return analyzeInput(result.input, config, opts, result);
}

/** What a dialect's own analysis may use: the model resolver, the file reader, this pipeline for a related config. */
function ownContext(opts: AnalysisOptions) {
  const resolveModel = opts.resolveModel ?? catalogOnly;
  return {
    resolveModel,
    readRelated: opts.readRelated,
    chosenTrainingConfig: opts.trainingConfig,
    analyseText: (text: string, fileName: string): ConfigAnalysis | undefined => {
      const dialect = detectDialect(text, { fileName }).dialect;
      // Only training configs: a sweep naming a sweep or a merge would recurse.
      if (!dialect || dialectPlugin(dialect).analyse) return undefined;
      return analyzeConfigText(text, { dialect, resolveModel, fileName });
    },
  };
}

/**
 * Everything after the dialect mapping, for a (possibly what-if) estimator input: model, parameters,
 * memory, laws. The editor, the CLI and the panel all reach their numbers through here.
 */
export function analyzeInput(
  input: EstimatorInput,
  config: Record<string, unknown>,
  opts: AnalysisOptions,
  result: ConfigAnalysis = { dialect: opts.dialect, input, memoryNotes: [], laws: [], problems: [] },
): ConfigAnalysis {
  // The laws module decides the regime and its inputs, so the editor and `ml-config-lens recommend` agree.
  const shape = configShapeFromInput(input, config);
  result.loraScaling = loraScaling(input.peft);
  result.regime = shape.regime;
  result.effectiveBatch = effectiveBatch(input);
  result.modelRef = opts.modelOverride ?? input.modelRef;
  if (!result.modelRef) {
    result.problems.push('the config names no base model; pick one to see parameter counts');
  } else {
    result.model = safe(() => (opts.resolveModel ?? catalogOnly)(result.modelRef as string), result.problems);
    if (!result.model)
      result.problems.push(
        `model '${result.modelRef}' is not in the catalog, the workspace or the local Hugging Face cache`,
      );
  }
  if (result.model) addModelDependent(result, input, result.model, shape, opts);
  else setLaws(result, shape, undefined, opts);
  return result;
}

function setLaws(
  result: ConfigAnalysis,
  shape: ConfigShape,
  params: ReturnType<typeof modelParamsForLaws> | undefined,
  opts: AnalysisOptions,
): void {
  result.lawInputs = lawInputsFromConfig(shape, params, opts.lawOverrides).inputs;
  result.laws = recommend(result.lawInputs);
}

function addModelDependent(
  result: ConfigAnalysis,
  input: EstimatorInput,
  model: ResolvedModel,
  shape: ConfigShape,
  opts: AnalysisOptions,
): void {
  // The same report the CLI prints (Axolotl's lora_target_linear + listed names, memory plan, notes).
  const report = safe(() => buildEstimateReport(input, model, opts.report), result.problems);
  if (report) {
    result.estimate = report.params;
    result.memory = report.memory;
    result.memoryInput = report.memoryInput;
    result.memoryNotes = report.memoryNotes;
  }
  const params = safe(() => modelParamsForLaws(model.config as Record<string, unknown>), result.problems);
  setLaws(result, shape, params, opts);
}

function effectiveBatch(input: EstimatorInput): EffectiveBatch | undefined {
  const t = input.training;
  if (!t.microBatchSize) return undefined;
  const accum = t.gradientAccumulationSteps ?? 1;
  const devices = t.devices ?? 1;
  const sequences = t.microBatchSize * accum * devices;
  const tokens = t.sequenceLength ? sequences * t.sequenceLength : undefined;
  const formula =
    `${t.microBatchSize} micro-batch × ${accum} accumulation × ${devices} device${devices === 1 ? '' : 's'}` +
    (t.devices ? '' : ' (devices not stated: 1 assumed)') +
    ` = ${sequences} sequences` +
    (tokens
      ? ` × ${t.sequenceLength} tokens = ${tokens.toLocaleString('en-US')} tokens per optimizer step`
      : '');
  return { sequences, tokens, formula };
}
