// Cross-field rules written as data: an x-rules entry whose "when" is a JSON Schema is compiled at
// build time (gen-validators.mjs) into a predicate; this file decides where such a finding points.
// The key to mark is read from the condition itself: the part that is negated or must be absent
// ("use_peft is not true") first, then a flag that must be true, then any constrained key.
import type { RuleHit } from './ruleKit';

type Schema = Record<string, unknown>;

interface Ref {
  key: string;
  score: number;
  order: number;
}

function isObj(v: unknown): v is Schema {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** How strongly a property condition singles its key out as the culprit. */
function scoreOf(s: unknown): number {
  if (!isObj(s)) return 0;
  if ('not' in s || s.type === 'null') return 3;
  if (s.const === true) return 2;
  if ('const' in s || 'enum' in s || 'pattern' in s || 'minimum' in s) return 1;
  return 0;
}

/** Top-level keys a condition mentions, through allOf/anyOf/oneOf. */
function collect(when: unknown, out: Map<string, Ref>, depth = 0): void {
  if (!isObj(when) || depth > 6) return;
  const add = (key: string, score: number): void => {
    const prev = out.get(key);
    if (!prev) out.set(key, { key, score, order: out.size });
    else prev.score = Math.max(prev.score, score);
  };
  for (const k of Array.isArray(when.required) ? when.required : []) if (typeof k === 'string') add(k, 0);
  if (isObj(when.properties)) for (const [k, s] of Object.entries(when.properties)) add(k, scoreOf(s));
  for (const c of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = when[c];
    if (Array.isArray(list)) for (const sub of list) collect(sub, out, depth + 1);
  }
}

/** Where to show a schema-defined rule that fired on `cfg`: the rule's own `key` when the file has it. */
export function whereRuleFired(
  when: unknown,
  cfg: Record<string, unknown>,
  message: string,
  keys?: readonly string[],
): RuleHit {
  const named = keys?.find((k) => Object.prototype.hasOwnProperty.call(cfg, k));
  if (named) return { path: [named], on: 'key', message };
  const refs = new Map<string, Ref>();
  collect(when, refs);
  const present = [...refs.values()].filter((r) => Object.prototype.hasOwnProperty.call(cfg, r.key));
  present.sort((a, b) => b.score - a.score || b.order - a.order);
  const best = present[0];
  if (!best) return { path: [], on: 'key', message };
  const value = cfg[best.key];
  return { path: [best.key], on: value !== null && typeof value === 'object' ? 'key' : 'value', message };
}
