// A lazily built, cached view of a JSON Schema as a tree of key paths, so that one walk over a
// YAML document can ask "what does the schema say about this key?" with one Map lookup per key.
// $ref (local), allOf/anyOf/oneOf and if/then/else are flattened: a key is known when any branch
// knows it, which is what completion, hovers and "did you mean" need.
import { LRUCache } from 'lru-cache';
import {
  closure,
  isObject,
  listed,
  narrowedClosure,
  safeRegex,
  typesOf,
  type JsonSchema,
  type KeyState,
} from './schemaClosure';

export type { JsonSchema, KeyState } from './schemaClosure';

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

/**
 * An LRU bound by entry count whose storage grows with use: lru-cache's `max` allocates all its slots
 * when the cache is made, 1,024 of them per schema node touched, which was the first torchtune
 * validation's largest garbage (issue 11); `maxSize` with a size of 1 per entry bounds it the same way.
 */
function growing(entries: number): { maxSize: number; sizeCalculation: () => number } {
  return { maxSize: entries, sizeCalculation: () => 1 };
}

export class SchemaNode {
  /**
   * Bounded: keys come from documents (10,000 documents of distinct keys grew it from 5 to 38 MB).
   * 1,024 per node is above the largest schema's own properties (Axolotl, about 400); false = unknown key.
   */
  private childCache: LRUCache<string, SchemaNode | false> | undefined;
  private itemNode: SchemaNode | undefined | null = null;
  private infoCache: FieldInfo | undefined;
  private keyCache: string[] | undefined;
  private lists: { schemas: JsonSchema[]; all: JsonSchema[] } | undefined;
  /** Narrowed views by the values of `condKeys` (a few per node: one per builder a document names). */
  private narrowCache: LRUCache<string, SchemaNode> | undefined;
  /** Every key whose value decided a condition of this node in some narrowing. */
  private condKeys: string[] = [];
  /** True once a narrowing met no condition: every view is this node itself. */
  private unconditional = false;

  /**
   * `seeds` are the subschemas that declare this location; their closure (every branch) is built on
   * first use, so a node the document walk only narrows never flattens a union it does not need.
   */
  constructor(
    readonly root: JsonSchema,
    private readonly seeds: readonly JsonSchema[],
    narrowed?: JsonSchema[],
  ) {
    if (narrowed) {
      this.lists = { schemas: listed(narrowed), all: narrowed };
      this.unconditional = true; // a view is already narrowed for its object
    }
  }

  /** The subschemas worth asking about this location (routing-only ones left out). */
  get schemas(): JsonSchema[] {
    return this.flat().schemas;
  }

  /** Every subschema met, routing-only ones included (`{ if, then }`: what selectors() reads). */
  private get all(): JsonSchema[] {
    return this.flat().all;
  }

  private flat(): { schemas: JsonSchema[]; all: JsonSchema[] } {
    if (!this.lists) {
      const all = mergeClosures(this.root, this.seeds);
      this.lists = { schemas: listed(all), all };
    }
    return this.lists;
  }

  /**
   * This location as an object with these key values selects it: each `if` decided by the values
   * where they decide it (a torchtune component's `_component_` picks one builder's kwargs out of the
   * union of all builders). The view answers child() and info() for this object only.
   */
  narrow(state: (key: string) => KeyState): SchemaNode {
    if (this.unconditional || this.seeds.length === 0) return this;
    const signature = (): string => JSON.stringify(this.condKeys.map((k) => keyStateText(state(k))));
    this.narrowCache ??= new LRUCache<string, SchemaNode>(growing(64));
    const hit = this.narrowCache.get(signature());
    if (hit) return hit;
    const n = narrowedClosure(this.root, this.seeds, state);
    if (!n.conditional) {
      this.unconditional = true;
      this.lists ??= { schemas: listed(n.all), all: n.all };
      return this;
    }
    for (const k of n.consulted) if (!this.condKeys.includes(k)) this.condKeys.push(k);
    const view = new SchemaNode(this.root, this.seeds, n.all);
    this.narrowCache.set(signature(), view);
    return view;
  }

  /** The schema of `key` inside this object, or undefined when no branch knows the key. */
  child(key: string): SchemaNode | undefined {
    // Created on first use: most nodes are leaves.
    this.childCache ??= new LRUCache<string, SchemaNode | false>(growing(1_024));
    const hit = this.childCache.get(key);
    if (hit !== undefined) return hit || undefined;
    const seeds: JsonSchema[] = [];
    for (const s of this.schemas) {
      const props = s.properties as Record<string, JsonSchema> | undefined;
      if (props && Object.prototype.hasOwnProperty.call(props, key)) {
        if (isObject(props[key])) seeds.push(props[key]);
        continue;
      }
      const patterns = s.patternProperties as Record<string, JsonSchema> | undefined;
      let matched = false;
      for (const re in patterns) {
        if (Object.prototype.hasOwnProperty.call(patterns, re) && safeRegex(re)?.test(key)) {
          if (isObject(patterns[re])) seeds.push(patterns[re]);
          matched = true;
        }
      }
      if (!matched && isObject(s.additionalProperties)) seeds.push(s.additionalProperties);
    }
    const c = seeds.length ? new SchemaNode(this.root, seeds) : undefined;
    this.childCache.set(key, c ?? false);
    return c;
  }

  /** The schema of the items of this array (every index alike; tuples use their first item). */
  items(): SchemaNode | undefined {
    if (this.itemNode !== null) return this.itemNode;
    const seeds: JsonSchema[] = [];
    for (const s of this.schemas) {
      const it = s.items;
      if (Array.isArray(it)) seeds.push(...it.filter(isObject));
      else if (isObject(it)) seeds.push(it);
    }
    this.itemNode = seeds.length ? new SchemaNode(this.root, seeds) : undefined;
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
  return new SchemaNode(schema, [schema]);
}

/** The closures of `seeds` joined, each subschema once, in the order first met (one seed: shared as is). */
function mergeClosures(root: JsonSchema, seeds: readonly JsonSchema[]): JsonSchema[] {
  if (seeds.length === 1) return closure(root, seeds[0]);
  const out: JsonSchema[] = [];
  const seen = new Set<JsonSchema>();
  for (const seed of seeds)
    for (const x of closure(root, seed))
      if (!seen.has(x)) {
        seen.add(x);
        out.push(x);
      }
  return out.length ? out : [seeds[0]];
}

const keyStateText = (s: KeyState): string =>
  !s.present ? '-' : 'value' in s ? `=${JSON.stringify(s.value)}` : '?';

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
