// Number formatting for the panel: exact counts with separators, compact counts, GiB, and learning
// rates in scientific notation, always with the unit next to the number.

export const exact = (n: number): string => n.toLocaleString('en-US');

export function compact(n: number): string {
  const units: [number, string][] = [[1e12, 'T'], [1e9, 'B'], [1e6, 'M'], [1e3, 'K']];
  for (const [size, suffix] of units) if (Math.abs(n) >= size) return `${Number((n / size).toPrecision(3))}${suffix}`;
  return String(n);
}

export const gib = (bytes: number): string => (bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(1)} GiB` : `${(bytes / 2 ** 20).toFixed(1)} MiB`);

export function lr(x: number | null): string {
  if (x === null) return '—';
  return x.toExponential(2).replace(/e([+-])(\d)$/, 'e$1$2');
}

export function percent(p: number): string {
  return p >= 1 ? `${p.toFixed(2)}%` : `${p.toPrecision(3)}%`;
}
