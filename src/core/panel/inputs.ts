// Seeds the panel's controls from a config's estimator input, and turns the controls back into the
// training shape the memory and law code read.
import type { EstimatorInput, TrainingShape } from '../estimator-input/types';
import { findPanelMethod, methodIdOf, targetsText } from './methods';
import { shardingChoiceOf } from './sharding';
import type { PanelInputs, PanelTraining } from './types';

/** What the panel shows for a config with no model: the catalog's Llama-2-7B, so numbers appear at once. */
export const DEFAULT_MODEL_REF = 'meta-llama/Llama-2-7b-hf';

export function defaultInputs(): PanelInputs {
  return {
    modelRef: DEFAULT_MODEL_REF,
    method: 'LORA',
    rank: 8,
    alpha: 16,
    targets: 'q_proj, v_proj',
    training: {
      dtype: 'bf16',
      quantization: 'none',
      optimizer: 'adamw_torch',
      gradientCheckpointing: false,
      sequenceLength: 2048,
      microBatchSize: 1,
    },
  };
}

const numberOf = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;

export function inputsFromEstimatorInput(input: EstimatorInput, modelRef: string | undefined): PanelInputs {
  const t = input.training;
  const method = methodIdOf(input.peft, t.loadIn4bit === true);
  const m = findPanelMethod(method);
  const p = input.peft;
  const training: PanelTraining = {
    sequenceLength: t.sequenceLength,
    microBatchSize: t.microBatchSize,
    gradientAccumulationSteps: t.gradientAccumulationSteps,
    devices: t.devices,
    sharding: shardingChoiceOf(t.sharding),
    maxSteps: t.maxSteps,
    learningRate: t.learningRate,
    dtype: t.dtype ?? 'bf16',
    quantization: t.loadIn4bit ? '4bit' : t.loadIn8bit ? '8bit' : 'none',
    optimizer: t.optimizer ?? 'adamw_torch',
    gradientCheckpointing: t.gradientCheckpointing ?? false,
  };
  return dropUndefined({
    modelRef: modelRef ?? DEFAULT_MODEL_REF,
    method,
    rank: m?.rankField ? numberOf(p[m.rankField]) : undefined,
    alpha: m?.alphaField ? numberOf(p[m.alphaField]) : undefined,
    targets: targetsText(p.target_modules),
    numVirtualTokens: numberOf(p.num_virtual_tokens),
    freezeLayers: numberOf(p.freeze_trainable_layers),
    training: dropUndefined(training),
  });
}

/** The estimator's TrainingShape for the controls (QLoRA forces a 4-bit base). */
export function trainingShapeOf(inputs: PanelInputs): TrainingShape {
  const t = inputs.training;
  const q = findPanelMethod(inputs.method)?.forces4bit ? '4bit' : t.quantization;
  return {
    sequenceLength: t.sequenceLength,
    microBatchSize: t.microBatchSize,
    gradientAccumulationSteps: t.gradientAccumulationSteps,
    devices: t.devices,
    dtype: t.dtype,
    loadIn4bit: q === '4bit',
    loadIn8bit: q === '8bit',
    optimizer: t.optimizer,
    gradientCheckpointing: t.gradientCheckpointing,
    learningRate: t.learningRate,
    maxSteps: t.maxSteps,
  };
}

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * The inputs the panel shows for the document it follows: inputs restored from the webview's saved
 * state only when they were saved for this same document, else the document's own values. (A panel
 * tab re-created in the configs' editor group restores the state of the file it showed before; using
 * it for another file put one file's name over another file's numbers.)
 */
export function seedInputs(
  followed: { uri: string; input?: EstimatorInput } | undefined,
  restored?: { inputs: PanelInputs | null; docUri?: string | null },
): PanelInputs {
  if (restored?.inputs && (restored.docUri ?? undefined) === followed?.uri) return restored.inputs;
  const input = followed?.input;
  return input ? inputsFromEstimatorInput(input, input.modelRef) : defaultInputs();
}
