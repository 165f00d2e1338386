// What the estimator needs from a training config, whatever its dialect: the base model reference, the
// adapter as a PEFT adapter_config, the task type, and the training shape that drives memory.
import type { DialectId } from '../dialects';

/** adapter_config.json shape; pseudo peft_types FULL, FREEZE, BITFIT, BOTTLENECK cover non-PEFT methods. */
export type PeftConfig = Record<string, unknown> & { peft_type: string };

export type TrainDtype = 'bf16' | 'fp16' | 'fp32';

/** Training settings as the config states them; undefined = not stated (the framework default applies). */
export interface TrainingShape {
  sequenceLength?: number;
  microBatchSize?: number;
  gradientAccumulationSteps?: number;
  devices?: number;
  dtype?: TrainDtype;
  loadIn4bit?: boolean;
  loadIn8bit?: boolean;
  optimizer?: string;
  gradientCheckpointing?: boolean;
  learningRate?: number;
  maxSteps?: number;
  epochs?: number;
}

export interface EstimatorInput {
  dialect: DialectId;
  /** base_model / model_name_or_path / torchtune builder mapped to a catalog id; undefined when absent. */
  modelRef?: string;
  peft: PeftConfig;
  taskType: string | null;
  numLabels?: number;
  training: TrainingShape;
  /**
   * Names to add to `all-linear` (Axolotl's lora_target_linear plus lora_target_modules): PEFT has no
   * spelling for "all-linear and these", so callers that know the model expand it with expandAllLinear.
   */
  extraTargets?: string[];
  /** Facts about the mapping a user should know (framework defaults applied, keys not understood). */
  notes: string[];
}

export class DialectMappingError extends Error {}
