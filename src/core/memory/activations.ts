// Activation memory of a transformer stack (Korthikanti et al. arXiv 2205.05198, term table in
// attention-terms.ts) for the attention kernel the config uses, with or without gradient
// checkpointing, and the logits the loss keeps. No tensor or sequence parallelism.

import { checkpointedLayerBytes, FROZEN_LINEAR_INPUT_COEF } from './attention-terms';
import type { ActivationShape, AttentionKind, MemoryComponent } from './types';

export {
  checkpointedLayerBytes,
  korthikantiLayerBytes,
  megatronSelectiveLayerBytes,
  memoryEfficientLayerBytes,
  selectiveLayerBytes,
} from './attention-terms';

const FLASH = 'FlashAttention, Dao et al. arXiv 2205.14135';
const KORTHIKANTI = 'Korthikanti et al. arXiv 2205.05198 §4.1 Eq. 1';

interface LayerForm {
  bytes: number;
  formula: string;
  assumption: string;
  source: string;
  kind: AttentionKind;
}

/**
 * Element widths of the stored tensors: Korthikanti's 34·s·b·h and 5·a·s²·b assume 16-bit tensors and
 * 1-byte dropout masks (2 of the 34, 1 of the 5). fp32 training doubles every tensor but the masks:
 * 32·2 + 2 = 66 and 4·2 + 1 = 9. Autocast over fp32 weights keeps 16-bit matmul inputs, but
 * layer_norm and softmax are on autocast's fp32 list (aten/src/ATen/autocast_mode.cpp), so the two
 * LayerNorm inputs are fp32 (+4·s·b·h) and each score keeps an fp32 softmax output, the mask and the
 * 16-bit copy the ·V matmul saves (4 + 1 + 2 = 7).
 */
function widths(shape: ActivationShape): { sbh: number; scores: number; note?: string } {
  if ((shape.computeBytes ?? 2) === 4)
    return {
      sbh: 66,
      scores: 9,
      note: 'fp32 activations: every stored tensor is 4-byte (masks stay 1-byte): 66·s·b·h and 9 B per score',
    };
  if (shape.autocast)
    return {
      sbh: 38,
      scores: 7,
      note: 'autocast over fp32 weights: LayerNorm inputs and softmax outputs are fp32 (autocast fp32 op list), matmul inputs 16-bit: 38·s·b·h and 7 B per score',
    };
  return { sbh: 34, scores: 5 };
}

/** One layer's stored activations for the attention kernel in use. */
function layerForm(shape: ActivationShape): LayerForm {
  const { seqLen: s, microBatch: b, hiddenSize: h, numHeads: a } = shape;
  const kind: AttentionKind = shape.attention ?? 'eager';
  const via = shape.attentionSetting ? ` (${shape.attentionSetting})` : '';
  const w = widths(shape);
  if (kind === 'eager') {
    const p = shape.attentionDropout;
    const dropout =
      w.scores !== 5
        ? (w.note as string)
        : p === 0
          ? "attention dropout 0 stores no mask, but transformers' eager softmax runs in fp32 (4 B per score) before the cast, so 5 B per score is kept"
          : 'softmax output, dropout mask and dropout output per score (2 + 1 + 2 B)';
    return {
      kind,
      bytes: s * b * h * w.sbh + w.scores * a * s * s * b,
      formula: `s·b·h·(${w.sbh} + ${w.scores}·a·s/h)`,
      assumption: `eager attention${via}: the a·s×s score matrices are materialized (${w.scores}·a·s²·b bytes per layer); ${dropout}`,
      source: KORTHIKANTI,
    };
  }
  return {
    kind,
    bytes: w.sbh * s * b * h + 4 * a * s * b,
    formula: `${w.sbh}·s·b·h + 4·a·s·b`,
    assumption:
      `${kind === 'sdpa' ? 'SDPA' : 'FlashAttention-class'} attention${via}: no s×s matrix is stored, only Q, K, V, the output and an fp32 log-sum-exp per row; the dropout mask, if any, is regenerated in backward` +
      (kind === 'sdpa'
        ? "; with padded batches transformers passes one b×s×s mask shared by all layers (≈ 2·b·s² bytes, not included), and SDPA's math fallback (no fused kernel for the device or dtype) materializes the scores like eager"
        : '') +
      (w.note ? `; ${w.note}` : ''),
    source: `${KORTHIKANTI} without the 5·a·s²·b score terms; ${FLASH} §3.1`,
  };
}

function commonAssumptions(shape: ActivationShape): string[] {
  const out = [
    'derived for GPT-style layers (4h GeLU MLP, dropout); SwiGLU MLPs keep one more tensor, so treat as order of magnitude',
    'one device, no tensor or sequence parallelism',
  ];
  if (shape.frozenBase) {
    out.push(
      `frozen base (PEFT): all terms kept. Backprop to the adapters runs through every layer above the lowest adapter, which needs Q, K, V, the activation-function and norm inputs; the inputs of frozen Linear layers without an adapter (${FROZEN_LINEAR_INPUT_COEF}·s·b·h of the 34) are needed only for weight gradients and may be freed, so this is an upper bound when few modules carry adapters`,
    );
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
    if (shape.activationOffloading) {
      // The checkpointed layer inputs go to CPU RAM as they are saved and come back one layer ahead of
      // backward (torchtune training/_activation_offloading.py:24 OffloadActivations @ v0.6.1).
      return {
        id: 'activations',
        label: `Activations (${layer.kind} attention, checkpointing + offloading to CPU)`,
        bytes: 2 * checkpointedLayerBytes(s, b, h, c) + layer.bytes,
        formula: `2·${c}·s·b·h (layer inputs in flight) + ${layer.formula} with ${vars(shape)}; ${c}·s·b·h·L in CPU RAM`,
        assumptions: [
          `${shape.activationOffloading}: saved layer inputs live in CPU RAM, two are on the GPU at a time`,
          layer.assumption,
          ...commonAssumptions(shape),
        ],
        source: `pytorch/torchtune torchtune/training/_activation_offloading.py:24 @ v0.6.1; ${layer.source}`,
        dtype: c === 4 ? 'fp32' : '16-bit',
        placement: 'gpu',
      };
    }
    // Each layer's input is kept in the compute dtype; one layer is rebuilt at a time in backward.
    return {
      id: 'activations',
      label: `Activations (${layer.kind} attention, gradient checkpointing)`,
      bytes: L * checkpointedLayerBytes(s, b, h, c) + layer.bytes,
      formula: `${c}·s·b·h·L + ${layer.formula} with ${vars(shape)}`,
      assumptions: [
        'full recomputation per layer: only layer inputs are kept, one layer is rebuilt at a time',
        layer.assumption,
        ...commonAssumptions(shape),
      ],
      source: `Korthikanti et al. arXiv 2205.05198 Table 2 (full recompute); ${layer.source}`,
      dtype: c === 4 ? 'fp32' : shape.autocast ? 'autocast (16-bit, fp32 norms/softmax)' : '16-bit',
      placement: 'gpu',
    };
  }
  return {
    id: 'activations',
    label: `Activations (${layer.kind} attention, no recomputation)`,
    bytes: L * layer.bytes,
    formula: `L·${layer.formula} with ${vars(shape)}`,
    assumptions: [layer.assumption, ...commonAssumptions(shape)],
    source: layer.source,
    dtype:
      (shape.computeBytes ?? 2) === 4
        ? 'fp32'
        : shape.autocast
          ? 'autocast (16-bit, fp32 norms/softmax)'
          : '16-bit',
    placement: 'gpu',
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
  if (shape.chunkedLoss) {
    // Chunked CE keeps every chunk's 16-bit logits and fp32 log-softmax; the fp32 upcast lives one chunk at a time.
    const k = shape.chunkedLoss.chunks;
    const ls = c < 4 ? 4 : 0;
    return {
      id: 'logits',
      label: `Logits and loss (chunked, ${k} chunks)`,
      bytes: s * b * V * (c + 4 + ls / k),
      formula: `s·b·V·(${c} + 4${ls ? ` + 4/${k}` : ''}) with s=${s}, b=${b}, V=${V}`,
      assumptions: [
        `${shape.chunkedLoss.setting}: the output projection and the fp32 cross-entropy run per chunk; the log-softmax of every chunk is kept for backward`,
      ],
      source:
        'pytorch/torchtune torchtune/modules/loss/ce_chunked_output_loss.py:30,42 and modules/transformer.py:482 chunked_output @ v0.6.1',
      dtype: `${c === 4 ? 'fp32' : '16-bit'} logits, fp32 log-softmax`,
      placement: 'gpu',
    };
  }
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
    source:
      'huggingface/transformers loss/loss_utils.py ForCausalLMLoss (logits.float() then cross_entropy); pytorch/torchtune torchtune/modules/transformer.py:659 (self.output(h).float()) @ v0.6.1',
    dtype: `${c === 4 ? 'fp32' : '16-bit'} logits, fp32 copy and log-softmax`,
    placement: 'gpu',
  };
}
