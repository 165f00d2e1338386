// Builds the value the framework's loader would build from a parsed YAML document, in one walk that
// also asks the schema about every key: numbers spelt so that the loader keeps them as strings,
// deprecated keys and values, duplicate keys. Only this file knows how loaders differ.
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Document,
  type Node,
  type Scalar,
  type YAMLMap,
} from 'yaml';
import { deprecatedKey, deprecatedValue, duplicate, numericString, yaml11Bool } from './findings';
import { DocIndex, keyText, pointerOf, type PathLink } from './nodes';
import { isYaml11OnlyBool, resolvePlain } from './scalars';
import type { KeyState, SchemaNode } from './schemaIndex';
import type { Diagnostic, LoaderKind } from './types';

export { DocIndex, keyText, pointerOf, type PathLink } from './nodes';

export interface LoadResult {
  value: unknown;
  findings: Diagnostic[];
  /** Instance paths where schema errors must not be reported (interpolations, strings already explained). */
  suppressed: Set<string>;
}

/** Thrown when alias expansion would visit more nodes than any real config has. */
export class ExpansionLimit extends Error {}

interface Ctx {
  doc: Document;
  loader: LoaderKind;
  framework: string;
  findings: Diagnostic[];
  suppressed: Set<string>;
  budget: number;
  /** > 0 while walking through an alias: the anchored node reports its findings once, where it is written. */
  quiet: number;
  expanding: Set<Node>;
  /** Anchors and mapping keys of `doc`, indexed once (shared with the error locator). */
  index: DocIndex;
  versions?: Record<string, string>;
  /** Each mapping's merge-key pairs, found in one scan of its items (narrowing and the walk both ask). */
  mergePairs: WeakMap<YAMLMap, Set<unknown>>;
}

export function loadDocument(
  doc: Document,
  loader: LoaderKind,
  schema: SchemaNode | undefined,
  framework: string,
  budget: number,
  versions?: Record<string, string>,
  index = new DocIndex(doc),
): LoadResult {
  const ctx: Ctx = {
    doc,
    loader,
    framework,
    findings: [],
    suppressed: new Set(),
    budget,
    quiet: 0,
    expanding: new Set(),
    index,
    versions,
    mergePairs: new WeakMap(),
  };
  const value = walk(doc.contents as Node | null, schema, undefined, ctx);
  return { value, findings: ctx.findings, suppressed: ctx.suppressed };
}

function walk(
  node: Node | null | undefined,
  schema: SchemaNode | undefined,
  path: PathLink | undefined,
  ctx: Ctx,
): unknown {
  if (--ctx.budget < 0) throw new ExpansionLimit('expansion limit');
  if (!node) return null;
  if (isScalar(node)) return scalar(node, schema, path, ctx);
  if (isMap(node)) return mapping(node, schema, path, ctx);
  if (isSeq(node)) {
    const items = schema?.items();
    return node.items.map((item, i) => walk(item as Node, items, { parent: path, seg: String(i) }, ctx));
  }
  if (isAlias(node)) {
    const target = ctx.index.firstAnchor(node.source);
    if (!target || ctx.expanding.has(target)) return null;
    ctx.expanding.add(target);
    ctx.quiet++;
    try {
      return walk(target, schema, path, ctx);
    } finally {
      ctx.quiet--;
      ctx.expanding.delete(target);
    }
  }
  return null;
}

function mapping(
  node: YAMLMap,
  schema: SchemaNode | undefined,
  path: PathLink | undefined,
  ctx: Ctx,
): unknown {
  const obj: Record<string, unknown> = {};
  const merges: unknown[] = [];
  const mergePairs = mergePairsOf(node, ctx);
  // The branches this object's own values select (a torchtune builder's kwargs, not every builder's).
  schema = narrowFor(schema, node, ctx);
  for (const pair of node.items) {
    if (!isPair(pair)) continue;
    const keyNode = pair.key as Node | null;
    const key = keyText(keyNode);
    if (mergePairs.has(pair)) {
      // YAML 1.1 merge key (PyYAML flatten_mapping): explicit keys win over merged ones.
      ctx.quiet++;
      try {
        const v = walk(pair.value as Node, schema, path, ctx);
        merges.push(...(Array.isArray(v) ? v : [v]));
      } finally {
        ctx.quiet--;
      }
      continue;
    }
    // Narrowed before its annotations are read: a component key's own, not every builder's.
    const child = narrowFor(schema?.child(key), pair.value as Node | null, ctx);
    if (Object.prototype.hasOwnProperty.call(obj, key) && !ctx.quiet) duplicate(keyNode, key, ctx);
    if (child && !ctx.quiet && keyNode?.range) deprecatedKey(keyNode, key, child, node, pair, ctx);
    setKey(obj, key, walk(pair.value as Node, child, { parent: path, seg: key }, ctx));
  }
  for (const m of merges) {
    if (m && typeof m === 'object' && !Array.isArray(m)) {
      for (const [k, v] of Object.entries(m))
        if (!Object.prototype.hasOwnProperty.call(obj, k)) setKey(obj, k, v);
    }
  }
  return obj;
}

/** `schema` as the object `node` selects it (unchanged for anything but a mapping without merge keys). */
function narrowFor(schema: SchemaNode | undefined, node: Node | null, ctx: Ctx): SchemaNode | undefined {
  if (!schema || !isMap(node) || mergePairsOf(node, ctx).size) return schema;
  return schema.narrow((key) => keyState(node, key, ctx));
}

/** The pairs of `node` whose key is a YAML 1.1 merge key (`<<`, which the JSON loader does not have). */
function mergePairsOf(node: YAMLMap, ctx: Ctx): Set<unknown> {
  let found = ctx.mergePairs.get(node);
  if (!found) {
    found = new Set(ctx.loader === 'json' ? [] : node.items.filter((p) => isPair(p) && isMergeKey(p.key)));
    ctx.mergePairs.set(node, found);
  }
  return found;
}

const isMergeKey = (key: unknown): boolean => isScalar(key) && key.type === 'PLAIN' && key.value === '<<';

/** What a condition can read of `key` in this mapping: its scalar value as the loader reads it. */
function keyState(node: YAMLMap, key: string, ctx: Ctx): KeyState {
  const pair = node.items.find((p) => isPair(p) && keyText(p.key as Node | null) === key);
  if (!pair) return { present: false };
  const v = pair.value as Node | null;
  if (!isScalar(v) || typeof v.value !== 'string') return { present: true };
  const raw = v.value;
  const value =
    v.tag && v.tag !== 'tag:yaml.org,2002:str'
      ? tagged(v.tag, raw, ctx.loader)
      : v.type === 'PLAIN'
        ? resolvePlain(raw, ctx.loader)
        : raw;
  if (typeof value === 'string' && value.includes('${')) return { present: true }; // resolved at run time
  return value === null || ['string', 'number', 'boolean'].includes(typeof value)
    ? { present: true, value: value as string | number | boolean | null }
    : { present: true };
}

function setKey(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

function scalar(node: Scalar, schema: SchemaNode | undefined, path: PathLink | undefined, ctx: Ctx): unknown {
  const raw = node.value;
  if (typeof raw !== 'string') return raw;
  let value: unknown = raw;
  if (node.tag && node.tag !== 'tag:yaml.org,2002:str') value = tagged(node.tag, raw, ctx.loader);
  else if (node.type === 'PLAIN') value = resolvePlain(raw, ctx.loader);
  if (typeof value !== 'string') {
    if (schema && !ctx.quiet) deprecatedValue(node, value, schema, ctx, path);
    if (schema && typeof value === 'boolean' && node.type === 'PLAIN' && isYaml11OnlyBool(raw))
      yaml11Bool(node, raw, schema, path, ctx);
    return value;
  }
  // OmegaConf interpolations (`${...}`) and MISSING (`???`) are resolved at run time.
  if (value.includes('${') || (ctx.loader === 'omegaconf' && value === '???')) {
    ctx.suppressed.add(pointerOf(path));
    return value;
  }
  if (!schema) return value;
  if (!ctx.quiet) deprecatedValue(node, value, schema, ctx, path);
  return numericString(node, value, schema, path, ctx);
}

function tagged(tag: string, raw: string, loader: LoaderKind): unknown {
  // An explicit tag skips the implicit resolvers: PyYAML's construct_yaml_float runs float() on the
  // text, so `!!float 1e-5` is 1e-05 although plain `1e-5` is a string (constructor.py).
  if (tag.endsWith(':float')) return pyFloat(raw) ?? raw;
  if (tag.endsWith(':int') || tag.endsWith(':float') || tag.endsWith(':bool') || tag.endsWith(':null')) {
    return resolvePlain(raw, loader === 'json' ? 'pyyaml' : loader);
  }
  return raw;
}

/** PyYAML construct_yaml_float: `_` removed, `.inf`/`.nan`, base-60, else Python float(). */
function pyFloat(raw: string): number | undefined {
  let v = raw.replace(/_/g, '').toLowerCase().trim();
  let sign = 1;
  if (v.startsWith('-') || v.startsWith('+')) {
    if (v[0] === '-') sign = -1;
    v = v.slice(1);
  }
  if (v === '.inf') return sign * Infinity;
  if (v === '.nan') return NaN;
  if (v.includes(':')) return sign * v.split(':').reduce((acc, part) => acc * 60 + Number(part), 0);
  // Python float(): decimal with optional exponent, or inf/infinity/nan.
  if (/^(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/.test(v)) return sign * Number(v);
  if (v === 'inf' || v === 'infinity') return sign * Infinity;
  return v === 'nan' ? NaN : undefined;
}
