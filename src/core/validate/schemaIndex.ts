// A lazily built, cached view of a JSON Schema as a tree of key paths, so that one walk over a
// YAML document can ask "what does the schema say about this key?" with one Map lookup per key.
// $ref (local), allOf/anyOf/oneOf and if/then/else are flattened: a key is known when any branch
// knows it, which is what completion, hovers and "did you mean" need.
import { LRUCache } from 'lru-cache';

export type JsonSchema = Record<string, unknown>;

/** What the schema says about one key path; every field is optional. */
export interface FieldInfo {
  description?: string;
  type: string[];
  default?: unknown;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  deprecated?: boolean;
  deprecationMessage?: string;
  renamedTo?: string;
  deprecatedValues?: Record<string, string>;
  /** Values the framework no longer accepts (x-removedValues): value -> why. */
  removedValues?: Record<string, string>;
  /** Severity of a deprecated key: error where the framework raises on it (x-deprecationSeverity). */
  deprecationSeverity?: string;
  /** Releases that still define a removed key, e.g. "trl v0.26.2 ModelConfig" (x-definedIn). */
  definedIn?: string[];
  /** Release that removed the key, e.g. "transformers 5" (x-removedIn). */
  removedIn?: string;
  /** What replaces a deprecated key, as key -> value (x-replacement). */
  replacement?: Record<string, unknown>;
  coercesString?: boolean;
  /** Severity of unknown keys inside this object (x-unknownKeys), when the schema sets it here. */
  unknownKeys?: string;
  paper?: { title?: string; arxiv?: string };
}

const INFO_KEYS = [
  'description',
  'default',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'deprecated',
] as const;

export class SchemaNode {
  /**
   * Bounded: keys come from documents (10,000 documents of distinct keys grew it from 5 to 38 MB).
   * 1,024 per node is above the largest schema's own properties (Axolotl, about 400); false = unknown key.
   */
  private childCache: LRUCache<string, SchemaNode | false> | undefined;
  private itemNode: SchemaNode | undefined | null = null;
  private infoCache: FieldInfo | undefined;
  private keyCache: string[] | undefined;

  constructor(
    readonly root: JsonSchema,
    readonly schemas: JsonSchema[],
    /** Every subschema met, routing-only ones included (`{ if, then }`: what selectors() reads). */
    private readonly all: JsonSchema[] = schemas,
  ) {}

  /** The schema of `key` inside this object, or undefined when no branch knows the key. */
  child(key: string): SchemaNode | undefined {
    // Created on first use: most nodes are leaves, and an LRU allocates its slots up front.
    this.childCache ??= new LRUCache<string, SchemaNode | false>({ max: 1_024 });
    const hit = this.childCache.get(key);
    if (hit !== undefined) return hit || undefined;
    const found = new Flat();
    for (const s of this.schemas) {
      const props = s.properties as Record<string, JsonSchema> | undefined;
      if (props && Object.prototype.hasOwnProperty.call(props, key)) {
        found.add(props[key], this.root);
        continue;
      }
      const patterns = s.patternProperties as Record<string, JsonSchema> | undefined;
      let matched = false;
      for (const re in patterns) {
        if (Object.prototype.hasOwnProperty.call(patterns, re) && safeRegex(re)?.test(key)) {
          found.add(patterns[re], this.root);
          matched = true;
        }
      }
      if (!matched && isObject(s.additionalProperties)) found.add(s.additionalProperties, this.root);
    }
    const list = found.schemas();
    const c = list ? new SchemaNode(this.root, list, found.all()) : undefined;
    this.childCache.set(key, c ?? false);
    return c;
  }

  /** The schema of the items of this array (every index alike; tuples use their first item). */
  items(): SchemaNode | undefined {
    if (this.itemNode !== null) return this.itemNode;
    const found = new Flat();
    for (const s of this.schemas) {
      const it = s.items;
      if (Array.isArray(it)) for (const x of it) found.add(x, this.root);
      else if (isObject(it)) found.add(it, this.root);
    }
    const list = found.schemas();
    this.itemNode = list ? new SchemaNode(this.root, list, found.all()) : undefined;
    return this.itemNode;
  }

  /** Property names declared for this object, in schema order, without duplicates. */
  keys(): string[] {
    if (this.keyCache) return this.keyCache;
    const set = new Set<string>();
    for (const s of this.schemas) for (const k of Object.keys((s.properties as object) ?? {})) set.add(k);
    this.keyCache = [...set];
    return this.keyCache;
  }

  /**
   * Keys whose value selects a conditional branch here (`if: {properties: {distribution: {const: …}}}`),
   * in schema order: they name the choice when a branch refuses a key the object otherwise knows.
   */
  selectors(): string[] {
    const set = new Set<string>();
    for (const s of this.all) {
      const cond = isObject(s.if) ? (s.if.properties as Record<string, unknown> | undefined) : undefined;
      for (const [k, v] of Object.entries(cond ?? {}))
        if (isObject(v) && (v.const !== undefined || Array.isArray(v.enum))) set.add(k);
    }
    return [...set];
  }

  info(): FieldInfo {
    if (this.infoCache) return this.infoCache;
    const info: FieldInfo = { type: [] };
    const rec = info as unknown as Record<string, unknown>;
    for (const s of this.schemas) {
      for (const k of INFO_KEYS) if (rec[k] === undefined && s[k] !== undefined) rec[k] = s[k];
      if (info.enum === undefined && Array.isArray(s.enum)) info.enum = s.enum;
      if (info.enum === undefined && s.const !== undefined) info.enum = [s.const];
      for (const t of typesOf(s)) if (!info.type.includes(t)) info.type.push(t);
      info.deprecationMessage ??= str(s['x-deprecationMessage']) ?? str(s.deprecationMessage);
      info.renamedTo ??= str(s['x-renamedTo']);
      info.deprecatedValues ??= s['x-deprecatedValues'] as Record<string, string> | undefined;
      info.removedValues ??= s['x-removedValues'] as Record<string, string> | undefined;
      info.deprecationSeverity ??= str(s['x-deprecationSeverity']);
      info.replacement ??= s['x-replacement'] as Record<string, unknown> | undefined;
      if (Array.isArray(s['x-definedIn']))
        info.definedIn ??= (s['x-definedIn'] as unknown[]).filter((x): x is string => typeof x === 'string');
      info.removedIn ??= str(s['x-removedIn']);
      if (s['x-coercesString'] === true) info.coercesString = true;
      info.paper ??= s['x-paper'] as FieldInfo['paper'];
      info.unknownKeys ??= str(s['x-unknownKeys']);
      info.description ??= str(s.markdownDescription);
    }
    if (info.coercesString === undefined && this.root['x-coercesStrings'] === true) info.coercesString = true;
    this.infoCache = info;
    return info;
  }
}

/** The root node of a schema. */
export function indexSchema(schema: JsonSchema): SchemaNode {
  const all = closure(schema, schema, 0);
  return new SchemaNode(schema, listed(all), all);
}

/** Keywords that only lead to other subschemas: a schema with nothing else says nothing itself. */
const ROUTING = new Set(['$ref', 'allOf', 'anyOf', 'oneOf', 'if', 'then', 'else']);

function routingOnly(s: JsonSchema): boolean {
  let any = false;
  for (const k in s) {
    if (!ROUTING.has(k)) return false;
    any = true;
  }
  return any; // `{}` (any value) is kept: it is what makes a key known.
}

/**
 * Subschemas in the order first met, each once. Schemas made only of routing keywords (`{ $ref }`,
 * `{ if, then }`, `{ allOf }`) are followed but not listed: they hold no property, item, type or
 * annotation, so every question asked of the node has the same answer without them (torchtune's
 * builder unions shrink about threefold). A key reached only through them still gets a node.
 */
class Flat {
  /** The one closure added so far, kept as is until a second one comes (the usual case is one). */
  private single: JsonSchema[] | undefined;
  private list: JsonSchema[] | undefined;
  private seen: Set<JsonSchema> | undefined;

  add(sub: unknown, root: JsonSchema): void {
    if (!isObject(sub)) return;
    const all = closure(root, sub, 0);
    if (!this.single && !this.list) {
      this.single = all;
      return;
    }
    if (this.single) {
      this.list = [...this.single];
      this.seen = new Set(this.single);
      this.single = undefined;
    }
    for (const x of all)
      if (!this.seen!.has(x)) {
        this.seen!.add(x);
        this.list!.push(x);
      }
  }

  /** Every schema added, routing-only ones included. */
  all(): JsonSchema[] | undefined {
    return this.single ?? this.list;
  }

  /** The listed schemas, or undefined when nothing was added. */
  schemas(): JsonSchema[] | undefined {
    if (this.single) return listed(this.single);
    return this.list && listed(this.list);
  }
}

const listedCache = new WeakMap<JsonSchema[], JsonSchema[]>();
function listed(all: JsonSchema[]): JsonSchema[] {
  let out = listedCache.get(all);
  if (!out) {
    out = all.filter((s) => !routingOnly(s));
    if (out.length === 0) out = [all[0]];
    listedCache.set(all, out);
  }
  return out;
}

const closures = new WeakMap<JsonSchema, JsonSchema[]>();

/**
 * `s` and every subschema that applies to the same instance (refs, combinators, then/else), in the
 * order a depth-first walk first meets them; computed once per subschema and shared, so the builder
 * union every torchtune component key leads to is walked once, not once per key.
 */
function closure(root: JsonSchema, s: JsonSchema, depth: number): JsonSchema[] {
  const hit = closures.get(s);
  if (hit) return hit;
  const out = [s];
  const seen = new Set<JsonSchema>(out);
  const take = (sub: unknown): void => {
    if (!isObject(sub) || seen.has(sub) || depth >= 32) return;
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

const refTargets = new WeakMap<JsonSchema, Map<string, unknown>>();

/** Local references only (`#/definitions/x`, `#/$defs/x`); schemas are standalone by design. Resolved once per schema. */
function resolveRef(root: JsonSchema, ref: string): unknown {
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

function typesOf(s: JsonSchema): string[] {
  if (typeof s.type === 'string') return [s.type];
  if (Array.isArray(s.type)) return s.type.filter((t): t is string => typeof t === 'string');
  return [];
}

const regexCache = new Map<string, RegExp | undefined>();
function safeRegex(source: string): RegExp | undefined {
  if (!regexCache.has(source)) {
    try {
      regexCache.set(source, new RegExp(source, 'u'));
    } catch {
      regexCache.set(source, undefined);
    }
  }
  return regexCache.get(source);
}

function isObject(v: unknown): v is JsonSchema {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
