// PEFT 0.20.0's module-matching rules (tuners/tuners_utils.py `check_target_module_exists`,
// `_maybe_include_all_linear_layers`; utils/other.py `get_pattern_key`), reproduced name for name.
import { fullmatch, matchesSegmentRun, pyMatch } from './pyregex';
import { firstMatchingKey, patternKeys } from './patternKeys';
import type { ModelTree } from './tree';

/** The fields of a PEFT config that decide which modules an adapter wraps. */
export interface TargetSpec {
  /** A regex string (full match), a list of names (exact or dotted suffix), or null. */
  targetModules: string | readonly string[] | null;
  excludeModules: string | string[] | null;
  modulesToSave: string[] | null;
  layersToTransform: number | number[] | null;
  layersPattern: string | string[] | null;
  targetParameters: string[] | null;
}

export type MatchResult = 'excluded' | boolean;

/** PEFT's match of a list entry: the module key is the name, or ends with it as a dotted suffix. */
export function endsWithName(key: string, name: string): boolean {
  return key === name || key.endsWith('.' + name);
}

function matchesDottedSuffix(key: string, names: readonly string[]): boolean {
  return names.some((n) => endsWithName(key, n));
}

function isExcluded(spec: TargetSpec, key: string): boolean {
  const ex = spec.excludeModules;
  if (typeof ex === 'string') return ex.length > 0 && fullmatch(ex, key);
  return ex !== null && ex.length > 0 && matchesDottedSuffix(key, ex);
}

/** PEFT never wraps a module that `modules_to_save` names (as a whole dotted segment run). */
export function isModuleToSave(modulesToSave: readonly string[] | null, key: string): boolean {
  return (modulesToSave ?? []).some((m) => matchesSegmentRun(m, key));
}

/** The layer index PEFT reads from a module name (lazy: the first numbered segment). */
export function layerIndexOf(key: string, pattern: string | string[] | null): number | null {
  const patterns =
    pattern === null || pattern.length === 0 ? null : typeof pattern === 'string' ? [pattern] : pattern;
  if (!patterns) {
    const m = pyMatch('.*?\\.[^.]*\\.(\\d+)\\.', key);
    return m ? Number(m[1]) : null;
  }
  for (const p of patterns) {
    const m = pyMatch(`.*?\\.${p}\\.(\\d+)\\.`, key);
    if (m) return Number(m[1]);
  }
  return null;
}

function usesLayerIndexes(spec: TargetSpec): boolean {
  const l = spec.layersToTransform;
  return l !== null && (Array.isArray(l) ? l.length !== 0 : true);
}

function layerAllowed(spec: TargetSpec, key: string): boolean {
  const idx = layerIndexOf(key, spec.layersPattern);
  if (idx === null) return false;
  const l = spec.layersToTransform;
  return typeof l === 'number' ? idx === l : (l as number[]).includes(idx);
}

const nameSets = new WeakMap<readonly string[], Set<string>>();

function nameSet(list: readonly string[]): Set<string> {
  let set = nameSets.get(list);
  if (!set) nameSets.set(list, (set = new Set(list)));
  return set;
}

/** Whether `key` ends with "." + an entry; O(depth) via the key's dotted suffixes. */
function hitsDottedSuffix(list: readonly string[], key: string): boolean {
  const set = nameSet(list);
  for (let i = key.indexOf('.'); i >= 0; i = key.indexOf('.', i + 1)) {
    if (set.has(key.slice(i + 1))) return true;
  }
  return false;
}

/** `check_target_module_exists`: 'excluded', true (wrap it) or false. */
export function checkTarget(spec: TargetSpec, key: string): MatchResult {
  if (isExcluded(spec, key)) return 'excluded';
  if (isModuleToSave(spec.modulesToSave, key)) return 'excluded';
  const t = spec.targetModules;
  if (t === null) return false;
  if (typeof t === 'string') return fullmatch(t, key);
  if (nameSet(t).has(key)) return true;
  const found = hitsDottedSuffix(t, key);
  if (!found || !usesLayerIndexes(spec)) return found;
  return layerAllowed(spec, key);
}

/** How many module names each list entry of target_modules hits (for "matches nothing" diagnostics). */
export function countEntryMatches(
  entries: readonly string[],
  names: readonly string[],
): { entry: string; matched: number }[] {
  return entries.map((entry) => ({
    entry,
    matched: names.filter((k) => endsWithName(k, entry)).length,
  }));
}

/**
 * `all-linear`: every Linear/Conv1D except the output embedding (lm_head); for SEQ_CLS models, which
 * have no output embedding, PEFT 0.20 also leaves out the root-level `score`/`classifier` head.
 */
export function allLinearNames(tree: ModelTree, taskType: string | null): readonly string[] {
  // Cached per tree and task: the same array each time also keeps nameSet's Set of it (a MoE tree on
  // transformers 4.x lists tens of thousands of expert Linears).
  const key = taskType ?? '';
  let byTask = allLinearCache.get(tree);
  if (!byTask) allLinearCache.set(tree, (byTask = new Map()));
  let names = byTask.get(key);
  if (!names) byTask.set(key, (names = listAllLinear(tree, taskType)));
  return names;
}

const allLinearCache = new WeakMap<ModelTree, Map<string, readonly string[]>>();

function listAllLinear(tree: ModelTree, taskType: string | null): readonly string[] {
  const excluded = new Set<string>();
  const output = [...tree.own.values()].find((m) => m.isOutputLayer);
  if (output) excluded.add(output.name);
  else if (taskType === 'SEQ_CLS') {
    const head = ['score', 'classifier'].find((n) => tree.names.includes(n));
    if (head) excluded.add(head);
  }
  return [...tree.own.values()]
    .filter((m) => (m.kind === 'Linear' || m.kind === 'Conv1D') && !m.fusedExperts && !excluded.has(m.name))
    .map((m) => m.name);
}

/** `get_pattern_key`: the first rank_pattern/alpha_pattern key that matches the module name. */
export function patternValue<T>(patterns: Record<string, T> | null, key: string): T | undefined {
  if (!patterns) return undefined;
  const p = patternKeys(patterns);
  const i = firstMatchingKey(p, key, true, (k) => pyMatch(`(.*\\.)?(${k})$`, key) !== null);
  return i < 0 ? undefined : patterns[p.keys[i]];
}

/**
 * FourierFT's `n_frequency_pattern` and C3A's `block_size_pattern` lookup (their model.py
 * `_create_and_replace`): the first key with `re.match(rf".*\.{key}$", name)`, so a key only matches
 * after a dot, never the whole top-level name.
 */
export function dottedPatternValue<T>(patterns: Record<string, T> | null, key: string): T | undefined {
  if (!patterns) return undefined;
  const p = patternKeys(patterns);
  const i = firstMatchingKey(p, key, false, (k) => pyMatch(`.*\\.${k}$`, key) !== null);
  return i < 0 ? undefined : patterns[p.keys[i]];
}
