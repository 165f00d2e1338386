// Types of the training-memory estimate. Every component carries its formula, the assumptions behind
// it and the paper it comes from, because the numbers are estimates, not measurements.

export type WeightDtype = 'fp32' | 'bf16' | 'fp16' | 'int8' | 'nf4' | 'fp4';
export type ComputeDtype = 'fp32' | 'bf16' | 'fp16';
/** What attention stores for backward: eager keeps the s×s scores, sdpa/flash do not (arXiv 2205.14135). */
export type AttentionKind = 'eager' | 'sdpa' | 'flash';

export interface ActivationShape {
  /** Sequence length s (tokens). */
  seqLen: number;
  /** Micro-batch size b (sequences per device per step). */
  microBatch: number;
  hiddenSize: number;
  numLayers: number;
  numHeads: number;
  /** FFN width; only used for Megatron's d_ff-aware selective-recomputation form. */
  ffnSize?: number;
  gradientCheckpointing: boolean;
  /** Attention kernel; undefined = eager (Korthikanti's s² term kept). */
  attention?: AttentionKind;
  /** Where the attention choice comes from: the config line, or the default assumed. */
  attentionSetting?: string;
  /** Attention-probability dropout, when known (model config.json or training config). */
  attentionDropout?: number;
  /** Bytes per element of the compute dtype (2 for bf16/fp16, 4 for fp32); default 2. */
  computeBytes?: number;
  /** True when the base weights are frozen (PEFT): how the activation terms are read is noted. */
  frozenBase?: boolean;
  /** Output-layer width (vocabulary) of a causal-LM head; undefined = no logits component. */
  vocabSize?: number;
  /** Config line of a fused linear + cross-entropy; the full logits are then not materialized. */
  fusedCrossEntropy?: string;
  /** LoRA adapters whose inputs are kept on top of the layer terms; undefined = not estimated. */
  adapters?: AdapterInputs;
}

/** LoRA adapters' own saved inputs (PEFT lora/layer.py Linear.forward). */
export interface AdapterInputs {
  /** Adapted Linear modules. */
  modules: number;
  /** Σ in_features over the adapted modules (all layers). */
  inputFeatures: number;
  /** The largest Σ in_features of one layer (what one recomputed layer holds under checkpointing). */
  maxLayerInputFeatures: number;
  rank: number;
  dropout: number;
  /** bitsandbytes base layers: under autocast PEFT does not cast the input to the adapter dtype. */
  quantizedBase?: boolean;
}

/** ZeRO-style partitioning over data-parallel devices (Rajbhandari et al. arXiv 1910.02054 §5). */
export interface ShardingInput {
  /** 1: optimizer states (and fp32 master weights); 2: + gradients; 3: + weights. 0 = replicated. */
  stage: 0 | 1 | 2 | 3;
  devices: number;
  /** The config line that states it. */
  setting: string;
}

export interface MemoryInput {
  /** Parameters in PEFT's `total` (base model plus everything the adapter adds). */
  totalParams: number;
  /** Parameters that receive gradients. */
  trainableParams: number;
  /** True when the base weights themselves train (full fine-tuning, freeze, BitFit). */
  trainsBaseWeights: boolean;
  /** Storage dtype of the frozen base weights (`nf4`/`int8` = bitsandbytes quantization). */
  weightDtype: WeightDtype;
  /** Frozen base parameters inside Linear layers that bitsandbytes quantizes (lm_head excluded). */
  quantizedLinearParams?: number;
  /** Compute dtype of mixed-precision training; fp32 means no mixed precision. */
  computeDtype: ComputeDtype;
  /** Optimizer name as the config states it (HF `optim`, torchtune component, ...). */
  optimizer?: string;
  activations?: ActivationShape;
  /** Per-device numbers under ZeRO/FSDP sharding; absent = one device holds everything. */
  sharding?: ShardingInput;
}

export interface MemoryComponent {
  id: 'weights' | 'master-weights' | 'gradients' | 'optimizer' | 'activations' | 'adapter-activations' | 'logits';
  label: string;
  bytes: number;
  formula: string;
  assumptions: string[];
  /** arXiv id or code path the formula comes from. */
  source: string;
}

export interface MemoryEstimate {
  kind: 'estimate';
  /** Bytes per device when `sharding` is set (activations are never sharded across data-parallel ranks). */
  components: MemoryComponent[];
  totalBytes: number;
  /** Formatted total, decimal GB (1 GB = 1e9 B) and binary GiB. */
  totalGB: number;
  totalGiB: number;
  notes: string[];
}
