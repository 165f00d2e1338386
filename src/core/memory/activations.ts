// Activation memory of a transformer stack (Korthikanti et al. arXiv 2205.05198, term table in
// attention-terms.ts) for the attention kernel the config uses, with or without gradient
// checkpointing, and the logits the loss keeps. No tensor or sequence parallelism.

import {
  checkpointedLayerBytes, FROZEN_LINEAR_INPUT_COEF, korthikantiLayerBytes, memoryEfficientLayerBytes,
} from './attention-terms';
import type { ActivationShape, AttentionKind, MemoryComponent } from './types';

export {
  checkpointedLayerBytes, korthikantiLayerBytes, megatronSelectiveLayerBytes, memoryEfficientLayerBytes, selectiveLayerBytes,
} from './attention-terms';

const FLASH = 'FlashAttention, Dao et al. arXiv 2205.14135';
const KORTHIKANTI = 'Korthikanti et al. arXiv 2205.05198 §4.1 Eq. 1';

interface LayerForm { bytes: number; formula: string; assumption: string; source: string; kind: AttentionKind }

/** One layer's stored activations for the attention kernel in use. */
function layerForm(shape: ActivationShape): LayerForm {
  const { seqLen: s, microBatch: b, hiddenSize: h, numHeads: a } = shape;
  const kind: AttentionKind = shape.attention ?? 'eager';
  const via = shape.attentionSetting ? ` (${shape.attentionSetting})` : '';
  if (kind === 'eager') {
    const p = shape.attentionDropout;
    const dropout = p === 0
      ? 'attention dropout 0 stores no mask, but transformers\' eager softmax runs in fp32 (4 B per score) before the cast, so 5 B per score is kept'
      : 'softmax output, dropout mask and dropout output per score (2 + 1 + 2 B)';
    return {
      kind,
      bytes: korthikantiLayerBytes(s, b, h, a),
      formula: 's·b·h·(34 + 5·a·s/h)',
      assumption: `eager attention${via}: the a·s×s score matrices are materialized (5·a·s²·b bytes per layer); ${dropout}`,
      source: KORTHIKANTI,
    };
  }
  return {
    kind,
    bytes: memoryEfficientLayerBytes(s, b, h, a),
    formula: '34·s·b·h + 4·a·s·b',
    assumption: `${kind === 'sdpa' ? 'SDPA' : 'FlashAttention-class'} attention${via}: no s×s matrix is stored, only Q, K, V, the output and an fp32 log-sum-exp per row; the dropout mask, if any, is regenerated in backward`
      + (kind === 'sdpa' ? '; with padded batches transformers passes one b×s×s mask shared by all layers (≈ 2·b·s² bytes, not included), and SDPA\'s math fallback (no fused kernel for the device or dtype) materializes the scores like eager' : ''),
    source: `${KORTHIKANTI} without the 5·a·s²·b score terms; ${FLASH} §3.1`,
  };
}

function commonAssumptions(shape: ActivationShape): string[] {
  const out = [
    'derived for GPT-style layers (4h GeLU MLP, dropout); SwiGLU MLPs keep one more tensor, so treat as order of magnitude',
    'one device, no tensor or sequence parallelism',
  ];
  if ((shape.computeBytes ?? 2) === 4) out.push('fp32 training keeps 4-byte activations: the 16-bit terms here are about half of that');
  if (shape.frozenBase) {
    out.push(`frozen base (PEFT): all terms kept. Backprop to the adapters runs through every layer above the lowest adapter, which needs Q, K, V, the activation-function and norm inputs; the inputs of frozen Linear layers without an adapter (${FROZEN_LINEAR_INPUT_COEF}·s·b·h of the 34) are needed only for weight gradients and may be freed, so this is an upper bound when few modules carry adapters`);
  }
  return out;
}

function vars(shape: ActivationShape): string {
  const { seqLen: s, microBatch: b, hiddenSize: h, numHeads: a, numLayers: L } = shape;
  return `s=${s}, b=${b}, h=${h}, a=${a}, L=${L}`;
}

/** The activations component for a training shape, with or without gradient checkpointing. */
export function activationComponent(shape: ActivationShape): MemoryComponent {
  const { seqLen: s, microBatch: b, hiddenSize: h, numLayers: L } = shape;
  const layer = layerForm(shape);
  if (shape.gradientCheckpointing) {
    const c = shape.computeBytes ?? 2;
    // Each layer's input is kept in the compute dtype; one layer is rebuilt at a time in backward.
    return {
      id: 'activations',
      label: `Activations (${layer.kind} attention, gradient checkpointing)`,
      bytes: L * checkpointedLayerBytes(s, b, h, c) + layer.bytes,
      formula: `${c}·s·b·h·L + ${layer.formula} with ${vars(shape)}`,
      assumptions: ['full recomputation per layer: only layer inputs are kept, one layer is rebuilt at a time', layer.assumption, ...commonAssumptions(shape)],
      source: `Korthikanti et al. arXiv 2205.05198 Table 2 (full recompute); ${layer.source}`,
    };
  }
  return {
    id: 'activations',
    label: `Activations (${layer.kind} attention, no recomputation)`,
    bytes: L * layer.bytes,
    formula: `L·${layer.formula} with ${vars(shape)}`,
    assumptions: [layer.assumption, ...commonAssumptions(shape)],
    source: layer.source,
  };
}

/**
 * Logits and loss buffers of a causal-LM head: the lm_head output in the compute dtype, its fp32 copy
 * for the loss and the fp32 log-softmax cross_entropy keeps for backward (transformers loss_utils.py
 * ForCausalLMLoss upcasts with logits.float()). Undefined when there is no vocabulary-wide output or
 * a fused linear cross-entropy never builds it.
 */
export function logitsComponent(shape: ActivationShape): MemoryComponent | undefined {
  const V = shape.vocabSize;
  if (!V || shape.fusedCrossEntropy) return undefined;
  const { seqLen: s, microBatch: b } = shape;
  const c = shape.computeBytes ?? 2;
  const upcast = c < 4 ? 4 : 0;
  const perElement = c + upcast + 4;
  return {
    id: 'logits',
    label: 'Logits and loss (output layer)',
    bytes: s * b * V * perElement,
    formula: `s·b·V·(${c}${upcast ? ' + 4' : ''} + 4) with s=${s}, b=${b}, V=${V}`,
    assumptions: [
      `${c}-byte logits from the output layer${upcast ? ', a 4-byte fp32 copy for the loss' : ''} and the 4-byte log-softmax kept for backward`,
      'backward briefly adds an fp32 gradient of the same shape; fused linear cross-entropy (Liger arXiv 2410.10989, Cut Cross-Entropy arXiv 2411.09009) avoids all of it',
    ],
    source: 'huggingface/transformers loss/loss_utils.py ForCausalLMLoss (logits.float() then cross_entropy)',
  };
}
