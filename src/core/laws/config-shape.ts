// A training config's text → the plain TrainingShape the laws read, plus the regime, the model
// reference and the LoRA rank/alpha. The estimator's dialect mapping (src/core/estimator-input) reads
// the file when its dialect is recognised; a minimal key map covers the rest.
import { detectDialect, dialectPlugin, mapDialectConfig } from '../dialects';
import { DialectMappingError, type EstimatorInput } from '../estimator-input';
import { configMapping, loadConfig, loaderFor, parseConfigDocument } from '../validate/document';
import type { TrainingShape } from './training-shape';
import type { Regime } from './types';

export interface ConfigShape {
  shape: TrainingShape;
  regime: Regime;
  regimeReason: string;
  modelRef?: string;
  loraRank?: number;
  loraAlpha?: number;
  /** How the file was read: a dialect's estimator mapping, or the minimal key map. */
  readAs: string;
}

export class ConfigReadError extends Error {}

/** Keys per field, first match wins; values must be positive numbers (numeric strings accepted). */
const KEYS = {
  learningRate: ['learning_rate', 'lr'],
  microBatch: ['micro_batch_size', 'per_device_train_batch_size', 'batch_size'],
  gradAccum: ['gradient_accumulation_steps'],
  seqLen: ['sequence_len', 'cutoff_len', 'max_seq_length', 'max_length', 'max_seq_len'],
  maxSteps: ['max_steps'],
  epochs: ['num_epochs', 'num_train_epochs', 'epochs'],
  loraRank: ['lora_r', 'lora_rank', 'r'],
  loraAlpha: ['lora_alpha'],
} as const;

type Obj = Record<string, unknown>;

function firstNumber(cfg: Obj, keys: readonly string[]): number | undefined {
  for (const k of keys) {
    const v = cfg[k];
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    if (Number.isFinite(n) && n > 0) return n;
  }
  return undefined;
}

function str(cfg: Obj, key: string): string | undefined {
  const v = cfg[key];
  return typeof v === 'string' && v.trim() ? v.trim().toLowerCase() : undefined;
}

/** The regime from the adapter/method keys; 'full' when nothing names an adapter. */
export function regimeOfConfig(cfg: Obj): { regime: Regime; reason: string } {
  const adapter = str(cfg, 'adapter');
  if (adapter) return { regime: 'lora', reason: `adapter: ${adapter}` };
  const ft = str(cfg, 'finetuning_type');
  if (ft === 'lora' || ft === 'oft') return { regime: 'lora', reason: `finetuning_type: ${ft}` };
  if (cfg.use_peft === true) return { regime: 'lora', reason: 'use_peft: true' };
  if (typeof cfg.peft_type === 'string') return { regime: 'lora', reason: `peft_type: ${cfg.peft_type}` };
  const builder = str(nested(cfg, 'model'), '_component_');
  if (builder && /lora/.test(builder)) return { regime: 'lora', reason: `model._component_: ${builder}` };
  if (str(cfg, 'stage') === 'pt' || cfg.pretraining_dataset !== undefined) {
    return {
      regime: 'continued',
      reason: cfg.pretraining_dataset !== undefined ? 'pretraining_dataset' : 'stage: pt',
    };
  }
  return { regime: 'full', reason: ft ? `finetuning_type: ${ft}` : 'no adapter in the config' };
}

/** torchtune nests the LR under `optimizer:`; read it there when the top level has none. */
function nested(cfg: Obj, key: string): Obj {
  const v = cfg[key];
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {};
}

function pos(n: number | undefined): number | undefined {
  return n !== undefined && Number.isFinite(n) && n > 0 ? n : undefined;
}

/** peft_type → regime: FULL and FREEZE train the base weights; any adapter (BitFit too) is LoRA-family. */
export function regimeOfPeftType(peftType: string): Regime {
  const type = peftType.toUpperCase();
  return type === 'FULL' || type === 'FREEZE' ? 'full' : 'lora';
}

/** The regime of a mapped config: full fine-tuning becomes continued pre-training on pre-training data. */
function regimeOfMapped(input: EstimatorInput, cfg: Obj): { regime: Regime; reason: string } {
  const type = String(input.peft.peft_type).toUpperCase();
  if (regimeOfPeftType(type) === 'lora')
    return { regime: 'lora', reason: `${input.dialect} adapter ${type}` };
  const raw = regimeOfConfig(cfg);
  return raw.regime === 'continued'
    ? raw
    : {
        regime: 'full',
        reason: `${input.dialect} ${type === 'FREEZE' ? 'freeze-tuning' : 'full fine-tuning'}`,
      };
}

/** The laws' view of a config already mapped by its dialect (`cfg` is the raw config, for the regime). */
export function configShapeFromInput(input: EstimatorInput, cfg: Obj): ConfigShape {
  const t = input.training;
  const { regime, reason } = regimeOfMapped(input, cfg);
  const peft = input.peft as Obj;
  return {
    shape: {
      learningRate: pos(t.learningRate),
      microBatch: pos(t.microBatchSize),
      gradAccum: pos(t.gradientAccumulationSteps),
      devices: pos(t.devices),
      seqLen: pos(t.sequenceLength),
      maxSteps: pos(t.maxSteps),
      epochs: pos(t.epochs),
      regime,
    },
    regime,
    regimeReason: reason,
    modelRef: input.modelRef,
    loraRank: firstNumber(peft, ['r', 'init_r']),
    loraAlpha: firstNumber(peft, ['lora_alpha']),
    readAs: `${input.dialect} (estimator mapping)`,
  };
}

/**
 * Through the pipeline's one parse and the dialect's loader; a duplicate key keeps the last value
 * (as PyYAML does) instead of stopping. `fileName` lets file-name rules and relative paths apply.
 */
export function configShapeFromText(text: string, fileName?: string): ConfigShape {
  const doc = parseConfigDocument(text);
  if (doc.errors.length > 0)
    throw new ConfigReadError(`not valid YAML/JSON: ${doc.errors[0].message.split('\n')[0]}`);
  const dialect = detectDialect(text, { fileName }).dialect;
  const { config, problem } = configMapping(
    loadConfig(doc, loaderFor(text, fileName, dialect ? dialectPlugin(dialect).loader : 'pyyaml')),
  );
  if (!config)
    throw new ConfigReadError(
      problem === 'the file is not a mapping of keys to values'
        ? 'the config must be a mapping of keys to values'
        : (problem ?? 'unreadable'),
    );
  const cfg = config as Obj;
  let fallback = 'minimal key map (dialect not recognised)';
  if (dialect) {
    try {
      return configShapeFromInput(mapDialectConfig(cfg, dialect), cfg);
    } catch (err) {
      if (!(err instanceof DialectMappingError)) throw err;
      fallback = `minimal key map (${dialect} mapping refused: ${err.message})`;
    }
  }
  return { ...minimalShape(cfg), readAs: fallback };
}

/** The small key map used when no dialect mapping applies. */
function minimalShape(cfg: Obj): Omit<ConfigShape, 'readAs'> {
  const { regime, reason } = regimeOfConfig(cfg);
  const maxSteps = firstNumber(cfg, KEYS.maxSteps);
  const shape: TrainingShape = {
    learningRate: firstNumber(cfg, KEYS.learningRate) ?? firstNumber(nested(cfg, 'optimizer'), ['lr']),
    microBatch: firstNumber(cfg, KEYS.microBatch),
    gradAccum: firstNumber(cfg, KEYS.gradAccum),
    seqLen: firstNumber(cfg, KEYS.seqLen) ?? firstNumber(nested(cfg, 'tokenizer'), ['max_seq_len']),
    maxSteps,
    epochs: firstNumber(cfg, KEYS.epochs),
    regime,
  };
  const model = cfg.base_model ?? cfg.model_name_or_path;
  return {
    shape,
    regime,
    regimeReason: reason,
    modelRef: typeof model === 'string' && model.trim() ? model.trim() : undefined,
    // torchtune puts the adapter's rank/alpha under `model:`.
    loraRank: firstNumber(cfg, KEYS.loraRank) ?? firstNumber(nested(cfg, 'model'), ['lora_rank']),
    loraAlpha: firstNumber(cfg, KEYS.loraAlpha) ?? firstNumber(nested(cfg, 'model'), ['lora_alpha']),
  };
}
