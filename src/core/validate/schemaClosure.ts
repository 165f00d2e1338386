// The subschemas that apply to one instance location: `$ref` (local), allOf/anyOf/oneOf and
// if/then/else flattened into one list. Either every branch (what completion and hovers need: a key is
// known when any branch knows it), or only the branches an object's own values select (what the
// document walk needs: a torchtune `model:` mapping is one builder's kwargs, not the union of 900).

export type JsonSchema = Record<string, unknown>;

/** Keywords that only lead to other subschemas: a schema with nothing else says nothing itself. */
const ROUTING = new Set(['$ref', 'allOf', 'anyOf', 'oneOf', 'if', 'then', 'else']);

/** Deeper than any real schema nests; a cycle through `$ref` stops here too. */
const MAX_DEPTH = 32;

function routingOnly(s: JsonSchema): boolean {
  let any = false;
  for (const k in s) {
    if (!ROUTING.has(k)) return false;
    any = true;
  }
  return any; // `{}` (any value) is kept: it is what makes a key known.
}

const listedCache = new WeakMap<JsonSchema[], JsonSchema[]>();

/**
 * The subschemas worth asking: routing-only ones (`{ $ref }`, `{ if, then }`, `{ allOf }`) hold no
 * property, item, type or annotation, so every answer is the same without them (torchtune's builder
 * unions shrink about threefold). Never empty: a key reached only through them still gets a node.
 */
export function listed(all: JsonSchema[]): JsonSchema[] {
  let out = listedCache.get(all);
  if (!out) {
    out = all.filter((s) => !routingOnly(s));
    if (out.length === 0) out = [all[0]];
    listedCache.set(all, out);
  }
  return out;
}

const closures = new WeakMap<JsonSchema, JsonSchema[]>();
/** Whether a subschema's closure holds an `if` (only then can an object's values narrow it). */
const conditional = new WeakMap<JsonSchema[], boolean>();

/**
 * `s` and every subschema that applies to the same instance, in the order a depth-first walk first
 * meets them; computed once per subschema and shared.
 */
export function closure(root: JsonSchema, s: JsonSchema, depth = 0): JsonSchema[] {
  const hit = closures.get(s);
  if (hit) return hit;
  const out = [s];
  const seen = new Set<JsonSchema>(out);
  const take = (sub: unknown): void => {
    if (!isObject(sub) || seen.has(sub) || depth >= MAX_DEPTH) return;
    for (const x of closure(root, sub, depth + 1))
      if (!seen.has(x)) {
        seen.add(x);
        out.push(x);
      }
  };
  if (typeof s.$ref === 'string') take(resolveRef(root, s.$ref));
  for (const list of [s.allOf, s.anyOf, s.oneOf]) if (Array.isArray(list)) list.forEach(take);
  take(s.then);
  take(s.else);
  closures.set(s, out);
  return out;
}

/** One key of the object being narrowed: absent, present with a value a condition can test, or present. */
export type KeyState = { present: false } | { present: true; value?: string | number | boolean | null };

/** The result of a narrowing walk: the list, and the keys whose values decided a condition. */
export interface Narrowed {
  all: JsonSchema[];
  consulted: Set<string>;
  /** False when no `if` was met: the list is the full closure. */
  conditional: boolean;
}

/**
 * `closure`, with each `if` decided by the object's own values where they decide it: `then` only when
 * the condition holds, `else` only when it fails, both when the values cannot tell (an alias, a
 * mapping, a keyword this reader does not evaluate). Subtrees without conditions reuse the shared
 * closure, so the walk costs what the branches actually taken cost.
 */
export function narrowedClosure(
  root: JsonSchema,
  seeds: readonly JsonSchema[],
  state: (key: string) => KeyState,
): Narrowed {
  const out: JsonSchema[] = [];
  const seen = new Set<JsonSchema>();
  const consulted = new Set<string>();
  let met = false;
  const read = (key: string): KeyState => {
    consulted.add(key);
    return state(key);
  };
  const visit = (x: JsonSchema, depth: number): void => {
    if (seen.has(x)) return;
    const full = closures.get(x);
    if (full && !hasCondition(full)) {
      for (const y of full)
        if (!seen.has(y)) {
          seen.add(y);
          out.push(y);
        }
      return;
    }
    seen.add(x);
    out.push(x);
    if (depth >= MAX_DEPTH) return;
    const take = (sub: unknown): void => {
      if (isObject(sub)) visit(sub, depth + 1);
    };
    if (typeof x.$ref === 'string') take(resolveRef(root, x.$ref));
    for (const list of [x.allOf, x.anyOf, x.oneOf]) if (Array.isArray(list)) list.forEach(take);
    const holds = isObject(x.if) ? ((met = true), conditionHolds(x.if, read)) : undefined;
    if (holds !== false) take(x.then);
    if (holds !== true) take(x.else);
  };
  for (const s of seeds) visit(s, 0);
  return { all: out, consulted, conditional: met };
}

function hasCondition(all: JsonSchema[]): boolean {
  let c = conditional.get(all);
  if (c === undefined) conditional.set(all, (c = all.some((s) => s.if !== undefined)));
  return c;
}

/** Keywords of an `if` this reader evaluates; any other makes the condition undecided. */
const CONDITION_KEYWORDS = new Set(['properties', 'required', 'type', 'description', '$comment']);
const VALUE_KEYWORDS = new Set(['const', 'enum', 'pattern', 'type', 'description', '$comment']);

/**
 * Whether an object satisfies `cond` (JSON Schema `if` semantics: an absent property satisfies its
 * subschema), or undefined when its values cannot tell.
 */
export function conditionHolds(cond: JsonSchema, state: (key: string) => KeyState): boolean | undefined {
  for (const k in cond) if (!CONDITION_KEYWORDS.has(k)) return undefined;
  let known = true;
  if (cond.type !== undefined && !typesOf(cond).includes('object')) return false;
  for (const key of Array.isArray(cond.required) ? cond.required : [])
    if (typeof key === 'string' && !state(key).present) return false;
  const props = isObject(cond.properties) ? cond.properties : {};
  for (const [key, sub] of Object.entries(props)) {
    if (!isObject(sub)) continue;
    const st = state(key);
    if (!st.present) continue;
    const ok = valueHolds(sub, st);
    if (ok === false) return false;
    if (ok === undefined) known = false;
  }
  return known ? true : undefined;
}

function valueHolds(sub: JsonSchema, st: KeyState): boolean | undefined {
  for (const k in sub) if (!VALUE_KEYWORDS.has(k)) return undefined;
  if (!st.present || !('value' in st)) return Object.keys(sub).length === 0 ? true : undefined;
  const v = st.value;
  if ('const' in sub && sub.const !== v) return isPrimitive(sub.const) ? false : undefined;
  if (Array.isArray(sub.enum) && !sub.enum.includes(v))
    return sub.enum.every(isPrimitive) ? false : undefined;
  if (sub.type !== undefined && !typesOf(sub).some((t) => hasType(v, t))) return false;
  if (typeof sub.pattern === 'string' && typeof v === 'string') {
    const re = safeRegex(sub.pattern);
    if (!re) return undefined;
    if (!re.test(v)) return false;
  }
  return true;
}

function hasType(v: string | number | boolean | null | undefined, t: string): boolean {
  if (t === 'integer') return typeof v === 'number' && Number.isInteger(v);
  if (t === 'null') return v === null;
  return typeof v === t;
}

const isPrimitive = (v: unknown): boolean => v === null || typeof v !== 'object';

const refTargets = new WeakMap<JsonSchema, Map<string, unknown>>();

/** Local references only (`#/definitions/x`, `#/$defs/x`); schemas are standalone by design. Resolved once per schema. */
export function resolveRef(root: JsonSchema, ref: string): unknown {
  let targets = refTargets.get(root);
  if (!targets) refTargets.set(root, (targets = new Map()));
  if (!targets.has(ref)) targets.set(ref, findRef(root, ref));
  return targets.get(ref);
}

function findRef(root: JsonSchema, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  let cur: unknown = root;
  for (const raw of ref.slice(1).split('/').filter(Boolean)) {
    const seg = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    cur = isObject(cur) ? cur[seg] : undefined;
  }
  return cur;
}

export function typesOf(s: JsonSchema): string[] {
  if (typeof s.type === 'string') return [s.type];
  if (Array.isArray(s.type)) return s.type.filter((t): t is string => typeof t === 'string');
  return [];
}

/** Schema patterns (from this repository's schemas, a bounded set), compiled once. */
const regexCache = new Map<string, RegExp | undefined>();
export function safeRegex(source: string): RegExp | undefined {
  if (!regexCache.has(source)) {
    try {
      regexCache.set(source, new RegExp(source, 'u'));
    } catch {
      regexCache.set(source, undefined);
    }
  }
  return regexCache.get(source);
}

export function isObject(v: unknown): v is JsonSchema {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
