// What a W&B sweep implies: how many runs a grid makes, the learning-rate range it explores, where that
// range lies against the laws' recommendations for the training config the sweep runs, and the tokens
// all runs consume. Pure: the training config's analysis is passed in by the caller.
import type { LawResult } from '../laws';
import { distributionOf, sweptParameters, type SweptParameter } from '../validate/rulesWandbSweep';

const isMapping = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parameter names that are a learning rate in the dialects' training configs (last dotted part). */
const LR_NAMES = ['learning_rate', 'lr', 'learning-rate', 'learningrate'];

export interface SweptRange {
  path: string[];
  name: string;
  distribution: string;
  min: number;
  max: number;
}

/** The values one swept parameter can take, as a closed range; undefined when not numeric. */
export function sweptRange(p: SweptParameter): SweptRange | undefined {
  const dist = distributionOf(p.config) ?? '';
  const { min, max, values, value } = p.config;
  const base = { path: p.path, name: p.name, distribution: dist };
  if (Array.isArray(values)) {
    const nums = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    return nums.length ? { ...base, min: Math.min(...nums), max: Math.max(...nums) } : undefined;
  }
  if (typeof value === 'number') return { ...base, min: value, max: value };
  if (typeof min !== 'number' || typeof max !== 'number') return undefined;
  // Exponent distributions: exp(min) … exp(max) (params.py loguniform_v1_ppf, inv_log_uniform_v1_ppf).
  if (dist === 'log_uniform' || dist === 'q_log_uniform')
    return { ...base, min: Math.exp(min), max: Math.exp(max) };
  if (dist === 'inv_log_uniform') return { ...base, min: Math.exp(-max), max: Math.exp(-min) };
  return { ...base, min, max };
}

/** The first swept parameter whose name (last dotted part) is one of `names`, with a positive numeric range. */
export function sweptNamed(cfg: Record<string, unknown>, names: readonly string[]): SweptRange | undefined {
  for (const p of sweptParameters(cfg)) {
    const last = p.name.split('.').pop()?.toLowerCase() ?? '';
    if (names.includes(last)) {
      const r = sweptRange(p);
      if (r && r.min > 0) return r;
    }
  }
  return undefined;
}

/** The swept learning rate, if the sweep has one (a parameter named learning_rate / lr, nested or not). */
export function sweptLearningRate(cfg: Record<string, unknown>): SweptRange | undefined {
  return sweptNamed(cfg, LR_NAMES);
}

/**
 * Runs a grid sweep makes (grid_search.py:82-104: the product of each parameter's value count; int_uniform
 * becomes range(min, max + 1), q_uniform numpy.arange(min, max, q)), capped by run_cap. Undefined for other methods.
 */
export function gridRunCount(cfg: Record<string, unknown>): { runs: number; capped: boolean } | undefined {
  if (cfg.method !== 'grid') return undefined;
  let runs = 1;
  for (const p of sweptParameters(cfg)) {
    const dist = distributionOf(p.config);
    const { values, min, max, q } = p.config;
    let n: number | undefined;
    if (dist === 'constant') n = 1;
    else if (Array.isArray(values)) n = values.length;
    else if (dist === 'int_uniform' && typeof min === 'number' && typeof max === 'number')
      n = Math.max(0, Math.floor(max) - Math.ceil(min) + 1);
    // numpy.arange(min, max, q): max itself excluded, ceil((max - min) / q) values.
    else if (dist === 'q_uniform' && typeof min === 'number' && typeof max === 'number')
      n = Math.max(0, Math.ceil((max - min) / (typeof q === 'number' && q > 0 ? q : 1)));
    if (n === undefined) return undefined;
    runs *= n;
  }
  const cap = typeof cfg.run_cap === 'number' && cfg.run_cap > 0 ? cfg.run_cap : undefined;
  return cap !== undefined && cap < runs ? { runs: cap, capped: true } : { runs, capped: false };
}

/** Where a swept range lies against one law's value (a learning rate, a batch size, a warm-up share). */
export interface Placement {
  law: string;
  title: string;
  value: number;
  applies: LawResult['applies'];
  /** sweep range / law value: below 1 the whole range is under the law's value. */
  lowRatio: number;
  highRatio: number;
  position: 'below' | 'inside' | 'above';
}

export interface LawPlacement extends Placement {
  learningRate: number;
}

/** A law's value for one quantity, to place a swept range against. */
export interface LawValueRef {
  law: string;
  title: string;
  value: number;
  applies: LawResult['applies'];
}

export function placeRange(range: { min: number; max: number }, refs: readonly LawValueRef[]): Placement[] {
  return refs.map((r) => ({
    ...r,
    lowRatio: range.min / r.value,
    highRatio: range.max / r.value,
    position: range.max < r.value ? 'below' : range.min > r.value ? 'above' : 'inside',
  }));
}

/** Where the swept range lies against each law that gives a learning rate. */
export function placeAgainstLaws(range: SweptRange, laws: readonly LawResult[]): LawPlacement[] {
  const refs = laws
    .filter((l) => typeof l.learningRate === 'number' && l.learningRate > 0)
    .map((l) => ({ law: l.law, title: l.title, value: l.learningRate as number, applies: l.applies }));
  return placeRange(range, refs).map((p) => ({ ...p, learningRate: p.value }));
}

/** One sentence on the placement against the recommendations (context laws left out), made from the numbers. */
export function placementSummary(placements: readonly Placement[]): string | undefined {
  const recs = placements.filter((p) => p.applies === 'recommendation');
  if (recs.length === 0) return undefined;
  const factor = (x: number): string => (x >= 10 ? String(Math.round(x)) : x.toPrecision(2));
  if (recs.every((p) => p.position === 'below')) {
    const lo = Math.min(...recs.map((p) => 1 / p.highRatio));
    const hi = Math.max(...recs.map((p) => 1 / p.lowRatio));
    return `this range lies ${factor(lo)}–${factor(hi)}× below every recommendation for this model and method`;
  }
  if (recs.every((p) => p.position === 'above')) {
    const lo = Math.min(...recs.map((p) => p.lowRatio));
    const hi = Math.max(...recs.map((p) => p.highRatio));
    return `this range lies ${factor(lo)}–${factor(hi)}× above every recommendation for this model and method`;
  }
  const inside = recs.filter((p) => p.position === 'inside').map((p) => p.title);
  return inside.length
    ? `this range contains the recommendation of ${inside.join(', ')}`
    : 'this range lies between the recommendations';
}

/** Training tokens all runs of a grid consume: runs × steps × sequences per step × tokens per sequence. */
export function sweepTokens(
  runs: number,
  steps: number | undefined,
  sequencesPerStep: number | undefined,
  seqLen: number | undefined,
): number | undefined {
  if (!steps || !sequencesPerStep || !seqLen) return undefined;
  return runs * steps * sequencesPerStep * seqLen;
}

/** The training config a sweep runs, when `command` / `program` name a YAML or JSON file (an `--config X` style argument or a bare path). */
export function trainingConfigArgument(cfg: Record<string, unknown>): string | undefined {
  const args = Array.isArray(cfg.command)
    ? cfg.command.filter((a): a is string => typeof a === 'string')
    : [];
  const isConfigPath = (a: string): boolean => /\.(ya?ml|json)$/i.test(a) && !a.includes('${');
  for (let i = 0; i < args.length; i++) {
    const eq = /^--?[\w-]*config[\w-]*=(.+)$/i.exec(args[i]);
    if (eq && isConfigPath(eq[1])) return eq[1];
    if (/^--?[\w-]*config[\w-]*$/i.test(args[i]) && args[i + 1] && isConfigPath(args[i + 1]))
      return args[i + 1];
  }
  const bare = args.find(isConfigPath);
  if (bare) return bare;
  return isMapping(cfg) && typeof cfg.program === 'string' && isConfigPath(cfg.program)
    ? cfg.program
    : undefined;
}
