// Exact parameter counts, shares and a law's short source, as every surface writes them (CodeLens,
// hover, status bar, panel, CLI); src/core/analysis/format.ts re-exports them.

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

/** A law's source, short: "arXiv 2305.14314", or "blog, 2025-09-29" for a dated post. */
export function shortSource(source: { arxiv: string | null; version?: string }): string {
  return source.arxiv ? `arXiv ${source.arxiv}` : `blog, ${source.version?.slice(0, 10) ?? 'undated'}`;
}

/** The file's value over the law's, in words: "within 5%", "3.1x above", "1.4x below". */
export function ratioShort(r: number): string {
  if (Math.abs(r - 1) < 0.05) return 'within 5%';
  return r > 1 ? `${r.toFixed(1)}x above` : `${(1 / r).toFixed(1)}x below`;
}
