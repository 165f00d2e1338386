// What the estimator needs from a training config, whatever its dialect: the base model reference, the
// adapter as a PEFT adapter_config, the task type, and the training shape that drives memory.
import type { DialectId } from '../dialects';

/** adapter_config.json shape; pseudo peft_types FULL, FREEZE, BITFIT, BOTTLENECK cover non-PEFT methods. */
export type PeftConfig = Record<string, unknown> & { peft_type: string };

export type TrainDtype = 'bf16' | 'fp16' | 'fp32';

/**
 * How attention is computed, by what it stores for backward: `eager` materializes the s×s scores,
 * `sdpa` (PyTorch scaled_dot_product_attention) and `flash` (FlashAttention 2/3, flex, xformers
 * kernels) do not (Dao et al. arXiv 2205.14135).
 */
export type AttentionKind = 'eager' | 'sdpa' | 'flash';

/** Data-parallel sharding as the config states it: ZeRO stage 1/2/3 (arXiv 1910.02054 §5) or FSDP's equivalent. */
export interface ShardingSetting {
  framework: 'deepspeed' | 'fsdp';
  stage: 0 | 1 | 2 | 3;
  /** The config line that says so, e.g. "deepspeed: deepspeed_configs/zero3_bf16.json". */
  setting: string;
  /** Parameters or optimizer states offloaded to CPU RAM. */
  offload?: boolean;
  /** What moves to CPU RAM when `offload` (DeepSpeed offload_optimizer / offload_param, FSDP offload_params). */
  offloadOptimizer?: boolean;
  offloadParams?: boolean;
  /** Devices the states are sharded over, when the config says (Axolotl dp_shard_size). */
  shardDevices?: number;
  /** Tensor/context parallel degrees the config states; noted, not modelled. */
  otherParallel?: string;
}

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
  /** Attention implementation the config chooses; undefined = the framework default. */
  attention?: AttentionKind;
  /** The config line that chose it ("attn_implementation: flash_attention_2"). */
  attentionSetting?: string;
  /** Attention-probability dropout where the config states it (fine-tuning usually uses 0). */
  attentionDropout?: number;
  /** Fused linear + cross-entropy (Liger, Cut Cross-Entropy): the full logits are never materialized. */
  fusedCrossEntropy?: string;
  sharding?: ShardingSetting;
  /** Whose precision rules apply (memory/precision.ts); undefined = ZeRO's mixed-precision reading. */
  precisionFramework?: 'torchtune' | 'hf' | 'llamafactory';
  /** dtype the model is loaded in (torch_dtype, or what the launcher derives from its flags). */
  modelDtype?: TrainDtype;
  /** LLaMA-Factory pure_bf16: trainable weights stay bf16. */
  pureBf16?: boolean;
  /** torchtune optimizer_in_bwd: no gradient buffer for the whole model. */
  optimizerInBackward?: boolean;
  /** The config line that offloads saved activations to CPU (torchtune enable_activation_offloading, Axolotl gradient_checkpointing: offload). */
  activationOffloading?: string;
  /** Loss that never holds fp32 logits for the whole batch: torchtune's chunked CE (n chunks). */
  chunkedLoss?: { setting: string; chunks: number };
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
   * Set when Axolotl's lora_target_linear is on: what lora_target_modules listed (possibly nothing), to
   * unite with the model's Linear leaf names once the model is known (axolotl-linear.ts expandAxolotlLinear).
   */
  extraTargets?: string[];
  /** LLaMA-Factory's vision-language switches, applied once the model is known (llamafactory-vision.ts). */
  visionSwitches?: {
    freezeVisionTower: boolean;
    freezeMultiModalProjector: boolean;
    freezeLanguageModel: boolean;
    targetAll: boolean;
  };
  /** Facts about the mapping a user should know (framework defaults applied, keys not understood). */
  notes: string[];
}

export class DialectMappingError extends Error {}
