// What the memory numbers are, for every surface that shows them (hover, CodeLens, panel, CLI): the
// headline is the peak allocated; reserved and nvidia-smi readings complete the range. Words only —
// formatting bytes is the caller's (src/core/present/memory.ts; one GB = 1e9 bytes on all surfaces).
import type { MemoryEstimate } from './types';

export interface MemoryReading {
  kind: 'allocated' | 'reserved' | 'device';
  /** The reading, or the low edge of its band. */
  bytes: number;
  /** High edge of the band (= bytes for the allocated peak). */
  highBytes: number;
  /** What the reading is, in the words of the tool that reports it. */
  label: string;
  /** True for the number shown as "the" estimate. */
  headline: boolean;
}

/** The three readings, headline (peak allocated) first; reserved and nvidia-smi as bands (allocator.ts). */
export function memoryReadings(m: MemoryEstimate): MemoryReading[] {
  const unified = m.outside.some((c) => c.placement === 'unified');
  const r = m.range;
  return [
    {
      kind: 'allocated',
      bytes: r.allocatedBytes,
      highBytes: r.allocatedBytes,
      label: 'peak allocated by PyTorch (torch.cuda.max_memory_allocated)',
      headline: true,
    },
    {
      kind: 'reserved',
      bytes: r.reservedBytes,
      highBytes: r.reservedHighBytes,
      label:
        "reserved by PyTorch's caching allocator (torch.cuda.max_memory_reserved; segment rounding counted, fragmentation not)",
      headline: false,
    },
    {
      kind: 'device',
      bytes: r.deviceBytes,
      highBytes: r.deviceHighBytes,
      label: `as nvidia-smi shows it (reserved + ${unified ? 'paged optimizer states in unified memory + ' : ''}CUDA context)`,
      headline: false,
    },
  ];
}
