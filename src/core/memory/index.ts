// Training-memory estimate: weights by dtype and quantization, master weights, gradients, optimizer
// states, activations and logits, each with its formula, dtype, assumptions and source, per device
// under ZeRO/FSDP sharding, stored as each framework stores them (precision.ts). The headline is the
// peak allocated; the range adds paged (unified-memory) optimizer states and the CUDA context up to
// what nvidia-smi shows, and offloaded components are listed as CPU RAM. An estimate, not a
// measurement: allocator fragmentation and short-lived buffers come on top.

import { activationComponent, logitsComponent } from './activations';
import { adapterActivationComponent } from './adapter-activations';
import { RESERVED_BASIS, reservedBand } from './allocator';
import { contextComponent, gatheredComponent, offloaded, toHost } from './device';
import { zeroMixedPrecision } from './precision';
import { shardComponent, shardingNotes } from './sharding';
import {
  autocastCopyComponent,
  gradientComponent,
  masterComponent,
  optimizerComponent,
  resolveOptimizer,
  weightsComponent,
} from './states';
import type { MemoryComponent, MemoryEstimate, MemoryInput } from './types';

export * from './types';
export { lookupOptimizer } from './tables';
export { precisionPlan } from './precision';
export { memoryReadings, type MemoryReading } from './readings';

export class MemoryInputError extends Error {}

const present = <T>(x: T | undefined): x is T => x !== undefined;

/**
 * `components` are the tensors in PyTorch's caching allocator at the peak (their sum is `totalBytes`,
 * the headline: peak allocated). `outside` adds what the allocator reserves beyond that, paged
 * optimizer states in CUDA unified memory and the CUDA context (→ reserved and nvidia-smi readings);
 * `host` lists what offload keeps in CPU RAM.
 */
export function estimateTrainingMemory(input: MemoryInput): MemoryEstimate {
  checkInput(input);
  const notes: string[] = [];
  const plan = input.precision ?? zeroMixedPrecision(input.computeDtype);
  const optimizer = resolveOptimizer(input, notes);
  let all: MemoryComponent[] = [
    weightsComponent(input, plan),
    autocastCopyComponent(input, plan),
    masterComponent(input, plan),
    gradientComponent(input, plan, optimizer),
    optimizerComponent(input, plan, optimizer, notes),
  ].filter(present);
  const act = input.activations;
  if (act) {
    all.push(activationComponent(act));
    const adapters = adapterActivationComponent(act);
    if (adapters) all.push(adapters);
    const logits = logitsComponent(act);
    if (logits) all.push(logits);
    else if (act.fusedCrossEntropy)
      notes.push(
        `${act.fusedCrossEntropy}: fused linear cross-entropy computes the loss in chunks, so the full logits are not counted`,
      );
  }
  if (input.sharding) {
    const sharding = input.sharding;
    all = all.map((c) => shardComponent(c, sharding));
    notes.push(...shardingNotes(sharding));
  }
  const gathered = gatheredComponent(input, plan, input.sharding);
  if (gathered) all.push(gathered);
  const offload = input.offload;
  const host = offload ? all.filter((c) => offloaded(c, offload)).map((c) => toHost(c, offload)) : [];
  const unified = all.filter((c) => c.placement === 'unified');
  const components = all.filter((c) => c.placement !== 'unified' && !offloaded(c, offload));
  const totalBytes = components.reduce((sum, c) => sum + c.bytes, 0);
  const outside = [...unified, contextComponent()];
  const reserved = reservedBand(totalBytes, components, input);
  const outsideBytes = outside.reduce((sum, c) => sum + c.bytes, 0);
  if (unified.length)
    notes.push(
      "paged optimizer states live in CUDA unified memory: not in PyTorch's allocated/reserved figures; nvidia-smi shows them while they are resident, and they move to CPU RAM when the GPU runs short",
    );
  const loadPeak = loadPeakBytes(input, all);
  if (loadPeak !== undefined && loadPeak > totalBytes)
    notes.push(
      `loading and quantizing the model peaks at ${(loadPeak / 1e9).toFixed(2)} GB, above the training peak`,
    );
  notes.push(`not included: ${notIncluded(input).join(', ')}`);
  return {
    kind: 'estimate',
    components,
    totalBytes,
    totalGB: totalBytes / 1e9,
    totalGiB: totalBytes / 2 ** 30,
    range: {
      allocatedBytes: totalBytes,
      reservedBytes: reserved.low,
      reservedHighBytes: reserved.high,
      reservedBasis: RESERVED_BASIS,
      deviceBytes: reserved.low + outsideBytes,
      deviceHighBytes: reserved.high + outsideBytes,
      headline: 'allocated',
    },
    outside,
    host,
    hostBytes: host.reduce((sum, c) => sum + c.bytes, 0),
    precision: plan,
    notes,
    ...(loadPeak !== undefined && loadPeak > totalBytes ? { loadPeakBytes: loadPeak } : {}),
  };
}

/**
 * bitsandbytes quantizes each Linear weight as it reaches the GPU (transformers quantizers
 * create_quantized_param): the quantized model so far plus one 16-bit weight being quantized.
 */
function loadPeakBytes(input: MemoryInput, all: MemoryComponent[]): number | undefined {
  if (input.largestQuantizedLinear === undefined) return undefined;
  const weights = all.find((c) => c.id === 'weights')?.bytes ?? 0;
  return weights + 2 * input.largestQuantizedLinear;
}

function notIncluded(input: MemoryInput): string[] {
  const out = [
    'caching-allocator fragmentation beyond segment rounding (reusing freed blocks of other sizes; depends on allocation order, not on the config)',
  ];
  if (!input.activations?.vocabSize && !input.activations?.fusedCrossEntropy)
    out.push('logits and loss buffers');
  out.push('temporary buffers');
  if (!input.sharding) out.push('multi-GPU sharding (ZeRO/FSDP)');
  if (input.sharding?.stage === 3 && !input.gatherUnits) out.push('the ZeRO-3/FSDP gathered units');
  return out;
}

function checkInput(input: MemoryInput): void {
  for (const key of ['totalParams', 'trainableParams'] as const) {
    if (!Number.isFinite(input[key]) || input[key] < 0)
      throw new MemoryInputError(`${key} must be a non-negative number`);
  }
  if (input.trainableParams > input.totalParams)
    throw new MemoryInputError('trainableParams exceeds totalParams');
  const a = input.activations;
  if (a) {
    for (const key of ['seqLen', 'microBatch', 'hiddenSize', 'numLayers', 'numHeads'] as const) {
      if (!Number.isFinite(a[key]) || a[key] <= 0)
        throw new MemoryInputError(`activations.${key} must be a positive number`);
    }
  }
  const d = input.sharding?.devices;
  if (d !== undefined && (!Number.isInteger(d) || d < 1))
    throw new MemoryInputError('sharding.devices must be a whole number of devices, at least 1');
}

/** Bytes in decimal GB, rounded for display ("13.54 GB"). */
export function formatGB(bytes: number, digits = 2): string {
  return `${(bytes / 1e9).toFixed(digits)} GB`;
}
