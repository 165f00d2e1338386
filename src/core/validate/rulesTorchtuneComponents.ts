// torchtune `tune validate` semantics (torchtune/config/_validate.py at bd2a0fc): every `_component_`
// must import (config._utils._get_component_from_path) and its keys must bind to the callable's
// signature (inspect.signature(...).bind, "got an unexpected keyword argument"). `tune validate` lets a
// missing required argument pass (bind_partial), but `tune run` then calls config.instantiate with only
// what the recipe adds (recipes/*.py `config.instantiate(cfg.X, ...)`) and stops with "missing a
// required argument". Judged against the per-release table (torchtune/components.ts); release: the
// pinned one until the user's release is known (componentFindings takes it).
import { suggest } from './mapErrors';
import type { Config, CrossFieldRule, RuleHit } from './ruleKit';
import {
  componentKnown,
  componentMoved,
  componentSignature,
  recipeSupplies,
  torchtuneReleases,
} from './torchtune/components';

const SOURCE = 'torchtune@bd2a0fc torchtune/config/_validate.py:26-44, config/_instantiate.py';
type Kind = 'unknown' | 'kwarg' | 'missing';
interface Node {
  path: string[];
  node: Config;
  component: string;
  /** Top-level section (or an item of one) the recipe instantiates, with what it passes. */
  section?: string;
}

/** Every mapping with a string `_component_`, with its key path; top-level ones keep their section. */
function components(cfg: Config): Node[] {
  const out: Node[] = [];
  const walk = (n: unknown, path: string[], section: string | undefined, depth: number): void => {
    if (!n || typeof n !== 'object' || depth > 12) return;
    if (Array.isArray(n)) return n.forEach((x, i) => walk(x, [...path, String(i)], section, depth + 1));
    const c = (n as Config)._component_;
    if (typeof c === 'string') out.push({ path, node: n as Config, component: c, section });
    for (const [k, v] of Object.entries(n))
      if (k !== '_component_') walk(v, [...path, k], depth === 0 ? k : undefined, depth + 1);
  };
  walk(cfg, [], undefined, 0);
  return out;
}
const short = (r: string): string => r.split('.').slice(0, 2).join('.');

/** The first finding of each kind for that release (default: pinned). */
export function componentFindings(cfg: Config, release?: string): Partial<Record<Kind, RuleHit>> {
  const rel = release ?? torchtuneReleases().pinned;
  const out: Partial<Record<Kind, RuleHit>> = {};
  for (const { path, node, component, section } of components(cfg)) {
    const at = [...path, '_component_'];
    // config/_utils.py:68/73: an empty path or an empty part ("a..b", ".x") is refused before importing.
    if (!out.unknown && component.split('.').some((p) => !p.trim()))
      out.unknown = {
        path: at,
        on: 'value',
        message: `\`${component}\` is not a dotted path (an empty part; relative imports are not supported); torchtune raises.`,
      };
    const known = componentKnown(rel, component);
    // torchtune.utils builders: the tt-utils-moved-to-training rule tells those.
    if (known === false && !out.unknown && !component.startsWith('torchtune.utils.')) {
      const moved = componentMoved(rel, component);
      out.unknown = {
        path: at,
        on: 'value',
        message:
          `\`${component}\` does not exist in torchtune ${rel}; \`tune validate\` and \`tune run\` stop when importing it.` +
          (moved ? ` It moved to \`${moved.to}\`${moved.since ? ` in ${short(moved.since)}` : ''}.` : ''),
        ...(moved ? { fix: { title: `Use ${moved.to}`, path: at, value: moved.to } } : {}),
      };
    }
    const sig = known ? componentSignature(rel, component) : undefined;
    if (!sig) continue;
    const params = [...sig.required, ...sig.optional];
    if (!sig.varkw && !out.kwarg) {
      const bad = Object.keys(node).find((k) => k !== '_component_' && !params.includes(k));
      if (bad) {
        const near = suggest(bad, params);
        out.kwarg = {
          path: [...path, bad],
          on: 'key',
          message: `\`${component}\` takes no argument \`${bad}\` (torchtune ${rel}); \`tune validate\` reports "got an unexpected keyword argument '${bad}'".${near ? ` Did you mean \`${near}\`?` : ''}`,
        };
      }
    }
    const supplied = section ? recipeSupplies(section) : undefined;
    if (supplied && !out.missing) {
      const passed = new Set([...sig.required.slice(0, supplied.positional), ...supplied.keywords]);
      const missing = sig.required.filter((p) => !passed.has(p) && !(p in node));
      if (missing.length)
        out.missing = {
          path: at,
          on: 'value',
          message: `\`${component}\` needs \`${missing.join('`, `')}\` (no default, and the recipes do not pass ${missing.length > 1 ? 'them' : 'it'}); \`tune validate\` lets this pass, \`tune run\` stops with "missing a required argument: '${missing[0]}'".`,
        };
    }
  }
  return out;
}

/**
 * The user's torchtune release (mlConfig.validation.frameworkVersions), undefined when not set (then
 * the pinned one is judged). A release whose major.minor the table lacks is not judged at all.
 */
function releaseFor(versions: Record<string, string> | undefined): string | undefined {
  const v = Object.entries(versions ?? {}).find(([k]) => k.toLowerCase() === 'torchtune')?.[1];
  return v?.trim().replace(/^v/, '') || undefined;
}

/** The three rules read one walk of the same config object (per release judged). */
const seen = new WeakMap<Config, Map<string, Partial<Record<Kind, RuleHit>>>>();
function findingsFor(cfg: Config, release: string | undefined): Partial<Record<Kind, RuleHit>> {
  let byRelease = seen.get(cfg);
  if (!byRelease) seen.set(cfg, (byRelease = new Map()));
  const key = release ?? '';
  let f = byRelease.get(key);
  if (!f) byRelease.set(key, (f = componentFindings(cfg, release)));
  return f;
}
const rule = (id: string, kind: Kind): CrossFieldRule => ({
  id,
  dialects: ['torchtune'],
  severity: 'error',
  source: SOURCE,
  // Whether a path imports in the user's release is the release check's (releases/check.ts, which
  // names the release that added or moved it); its arguments are judged here, in that release.
  check: (cfg, _schema, versions) =>
    findingsFor(cfg, kind === 'unknown' ? undefined : releaseFor(versions))[kind],
});

export const TORCHTUNE_COMPONENT_RULES: readonly CrossFieldRule[] = [
  {
    id: 'tt-config-key',
    dialects: ['torchtune'],
    severity: 'error',
    source: 'torchtune@bd2a0fc torchtune/config/_parse.py:59 TuneRecipeArgumentParser.parse_known_args',
    check: (cfg) =>
      Object.prototype.hasOwnProperty.call(cfg, 'config')
        ? {
            path: ['config'],
            on: 'key',
            message:
              "A torchtune config cannot have a top-level `config` key (the command line's `--config` names the file); `tune run` stops with \"Cannot use 'config' within a config file\".",
          }
        : undefined,
  },
  rule('tt-component-unknown', 'unknown'),
  rule('tt-component-unknown-kwarg', 'kwarg'),
  rule('tt-component-missing-kwarg', 'missing'),
];
