// Number formatting shared by hovers, CodeLens, the status bar and the panel, so a count reads
// the same everywhere.

/** 4194304 → "4.19M", 6738415616 → "6.74B", 1536 → "1,536". */
export function compactCount(n: number): string {
  const abs = Math.abs(n);
  if (abs >= 1e12) return `${(n / 1e12).toFixed(2)}T`;
  if (abs >= 1e9) return `${(n / 1e9).toFixed(2)}B`;
  if (abs >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (abs >= 1e4) return `${(n / 1e3).toFixed(1)}K`;
  return n.toLocaleString('en-US');
}

/** 4194304 → "4,194,304" (exact, as PEFT prints it); above 2^53 a float64 is no longer exact: "≈ 1.20e18". */
export function exactCount(n: number): string {
  return Number.isSafeInteger(n) || !Number.isFinite(n) || !Number.isInteger(n)
    ? n.toLocaleString('en-US')
    : `≈ ${n.toExponential(2).replace('e+', 'e')}`;
}

/** 0.06220… → "0.0622%"; keeps 3 significant digits for small shares. */
export function percent(p: number): string {
  if (p === 0) return '0%';
  if (p >= 10) return `${p.toFixed(1)}%`;
  return `${Number(p.toPrecision(3))}%`;
}

// Memory and learning rates: one format for every surface (src/core/present/units.ts).
export { gigabytes, learningRate } from '../present/units';

/** A law's source, short: "arXiv 2305.14314", or "blog, 2025-09-29" for a dated post. */
export function shortSource(source: { arxiv: string | null; version?: string }): string {
  return source.arxiv ? `arXiv ${source.arxiv}` : `blog, ${source.version?.slice(0, 10) ?? 'undated'}`;
}

/** How the file's learning rate compares with a law's, from the ratio the law returns: "1.4x below", "within 5%". */
export { ratioShort } from '../laws/format';

/** An enum for a hover: the first `shown` values in code spans; long lists (torchtune components) are cut. */
export function enumList(values: readonly unknown[], shown = 8): string {
  const head = values
    .slice(0, shown)
    .map((v) => `\`${String(v)}\``)
    .join(', ');
  const more = values.length - shown;
  return `One of: ${head}${more > 0 ? ` and ${more} more (completion lists them all)` : ''}`;
}
