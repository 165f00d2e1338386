// The log-log chart of each law's learning rate against model size. Each law is evaluated on a grid of
// model sizes built from the user's model by scaling its width at fixed depth (N ∝ d_model²), keeping
// its tokens, batch and embedding share; the fitted range is where the law's size bounds hold.
import { LAWS, applyLaw, type InputName, type LawInputs } from '../laws';
import type { LawChart, LawCurve } from './types';

const PER_DECADE = 8;
const MIN_EXP = 7;
const MAX_EXP = 12;
/** Range bounds that move with model size; others (tokens, batch) stay fixed along a curve. */
const SIZE_INPUTS = new Set<InputName>(['nonEmbeddingParams', 'totalParams', 'computeFlops']);

export const CURVE_ASSUMPTION =
  "Curves scale the model's width at its depth (N ∝ d_model²), keeping its embedding share, training tokens and batch; x = total parameters.";

export function paramGrid(): number[] {
  const out: number[] = [];
  for (let i = MIN_EXP * PER_DECADE; i <= MAX_EXP * PER_DECADE; i++)
    out.push(Number((10 ** (i / PER_DECADE)).toPrecision(6)));
  return out;
}

/** The law inputs of a model `total` parameters big, derived from the user's inputs. */
export function scaledInputs(base: LawInputs, total: number): LawInputs {
  const scale = total / (base.totalParams as number);
  return {
    ...base,
    totalParams: total,
    nonEmbeddingParams: base.nonEmbeddingParams !== undefined ? base.nonEmbeddingParams * scale : undefined,
    dModel: base.dModel !== undefined ? Math.max(1, Math.round(base.dModel * Math.sqrt(scale))) : undefined,
  };
}

/** Where `inside` flips between two grid points, found by bisection in log space (so edges are exact, not grid-rounded). */
function edge(lo: number, hi: number, inside: (x: number) => boolean): number {
  const loIn = inside(lo);
  for (let i = 0; i < 40; i++) {
    const mid = Math.sqrt(lo * hi);
    if (inside(mid) === loIn) lo = mid;
    else hi = mid;
  }
  return Number((loIn ? lo : hi).toPrecision(6));
}

function spans(grid: number[], inside: (x: number) => boolean): [number, number][] {
  const out: [number, number][] = [];
  const flags = grid.map(inside);
  let start: number | undefined;
  for (let i = 0; i < grid.length; i++) {
    if (flags[i] && start === undefined) start = i === 0 ? grid[0] : edge(grid[i - 1], grid[i], inside);
    const closes = flags[i] && (i === grid.length - 1 || !flags[i + 1]);
    if (closes && start !== undefined) {
      out.push([start, i === grid.length - 1 ? grid[i] : edge(grid[i], grid[i + 1], inside)]);
      start = undefined;
    }
  }
  return out;
}

/** A law that gives no number says why in its formula ("needs D (training tokens)..."); the rest give advice, not a formula. */
function omissionReason(formula: string): string {
  return /^needs /i.test(formula)
    ? formula
    : 'no learning-rate formula to plot (guidance or allocation only)';
}

export function lawChart(base: LawInputs): LawChart | null {
  if (!base.totalParams || !(base.totalParams > 0)) return null;
  // The user's size joins the grid so every curve has a value exactly at the marked point.
  const grid = [...new Set([...paramGrid(), base.totalParams])].sort((a, b) => a - b);
  const curves: LawCurve[] = [];
  const omitted: LawChart['omitted'] = [];
  for (const law of LAWS) {
    const hasSizeBound = law.fittedRange.some((b) => SIZE_INPUTS.has(b.input));
    const lrAt = (x: number): number | null => {
      const v = applyLaw(law, scaledInputs(base, x)).learningRate;
      return v !== null && v > 0 ? v : null;
    };
    const lr = grid.map(lrAt);
    if (lr.filter((v) => v !== null).length < 2) {
      omitted.push({ title: law.title, needs: omissionReason(applyLaw(law, base).formula) });
      continue;
    }
    const inside = (x: number): boolean => {
      const r = applyLaw(law, scaledInputs(base, x));
      return (
        r.learningRate !== null &&
        r.learningRate > 0 &&
        !r.inRange.outOfRange.some((o) => SIZE_INPUTS.has(o.input))
      );
    };
    const applies = law.regimes.includes(base.regime) ? 'recommendation' : 'context';
    curves.push({
      id: law.id,
      title: law.title,
      applies,
      lr,
      fitted: hasSizeBound ? spans(grid, inside) : [],
    });
  }
  return {
    params: grid,
    curves,
    point: { params: base.totalParams, learningRate: base.currentLearningRate ?? null },
    omitted,
    assumption: CURVE_ASSUMPTION,
  };
}
