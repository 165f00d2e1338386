// Number formatting for the panel: exact counts with separators, compact counts, GB (1e9 bytes) and
// learning rates from src/core/present/units.ts, always with the unit next to the number.
import { learningRate } from '../src/core/present/units';

export const exact = (n: number): string => n.toLocaleString('en-US');

export function compact(n: number): string {
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'K'],
  ];
  for (const [size, suffix] of units)
    if (Math.abs(n) >= size) return `${Number((n / size).toPrecision(3))}${suffix}`;
  return String(n);
}

/** Memory in decimal GB and learning rates, formatted by the same core functions as the editor and the CLI. */
export { gigabytes as gb } from '../src/core/present/units';

export function lr(x: number | null): string {
  return x === null ? '—' : learningRate(x);
}

export function percent(p: number): string {
  return p >= 1 ? `${p.toFixed(2)}%` : `${p.toPrecision(3)}%`;
}
