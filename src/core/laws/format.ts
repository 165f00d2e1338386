// Number formatting for formulas and tables: 4 significant digits, scientific notation for very
// large/small values, so substituted formulas read like the papers' own.

import { ratioShort } from '../present/counts';

/** 4 significant digits; 1.662e-3 style below 1e-2 or from 1e5 up. */
export function sig(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const abs = Math.abs(x);
  const fixed = x.toPrecision(digits);
  if (abs >= 1e5 || abs < 1e-2 || fixed.includes('e')) {
    const [mant, exp] = x.toExponential(digits - 1).split('e');
    return `${trimZeros(mant)}e${Number(exp)}`;
  }
  return trimZeros(fixed);
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** An exponent or coefficient printed with enough digits to be recognised (e.g. −0.7129). */
export function coef(x: number, digits = 4): string {
  return trimZeros(x.toPrecision(digits));
}

/** Count with a B/M/K suffix for prose: 6.74B, 131M. */
export function count(x: number): string {
  const abs = Math.abs(x);
  if (abs >= 1e12) return `${sig(x / 1e12, 3)}T`;
  if (abs >= 1e9) return `${sig(x / 1e9, 3)}B`;
  if (abs >= 1e6) return `${sig(x / 1e6, 3)}M`;
  if (abs >= 1e3) return `${sig(x / 1e3, 3)}K`;
  return sig(x, 3);
}

/** "3.1x above" / "2.0x below" / "within 5% of" — the wording used to compare a config's LR to a law. */
export function ratioWords(current: number, reference: number): string {
  return `${ratioShort(current / reference)}${Math.abs(current / reference - 1) < 0.05 ? ' of' : ''}`;
}

/** The file's value over the law's, in words (core/present/counts.ts, shared with the CodeLens). */
export { ratioShort };
