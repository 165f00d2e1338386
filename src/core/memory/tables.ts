// Data tables for the memory estimate: bytes per parameter by dtype, and optimizer state sizes.

import type { WeightDtype } from './types';

/** Bits per quantized or plain parameter. NF4 with double quantization: QLoRA, arXiv 2305.14314 §3. */
export const BITS_PER_PARAM: Readonly<Record<WeightDtype, number>> = {
  fp32: 32,
  bf16: 16,
  fp16: 16,
  int8: 8,
  // 4-bit NF4 + double-quantized constants: an 8-bit absmax per block of 64 plus an fp32 constant per
  // 256 blocks = 8/64 + 32/(64·256) bit/param, "0.127 bits" in arXiv 2305.14314 §3 (kept unrounded here).
  nf4: 4 + 8 / 64 + 32 / (64 * 256),
  fp4: 4 + 8 / 64 + 32 / (64 * 256),
};

export interface OptimizerInfo {
  id: string;
  label: string;
  /** Full-size state tensors per trainable parameter (AdamW: m and v = 2). */
  states: number;
  /**
   * Element type of each state: `param` follows the parameter's dtype (torch.optim: zeros_like(param)),
   * `fp32` is fixed (bitsandbytes 32-bit), `8bit`/`4bit` are block-quantized codes plus one fp32 scale per block.
   */
  stateDtype: 'param' | 'fp32' | '8bit' | '4bit';
  /** Elements per quantization block (one fp32 scale each); 8/4-bit only. */
  block?: number;
  /** Second moment factored into row and column statistics (Adafactor): O(rows + cols) per matrix. */
  factored?: boolean;
  /** No gradient buffer: the update is fused into backward (LOMO, AdaLomo). */
  fusedUpdate?: boolean;
  /** Bytes of state per trainable parameter when the parameters are fp32 (kept for callers that read one number). */
  stateBytesPerParam: number;
  formula: string;
  source: string;
  /** bitsandbytes paged optimizer: states in CUDA unified memory (cudaMallocManaged), outside PyTorch's allocator. */
  paged: boolean;
}

const ADAM =
  'AdamW, Loshchilov & Hutter arXiv 1711.05101; torch.optim.AdamW keeps exp_avg, exp_avg_sq = zeros_like(param)';
const BNB8 =
  '8-bit optimizers, Dettmers et al. arXiv 2110.02861 (block-wise quantization, 256-element blocks with an fp32 absmax); bitsandbytes optim/optimizer.py Optimizer2State';
const BNB32 =
  'bitsandbytes optim/optimizer.py: optim_bits=32 keeps float32 states whatever the parameter dtype';
const PAGED =
  'paged optimizers, QLoRA arXiv 2305.14314 §3: states allocated with cudaMallocManaged (bitsandbytes functional.py get_paged), evicted to CPU RAM under pressure';
const TORCHAO =
  'pytorch/ao torchao/optim (AdamW8bit: 256-element blocks, AdamW4bit: 128-element blocks, fp32 scale per block); transformers adamw_torch_8bit/_4bit';

type Row = Omit<OptimizerInfo, 'stateBytesPerParam'>;

const ROWS: readonly Row[] = [
  {
    id: 'adamw',
    label: 'AdamW',
    states: 2,
    stateDtype: 'param',
    formula: '2 states (m, v) × param bytes × trainable',
    source: ADAM,
    paged: false,
  },
  {
    id: 'adamw-fp32',
    label: 'AdamW (fp32 states)',
    states: 2,
    stateDtype: 'fp32',
    formula: '(4 + 4) B × trainable (m, v)',
    source: `${ADAM}; ${BNB32}`,
    paged: false,
  },
  {
    id: 'adamw-8bit',
    label: 'AdamW 8-bit (bitsandbytes)',
    states: 2,
    stateDtype: '8bit',
    block: 256,
    formula: '2 × (1 + 4/256) B × trainable (8-bit m, v + block absmax)',
    source: BNB8,
    paged: false,
  },
  {
    id: 'adamw-torchao-8bit',
    label: 'AdamW 8-bit (torchao)',
    states: 2,
    stateDtype: '8bit',
    block: 256,
    formula: '2 × (1 + 4/256) B × trainable',
    source: TORCHAO,
    paged: false,
  },
  {
    id: 'adamw-torchao-4bit',
    label: 'AdamW 4-bit (torchao)',
    states: 2,
    stateDtype: '4bit',
    block: 128,
    formula: '2 × (0.5 + 4/128) B × trainable',
    source: TORCHAO,
    paged: false,
  },
  {
    id: 'paged-adamw',
    label: 'paged AdamW (fp32 states)',
    states: 2,
    stateDtype: 'fp32',
    formula: '(4 + 4) B × trainable, in CUDA unified memory',
    source: `${BNB32}; ${PAGED}`,
    paged: true,
  },
  {
    id: 'paged-adamw-8bit',
    label: 'paged AdamW 8-bit',
    states: 2,
    stateDtype: '8bit',
    block: 256,
    formula: '2 × (1 + 4/256) B × trainable, in CUDA unified memory',
    source: `${BNB8}; ${PAGED}`,
    paged: true,
  },
  {
    id: 'ademamix',
    label: 'AdEMAMix (fp32 states)',
    states: 3,
    stateDtype: 'fp32',
    formula: '3 × 4 B × trainable (m1, m2, v)',
    source: `AdEMAMix, Pagliardini et al. arXiv 2409.03137; ${BNB32}`,
    paged: false,
  },
  {
    id: 'ademamix-8bit',
    label: 'AdEMAMix 8-bit',
    states: 3,
    stateDtype: '8bit',
    block: 256,
    formula: '3 × (1 + 4/256) B × trainable',
    source: `arXiv 2409.03137; ${BNB8}`,
    paged: false,
  },
  {
    id: 'paged-ademamix',
    label: 'paged AdEMAMix (fp32 states)',
    states: 3,
    stateDtype: 'fp32',
    formula: '3 × 4 B × trainable, in CUDA unified memory',
    source: `arXiv 2409.03137; ${PAGED}`,
    paged: true,
  },
  {
    id: 'paged-ademamix-8bit',
    label: 'paged AdEMAMix 8-bit',
    states: 3,
    stateDtype: '8bit',
    block: 256,
    formula: '3 × (1 + 4/256) B × trainable, in CUDA unified memory',
    source: `arXiv 2409.03137; ${PAGED}`,
    paged: true,
  },
  {
    id: 'lion',
    label: 'Lion (fp32 momentum)',
    states: 1,
    stateDtype: 'fp32',
    formula: '4 B × trainable (one momentum)',
    source: `Lion, Chen et al. arXiv 2302.06675; ${BNB32}`,
    paged: false,
  },
  {
    id: 'lion-8bit',
    label: 'Lion 8-bit',
    states: 1,
    stateDtype: '8bit',
    block: 256,
    formula: '(1 + 4/256) B × trainable',
    source: `Lion arXiv 2302.06675; ${BNB8}`,
    paged: false,
  },
  {
    id: 'paged-lion',
    label: 'paged Lion (fp32 momentum)',
    states: 1,
    stateDtype: 'fp32',
    formula: '4 B × trainable, in CUDA unified memory',
    source: `arXiv 2302.06675; ${PAGED}`,
    paged: true,
  },
  {
    id: 'paged-lion-8bit',
    label: 'paged Lion 8-bit',
    states: 1,
    stateDtype: '8bit',
    block: 256,
    formula: '(1 + 4/256) B × trainable, in CUDA unified memory',
    source: `arXiv 2302.06675; ${PAGED}`,
    paged: true,
  },
  {
    id: 'sgd',
    label: 'SGD (no momentum)',
    states: 0,
    stateDtype: 'param',
    formula: '0 B (plain SGD keeps no state)',
    source: 'torch.optim.SGD with momentum=0 (its default; transformers optim="sgd")',
    paged: false,
  },
  {
    id: 'sgd-momentum',
    label: 'SGD with momentum',
    states: 1,
    stateDtype: 'param',
    formula: '1 momentum buffer × param bytes × trainable',
    source: 'torch.optim.SGD momentum>0',
    paged: false,
  },
  {
    id: 'one-state',
    label: 'one state per parameter (Adagrad/RMSprop)',
    states: 1,
    stateDtype: 'param',
    formula: '1 state × param bytes × trainable',
    source: 'torch.optim.Adagrad (sum), torch.optim.RMSprop (square_avg)',
    paged: false,
  },
  {
    id: 'rmsprop-8bit',
    label: 'RMSprop 8-bit (bitsandbytes)',
    states: 1,
    stateDtype: '8bit',
    block: 256,
    formula: '(1 + 4/256) B × trainable',
    source: BNB8,
    paged: false,
  },
  {
    id: 'rmsprop-32bit',
    label: 'RMSprop (bitsandbytes, fp32 state)',
    states: 1,
    stateDtype: 'fp32',
    formula: '4 B × trainable',
    source: BNB32,
    paged: false,
  },
  {
    id: 'three-states',
    label: 'AdamW + one more state (GrokAdamW)',
    states: 3,
    stateDtype: 'param',
    formula: '3 states × param bytes × trainable',
    source: 'GrokAdamW (grokadamw package): AdamW m, v plus a gradient EMA',
    paged: false,
  },
  {
    id: 'schedule-free',
    label: 'schedule-free AdamW/RAdam',
    states: 2,
    stateDtype: 'param',
    formula: '2 states (z, v) × param bytes × trainable',
    source:
      'Schedule-Free, Defazio et al. arXiv 2405.15682 (facebookresearch/schedule_free AdamWScheduleFree: z, exp_avg_sq)',
    paged: false,
  },
  {
    id: 'adafactor',
    label: 'Adafactor (factored second moment)',
    states: 0,
    stateDtype: 'param',
    factored: true,
    formula: 'param bytes × (Σ rows + cols over matrices + Σ vector params); no first moment (beta1 None)',
    source:
      'Adafactor, Shazeer & Stern arXiv 1804.04235 §3; transformers optimization.py Adafactor (exp_avg_sq_row/_col, beta1=None)',
    paged: false,
  },
  {
    id: 'lomo',
    label: 'LOMO (fused update, no state)',
    states: 0,
    stateDtype: 'param',
    fusedUpdate: true,
    formula: '0 B; the update is applied during backward, so no gradient buffer either',
    source: 'LOMO, Lv et al. arXiv 2306.09782',
    paged: false,
  },
  {
    id: 'adalomo',
    label: 'AdaLomo (fused update, factored state)',
    states: 0,
    stateDtype: 'param',
    factored: true,
    fusedUpdate: true,
    formula: 'param bytes × (Σ rows + cols); fused into backward, no gradient buffer',
    source: 'AdaLomo, Lv et al. arXiv 2310.10195',
    paged: false,
  },
];

function withBytes(r: Row): OptimizerInfo {
  return { ...r, stateBytesPerParam: stateBytes(r, 4) };
}

const OPTIMIZERS: readonly OptimizerInfo[] = ROWS.map(withBytes);

/** Bytes of optimizer state per trainable (unfactored) parameter stored in `paramBytes`-byte elements. */
export function stateBytes(
  o: Pick<OptimizerInfo, 'states' | 'stateDtype' | 'block'>,
  paramBytes: number,
): number {
  const scale = o.block ? 4 / o.block : 0;
  switch (o.stateDtype) {
    case 'param':
      return o.states * paramBytes;
    case 'fp32':
      return o.states * 4;
    case '8bit':
      return o.states * (1 + scale);
    case '4bit':
      return o.states * (0.5 + scale);
  }
}

/**
 * The names the dialects accept: transformers OptimizerNames (training_args.py), Axolotl's extra
 * names (optimi_adamw, ao_adamw_*, adopt_adamw), torchtune `_component_` paths (torch.optim.*,
 * bitsandbytes.optim.*, torchao.optim.*). GaLore/APOLLO keep projected low-rank states: sized as
 * AdamW, an upper bound.
 */
const ALIASES: ReadonlyArray<[RegExp, string]> = [
  [/^paged_?adamw?_?8_?bit$|pagedadamw8bit$/i, 'paged-adamw-8bit'],
  [/^paged_?adamw?(_32bit)?$|pagedadamw(32bit)?$/i, 'paged-adamw'],
  [/^paged_ademamix_8bit$|pagedademamix8bit$/i, 'paged-ademamix-8bit'],
  [/^paged_ademamix(_32bit)?$|pagedademamix(32bit)?$/i, 'paged-ademamix'],
  [/^ademamix_8bit$|\.ademamix8bit$/i, 'ademamix-8bit'],
  [/^ademamix$|\.ademamix$/i, 'ademamix'],
  [/^paged_lion_8bit$|pagedlion8bit$/i, 'paged-lion-8bit'],
  [/^paged_lion(_32bit)?$|pagedlion(32bit)?$/i, 'paged-lion'],
  [/^adamw_torch_8bit$|^ao_adamw_8bit$|torchao\..*adamw8bit$/i, 'adamw-torchao-8bit'],
  [/^adamw_torch_4bit$|^ao_adamw_4bit$|torchao\..*adamw4bit$/i, 'adamw-torchao-4bit'],
  [
    /^(adamw_bnb_8bit|adamw_8bit|adam8bit|adamw8bit|bnb\.?adamw8bit|galore_adamw_8bit(_layerwise)?)$|\.adamw8bit$|\.adam8bit$/i,
    'adamw-8bit',
  ],
  [/^lion_8bit$|\.lion8bit$/i, 'lion-8bit'],
  [/^lion(_32bit)?$|\.lion$/i, 'lion'],
  [/^adafactor$|\.adafactor$|^galore_adafactor(_layerwise)?$/i, 'adafactor'],
  [/^adalomo$/i, 'adalomo'],
  [/^lomo$/i, 'lomo'],
  [/^sgd$|\.sgd$|^schedule_free_sgd$/i, 'sgd'],
  [/^rmsprop_bnb_8bit$|\.rmsprop8bit$/i, 'rmsprop-8bit'],
  [/^rmsprop_bnb(_32bit)?$|bitsandbytes\.optim\.rmsprop(32bit)?$/i, 'rmsprop-32bit'],
  [/^(rmsprop|adagrad)$|\.(rmsprop|adagrad)$/i, 'one-state'],
  [/^grokadamw$/i, 'three-states'],
  [/^schedule_free_(adamw|radam)$|schedulefree/i, 'schedule-free'],
  [/^bitsandbytes\.optim\.(adamw|adam)(32bit)?$/i, 'adamw-fp32'],
  [/^adamw_anyprecision$/i, 'adamw-fp32'],
  [
    /^(adamw?(_torch(_fused)?|_hf|_apex_fused|_torch_xla|_torch_npu_fused)?|adam|optimi_adamw|adopt_adamw|stable_adamw|galore_adamw(_layerwise)?|apollo_adamw(_layerwise)?)$|\.adamw?$/i,
    'adamw',
  ],
];

/** The optimizer row for a configured name; undefined for names the table does not know. */
export function lookupOptimizer(name: string | undefined): OptimizerInfo | undefined {
  const key = (name ?? 'adamw_torch').trim();
  const hit = ALIASES.find(([re]) => re.test(key));
  return hit ? OPTIMIZERS.find((o) => o.id === hit[1]) : undefined;
}

export function optimizerById(id: string): OptimizerInfo {
  const row = OPTIMIZERS.find((o) => o.id === id);
  if (!row) throw new Error(`no optimizer row '${id}'`);
  return row;
}
