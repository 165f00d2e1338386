// The one way numbers with units are written on every surface (CodeLens, hover, status bar, panel
// text and charts, CLI): memory in decimal gigabytes (1 GB = 1e9 bytes, as GPU vendors and the CLI
// state memory), learning rates in scientific notation with 3 significant digits ("2.00e-4").
// The webview imports this file too, so the panel cannot drift from the editor.

/** Bytes per GB: decimal, 1e9. */
export const BYTES_PER_GB = 1e9;

/** Bytes → GB as a number (chart axes). */
export function toGB(bytes: number): number {
  return bytes / BYTES_PER_GB;
}

/** Bytes → "13.5 GB": 2 decimals below 10 GB, 1 below 100 GB, none above. */
export function gigabytes(bytes: number): string {
  const gb = toGB(bytes);
  return `${gb >= 100 ? gb.toFixed(0) : gb >= 10 ? gb.toFixed(1) : gb.toFixed(2)} GB`;
}

/** 0.0002 → "2.00e-4", 3e-5 → "3.00e-5", 0.01 → "1.00e-2": 3 significant digits, no "+" or leading 0 in the exponent. */
export function learningRate(lr: number): string {
  if (!Number.isFinite(lr)) return String(lr);
  const [mantissa, exp] = lr.toExponential(2).split('e');
  return `${mantissa}e${Number(exp)}`;
}
