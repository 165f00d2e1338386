// The panel's memory chart: the training-memory estimate grouped into the four parts users compare
// (weights, gradients, optimizer, activations) at several micro-batch sizes, against common GPU sizes.
import { estimateTrainingMemory, type MemoryEstimate, type MemoryInput } from '../memory';
import { memoryRangeShort, memoryReadingLines } from '../present/memory';
import { gigabytes } from '../present/units';
import type { GpuLine, MemoryBar, PanelMemory } from './types';

/** Chart groups, bottom to top; master weights belong to the optimizer's share (ZeRO arXiv 1910.02054 §3.1). */
export const MEMORY_GROUPS = [
  { id: 'weights', label: 'Weights', parts: ['weights'] },
  { id: 'gradients', label: 'Gradients', parts: ['gradients'] },
  { id: 'optimizer', label: 'Optimizer states', parts: ['optimizer', 'master-weights'] },
  // Everything else the estimate holds (activations, logits buffers...) stacks on top.
  { id: 'activations', label: 'Activations and buffers', parts: ['activations'] },
] as const;

/**
 * Common accelerators: the "80GB" of a card's name is GiB (nvidia-smi reports 81920 MiB for an A100
 * 80GB), so each line sits at name × 2^30 bytes and its label states that in decimal GB, the unit of
 * every other number ML Config Lens shows.
 */
const card = (gib: number, cards: string): GpuLine => {
  const bytes = gib * 2 ** 30;
  return { bytes, label: `${gigabytes(bytes)} (${cards})` };
};
export const GPU_SIZES: readonly GpuLine[] = [
  card(16, 'T4, V100 16GB'),
  card(24, 'RTX 4090, A10'),
  card(40, 'A100 40GB'),
  card(48, 'RTX A6000, L40S'),
  card(80, 'A100 80GB, H100'),
];

const MICRO_BATCHES = [1, 2, 4, 8, 16];

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
  const fits = GPU_SIZES.find((g) => estimate.totalBytes <= g.bytes);
  return {
    groupLabels: MEMORY_GROUPS.map((g) => g.label),
    parts: estimate.components.map((c) => ({
      id: c.id,
      label: c.label,
      bytes: c.bytes,
      formula: c.formula,
      source: c.source,
    })),
    totalBytes: estimate.totalBytes,
    readings: memoryReadingLines(estimate),
    rangeShort: memoryRangeShort(estimate),
    bars: sizes.map((s) => bar(input, s)),
    current: sizes.indexOf(mb),
    gpus: [...GPU_SIZES],
    fitsOn: fits ? fits.label : null,
    notes: [...notes, ...estimate.notes],
  };
}
