// What PyTorch's CUDA caching allocator reserves around the allocated tensors (max_memory_reserved −
// max_memory_allocated), as a band from its segment rounding. Read at pytorch/pytorch
// c10/cuda/CUDACachingAllocator.cpp @ commit 001074d2 (the stored version): every request is rounded
// up to 512 B (kMinBlockSize, :118); requests up to 1 MiB (kSmallSize, :120) are packed into 2 MiB
// segments (kSmallBuffer, :121); requests between 1 and 10 MiB (kMinLargeAlloc, :123) split 20 MiB
// segments (kLargeBuffer, :48); larger requests get a segment of their own rounded up to 2 MiB
// (kRoundLarge, :125) — round_size() and get_allocation_size(), summarised in the header comment :65-69.
import { DTYPE_BYTES } from './precision';
import type { MemoryComponent, MemoryInput, WeightDtype } from './types';

const MiB = 2 ** 20;
export const ALLOCATOR = {
  minBlock: 512,
  smallSize: MiB,
  smallBuffer: 2 * MiB,
  minLargeAlloc: 10 * MiB,
  largeBuffer: 20 * MiB,
  roundLarge: 2 * MiB,
} as const;

export const ALLOCATOR_SOURCE =
  'pytorch/pytorch c10/cuda/CUDACachingAllocator.cpp:48,118-125 (kLargeBuffer, kMinBlockSize, kSmallSize, kSmallBuffer, kMinLargeAlloc, kRoundLarge; round_size, get_allocation_size) @ commit 001074d2';

/** The assumption behind the band, shown with it (basis of the reserved reading). */
export const RESERVED_BASIS =
  "low edge = allocated (every tensor fills its segment); high edge adds the caching allocator's segment rounding: each parameter-shaped tensor of 10 MiB or more in its own segment rounded up to 2 MiB, and one part-used 2 MiB and 20 MiB segment per part; fragmentation from reusing freed blocks of other sizes is not included";

/** Parts holding one tensor per parameter tensor (or one flat partition when sharded). */
const PER_PARAMETER: ReadonlySet<MemoryComponent['id']> = new Set([
  'weights',
  'master-weights',
  'gradients',
  'optimizer',
  'autocast-weights',
]);

/** Bytes per element of a stored base weight (bitsandbytes nf4/fp4 pack two per byte; scales not counted). */
const STORED_BYTES: Readonly<Record<WeightDtype, number>> = {
  fp32: 4,
  bf16: 2,
  fp16: 2,
  int8: 1,
  nf4: 0.5,
  fp4: 0.5,
};

/** Bytes a request of `bytes` leaves unused in its own segment (≥ 10 MiB); smaller requests are packed. */
export function segmentSlack(bytes: number): number {
  const rounded = Math.ceil(bytes / ALLOCATOR.minBlock) * ALLOCATOR.minBlock;
  if (rounded < ALLOCATOR.minLargeAlloc) return 0;
  return Math.ceil(rounded / ALLOCATOR.roundLarge) * ALLOCATOR.roundLarge - bytes;
}

/** A part's segment slack at most: its own-segment tensors' rounding + one part-used small and mid segment. */
function slackBound(c: MemoryComponent, input: MemoryInput): number {
  const packed = ALLOCATOR.smallBuffer + ALLOCATOR.largeBuffer;
  const t = input.paramTensors;
  if (!t || !PER_PARAMETER.has(c.id) || c.placement !== 'gpu') return packed;
  // Sharded parts are flat partitions (DeepSpeed/FSDP flatten the parameters): one segment each.
  if (c.label.endsWith(', per device')) return ALLOCATOR.roundLarge + packed;
  // Frozen base weights and adapters: only the weights part holds the model's own tensors.
  if (!t.allTrain && c.id !== 'weights') return packed;
  const elements = c.id === 'weights' ? input.totalParams : input.trainableParams;
  if (elements <= 0) return packed;
  // Bytes per element of one tensor: a frozen base is stored in its load dtype (the weights part also
  // holds the adapters); optimizer states count once per state (AdamW: exp_avg, exp_avg_sq).
  const perElement = c.id === 'weights' && !t.allTrain ? STORED_BYTES[input.weightDtype] : c.bytes / elements;
  const stateBytes = DTYPE_BYTES[input.precision?.optimizerStates ?? 'fp32'];
  const states = c.id === 'optimizer' ? Math.max(1, Math.round(perElement / stateBytes)) : 1;
  const each = perElement / states;
  let slack = 0;
  for (const [size, count] of t.sizes) slack += count * states * segmentSlack(size * each);
  return slack + packed;
}

/** Reserved by the caching allocator at the peak: [low, high] from its segment rounding. */
export function reservedBand(
  allocatedBytes: number,
  components: MemoryComponent[],
  input: MemoryInput,
): { low: number; high: number } {
  const slack = components.reduce((sum, c) => sum + (c.bytes > 0 ? slackBound(c, input) : 0), 0);
  return { low: allocatedBytes, high: allocatedBytes + slack };
}
