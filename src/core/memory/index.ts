// Training-memory estimate: weights by dtype and quantization, master weights, gradients, optimizer
// states, activations and logits, each with its formula, assumptions and source, per device under
// ZeRO/FSDP sharding. An estimate, not a measurement: CUDA context, allocator fragmentation and
// temporary buffers come on top.

import { activationComponent, logitsComponent } from './activations';
import { adapterActivationComponent } from './adapter-activations';
import { shardComponent, shardingNotes } from './sharding';
import { BITS_PER_PARAM, lookupOptimizer, optimizerById } from './tables';
import type { MemoryComponent, MemoryEstimate, MemoryInput } from './types';

export * from './types';
export { lookupOptimizer } from './tables';

const ZERO = 'ZeRO, Rajbhandari et al. arXiv 1910.02054 §3.1 (2Ψ + 2Ψ + 12Ψ = 16Ψ for mixed-precision Adam)';
const BYTES: Record<'fp32' | 'bf16' | 'fp16', number> = { fp32: 4, bf16: 2, fp16: 2 };
const n = (x: number): string => x.toLocaleString('en-US');

export class MemoryInputError extends Error {}

export function estimateTrainingMemory(input: MemoryInput): MemoryEstimate {
  checkInput(input);
  const notes: string[] = [];
  let components = [weightsComponent(input), ...trainingStateComponents(input, notes)];
  const act = input.activations;
  if (act) {
    components.push(activationComponent(act));
    const adapters = adapterActivationComponent(act);
    if (adapters) components.push(adapters);
    const logits = logitsComponent(act);
    if (logits) components.push(logits);
    else if (act.fusedCrossEntropy) notes.push(`${act.fusedCrossEntropy}: fused linear cross-entropy computes the loss in chunks, so the full logits are not counted`);
  }
  if (input.sharding) {
    const sharding = input.sharding;
    components = components.map((c) => shardComponent(c, sharding));
    notes.push(...shardingNotes(sharding));
  }
  const totalBytes = components.reduce((sum, c) => sum + c.bytes, 0);
  notes.push(`not included: ${notIncluded(input).join(', ')}`);
  return { kind: 'estimate', components, totalBytes, totalGB: totalBytes / 1e9, totalGiB: totalBytes / 2 ** 30, notes };
}

function notIncluded(input: MemoryInput): string[] {
  const out = ['CUDA context and allocator overhead'];
  if (!input.activations?.vocabSize && !input.activations?.fusedCrossEntropy) out.push('logits and loss buffers');
  out.push('temporary buffers');
  if (!input.sharding) out.push('multi-GPU sharding (ZeRO/FSDP)');
  return out;
}

function checkInput(input: MemoryInput): void {
  for (const key of ['totalParams', 'trainableParams'] as const) {
    if (!Number.isFinite(input[key]) || input[key] < 0) throw new MemoryInputError(`${key} must be a non-negative number`);
  }
  if (input.trainableParams > input.totalParams) throw new MemoryInputError('trainableParams exceeds totalParams');
  const a = input.activations;
  if (a) {
    for (const key of ['seqLen', 'microBatch', 'hiddenSize', 'numLayers', 'numHeads'] as const) {
      if (!Number.isFinite(a[key]) || a[key] <= 0) throw new MemoryInputError(`activations.${key} must be a positive number`);
    }
  }
  const d = input.sharding?.devices;
  if (d !== undefined && (!Number.isInteger(d) || d < 1)) throw new MemoryInputError('sharding.devices must be a whole number of devices, at least 1');
}

/** Trainable weights live in the compute dtype (full FT) or fp32 (PEFT adapters); the rest is frozen. */
function weightsComponent(input: MemoryInput): MemoryComponent {
  const frozen = input.totalParams - input.trainableParams;
  const trainableBytes = input.trainsBaseWeights ? BYTES[input.computeDtype] : 4;
  const quantized = input.weightDtype === 'nf4' || input.weightDtype === 'fp4' || input.weightDtype === 'int8';
  if (quantized) {
    const q = Math.min(input.quantizedLinearParams ?? frozen, frozen);
    const bits = BITS_PER_PARAM[input.weightDtype];
    const rest = frozen - q;
    return {
      id: 'weights',
      label: `Weights (${input.weightDtype} base, fp32 trainable)`,
      bytes: (q * bits) / 8 + rest * 2 + input.trainableParams * trainableBytes,
      formula: `${n(q)} quantized Linear params × ${bits} bit / 8 + ${n(rest)} other frozen params × 2 B (bf16) + ${n(input.trainableParams)} trainable × ${trainableBytes} B`,
      assumptions: [
        'bitsandbytes quantizes the Linear layers only; embeddings, lm_head and norms stay in bf16',
        ...(input.weightDtype === 'int8' ? ['LLM.int8() keeps int8 weights plus fp32 row scales (scales ignored)'] : ['NF4 with double quantization of the block constants']),
      ],
      source: input.weightDtype === 'int8' ? 'LLM.int8(), Dettmers et al. arXiv 2208.07339' : 'QLoRA, Dettmers et al. arXiv 2305.14314 §3',
    };
  }
  const baseBytes = BITS_PER_PARAM[input.weightDtype] / 8;
  return {
    id: 'weights',
    label: `Weights (${input.weightDtype} base${input.trainsBaseWeights ? '' : ', fp32 trainable'})`,
    bytes: frozen * baseBytes + input.trainableParams * trainableBytes,
    formula: `${n(frozen)} frozen × ${baseBytes} B + ${n(input.trainableParams)} trainable × ${trainableBytes} B`,
    assumptions: input.trainsBaseWeights
      ? [`trainable weights held in ${input.computeDtype}`]
      : ['PEFT upcasts adapter weights to fp32 (autocast_adapter_dtype=True)'],
    source: input.trainsBaseWeights ? ZERO : 'huggingface/peft peft_model.py autocast_adapter_dtype',
  };
}

function trainingStateComponents(input: MemoryInput, notes: string[]): MemoryComponent[] {
  const t = input.trainableParams;
  const mixed = input.trainsBaseWeights && input.computeDtype !== 'fp32';
  const gradBytes = mixed ? BYTES[input.computeDtype] : 4;
  const out: MemoryComponent[] = [];
  if (mixed) {
    out.push({
      id: 'master-weights', label: 'fp32 master weights', bytes: 4 * t, formula: `4 B × ${n(t)} trainable`,
      assumptions: [`mixed precision: ${input.computeDtype} weights for compute, an fp32 copy for the update`], source: ZERO,
    });
  }
  out.push({
    id: 'gradients', label: `Gradients (${mixed ? input.computeDtype : 'fp32'})`, bytes: gradBytes * t,
    formula: `${gradBytes} B × ${n(t)} trainable`, assumptions: ['gradients only for trainable parameters, in the dtype of the trainable weights'],
    source: input.trainsBaseWeights ? ZERO : 'gradients of fp32 adapter weights (huggingface/peft autocast_adapter_dtype)',
  });
  let optimizer = lookupOptimizer(input.optimizer);
  if (!optimizer) {
    notes.push(`optimizer '${input.optimizer}' is not in the table; its states were estimated as AdamW's (8 B/param)`);
    optimizer = optimizerById('adamw');
  }
  out.push({
    id: 'optimizer', label: `Optimizer states: ${optimizer.label}`, bytes: optimizer.stateBytesPerParam * t,
    formula: optimizer.formula.replace('trainable', `${n(t)} trainable`),
    assumptions: optimizer.paged ? ['paged: states can move to CPU RAM under GPU memory pressure, so the GPU peak may be lower'] : [],
    source: optimizer.source,
  });
  return out;
}

/** Bytes in decimal GB, rounded for display ("13.54 GB"). */
export function formatGB(bytes: number, digits = 2): string {
  return `${(bytes / 1e9).toFixed(digits)} GB`;
}
