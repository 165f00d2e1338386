// What the memory numbers are, for every surface that shows them (hover, CodeLens, panel, CLI): the
// headline is the peak allocated; reserved and nvidia-smi readings complete the range. Words only —
// formatting bytes is the caller's (one GB = 1e9 bytes unit for all surfaces).
import type { MemoryEstimate } from './types';

export interface MemoryReading {
  kind: 'allocated' | 'reserved' | 'device';
  bytes: number;
  /** What the reading is, in the words of the tool that reports it. */
  label: string;
}

/** The three readings, headline (peak allocated) first; reserved is a lower bound (fragmentation not modelled). */
export function memoryReadings(m: MemoryEstimate): MemoryReading[] {
  const unified = m.outside.filter((c) => c.placement === 'unified').length > 0;
  return [
    {
      kind: 'allocated',
      bytes: m.range.allocatedBytes,
      label: 'peak allocated (torch.cuda.max_memory_allocated)',
    },
    {
      kind: 'reserved',
      bytes: m.range.reservedBytes,
      label:
        "reserved by PyTorch's caching allocator, at least (torch.cuda.max_memory_reserved; fragmentation not estimated)",
    },
    {
      kind: 'device',
      bytes: m.range.deviceBytes,
      label: `as nvidia-smi shows it (+ ${unified ? 'paged optimizer states in unified memory, ' : ''}CUDA context)`,
    },
  ];
}
