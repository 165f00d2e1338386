// W&B sweep checks that the sweeps library makes in code rather than in its JSON Schema
// (wandb/sweeps main b1dfc5f: src/sweeps/config/cfg.py SweepConfig, schema.py, grid_search.py,
// bayes_search.py, hyperband_stopping.py, params.py). Ids as in schemas/wandb-sweep.schema.json x-rules.
import type { Config, CrossFieldRule, RuleHit } from './ruleKit';
import { has, isSet } from './ruleKit';

type Check = CrossFieldRule['check'];
const DIALECT = ['wandb-sweep'] as const;
const rule = (
  id: string,
  severity: CrossFieldRule['severity'],
  source: string,
  check: Check,
): CrossFieldRule => ({ id, dialects: DIALECT, severity, source: `wandb/sweeps ${source}`, check });

const isMapping = (v: unknown): v is Config => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface SweptParameter {
  /** Key path from the document root: ['parameters', 'lr'] or ['parameters', 'opt', 'parameters', 'lr']. */
  path: string[];
  name: string;
  config: Config;
}

/** Every swept parameter, nested dictionaries (`parameters:` inside a parameter) included. */
export function sweptParameters(cfg: Config): SweptParameter[] {
  const out: SweptParameter[] = [];
  const walk = (params: unknown, path: string[], depth: number): void => {
    if (!isMapping(params) || depth > 16) return;
    for (const [name, p] of Object.entries(params)) {
      if (!isMapping(p)) continue;
      if (isMapping(p.parameters)) walk(p.parameters, [...path, name, 'parameters'], depth + 1);
      else out.push({ path: [...path, name], name, config: p });
    }
  };
  walk(cfg.parameters, ['parameters'], 0);
  return out;
}

/**
 * The distribution the sweeps library settles on for a parameter, as schema.py fill_parameter does:
 * the stated one, else categorical for `values`, constant for `value`, int_uniform for integer
 * min/max, uniform for real min/max (a `format: float` check, i.e. Python isinstance).
 */
export function distributionOf(p: Config): string | undefined {
  if (typeof p.distribution === 'string') return p.distribution;
  if (Array.isArray(p.values)) return has(p, 'probabilities') ? 'categorical_w_probabilities' : 'categorical';
  if (has(p, 'value')) return 'constant';
  if (typeof p.min === 'number' && typeof p.max === 'number')
    return Number.isInteger(p.min) && Number.isInteger(p.max) ? 'int_uniform' : 'uniform';
  return undefined;
}

/** Distributions whose min/max are natural-log exponents (params.py PARAM_DEPRECATION_MAP). */
export const LOG_EXPONENT_DISTRIBUTIONS: Readonly<Record<string, string>> = {
  log_uniform: 'log_uniform_values',
  inv_log_uniform: 'inv_log_uniform_values',
  q_log_uniform: 'q_log_uniform_values',
};

const GRID_ALLOWED = ['categorical', 'constant', 'int_uniform', 'q_uniform'];

const fmt = (x: number): string =>
  Math.abs(x) >= 1e-3 && Math.abs(x) < 1e4 ? String(Number(x.toPrecision(4))) : x.toExponential(2);

function firstParam(cfg: Config, test: (p: SweptParameter) => RuleHit | undefined): RuleHit | undefined {
  for (const p of sweptParameters(cfg)) {
    const found = test(p);
    if (found) return found;
  }
  return undefined;
}

function logExponentHit(p: SweptParameter): RuleHit | undefined {
  const dist = typeof p.config.distribution === 'string' ? p.config.distribution : '';
  const replacement = LOG_EXPONENT_DISTRIBUTIONS[dist];
  if (!replacement) return undefined;
  const { min, max } = p.config;
  const sampled =
    typeof min === 'number' && typeof max === 'number'
      ? ` Here it samples exp(${fmt(min)}) … exp(${fmt(max)}) = ${fmt(Math.exp(dist.startsWith('inv') ? -max : min))} … ${fmt(Math.exp(dist.startsWith('inv') ? -min : max))}.`
      : '';
  // Limits such as 1e-5 … 1e-3 written as exponents: every sample is about 1.0.
  const looksLikeValues = typeof min === 'number' && typeof max === 'number' && min > 0 && max <= 1;
  const message = looksLikeValues
    ? `\`${dist}\` takes natural-log EXPONENTS as min/max, so \`${p.name}\` is drawn from e^${fmt(min as number)} … e^${fmt(max as number)}, about 1.0 in every run. For limit values such as ${fmt(min as number)} … ${fmt(max as number)} use \`${replacement}\`.`
    : `\`${dist}\` is deprecated: its min/max are natural-log exponents (the sweeps library reports "uses ${dist}, where min/max specify base-e exponents. Use ${replacement} to specify limit values.").${sampled}`;
  return {
    path: [...p.path, 'distribution'],
    on: 'value',
    message,
    fix: {
      title: `Use ${replacement} (min/max as limit values)`,
      path: [...p.path, 'distribution'],
      value: replacement,
      preferred: looksLikeValues,
    },
  };
}

function negativeLimitsHit(p: SweptParameter): RuleHit | undefined {
  const dist = p.config.distribution;
  if (typeof dist !== 'string' || !Object.values(LOG_EXPONENT_DISTRIBUTIONS).includes(dist)) return undefined;
  const { min, max } = p.config;
  if (typeof min !== 'number' || typeof max !== 'number' || min > 0 || max > 0) return undefined;
  const [lo, hi] = [Math.exp(min), Math.exp(max)].map((v) => Number(v.toPrecision(3)));
  return {
    path: [...p.path, 'distribution'],
    on: 'value',
    message: `\`${dist}\` takes the limit values themselves, not their logarithms: min ${fmt(min)} and max ${fmt(max)} look like natural-log exponents (e^${fmt(min)} = ${fmt(lo)}, e^${fmt(max)} = ${fmt(hi)}). The sweeps schema requires min > 0.`,
    fix: {
      title: `Write the limits as values: min ${fmt(lo)}, max ${fmt(hi)}`,
      path: [...p.path, 'min'],
      value: yamlFloat(lo),
      more: [{ path: [...p.path, 'max'], value: yamlFloat(hi) }],
    },
  };
}

/** A float PyYAML (YAML 1.1) reads as a float: a dot in the mantissa (`1.0e-05`, not `1e-05`). */
export function yamlFloat(x: number): string {
  const s = x.toExponential();
  const [mant, exp] = s.split('e');
  return `${mant.includes('.') ? mant : `${mant}.0`}e${exp}`;
}

export const WANDB_SWEEP_RULES: readonly CrossFieldRule[] = [
  rule('sweep-bayes-needs-metric', 'error', 'src/sweeps/bayes_search.py:34', (c) =>
    c.method === 'bayes' && !isSet(c.metric) && !isSet(c.metrics)
      ? {
          path: ['method'],
          on: 'value',
          message:
            '`method: bayes` needs a `metric` to model: the sweeps library raises "Bayesian search requires \\"metric\\" section".',
        }
      : undefined,
  ),
  rule('sweep-hyperband-needs-metric', 'error', 'src/sweeps/hyperband_stopping.py:15', (c) =>
    isMapping(c.early_terminate) && !isSet(c.metric)
      ? {
          path: ['early_terminate'],
          on: 'key',
          message:
            'Hyperband early termination compares runs on a metric: add `metric: {name: ..., goal: ...}` (the sweeps library raises "Hyperband stopping requires \\"metric\\" section").',
        }
      : undefined,
  ),
  rule('sweep-grid-param-type', 'error', 'src/sweeps/grid_search.py:69-80', (c) =>
    c.method !== 'grid'
      ? undefined
      : firstParam(c, (p) => {
          const dist = distributionOf(p.config);
          return dist && !GRID_ALLOWED.includes(dist)
            ? {
                path: p.path,
                on: 'key',
                message: `Grid search needs finite parameters: \`${p.name}\` is ${dist === 'categorical_w_probabilities' ? 'categorical with probabilities' : `\`${dist}\``}. Grid search takes \`values\`, a constant \`value\`, \`int_uniform\` or \`q_uniform\` (the sweeps library raises "Parameter ${p.name} is a disallowed type with grid search").`,
              }
            : undefined;
        }),
  ),
  rule('sweep-min-not-below-max', 'error', 'src/sweeps/config/schema.py:103 (cfg.py:96)', (c) =>
    firstParam(c, (p) => {
      const { min, max } = p.config;
      return typeof min === 'number' && typeof max === 'number' && min >= max
        ? {
            path: [...p.path, 'min'],
            on: 'value',
            message: `${p.name}: min ${fmt(min)} is not less than max ${fmt(max)} (the sweeps library rejects the sweep).`,
          }
        : undefined;
    }),
  ),
  rule('sweep-probabilities', 'error', 'src/sweeps/config/schema.py:111-124', (c) =>
    firstParam(c, (p) => {
      const { values, probabilities } = p.config;
      if (!Array.isArray(values) || !Array.isArray(probabilities)) return undefined;
      if (values.length !== probabilities.length) {
        return {
          path: [...p.path, 'probabilities'],
          on: 'value',
          message: `${p.name}: ${values.length} values but ${probabilities.length} probabilities; they must have the same length.`,
        };
      }
      const sum = probabilities.reduce((s: number, x) => s + (typeof x === 'number' ? x : NaN), 0);
      // numpy.isclose(sum, 1.0): rtol 1e-5, atol 1e-8.
      return Math.abs(sum - 1) <= 1e-8 + 1e-5
        ? undefined
        : {
            path: [...p.path, 'probabilities'],
            on: 'value',
            message: `${p.name}: probabilities sum to ${fmt(sum)}, not 1.`,
          };
    }),
  ),
  rule('sweep-log-uniform-deprecated', 'warning', 'src/sweeps/params.py:481-514, cfg.py:102', (c) =>
    firstParam(c, logExponentHit),
  ),
  rule(
    'sweep-log-uniform-values-negative',
    'warning',
    'src/sweeps/config/schema.json param_loguniform_v2',
    (c) => firstParam(c, negativeLimitsHit),
  ),
  rule('sweep-metric-and-metrics', 'error', 'src/sweeps/config/cfg.py:41-45', (c) =>
    has(c, 'metric') && has(c, 'metrics')
      ? {
          path: ['metrics'],
          on: 'key',
          message:
            '`metric` and `metrics` cannot both be set: use `metric` for one objective, or `metrics` for multi-objective optimisation.',
        }
      : undefined,
  ),
  rule('sweep-metrics-needs-custom', 'error', 'src/sweeps/config/cfg.py:46-51', (c) =>
    has(c, 'metrics') && !has(c, 'metric') && c.method !== undefined && c.method !== 'custom'
      ? {
          path: ['method'],
          on: 'value',
          message: `\`metrics\` (multi-objective) requires \`method: custom\` with a \`scheduler\`; got \`method: ${String(c.method)}\`.`,
        }
      : undefined,
  ),
  rule('sweep-scheduler-conflicts', 'error', 'src/sweeps/config/cfg.py:53-67', (c) => {
    if (!has(c, 'scheduler')) return undefined;
    if (isMapping(c.controller) && c.controller.type === 'local')
      return {
        path: ['controller'],
        on: 'key',
        message:
          '`controller: {type: local}` cannot be used together with `scheduler`: use `scheduler` instead of `controller`.',
      };
    if (has(c, 'early_terminate'))
      return {
        path: ['early_terminate'],
        on: 'key',
        message:
          '`early_terminate` cannot be used together with `scheduler`: early termination must be implemented by the custom scheduler itself.',
      };
    return undefined;
  }),
  rule('sweep-method-required', 'error', 'src/sweeps/config/schema.json required; wandb cli.py:1411', (c) => {
    const launchJob =
      isMapping(c.scheduler) &&
      (isSet(c.scheduler.job) || (isMapping(c.scheduler.settings) && isSet(c.scheduler.settings.method)));
    return has(c, 'method') || launchJob
      ? undefined
      : {
          path: ['parameters'],
          on: 'key',
          message:
            'A sweep needs `method:` (grid, random, bayes or custom); only `wandb launch-sweep` with a scheduler `job` fills it in.',
        };
  }),
  rule('sweep-parameters-required', 'error', 'src/sweeps/config/cfg.py:36-39', (c) => {
    const searchSpace = isMapping(c.scheduler) && isSet(c.scheduler.search_space);
    return has(c, 'parameters') || searchSpace
      ? undefined
      : {
          path: [has(c, 'method') ? 'method' : 'metric'],
          on: 'key',
          message:
            '`parameters` is required unless `scheduler.search_space` is set: a sweep needs something to sweep.',
        };
  }),
];
