// torchtune component paths: `tune validate` / config.instantiate import each `_component_`; the
// torchtune.utils builders moved to torchtune.training in 0.3 (torchtune.utils of 0.7.0 keeps only
// device and logging helpers: torchtune/utils/__init__.py at the schema's commit bd2a0fc).
import type { Config, CrossFieldRule, RuleHit } from './ruleKit';

/** Every `_component_` path the schema knows (its `if _component_ const ...` branches). */
const known = new WeakMap<object, Set<string>>();
function componentPaths(schema: Record<string, unknown> | undefined): Set<string> {
  if (!schema) return new Set();
  let set = known.get(schema);
  if (!set) {
    set = new Set();
    const walk = (n: unknown, depth: number): void => {
      if (!n || typeof n !== 'object' || depth > 12) return;
      if (Array.isArray(n)) return n.forEach((x) => walk(x, depth + 1));
      const c = ((n as Config).properties as Config | undefined)?._component_ as Config | undefined;
      if (c && typeof c.const === 'string') set!.add(c.const);
      for (const v of Object.values(n)) walk(v, depth + 1);
    };
    walk(schema.allOf, 0);
    walk((schema.definitions as Config | undefined)?.component, 0);
    known.set(schema, set);
  }
  return set;
}

/** torchtune.utils exports of 0.7.0 (torchtune/utils/__init__.py). */
const UTILS_07 = new Set([
  'get_world_size_and_rank',
  'batch_to_device',
  'get_device',
  'get_logger',
  'torch_version_ge',
  'get_device_support',
  'get_torch_device_namespace',
  'DeviceSupport',
  'log_rank_zero',
  'deprecated',
  'log_once',
]);

/** First `_component_` under torchtune.utils that 0.7 does not have, with its path in the config. */
function findMoved(
  n: unknown,
  path: string[],
  out: { path: string[]; value: string } | undefined = undefined,
): { path: string[]; value: string } | undefined {
  if (out || !n || typeof n !== 'object') return out;
  if (Array.isArray(n)) {
    for (let i = 0; i < n.length && !out; i++) out = findMoved(n[i], [...path, String(i)]);
    return out;
  }
  const c = (n as Config)._component_;
  if (
    typeof c === 'string' &&
    c.startsWith('torchtune.utils.') &&
    !UTILS_07.has(c.slice('torchtune.utils.'.length))
  )
    return { path: [...path, '_component_'], value: c };
  for (const [k, v] of Object.entries(n)) if ((out = findMoved(v, [...path, k]))) return out;
  return undefined;
}

export const TORCHTUNE_RULES: readonly CrossFieldRule[] = [
  {
    id: 'tt-utils-moved-to-training',
    dialects: ['torchtune'],
    severity: 'error',
    source:
      'torchtune@bd2a0fc torchtune/utils/__init__.py (0.7.0); the builders moved to torchtune.training in v0.3.0',
    check: (cfg, schema): RuleHit | undefined => {
      const found = findMoved(cfg, []);
      if (!found) return undefined;
      const rest = found.value.slice('torchtune.utils.'.length);
      const paths = componentPaths(schema);
      const target = [`torchtune.training.${rest}`, `torchtune.training.${rest.split('.').pop()}`].find((p) =>
        paths.has(p),
      );
      const message = target
        ? `\`${found.value}\` moved to \`${target}\` in torchtune 0.3; torchtune 0.7 cannot import it and \`tune run\` stops.`
        : `\`${found.value}\` is not in torchtune.utils of torchtune 0.7 (its builders moved to torchtune.training in 0.3); \`tune run\` stops.`;
      return {
        path: found.path,
        on: 'value',
        message,
        ...(target ? { fix: { title: `Use ${target}`, path: found.path, value: target } } : {}),
      };
    },
  },
];
