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
  /** Bytes of optimizer state per trainable parameter. */
  stateBytesPerParam: number;
  formula: string;
  source: string;
  paged: boolean;
}

const ADAM = 'AdamW, Loshchilov & Hutter arXiv 1711.05101; states m, v in fp32 (ZeRO arXiv 1910.02054 §3.1)';
const ADAM8 = '8-bit optimizers, Dettmers et al. arXiv 2110.02861 (block-wise quantized states)';

const OPTIMIZERS: readonly OptimizerInfo[] = [
  { id: 'adamw', label: 'AdamW (fp32 states)', stateBytesPerParam: 8, formula: '(4 + 4) B × trainable (m, v)', source: ADAM, paged: false },
  { id: 'adamw-8bit', label: 'AdamW 8-bit (bitsandbytes)', stateBytesPerParam: 2, formula: '(1 + 1) B × trainable (8-bit m, v)', source: ADAM8, paged: false },
  { id: 'paged-adamw', label: 'paged AdamW (fp32 states)', stateBytesPerParam: 8, formula: '(4 + 4) B × trainable, pageable to CPU', source: `${ADAM}; paged optimizers: QLoRA arXiv 2305.14314 §3`, paged: true },
  { id: 'paged-adamw-8bit', label: 'paged AdamW 8-bit', stateBytesPerParam: 2, formula: '(1 + 1) B × trainable, pageable to CPU', source: `${ADAM8}; paged optimizers: QLoRA arXiv 2305.14314 §3`, paged: true },
  { id: 'lion', label: 'Lion (fp32 momentum)', stateBytesPerParam: 4, formula: '4 B × trainable (one momentum)', source: 'Lion, Chen et al. arXiv 2302.06675', paged: false },
  { id: 'lion-8bit', label: 'Lion 8-bit', stateBytesPerParam: 1, formula: '1 B × trainable', source: `Lion arXiv 2302.06675; ${ADAM8}`, paged: false },
  { id: 'sgd', label: 'SGD (no momentum)', stateBytesPerParam: 0, formula: '0 B (plain SGD keeps no state)', source: 'torch.optim.SGD with momentum=0', paged: false },
  { id: 'sgd-momentum', label: 'SGD with momentum', stateBytesPerParam: 4, formula: '4 B × trainable (momentum buffer)', source: 'torch.optim.SGD momentum>0', paged: false },
  { id: 'adafactor', label: 'Adafactor (factored)', stateBytesPerParam: 0, formula: '≈ 0 B: factored second moment is O(rows + cols) per matrix, no momentum by default', source: 'Adafactor, Shazeer & Stern arXiv 1804.04235', paged: false },
];

/** Maps the names frameworks use (HF `optim`, Axolotl, torchtune components) to a table row. */
const ALIASES: ReadonlyArray<[RegExp, string]> = [
  [/^paged_?adamw?_?8_?bit$|pagedadamw8bit$/i, 'paged-adamw-8bit'],
  [/^paged_?adamw?(_32bit)?$|pagedadamw(32bit)?$/i, 'paged-adamw'],
  [/^(adamw_bnb_8bit|adamw_8bit|adam8bit|adamw8bit|bnb\.?adamw8bit)$|\.adamw8bit$|\.adam8bit$/i, 'adamw-8bit'],
  [/^paged_lion_8bit$|lion_8bit$|\.lion8bit$/i, 'lion-8bit'],
  [/^lion(_32bit)?$|\.lion$/i, 'lion'],
  [/^adafactor$|\.adafactor$/i, 'adafactor'],
  [/^sgd$|\.sgd$/i, 'sgd'],
  [/^(adamw?(_torch(_fused)?|_hf|_apex_fused|_torch_xla|_torch_npu_fused)?|adam)$|\.adamw?$/i, 'adamw'],
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
