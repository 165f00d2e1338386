// mergekit's own config checks (mergekit v0.1.4: config.py, plan.py, merge_methods/*, sparsify.py).
// Each merge method's parameters come from the schema's x-mergeMethods, which the generator reads from
// mergekit's source (scripts/schema-tools/merges/gen_mergekit.py). Ids as in the schema's x-rules.
import type { Config, CrossFieldRule, RuleHit } from './ruleKit';
import { has, isSet } from './ruleKit';

type Check = CrossFieldRule['check'];
const DIALECT = ['mergekit'] as const;
const rule = (
  id: string,
  severity: CrossFieldRule['severity'],
  source: string,
  check: Check,
): CrossFieldRule => ({ id, dialects: DIALECT, severity, source: `mergekit v0.1.4 ${source}`, check });

const isMapping = (v: unknown): v is Config => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

interface ParamDef {
  name: string;
  required: boolean;
  default: unknown;
}

export interface MergeMethodInfo {
  global: ParamDef[];
  perModel: ParamDef[];
  requiresBase: boolean;
  paper?: string | null;
}

/** The method's declared parameters from the schema (x-mergeMethods), or undefined for an unknown method. */
export function mergeMethodInfo(
  schema: Record<string, unknown> | undefined,
  method: unknown,
): MergeMethodInfo | undefined {
  const table = schema?.['x-mergeMethods'];
  return typeof method === 'string' && isMapping(table) && isMapping(table[method])
    ? (table[method] as unknown as MergeMethodInfo)
    : undefined;
}

/** One place a model enters the merge: `models[i]` or `slices[i].sources[j]`, with the parameter maps that apply. */
interface ModelEntry {
  path: string[];
  model: unknown;
  params: Config[];
  /** The base model of this entry's scope (the slice's base_model, else the global one). */
  base: unknown;
}

function modelEntries(c: Config): ModelEntry[] {
  const global = isMapping(c.parameters) ? [c.parameters] : [];
  const out: ModelEntry[] = list(c.models).map((m, i) => ({
    path: ['models', String(i)],
    model: isMapping(m) ? m.model : undefined,
    params: [...(isMapping(m) && isMapping(m.parameters) ? [m.parameters] : []), ...global],
    base: c.base_model,
  }));
  list(c.slices).forEach((s, i) => {
    if (!isMapping(s)) return;
    const sliceParams = isMapping(s.parameters) ? [s.parameters] : [];
    list(s.sources).forEach((src, j) =>
      out.push({
        path: ['slices', String(i), 'sources', String(j)],
        model: isMapping(src) ? src.model : undefined,
        params: [
          ...(isMapping(src) && isMapping(src.parameters) ? [src.parameters] : []),
          ...sliceParams,
          ...global,
        ],
        base: s.base_model ?? c.base_model,
      }),
    );
  });
  return out;
}

const sameModel = (a: unknown, b: unknown): boolean =>
  typeof a === 'string' && typeof b === 'string' && a.trim() === b.trim();

/** Every number a parameter setting can take: a scalar, a gradient list, conditional values. */
export function settingNumbers(v: unknown, depth = 0): number[] {
  if (typeof v === 'number') return [v];
  if (depth > 4) return [];
  if (Array.isArray(v)) return v.flatMap((x) => settingNumbers(x, depth + 1));
  if (isMapping(v)) return settingNumbers(v.value, depth + 1);
  return [];
}

/** Parameter maps with their key paths: global, per slice, per model and per slice source. */
function parameterMaps(c: Config): Array<{ path: string[]; params: Config; perModel: boolean }> {
  const out: Array<{ path: string[]; params: Config; perModel: boolean }> = [];
  if (isMapping(c.parameters)) out.push({ path: ['parameters'], params: c.parameters, perModel: false });
  list(c.models).forEach(
    (m, i) =>
      isMapping(m) &&
      isMapping(m.parameters) &&
      out.push({ path: ['models', String(i), 'parameters'], params: m.parameters, perModel: true }),
  );
  list(c.slices).forEach((s, i) => {
    if (!isMapping(s)) return;
    if (isMapping(s.parameters))
      out.push({ path: ['slices', String(i), 'parameters'], params: s.parameters, perModel: false });
    list(s.sources).forEach(
      (src, j) =>
        isMapping(src) &&
        isMapping(src.parameters) &&
        out.push({
          path: ['slices', String(i), 'sources', String(j), 'parameters'],
          params: src.parameters,
          perModel: true,
        }),
    );
  });
  return out;
}

function first<T>(items: T[], test: (x: T) => RuleHit | undefined): RuleHit | undefined {
  for (const x of items) {
    const h = test(x);
    if (h) return h;
  }
  return undefined;
}

export const MERGEKIT_RULES: readonly CrossFieldRule[] = [
  rule('merge-exactly-one-input', 'error', 'config.py:121-136', (c) => {
    const given = ['models', 'slices', 'modules'].filter((k) => isSet(c[k]));
    if (given.length === 1) return undefined;
    return given.length === 0
      ? {
          path: ['merge_method'],
          on: 'key',
          message:
            "Give the models to merge: exactly one of `models`, `slices` or `modules` (mergekit raises \"Exactly one of 'models', 'slices', or 'modules' must be present\").",
        }
      : {
          path: [given[1]],
          on: 'key',
          message: `\`${given.join('` and `')}\` are both given; mergekit accepts exactly one of \`models\`, \`slices\` or \`modules\`.`,
        };
  }),
  rule('merge-tokenizer-both', 'error', 'config.py:138-143', (c) =>
    isSet(c.tokenizer_source) && isSet(c.tokenizer)
      ? {
          path: ['tokenizer'],
          on: 'key',
          message:
            'Set `tokenizer_source` or `tokenizer`, not both (mergekit raises "Cannot specify both tokenizer_source and tokenizer").',
        }
      : undefined,
  ),
  rule('merge-needs-base-model', 'error', 'merge_methods/* Task base_model: ModelReference', (c, schema) => {
    const info = mergeMethodInfo(schema, c.merge_method);
    if (!info?.requiresBase || isSet(c.base_model)) return undefined;
    const slices = list(c.slices);
    if (slices.length > 0 && slices.every((s) => isMapping(s) && isSet(s.base_model))) return undefined;
    return {
      path: ['merge_method'],
      on: 'value',
      message: `\`${String(c.merge_method)}\` works relative to a base model (task vectors = model − base): add \`base_model:\`.`,
    };
  }),
  rule('merge-slerp-two-models', 'error', 'merge_methods/slerp.py:36-39', (c) => {
    if (c.merge_method !== 'slerp') return undefined;
    if (Array.isArray(c.models) && c.models.length !== 2)
      return {
        path: ['models'],
        on: 'key',
        message: `SLERP interpolates between exactly two models; ${c.models.length} are listed ("Slerp merge expects exactly two models").`,
      };
    const bad = list(c.slices).findIndex((s) => isMapping(s) && list(s.sources).length !== 2);
    if (bad >= 0)
      return {
        path: ['slices', String(bad), 'sources'],
        on: 'key',
        message: `SLERP interpolates between exactly two models; slice ${bad} has ${list((c.slices as Config[])[bad].sources).length} sources.`,
      };
    const entries = modelEntries(c);
    const base = c.base_model;
    if (isSet(base) && entries.length > 0 && !entries.some((e) => sameModel(e.model, base))) {
      return {
        path: ['base_model'],
        on: 'value',
        message:
          'SLERP\'s base model must be one of the two models being merged (mergekit raises "Base model not in input tensors").',
      };
    }
    return undefined;
  }),
  rule('merge-missing-required-parameter', 'error', 'config.py:244-250, plan.py:184-202', (c, schema) => {
    const info = mergeMethodInfo(schema, c.merge_method);
    if (!info) return undefined;
    const globalParams = [
      c.parameters,
      ...list(c.slices).map((s) => (isMapping(s) ? s.parameters : undefined)),
    ].filter(isMapping);
    const missingGlobal = info.global.find(
      (p) =>
        p.required &&
        !has(isMapping(c.parameters) ? c.parameters : {}, p.name) &&
        !globalParams.some((g) => has(g, p.name)),
    );
    if (missingGlobal)
      return {
        path: [isMapping(c.parameters) ? 'parameters' : 'merge_method'],
        on: 'key',
        message: `\`${String(c.merge_method)}\` needs the parameter \`${missingGlobal.name}\` (mergekit raises "Missing required parameter ${missingGlobal.name}").`,
      };
    return first(modelEntries(c), (e) => {
      if (sameModel(e.model, e.base)) return undefined; // plan.py:200: the base model needs no per-model parameters
      const p = info.perModel.find((d) => d.required && !e.params.some((m) => has(m, d.name)));
      return p
        ? {
            path: [...e.path, 'model'],
            on: 'value',
            message: `\`${String(e.model)}\` has no \`${p.name}\`, which \`${String(c.merge_method)}\` requires for every model except the base (set it on the model or under the global \`parameters\`).`,
          }
        : undefined;
    });
  }),
  rule(
    'merge-parameter-not-used',
    'warning',
    'merge_methods/* parameters() / tensor_parameters()',
    (c, schema) => {
      const info = mergeMethodInfo(schema, c.merge_method);
      if (!info) return undefined;
      const known = new Set([...info.global, ...info.perModel].map((p) => p.name));
      return first(parameterMaps(c), ({ path, params }) => {
        const name = Object.keys(params).find((k) => !known.has(k));
        return name
          ? {
              path: [...path, name],
              on: 'key',
              message: `\`${String(c.merge_method)}\` does not read \`${name}\`; mergekit ignores it. Its parameters: ${[...known].map((k) => `\`${k}\``).join(', ') || 'none'}.`,
            }
          : undefined;
      });
    },
  ),
  rule('merge-density-range', 'warning', 'sparsify.py:57-146 (density is the kept fraction)', (c) =>
    first(parameterMaps(c), ({ path, params }) => {
      const bad = settingNumbers(params.density).find((d) => d < 0 || d > 1);
      return bad !== undefined
        ? {
            path: [...path, 'density'],
            on: 'value',
            message: `density ${bad} is outside 0 … 1: it is the fraction of each task vector kept (≥ 1 keeps everything, ≤ 0 drops everything).`,
          }
        : undefined;
    }),
  ),
  rule('merge-della-epsilon', 'error', 'sparsify.py:144-153 della_magprune', (c, schema) => {
    if (c.merge_method !== 'della' && c.merge_method !== 'della_linear') return undefined;
    const info = mergeMethodInfo(schema, c.merge_method);
    const epsDefault = Number(info?.perModel.find((p) => p.name === 'epsilon')?.default ?? 0.15);
    return first(modelEntries(c), (e) => {
      const pick = (k: string): unknown => e.params.find((m) => has(m, k))?.[k];
      const densities = settingNumbers(pick('density'));
      const eps = settingNumbers(pick('epsilon'));
      const epsilons = eps.length ? eps : [epsDefault];
      const d = densities.find((x) => x > 0 && x < 1 && epsilons.some((ep) => x + ep >= 1 || x - ep <= 0));
      return d !== undefined
        ? {
            path: [...e.path, 'model'],
            on: 'value',
            message: `DELLA keeps entries with probabilities density ± epsilon, which must lie in (0, 1): density ${d} with epsilon ${epsilons.join('/')} does not (mergekit raises "Epsilon must be chosen such that density +/- epsilon is in (0, 1)").`,
          }
        : undefined;
    });
  }),
];
