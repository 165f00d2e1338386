// One analysis of a config text that hovers, CodeLens, the status bar and the panel share:
// dialect → estimator input → model → trainable parameters → memory → learning-rate laws.
// It never throws: what cannot be computed is explained in `problems`.
import { parseDocument, isMap } from 'yaml';
import { mapDialectConfig, type DialectId } from '../dialects';
import type { EstimatorInput } from '../estimator-input';
import { buildEstimateReport } from '../estimator-input/report';
import type { ParameterEstimate } from '../estimator';
import type { MemoryEstimate } from '../memory';
import { matchCatalogModel } from '../models/catalog';
import type { ResolvedModel } from '../models/types';
import { configShapeFromInput, lawInputsFromConfig, modelParamsForLaws, recommend, type ConfigShape, type LawResult, type Regime } from '../laws';
import { loraScaling, type LoraScaling } from './lora-scaling';

export { loraScaling, type LoraScaling } from './lora-scaling';

export interface AnalysisOptions {
  dialect: DialectId;
  /** Finds a model's config.json (workspace path, HF cache, catalog...). Default: the bundled catalog. */
  resolveModel?: (ref: string) => ResolvedModel | undefined;
  /** A model to use instead of the one the config names (the panel's model picker). */
  modelOverride?: string;
}

export interface EffectiveBatch {
  sequences: number;
  tokens?: number;
  formula: string;
}

export interface ConfigAnalysis {
  dialect: DialectId;
  input?: EstimatorInput;
  modelRef?: string;
  model?: ResolvedModel;
  estimate?: ParameterEstimate;
  memory?: MemoryEstimate;
  memoryNotes: string[];
  regime?: Regime;
  laws: LawResult[];
  effectiveBatch?: EffectiveBatch;
  loraScaling?: LoraScaling;
  problems: string[];
}

const catalogOnly = (ref: string): ResolvedModel | undefined => {
  const match = matchCatalogModel(ref);
  if (!match) return undefined;
  return { config: match.entry.config, kind: 'catalog', location: match.entry.id, entry: match.entry, ...(match.note ? { note: match.note } : {}) };
};

export function analyzeConfigText(text: string, opts: AnalysisOptions): ConfigAnalysis {
  const result: ConfigAnalysis = { dialect: opts.dialect, memoryNotes: [], laws: [], problems: [] };
  const config = parseMapping(text, result);
  if (!config) return result;
  try {
    result.input = mapDialectConfig(config, opts.dialect);
  } catch (err) {
    result.problems.push(messageOf(err));
    return result;
  }
  const input = result.input;
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
    if (!result.model) result.problems.push(`model '${result.modelRef}' is not in the catalog, the workspace or the local Hugging Face cache`);
  }
  if (result.model) addModelDependent(result, input, result.model, shape);
  else result.laws = recommend(lawInputsFromConfig(shape, undefined).inputs);
  return result;
}

function addModelDependent(result: ConfigAnalysis, input: EstimatorInput, model: ResolvedModel, shape: ConfigShape): void {
  // The same report the CLI prints (Axolotl's lora_target_linear + listed names, memory plan, notes).
  const report = safe(() => buildEstimateReport(input, model), result.problems);
  if (report) {
    result.estimate = report.params;
    result.memory = report.memory;
    result.memoryNotes = report.memoryNotes;
  }
  const params = safe(() => modelParamsForLaws(model.config as Record<string, unknown>), result.problems);
  result.laws = recommend(lawInputsFromConfig(shape, params).inputs);
}

function effectiveBatch(input: EstimatorInput): EffectiveBatch | undefined {
  const t = input.training;
  if (!t.microBatchSize) return undefined;
  const accum = t.gradientAccumulationSteps ?? 1;
  const devices = t.devices ?? 1;
  const sequences = t.microBatchSize * accum * devices;
  const tokens = t.sequenceLength ? sequences * t.sequenceLength : undefined;
  const formula = `${t.microBatchSize} micro-batch × ${accum} accumulation × ${devices} device${devices === 1 ? '' : 's'}` +
    (t.devices ? '' : ' (devices not stated: 1 assumed)') + ` = ${sequences} sequences` +
    (tokens ? ` × ${t.sequenceLength} tokens = ${tokens.toLocaleString('en-US')} tokens per optimizer step` : '');
  return { sequences, tokens, formula };
}

function parseMapping(text: string, result: ConfigAnalysis): Record<string, unknown> | undefined {
  try {
    const doc = parseDocument(text, { strict: false, uniqueKeys: false });
    if (doc.errors.length > 0) {
      result.problems.push('the file has syntax errors; fix them to see estimates');
      return undefined;
    }
    if (!isMap(doc.contents)) {
      result.problems.push('the file is not a mapping of keys to values');
      return undefined;
    }
    return doc.toJS({ maxAliasCount: 1000 }) as Record<string, unknown>;
  } catch (err) {
    result.problems.push(messageOf(err));
    return undefined;
  }
}

function safe<T>(fn: () => T, problems: string[]): T | undefined {
  try {
    return fn();
  } catch (err) {
    problems.push(messageOf(err));
    return undefined;
  }
}

function messageOf(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0];
}
