// One call from "mapped config + resolved model" to everything the user sees: PEFT's parameter counts
// and the training-memory estimate, with the notes that explain the assumptions. Shared by the CLI
// and the editor so both show the same numbers.
import { EstimateError, estimateParameters, type ParameterEstimate } from '../estimator';
import { buildInventory } from '../estimator/inventory';
import { estimateTrainingMemory, type MemoryEstimate, type MemoryInput } from '../memory';
import { memoryInputFor } from '../memory/plan';
import type { ResolvedModel } from '../models/types';
import { adapterInputsFor } from './adapter-inputs';
import { axolotlLeafNote, axolotlLinearLeaves, expandAxolotlLinear } from './axolotl-linear';
import { applyVisionSwitches } from './llamafactory-vision';
import type { EstimatorInput, PeftConfig, TrainingShape } from './types';

export interface EstimateReport {
  model: { source: ResolvedModel['kind']; location: string };
  input: EstimatorInput;
  params: ParameterEstimate;
  memory: MemoryEstimate;
  /** What the memory estimate was computed from (the panel redraws it at other micro-batch sizes). */
  memoryInput: MemoryInput;
  /** The memory plan's assumptions and the estimate's own notes (a subset of `notes`). */
  memoryNotes: string[];
  notes: string[];
}

export interface ReportOverrides {
  taskType?: string | null;
  numLabels?: number;
  /** The transformers release the run uses, and where that came from (a setting, --transformers-version). */
  transformersVersion?: string;
  transformersVersionSource?: string;
}

/** Throws EstimateError (from the estimator) where PEFT itself would refuse the combination. */
export function buildEstimateReport(
  input: EstimatorInput,
  model: ResolvedModel,
  overrides: ReportOverrides = {},
): EstimateReport {
  const taskType = overrides.taskType !== undefined ? overrides.taskType : input.taskType;
  const numLabels = overrides.numLabels ?? input.numLabels;
  const opts = {
    taskType,
    numLabels,
    transformersVersion: overrides.transformersVersion,
    transformersVersionSource: overrides.transformersVersionSource,
  };
  const leaves = input.extraTargets ? axolotlLinearLeaves(model.config, opts) : undefined;
  const expanded = leaves ? expandAxolotlLinear(input, leaves) : input.peft;
  const leafNote = leaves && axolotlLeafNote(model.config, leaves, opts);
  const vision = input.visionSwitches
    ? applyVisionSwitches(expanded, input.visionSwitches, model.config, opts)
    : { peft: expanded, note: leafNote };
  const peft = vision.peft;
  const params = withNote(() => estimateParameters(model.config, peft, opts), leafNote);
  const plan = memoryPlanFor(model.config, peft, params, input.training, opts);
  const memory = estimateTrainingMemory(plan.input);
  const memoryNotes = [...plan.notes, ...memory.notes];
  return {
    model: { source: model.kind, location: model.location },
    input,
    params,
    memory,
    memoryInput: plan.input,
    memoryNotes,
    notes: [...input.notes, ...(vision.note ? [vision.note] : []), ...memoryNotes],
  };
}

/** PEFT's refusal with the reason the dialect's own expansion led there, when there is one. */
function withNote<T>(count: () => T, note: string | undefined): T {
  try {
    return count();
  } catch (e) {
    if (note && e instanceof EstimateError) throw new EstimateError(`${e.message} ${note}`);
    throw e;
  }
}

/**
 * The memory input for a counted setup: the model's inventory, the training shape, and the LoRA
 * adapters' own activations. The CLI report, the editor and the panel all size memory through this.
 */
export function memoryPlanFor(
  config: Record<string, unknown>,
  peft: PeftConfig,
  params: ParameterEstimate,
  training: TrainingShape,
  opts: { taskType?: string | null; numLabels?: number; transformersVersion?: string },
): { input: MemoryInput; notes: string[] } {
  const inventory = buildInventory(config, opts);
  return memoryInputFor({
    trainableParams: params.trainableParams,
    totalParams: params.totalParams,
    peftType: params.method,
    inventory,
    training,
    modelConfig: config,
    adapters: adapterInputsFor(peft, inventory, params, config, opts),
  });
}
