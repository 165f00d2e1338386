// Builds the memory input from what the estimator knows (parameter counts, the model's module
// inventory) and what the training config states (dtype, quantization, optimizer, sequence length,
// micro-batch, gradient checkpointing). Assumptions for anything the config leaves out are returned
// as notes so the user sees them next to the numbers.
import type { TrainingShape } from '../estimator-input/types';
import type { ModelInventory } from '../estimator/inventory/types';
import type { MemoryInput, WeightDtype } from './types';

/** Methods that train base weights rather than add adapters. */
const TRAINS_BASE = new Set(['FULL', 'FREEZE', 'BITFIT', 'LN_TUNING']);

export interface MemoryPlanArgs {
  trainableParams: number;
  totalParams: number;
  peftType: string;
  inventory: ModelInventory;
  training: TrainingShape;
}

/**
 * Base Linear weights bitsandbytes would quantize: every nn.Linear except the output layer and task
 * heads (transformers keeps lm_head/score in 16 bit); Conv1D, embeddings and norms stay 16-bit.
 */
export function quantizableLinearParams(inv: ModelInventory): number {
  return inv.modules
    .filter((m) => m.kind === 'Linear' && !m.isOutputLayer && !m.isHead && !m.tiedTo && !m.fusedExperts)
    .reduce((sum, m) => sum + m.weightParams, 0);
}

export function memoryInputFor(args: MemoryPlanArgs): { input: MemoryInput; notes: string[] } {
  const { training: t, inventory: inv } = args;
  const notes: string[] = [];
  const computeDtype = t.dtype ?? 'bf16';
  if (!t.dtype) notes.push('dtype not stated: assumed bf16 mixed precision');
  let weightDtype: WeightDtype = computeDtype;
  if (t.loadIn4bit) weightDtype = 'nf4';
  else if (t.loadIn8bit) weightDtype = 'int8';
  if (!t.optimizer) notes.push('optimizer not stated: assumed AdamW with fp32 states');
  const input: MemoryInput = {
    totalParams: args.totalParams,
    trainableParams: args.trainableParams,
    trainsBaseWeights: TRAINS_BASE.has(args.peftType.toUpperCase()),
    weightDtype,
    quantizedLinearParams: weightDtype === 'nf4' || weightDtype === 'int8' ? quantizableLinearParams(inv) : undefined,
    computeDtype,
    optimizer: t.optimizer,
  };
  if (t.sequenceLength) {
    if (!t.microBatchSize) notes.push('micro-batch size not stated: assumed 1 sequence per device');
    input.activations = {
      seqLen: t.sequenceLength,
      microBatch: t.microBatchSize ?? 1,
      hiddenSize: inv.dims.hiddenSize,
      numLayers: inv.dims.numLayers,
      numHeads: inv.dims.numAttentionHeads,
      gradientCheckpointing: t.gradientCheckpointing ?? false,
    };
  } else {
    notes.push('sequence length not stated: activations not estimated');
  }
  return { input, notes };
}
