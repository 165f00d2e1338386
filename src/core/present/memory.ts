// The training-memory estimate in words, for every surface (CodeLens, hover, panel, CLI): which number
// is the headline (peak allocated) and the range of readings around it (reserved, nvidia-smi). Pure
// functions over the estimate, so all surfaces say the same thing.
import type { ConfigAnalysis } from '../analysis';
import type { MemoryEstimate } from '../memory/types';
import { memoryReadings } from '../memory/readings';
import { gigabytes } from './units';

/** "19.8 GB", or "19.8–20.0 GB" when the edges differ once formatted. */
export function gbSpan(lowBytes: number, highBytes: number): string {
  const lo = gigabytes(lowBytes);
  const hi = gigabytes(highBytes);
  return lo === hi ? lo : `${lo.replace(/ GB$/, '')}–${hi}`;
}

/** "~19.8 GB peak allocated", or "≥ 1.71 GB peak allocated" when activations are not counted. */
export function memoryHeadline(m: MemoryEstimate, activationsMissing?: string): string {
  return `${activationsMissing ? '≥ ' : '~'}${gigabytes(m.totalBytes)} peak allocated`;
}

/** "19.8–21.4 GB reserved/nvidia-smi": from the reserved band's low edge to what nvidia-smi would show. */
export function memoryRangeShort(m: MemoryEstimate): string {
  return `${gbSpan(m.range.reservedBytes, m.range.deviceHighBytes)} reserved/nvidia-smi`;
}

/** One line per reading: "19.8 GB peak allocated by PyTorch (torch.cuda.max_memory_allocated) — the headline". */
export function memoryReadingLines(m: MemoryEstimate): string[] {
  return memoryReadings(m).map(
    (r) => `${gbSpan(r.bytes, r.highBytes)} ${r.label}${r.headline ? ' — the headline number' : ''}`,
  );
}

/** The CodeLens title (without its icon), short enough for one editor line. */
export function memoryLensText(m: MemoryEstimate, activationsMissing?: string): string {
  if (activationsMissing === 'sequence length not stated')
    return `${memoryHeadline(m, activationsMissing)} (no sequence length)`;
  return `${memoryHeadline(m, activationsMissing)} (${memoryRangeShort(m)})`;
}

/** The CodeLens tooltip: what the numbers are, each reading, then the parts of the headline. */
export function memoryLensTooltip(m: MemoryEstimate, activationsMissing?: string): string {
  return [
    `Estimated training memory per device (1 GB = 1e9 bytes)${activationsMissing ? `; activations not counted: ${activationsMissing}` : ''}`,
    ...memoryReadingLines(m),
    `Reserved band: ${m.range.reservedBasis}`,
    'Parts of the peak allocated:',
    ...m.components.map((c) => `${c.label}: ${gigabytes(c.bytes)}`),
  ].join('\n');
}

/**
 * Why activations are missing from the memory estimate (e.g. no sequence length), or undefined when
 * they are counted. Without this the total reads like a full estimate and is far too low.
 */
export function activationsMissing(a: ConfigAnalysis): string | undefined {
  if (!a.memory || a.memory.components.some((c) => c.id === 'activations')) return undefined;
  const note = a.memoryNotes.find((n) => /activations not estimated/.test(n));
  return note ? note.replace(/:\s*activations not estimated.*$/, '') : 'not estimated';
}
