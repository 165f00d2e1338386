// One call from "mapped config + resolved model" to everything the user sees: PEFT's parameter counts
// and the training-memory estimate, with the notes that explain the assumptions. Shared by the CLI
// and the editor so both show the same numbers.
import { estimateParameters, previewTargets, type ParameterEstimate } from '../estimator';
import { buildInventory } from '../estimator/inventory';
import { estimateTrainingMemory, type MemoryEstimate } from '../memory';
import { memoryInputFor } from '../memory/plan';
import type { ResolvedModel } from '../models/types';
import { adapterInputsFor } from './adapter-inputs';
import { expandAllLinear } from './expand';
import type { EstimatorInput } from './types';

export interface EstimateReport {
  model: { source: ResolvedModel['kind']; location: string };
  input: EstimatorInput;
  params: ParameterEstimate;
  memory: MemoryEstimate;
  notes: string[];
}

export interface ReportOverrides {
  taskType?: string | null;
  numLabels?: number;
}

/** Throws EstimateError (from the estimator) where PEFT itself would refuse the combination. */
export function buildEstimateReport(input: EstimatorInput, model: ResolvedModel, overrides: ReportOverrides = {}): EstimateReport {
  const taskType = overrides.taskType !== undefined ? overrides.taskType : input.taskType;
  const numLabels = overrides.numLabels ?? input.numLabels;
  const peft = input.extraTargets ? expandAllLinear(input, previewTargets(model.config, 'all-linear', { taskType, numLabels })) : input.peft;
  const params = estimateParameters(model.config, peft, { taskType, numLabels });
  const inventory = buildInventory(model.config, { taskType, numLabels });
  const modelConfig = model.config as Record<string, unknown>;
  const plan = memoryInputFor({
    trainableParams: params.trainableParams, totalParams: params.totalParams, peftType: params.method, inventory, training: input.training,
    modelConfig, adapters: adapterInputsFor(peft, inventory, params, modelConfig, { taskType, numLabels }),
  });
  const memory = estimateTrainingMemory(plan.input);
  return {
    model: { source: model.kind, location: model.location }, input, params, memory,
    notes: [...input.notes, ...plan.notes, ...memory.notes],
  };
}
