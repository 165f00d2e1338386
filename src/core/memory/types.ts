// Types of the training-memory estimate. Every component carries its formula, the assumptions behind
// it and the paper it comes from, because the numbers are estimates, not measurements.

export type WeightDtype = 'fp32' | 'bf16' | 'fp16' | 'int8' | 'nf4' | 'fp4';
export type ComputeDtype = 'fp32' | 'bf16' | 'fp16';

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
}

export interface MemoryComponent {
  id: 'weights' | 'master-weights' | 'gradients' | 'optimizer' | 'activations';
  label: string;
  bytes: number;
  formula: string;
  assumptions: string[];
  /** arXiv id or code path the formula comes from. */
  source: string;
}

export interface MemoryEstimate {
  kind: 'estimate';
  components: MemoryComponent[];
  totalBytes: number;
  /** Formatted total, decimal GB (1 GB = 1e9 B) and binary GiB. */
  totalGB: number;
  totalGiB: number;
  notes: string[];
}
