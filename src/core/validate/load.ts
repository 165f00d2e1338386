// Builds the value the framework's loader would build from a parsed YAML document, in one walk that
// also asks the schema about every key: numbers spelt so that the loader keeps them as strings,
// deprecated keys and values, duplicate keys. Only this file knows how loaders differ.
import { isAlias, isMap, isPair, isScalar, isSeq, visit, type Document, type Node, type Scalar } from 'yaml';
import { isYaml11OnlyBool, pythonFloatCall, pythonIntCall, pyyamlFloatSpelling, resolvePlain } from './scalars';
import type { SchemaNode } from './schemaIndex';
import type { Diagnostic, LoaderKind } from './types';

/** A JSON-pointer path built only when needed: each step links to its parent. */
export interface PathLink {
  parent: PathLink | undefined;
  seg: string;
}

export function pointerOf(p: PathLink | undefined): string {
  let out = '';
  for (let l = p; l; l = l.parent) out = `/${l.seg.replace(/~/g, '~0').replace(/\//g, '~1')}${out}`;
  return out;
}

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
  anchors?: Map<string, Node>;
}

/** Alias targets by anchor name, collected once (Alias.resolve walks the whole document per call). */
function anchorTarget(name: string, ctx: Ctx): Node | undefined {
  if (!ctx.anchors) {
    const anchors = new Map<string, Node>();
    visit(ctx.doc, (_key, n) => {
      if ((isScalar(n) || isMap(n) || isSeq(n)) && n.anchor && !anchors.has(n.anchor)) anchors.set(n.anchor, n);
    });
    ctx.anchors = anchors;
  }
  return ctx.anchors.get(name);
}

export function loadDocument(doc: Document, loader: LoaderKind, schema: SchemaNode | undefined, framework: string, budget: number): LoadResult {
  const ctx: Ctx = { doc, loader, framework, findings: [], suppressed: new Set(), budget, quiet: 0, expanding: new Set() };
  const value = walk(doc.contents as Node | null, schema, undefined, ctx);
  return { value, findings: ctx.findings, suppressed: ctx.suppressed };
}

function walk(node: Node | null | undefined, schema: SchemaNode | undefined, path: PathLink | undefined, ctx: Ctx): unknown {
  if (--ctx.budget < 0) throw new ExpansionLimit('expansion limit');
  if (!node) return null;
  if (isScalar(node)) return scalar(node, schema, path, ctx);
  if (isMap(node)) return mapping(node, schema, path, ctx);
  if (isSeq(node)) {
    const items = schema?.items();
    return node.items.map((item, i) => walk(item as Node, items, { parent: path, seg: String(i) }, ctx));
  }
  if (isAlias(node)) {
    const target = anchorTarget(node.source, ctx);
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

function mapping(node: import('yaml').YAMLMap, schema: SchemaNode | undefined, path: PathLink | undefined, ctx: Ctx): unknown {
  const obj: Record<string, unknown> = {};
  const merges: unknown[] = [];
  for (const pair of node.items) {
    if (!isPair(pair)) continue;
    const keyNode = pair.key as Node | null;
    const key = keyText(keyNode);
    if (key === '<<' && ctx.loader !== 'json' && isScalar(keyNode) && keyNode.type === 'PLAIN') {
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
    const child = schema?.child(key);
    if (Object.prototype.hasOwnProperty.call(obj, key) && !ctx.quiet) duplicate(keyNode, key, ctx);
    if (child && !ctx.quiet && keyNode?.range) deprecatedKey(keyNode, key, child, node, ctx);
    setKey(obj, key, walk(pair.value as Node, child, { parent: path, seg: key }, ctx));
  }
  for (const m of merges) {
    if (m && typeof m === 'object' && !Array.isArray(m)) {
      for (const [k, v] of Object.entries(m)) if (!Object.prototype.hasOwnProperty.call(obj, k)) setKey(obj, k, v);
    }
  }
  return obj;
}

function setKey(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

export function keyText(key: Node | null | undefined): string {
  if (key == null) return '';
  if (isScalar(key)) return String(key.value ?? '');
  return String(key);
}

function scalar(node: Scalar, schema: SchemaNode | undefined, path: PathLink | undefined, ctx: Ctx): unknown {
  const raw = node.value;
  if (typeof raw !== 'string') return raw;
  let value: unknown = raw;
  if (node.tag && node.tag !== 'tag:yaml.org,2002:str') value = tagged(node.tag, raw, ctx.loader);
  else if (node.type === 'PLAIN') value = resolvePlain(raw, ctx.loader);
  if (typeof value !== 'string') {
    if (schema && !ctx.quiet) deprecatedValue(node, value, schema, ctx);
    if (schema && typeof value === 'boolean' && node.type === 'PLAIN' && isYaml11OnlyBool(raw)) yaml11Bool(node, raw, schema, path, ctx);
    return value;
  }
  // OmegaConf interpolations (`${...}`) and MISSING (`???`) are resolved at run time.
  if (value.includes('${') || (ctx.loader === 'omegaconf' && value === '???')) {
    ctx.suppressed.add(pointerOf(path));
    return value;
  }
  if (!schema) return value;
  if (!ctx.quiet) deprecatedValue(node, value, schema, ctx);
  return numericString(node, value, schema, path, ctx);
}

/**
 * `eval_strategy: no` under PyYAML/OmegaConf is the boolean False, not the string "no". When the
 * field wants a string (an enum of strategy names), say so on the value and offer the quoted form.
 */
function yaml11Bool(node: Scalar, raw: string, schema: SchemaNode, path: PathLink | undefined, ctx: Ctx): void {
  const info = schema.info();
  const wantsString = info.type.includes('string') || (info.enum ?? []).includes(raw);
  const acceptsBool = info.type.includes('boolean') || (info.enum ?? []).some((v) => typeof v === 'boolean');
  if (!wantsString || acceptsBool || !node.range) return;
  ctx.suppressed.add(pointerOf(path));
  if (ctx.quiet) return;
  const [start, end] = node.range;
  ctx.findings.push({
    start, end, severity: 'error', code: 'yaml11-boolean',
    message: `${ctx.loader === 'omegaconf' ? 'OmegaConf' : 'PyYAML'} (YAML 1.1) reads \`${raw}\` as the boolean ${PY_TRUE_WORDS.has(raw) ? 'True' : 'False'}, not the string "${raw}"; ${ctx.framework} expects a string here. Quote it.`,
    fixes: [{ title: `Quote as '${raw}'`, edits: [{ start, end, newText: `'${raw}'` }], isPreferred: true }],
  });
}

const PY_TRUE_WORDS = new Set(['yes', 'Yes', 'YES', 'on', 'On', 'ON']);

function tagged(tag: string, raw: string, loader: LoaderKind): unknown {
  if (tag.endsWith(':int') || tag.endsWith(':float') || tag.endsWith(':bool') || tag.endsWith(':null')) {
    return resolvePlain(raw, loader === 'json' ? 'pyyaml' : loader);
  }
  return raw;
}

/**
 * A numeric field holding a string Python could read as a number: explain it on the value, with a
 * fix that spells the number so the loader reads it. Information when the framework converts the
 * string itself (x-coercesString), an error when it would fail.
 */
function numericString(node: Scalar, value: string, schema: SchemaNode, path: PathLink | undefined, ctx: Ctx): unknown {
  const info = schema.info();
  const wantsFloat = info.type.includes('number');
  const wantsInt = info.type.includes('integer');
  if (!wantsFloat && !wantsInt) return value;
  if (info.type.includes('string') && !info.coercesString) return value;
  const num = wantsFloat ? pythonFloatCall(value) : pythonIntCall(value);
  if (num === undefined || !node.range) return value;
  const plain = node.type === 'PLAIN';
  const spelling = ctx.loader === 'json' || pythonIntCall(value) !== undefined ? value.trim() : pyyamlFloatSpelling(value);
  const why = plain
    ? `PyYAML (YAML 1.1) reads \`${value}\` as the string "${value}", not a number: a float needs a dot and a signed exponent.`
    : `"${value}" is quoted, so it is a string, not a number.`;
  const after = info.coercesString
    ? ` ${ctx.framework} converts this field itself, so it still works; write \`${spelling}\` to make it a number.`
    : ` ${ctx.framework} expects a number here and fails; write \`${spelling}\`.`;
  if (!ctx.quiet) {
    ctx.findings.push({
      start: node.range[0],
      end: node.range[1],
      severity: info.coercesString ? 'information' : 'error',
      code: 'numeric-string',
      message: why + after,
      fixes: spelling ? [{ title: `Write ${spelling}`, edits: [{ start: node.range[0], end: node.range[1], newText: spelling }], isPreferred: true }] : undefined,
    });
  }
  if (info.coercesString) return num;
  ctx.suppressed.add(pointerOf(path));
  return value;
}

function deprecatedKey(keyNode: Node, key: string, child: SchemaNode, map: import('yaml').YAMLMap, ctx: Ctx): void {
  const info = child.info();
  if (!info.deprecated && !info.renamedTo) return;
  const [start, end] = keyNode.range!;
  const target = info.renamedTo;
  const taken = target !== undefined && map.items.some((p) => keyText(p.key as Node) === target);
  const message = info.deprecationMessage ?? (target ? `"${key}" is deprecated; use "${target}".` : `"${key}" is deprecated.`);
  ctx.findings.push({
    start, end, severity: 'warning', code: 'deprecated-key', message,
    fixes: target && !taken ? [{ title: `Rename to ${target}`, edits: [{ start, end, newText: target }], isPreferred: true }] : undefined,
  });
}

function deprecatedValue(node: Scalar, value: unknown, schema: SchemaNode, ctx: Ctx): void {
  const table = schema.info().deprecatedValues;
  if (!table || !node.range || value === null || typeof value === 'object') return;
  const entry = (table as Record<string, unknown>)[String(value)];
  if (entry === undefined || !Object.prototype.hasOwnProperty.call(table, String(value))) return;
  const [start, end] = node.range;
  const message = typeof entry === 'string' ? entry : String((entry as { message?: string }).message ?? `"${value}" is deprecated.`);
  const replacement = typeof entry === 'object' && entry ? (entry as { replacement?: string }).replacement : undefined;
  ctx.findings.push({
    start, end, severity: 'warning', code: 'deprecated-value', message,
    fixes: replacement ? [{ title: `Replace with ${replacement}`, edits: [{ start, end, newText: replacement }], isPreferred: true }] : undefined,
  });
}

function duplicate(keyNode: Node | null, key: string, ctx: Ctx): void {
  if (!keyNode?.range) return;
  // OmegaConf's loader rejects duplicate keys; PyYAML and Python's json keep the last one silently.
  const fails = ctx.loader === 'omegaconf';
  ctx.findings.push({
    start: keyNode.range[0], end: keyNode.range[1], severity: fails ? 'error' : 'warning', code: 'duplicate-key',
    message: fails ? `Duplicate key "${key}": ${ctx.framework} (OmegaConf) rejects the file.` : `Duplicate key "${key}": only the last value is used.`,
  });
}
