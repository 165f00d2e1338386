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
  /** Autocast over fp32 weights: 16-bit matmul inputs, but LayerNorm and softmax run (and save) in fp32. */
  autocast?: boolean;
  /** The config line offloading saved activations to CPU RAM (with checkpointing: the layer inputs). */
  activationOffloading?: string;
  /** torchtune CEWithChunkedOutputLoss: fp32 upcast one chunk at a time. */
  chunkedLoss?: { setting: string; chunks: number };
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
  /** DoRA (use_dora): Σ out_features of the adapted modules (all layers, and the widest layer). */
  dora?: { outputFeatures: number; maxLayerOutputFeatures: number };
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
  /** The largest of those Linear weights: the 16-bit tensor being quantized at load. */
  largestQuantizedLinear?: number;
  /** Compute dtype of mixed-precision training; fp32 means no mixed precision. */
  computeDtype: ComputeDtype;
  /** Optimizer name as the config states it (HF `optim`, torchtune component, ...). */
  optimizer?: string;
  activations?: ActivationShape;
  /** Per-device numbers under ZeRO/FSDP sharding; absent = one device holds everything. */
  sharding?: ShardingInput;
  /**
   * What the framework stores in which dtype (precision.ts). Absent = ZeRO's mixed-precision reading:
   * 16-bit trainable weights with an fp32 master copy (arXiv 1910.02054 §3.1).
   */
  precision?: PrecisionPlan;
  /** torchtune `optimizer_in_bwd`: each parameter is stepped as its gradient is ready, then the gradient is freed. */
  optimizerInBackward?: boolean;
  /** Matrix shapes of the trainable weights, for factored optimizer states (Adafactor); absent = not known. */
  factored?: FactoredShapes;
  /** Components moved to CPU RAM (DeepSpeed offload_optimizer / offload_param, FSDP offload_params). */
  offload?: OffloadInput;
  /** Trainable params inside Linear layers (what autocast casts for matmuls); absent = all trainable. */
  matmulParams?: number;
  /** Largest single trainable tensor (elements): the gradient optimizer_in_bwd holds at once, the ZeRO-3 gather unit floor. */
  largestParam?: number;
  /** ZeRO-3/FSDP working set: parameters gathered unsharded at once (the root module, one transformer layer). */
  gatherUnits?: { rootParams: number; layerParams: number };
  /**
   * The model's parameter tensors as [elements, how many] (weights and biases, tied ones once), and
   * whether all of them train (full fine-tuning): the caching allocator's rounding band (allocator.ts).
   */
  paramTensors?: { sizes: Array<[number, number]>; allTrain: boolean };
}

/** Σ(rows + cols) over the trainable matrices and the element count of the trainable vectors. */
export interface FactoredShapes {
  matrixRowsPlusCols: number;
  vectorParams: number;
  /** Trainable params inside matrices (the rest are vectors). */
  matrixParams: number;
}

export interface OffloadInput {
  /** Optimizer states (and the fp32 master copy) live in CPU RAM and are stepped there. */
  optimizer: boolean;
  /** Weights (and gradients) live in CPU RAM; one gathered unit is on the GPU at a time. */
  params: boolean;
  /** The config line that says so. */
  setting: string;
}

export type StoreDtype = 'fp32' | 'bf16' | 'fp16';

/** Which dtype each training-state tensor is stored in, as the framework decides it. */
export interface PrecisionPlan {
  /** Storage dtype of the trainable weights (full fine-tuning). */
  trainableWeights: StoreDtype;
  /** Storage dtype of frozen (base) weights: the load dtype. */
  frozenWeights: StoreDtype;
  /** Storage dtype of PEFT adapter weights: fp32 under HF (PEFT autocast_adapter_dtype), the run's dtype under torchtune/DeepSpeed. */
  adapterWeights: StoreDtype;
  /** An extra fp32 copy of the trainable weights for the update (DeepSpeed, Megatron), or none. */
  master: 'fp32' | null;
  gradients: StoreDtype;
  /** Dtype that dtype-following optimizers (torch AdamW: zeros_like(param)) keep their states in. */
  optimizerStates: StoreDtype;
  /** Activations' element dtype: 'amp' = autocast over fp32 weights (16-bit matmul inputs, fp32 norms and softmax). */
  activations: StoreDtype | 'amp';
  /** Autocast keeps a 16-bit cast of every fp32 weight used in a matmul until backward (torch autocast weight cache). */
  autocastWeightCopy: boolean;
  /** One line naming the framework rule, e.g. "torchtune dtype: bf16 — pure bf16, no fp32 master". */
  basis: string;
  /** file:line at a pinned release (or paper) that decides it. */
  source: string;
}

export interface MemoryComponent {
  id:
    | 'weights'
    | 'master-weights'
    | 'gradients'
    | 'optimizer'
    | 'activations'
    | 'adapter-activations'
    | 'logits'
    | 'autocast-weights'
    | 'gathered-weights'
    | 'cuda-context';
  label: string;
  bytes: number;
  formula: string;
  assumptions: string[];
  /** arXiv id or code path the formula comes from. */
  source: string;
  /** Element dtype of the stored tensors ("bf16", "fp32", "int8 + fp32 block scales", ...). */
  dtype?: string;
  /**
   * Where it lives: `gpu` (PyTorch's caching allocator, in `components`), `unified` (CUDA unified memory
   * outside the allocator: bitsandbytes paged optimizers), `device` (the CUDA context), `host` (CPU RAM).
   */
  placement?: 'gpu' | 'unified' | 'device' | 'host';
}

/**
 * Three readings of "GPU memory" a run reports: torch.cuda.max_memory_allocated (the sum of
 * `components`), max_memory_reserved and what nvidia-smi shows (+ unified memory outside the
 * allocator + the CUDA context). Reserved is a band from the caching allocator's segment rounding
 * (allocator.ts): `reservedBytes` its low edge (= allocated), `reservedHighBytes` its high edge;
 * fragmentation from reusing freed blocks depends on allocation order, not on the config.
 */
export interface MemoryRange {
  allocatedBytes: number;
  /** Low edge of max_memory_reserved: every tensor fills its segment (= allocated). */
  reservedBytes: number;
  /** High edge of max_memory_reserved: + the segment rounding of every allocation (allocator.ts). */
  reservedHighBytes: number;
  /** The assumption behind the reserved band. */
  reservedBasis: string;
  /** nvidia-smi's "used": reserved + paged (unified-memory) optimizer states + CUDA context (low edge). */
  deviceBytes: number;
  /** nvidia-smi's "used" from the reserved band's high edge. */
  deviceHighBytes: number;
  /** Which of the three `totalBytes` is. */
  headline: 'allocated';
}

export interface MemoryEstimate {
  kind: 'estimate';
  /** Bytes per device when `sharding` is set (activations are never sharded across data-parallel ranks). */
  components: MemoryComponent[];
  totalBytes: number;
  /** Formatted total, decimal GB (1 GB = 1e9 B) and binary GiB. */
  totalGB: number;
  totalGiB: number;
  /** Peak allocated, reserved and nvidia-smi readings; `totalBytes` is the allocated peak. */
  range: MemoryRange;
  /** What is counted on the device outside `components`: unified memory (paged optimizers), the CUDA context. */
  outside: MemoryComponent[];
  /** CPU RAM the run needs for offloaded components (DeepSpeed/FSDP offload), per process. */
  host: MemoryComponent[];
  hostBytes: number;
  /** QLoRA/8-bit load: the peak while quantizing, when it exceeds the training peak (else undefined). */
  loadPeakBytes?: number;
  /** The precision rule applied (which dtype holds what, and the code that decides it). */
  precision: PrecisionPlan;
  notes: string[];
}
