// One call from "mapped config + resolved model" to everything the user sees: PEFT's parameter counts
// and the training-memory estimate, with the notes that explain the assumptions. Shared by the CLI
// and the editor so both show the same numbers.
import { estimateParameters, previewTargets, type ParameterEstimate } from '../estimator';
import { buildInventory } from '../estimator/inventory';
import { estimateTrainingMemory, type MemoryEstimate, type MemoryInput } from '../memory';
import { memoryInputFor } from '../memory/plan';
import type { ResolvedModel } from '../models/types';
import { adapterInputsFor } from './adapter-inputs';
import { expandAllLinear } from './expand';
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
  const expanded = input.extraTargets
    ? expandAllLinear(input, previewTargets(model.config, 'all-linear', opts))
    : input.peft;
  const vision = input.visionSwitches
    ? applyVisionSwitches(expanded, input.visionSwitches, model.config, opts)
    : { peft: expanded };
  const peft = vision.peft;
  const params = estimateParameters(model.config, peft, opts);
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
