// Display order of law results in pickers: the focused first row is what Enter picks, so it
// should be a recommendation that carries a number.
import type { LawResult } from '../laws';

/** Recommendations with a value, then guidance-only ones, then context laws (same split); stable. */
export function ordered(laws: readonly LawResult[]): LawResult[] {
  const rank = (l: LawResult): number =>
    (l.applies === 'recommendation' ? 0 : 2) + (l.learningRate === null ? 1 : 0);
  return laws
    .map((l, i) => ({ l, i }))
    .sort((a, b) => rank(a.l) - rank(b.l) || a.i - b.i)
    .map((x) => x.l);
}
