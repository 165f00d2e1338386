// The panel's memory chart: the training-memory estimate grouped into the four parts users compare
// (weights, gradients, optimizer, activations) at several micro-batch sizes, against common GPU sizes.
import { estimateTrainingMemory, type MemoryEstimate, type MemoryInput } from '../memory';
import type { GpuLine, MemoryBar, PanelMemory } from './types';

/** Chart groups, bottom to top; master weights belong to the optimizer's share (ZeRO arXiv 1910.02054 §3.1). */
export const MEMORY_GROUPS = [
  { id: 'weights', label: 'Weights', parts: ['weights'] },
  { id: 'gradients', label: 'Gradients', parts: ['gradients'] },
  { id: 'optimizer', label: 'Optimizer states', parts: ['optimizer', 'master-weights'] },
  // Everything else the estimate holds (activations, logits buffers...) stacks on top.
  { id: 'activations', label: 'Activations and buffers', parts: ['activations'] },
] as const;

/** Common accelerator memory sizes in GiB (nvidia-smi's MiB / 1024), with cards that have them. */
export const GPU_SIZES: readonly GpuLine[] = [
  { gib: 16, label: '16 GB (T4, V100 16GB)' },
  { gib: 24, label: '24 GB (RTX 4090, A10)' },
  { gib: 40, label: '40 GB (A100 40GB)' },
  { gib: 48, label: '48 GB (RTX A6000, L40S)' },
  { gib: 80, label: '80 GB (A100 80GB, H100)' },
];

const MICRO_BATCHES = [1, 2, 4, 8, 16];
const GIB = 2 ** 30;

function groupOf(id: string): number {
  const i = MEMORY_GROUPS.findIndex((g) => (g.parts as readonly string[]).includes(id));
  return i < 0 ? MEMORY_GROUPS.length - 1 : i;
}

function grouped(estimate: MemoryEstimate): number[] {
  const sums = MEMORY_GROUPS.map(() => 0);
  for (const c of estimate.components) sums[groupOf(c.id)] += c.bytes;
  return sums;
}

function bar(input: MemoryInput, microBatch: number): MemoryBar {
  const activations = input.activations && { ...input.activations, microBatch };
  const estimate = estimateTrainingMemory({ ...input, activations });
  return { microBatch, groups: grouped(estimate), totalBytes: estimate.totalBytes };
}

export function panelMemory(input: MemoryInput, notes: string[]): PanelMemory {
  const estimate = estimateTrainingMemory(input);
  const mb = input.activations?.microBatch ?? 1;
  const sizes = [...new Set([...MICRO_BATCHES, mb])].sort((a, b) => a - b);
  const fits = GPU_SIZES.find((g) => estimate.totalBytes <= g.gib * GIB);
  return {
    groupLabels: MEMORY_GROUPS.map((g) => g.label),
    parts: estimate.components.map((c) => ({ id: c.id, label: c.label, bytes: c.bytes, formula: c.formula, source: c.source })),
    totalBytes: estimate.totalBytes,
    bars: sizes.map((s) => bar(input, s)),
    current: sizes.indexOf(mb),
    gpus: [...GPU_SIZES],
    fitsOn: fits ? fits.label : null,
    notes: [...notes, ...estimate.notes],
  };
}
