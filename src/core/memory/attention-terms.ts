// What one transformer layer keeps for backward, term by term, after Korthikanti et al. 2022,
// "Reducing Activation Recomputation in Large Transformer Models", arXiv 2205.05198 §4.1 (16-bit
// activations, 1-byte dropout masks, GPT layer with a 4h GeLU MLP). The table is the source of the
// 34 and the 5 in s·b·h·(34 + 5·a·s/h); memory-efficient attention drops the rows marked `scores`.

export interface ActivationTerm {
  block: 'attention' | 'mlp' | 'norm';
  tensor: string;
  /** Bytes = coef × s·b·h (coef × a·s²·b when `scores`). */
  coef: number;
  /** An s×s tensor per head: FlashAttention never materializes it (Dao et al. arXiv 2205.14135 §3.1). */
  scores?: boolean;
  /**
   * Input of a Linear layer whose only use in backward is that layer's weight gradient: with a frozen
   * base and no adapter on that layer, autograd does not need it (dL/dx = dL/dy·Wᵀ needs only W).
   */
  frozenLinearInput?: boolean;
}

export const KORTHIKANTI_TERMS: readonly ActivationTerm[] = [
  { block: 'attention', tensor: 'QKV projection input', coef: 2, frozenLinearInput: true },
  { block: 'attention', tensor: 'Q and K (inputs of QKᵀ)', coef: 4 },
  { block: 'attention', tensor: 'softmax output', coef: 2, scores: true },
  { block: 'attention', tensor: 'attention dropout mask', coef: 1, scores: true },
  { block: 'attention', tensor: 'dropout output (input of the ·V product)', coef: 2, scores: true },
  { block: 'attention', tensor: 'V', coef: 2 },
  { block: 'attention', tensor: 'output projection input', coef: 2, frozenLinearInput: true },
  { block: 'attention', tensor: 'output dropout mask', coef: 1 },
  { block: 'mlp', tensor: 'first Linear input', coef: 2, frozenLinearInput: true },
  { block: 'mlp', tensor: 'GeLU input', coef: 8 },
  { block: 'mlp', tensor: 'second Linear input', coef: 8, frozenLinearInput: true },
  { block: 'mlp', tensor: 'MLP dropout mask', coef: 1 },
  { block: 'norm', tensor: 'two LayerNorm inputs', coef: 4 },
];

const sumOf = (pick: (t: ActivationTerm) => boolean): number =>
  KORTHIKANTI_TERMS.filter(pick).reduce((sum, t) => sum + t.coef, 0);

/** 34: every s·b·h term (arXiv 2205.05198 Eq. 1). */
export const SBH_COEF = sumOf((t) => !t.scores);
/** 5: the a·s²·b terms (softmax 2, dropout mask 1, dropout output 2). */
export const SCORES_COEF = sumOf((t) => t.scores === true);
/** 14 of the 34: inputs of the four Linear layers, needed only for their weight gradients. */
export const FROZEN_LINEAR_INPUT_COEF = sumOf((t) => t.frozenLinearInput === true);

/** Bytes per layer without recomputation: s·b·h·(34 + 5·a·s/h) (arXiv 2205.05198 Eq. 1). */
export function korthikantiLayerBytes(s: number, b: number, h: number, a: number): number {
  return s * b * h * (34 + (5 * a * s) / h);
}

/**
 * Memory-efficient attention (SDPA flash/efficient kernels, FlashAttention 2/3): Korthikanti's terms
 * without the s² rows, plus the fp32 log-sum-exp per query row and head (4·a·s·b bytes) that the
 * kernel keeps to recompute the softmax in backward (arXiv 2205.14135 Alg. 1-2).
 */
export function memoryEfficientLayerBytes(s: number, b: number, h: number, a: number): number {
  return SBH_COEF * s * b * h + 4 * a * s * b;
}

/** Selective recomputation of the attention core (≈ FlashAttention): 34·s·b·h per layer (Table 2). */
export function selectiveLayerBytes(s: number, b: number, h: number): number {
  return 34 * s * b * h;
}

/**
 * Megatron-LM's d_ff-aware form of the selective case: s·b·h·(18 + 4·d_ff/h) per layer
 * (NVIDIA/Megatron-LM theoretical_memory_usage.py, "Table 2 of 2205.05198").
 */
export function megatronSelectiveLayerBytes(s: number, b: number, h: number, dff: number): number {
  return s * b * h * (18 + (4 * dff) / h);
}

/** Full recomputation keeps only each layer's input: s·b·h elements in the compute dtype (Table 2: 2·s·b·h in 16 bit). */
export function checkpointedLayerBytes(s: number, b: number, h: number, bytesPerElement = 2): number {
  return bytesPerElement * s * b * h;
}
