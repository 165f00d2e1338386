// Activation memory of a transformer stack, Korthikanti et al. 2022, "Reducing Activation
// Recomputation in Large Transformer Models", arXiv 2205.05198 §4 (Eq. 1, Table 2): per layer, 16-bit
// activations, 1-byte dropout masks, no tensor/sequence parallelism.

import type { ActivationShape, MemoryComponent } from './types';

/** Bytes per layer without recomputation: s·b·h·(34 + 5·a·s/h) (arXiv 2205.05198 Eq. 1). */
export function korthikantiLayerBytes(s: number, b: number, h: number, a: number): number {
  return s * b * h * (34 + (5 * a * s) / h);
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

/** Full recomputation keeps only each layer's 16-bit input: 2·s·b·h per layer (Table 2). */
export function checkpointedLayerBytes(s: number, b: number, h: number): number {
  return 2 * s * b * h;
}

const COMMON_ASSUMPTIONS = [
  'derived for GPT-style layers (4h GeLU MLP, dropout); SwiGLU MLPs keep one more tensor, so treat as order of magnitude',
  'excludes the output-layer logits and loss buffers, which grow with the vocabulary size',
  'one device, no tensor or sequence parallelism',
];

/** The activations component for a training shape, with or without gradient checkpointing. */
export function activationComponent(shape: ActivationShape): MemoryComponent {
  const { seqLen: s, microBatch: b, hiddenSize: h, numHeads: a, numLayers: L } = shape;
  if (shape.gradientCheckpointing) {
    // Stored layer inputs for all L layers, plus one layer's full activations while it is recomputed.
    const bytes = L * checkpointedLayerBytes(s, b, h) + korthikantiLayerBytes(s, b, h, a);
    return {
      id: 'activations',
      label: 'Activations (gradient checkpointing)',
      bytes,
      formula: `2·s·b·h·L + s·b·h·(34 + 5·a·s/h) with s=${s}, b=${b}, h=${h}, a=${a}, L=${L}`,
      assumptions: ['full recomputation per layer: only layer inputs are kept, one layer is rebuilt at a time', ...COMMON_ASSUMPTIONS],
      source: 'Korthikanti et al. arXiv 2205.05198 Table 2 (full recompute) and Eq. 1',
    };
  }
  return {
    id: 'activations',
    label: 'Activations (no recomputation)',
    bytes: L * korthikantiLayerBytes(s, b, h, a),
    formula: `s·b·h·L·(34 + 5·a·s/h) with s=${s}, b=${b}, h=${h}, a=${a}, L=${L}`,
    assumptions: ['the attention score matrix is materialized (5·a·s² ·b bytes per layer); FlashAttention-style kernels avoid it', ...COMMON_ASSUMPTIONS],
    source: 'Korthikanti et al. arXiv 2205.05198 §4.1 Eq. 1',
  };
}
