// ajv errors -> diagnostics on the most specific YAML node: an unknown key on the key, a missing
// required key on its parent's key, wrong type/enum/range on the value, else the nearest ancestor.
// anyOf/oneOf noise is collapsed first (combine.ts) so each mistake is told once.
import type { ErrorObject } from 'ajv';
import { isMap, type Document, type Node } from 'yaml';
import { closest, distance } from 'fastest-levenshtein';
import { collapseCombinators } from './combine';
import { describe, where } from './messages';
import { decodePointer, locate, nodeSpan } from './locate';
import type { SchemaNode } from './schemaIndex';
import type { Diagnostic, Fix, Severity } from './types';

export interface MapContext {
  text: string;
  doc: Document;
  data: unknown;
  schema: SchemaNode;
  framework: string;
  unknownKeys: Severity;
  suppressed: Set<string>;
}

export function mapAjvErrors(errors: readonly ErrorObject[], ctx: MapContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const list = collapseCombinators(errors).filter((e) => !isSuppressed(e.instancePath, ctx.suppressed));
  const typos = requiredTypos(list);
  // A value outside an enum often also has the wrong type: the enum error says more, tell it once.
  const enumAt = new Set(list.filter((e) => e.keyword === 'enum').map((e) => e.instancePath));
  for (const e of list) {
    if (e.keyword === 'type' && enumAt.has(e.instancePath)) continue;
    if (e.keyword === 'required' && typos.has(`${e.instancePath}/${String((e.params as { missingProperty?: string }).missingProperty)}`)) continue;
    const d = mapOne(e, ctx, typos);
    if (d) out.push(d);
  }
  return out;
}

/**
 * Required keys that are missing because they are misspelt: `epoch:` where `epochs` is required.
 * The typo is then the error (the framework fails for want of the real key), told once, on the typo.
 */
function requiredTypos(list: ErrorObject[]): Map<string, string> {
  const missing = new Map<string, string[]>();
  for (const e of list) {
    if (e.keyword === 'required') missing.set(e.instancePath, [...(missing.get(e.instancePath) ?? []), String((e.params as { missingProperty?: string }).missingProperty)]);
  }
  const typos = new Map<string, string>();
  if (missing.size === 0) return typos;
  for (const e of list) {
    const wanted = e.keyword === 'additionalProperties' ? missing.get(e.instancePath) : undefined;
    const prop = String((e.params as { additionalProperty?: string }).additionalProperty);
    const guess = wanted && suggest(prop, wanted);
    if (guess) typos.set(`${e.instancePath}/${guess}`, prop);
  }
  return typos;
}

function isSuppressed(path: string, suppressed: Set<string>): boolean {
  if (suppressed.size === 0) return false;
  return suppressed.has(path);
}

function mapOne(e: ErrorObject, ctx: MapContext, typos: Map<string, string>): Diagnostic | undefined {
  const segs = decodePointer(e.instancePath);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return unknownKey(segs, String(p.additionalProperty), ctx, typos);
    case 'required':
      return onKey(segs, ctx, 'error', 'required', `Missing required key "${String(p.missingProperty)}"${where(segs)}.`);
    case 'discriminator':
      return badDiscriminator(segs, String(p.tag), ctx);
    case 'if':
      return undefined; // the failing then/else branch reports the specific problem
    default:
      return onValue(e, segs, ctx);
  }
}

function unknownKey(segs: string[], prop: string, ctx: MapContext, typos: Map<string, string>): Diagnostic | undefined {
  const at = locate(ctx.doc, [...segs, prop]);
  const span = at.complete ? nodeSpan(ctx.text, at.key) : undefined;
  const parent = schemaAt(ctx.schema, segs);
  const known = parent?.keys() ?? [];
  // A key the mapping knows, refused by a conditional branch (`if distribution is X then only ...`).
  if (known.includes(prop)) return refusedByCondition(segs, prop, ctx, severityOf(parent?.info().unknownKeys) ?? ctx.unknownKeys);
  const guess = suggest(prop, known);
  const missingRequired = guess !== undefined && typos.get(`${pointerOf(segs)}/${guess}`) === prop;
  const severity: Severity = missingRequired ? 'error' : severityOf(parent?.info().unknownKeys) ?? ctx.unknownKeys;
  const consequence = missingRequired
    ? `${ctx.framework} needs "${guess}" and stops without it.`
    : severity === 'error' ? `${ctx.framework} rejects unknown keys here.` : `${ctx.framework} ignores it, so the setting has no effect.`;
  const message = `Unknown key "${prop}"${where(segs)}.${guess ? ` Did you mean "${guess}"?` : ''} ${consequence}`;
  const parentValue = valueAt(ctx.data, segs);
  const taken = guess !== undefined && typeof parentValue === 'object' && parentValue !== null && Object.prototype.hasOwnProperty.call(parentValue, guess);
  // Renaming onto a key that is already there would only make a duplicate.
  const fixes: Fix[] | undefined = guess && span && !taken ? [{ title: `Change to ${guess}`, edits: [{ start: span[0], end: span[1], newText: guess }], isPreferred: true }] : undefined;
  if (span) return { start: span[0], end: span[1], severity, code: 'unknown-key', message, fixes };
  return onKey(segs, ctx, severity, 'unknown-key', message);
}

function refusedByCondition(segs: string[], prop: string, ctx: MapContext, severity: Severity): Diagnostic {
  const parentValue = valueAt(ctx.data, segs) as Record<string, unknown> | undefined;
  const selector = parentValue && typeof parentValue === 'object' ? ['distribution', 'peft_type', 'type', 'merge_method'].find((k) => typeof parentValue[k] === 'string') : undefined;
  const context = selector ? ` with \`${selector}: ${String(parentValue?.[selector])}\`` : ' with the other keys given';
  const consequence = severity === 'error' ? `${ctx.framework} rejects it there` : `${ctx.framework} ignores it there`;
  return onKey([...segs, prop], ctx, severity, 'unknown-key', `"${prop}" does not apply${where(segs)}${context}; ${consequence}.`);
}

function severityOf(v: unknown): Severity | undefined {
  return v === 'error' || v === 'warning' || v === 'information' ? v : undefined;
}

function pointerOf(segs: string[]): string {
  return segs.map((s) => `/${s.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

function badDiscriminator(segs: string[], tag: string, ctx: MapContext): Diagnostic | undefined {
  const node = schemaAt(ctx.schema, [...segs, tag]);
  const allowed = (node?.schemas ?? []).flatMap((s) => (Array.isArray(s.enum) ? s.enum : s.const !== undefined ? [s.const] : []));
  const value = valueAt(ctx.data, [...segs, tag]);
  const fake = { keyword: 'enum', instancePath: '', schemaPath: '', params: { allowedValues: [...new Set(allowed)] } } as ErrorObject;
  return onValue(fake, [...segs, tag], ctx, value);
}

function onValue(e: ErrorObject, segs: string[], ctx: MapContext, known?: unknown): Diagnostic | undefined {
  const at = locate(ctx.doc, segs);
  const value = known ?? valueAt(ctx.data, segs);
  const message = describe(e, segs, value);
  let span = at.complete ? nodeSpan(ctx.text, at.value) : undefined;
  // An empty value (`key:`) has no width; the key is where the eye goes.
  if (span && span[0] === span[1]) span = nodeSpan(ctx.text, at.key) ?? span;
  if (!span) return onKey(segs, ctx, 'error', codeOf(e.keyword), message);
  const d: Diagnostic = { start: span[0], end: span[1], severity: 'error', code: codeOf(e.keyword), message };
  if (e.keyword === 'enum' && typeof value === 'string') {
    const allowed = ((e.params as { allowedValues?: unknown[] }).allowedValues ?? []).filter((v): v is string => typeof v === 'string');
    const guess = suggest(value, allowed);
    if (guess) {
      d.message += ` Did you mean "${guess}"?`;
      const quote = /^["']/.test(ctx.text[span[0]]) ? ctx.text[span[0]] : '';
      d.fixes = [{ title: `Change to ${guess}`, edits: [{ start: span[0], end: span[1], newText: `${quote}${guess}${quote}` }], isPreferred: true }];
    }
  }
  return d;
}

/** A diagnostic on the key naming the object at `segs` (the root: its first key), nearest ancestor else. */
function onKey(segs: string[], ctx: MapContext, severity: Severity, code: string, message: string): Diagnostic {
  const at = locate(ctx.doc, segs);
  const span = nodeSpan(ctx.text, at.key ?? at.nearestKey) ?? firstLine(ctx.text, at.value);
  return { start: span[0], end: span[1], severity, code, message };
}

function firstLine(text: string, node: Node | null): [number, number] {
  const first = isMap(node) ? (node.items[0]?.key as Node | undefined) : undefined;
  const key = first ? nodeSpan(text, first) : undefined;
  if (key) return key;
  const start = node?.range?.[0] ?? 0;
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  return [start, Math.max(start, end)];
}

export function codeOf(keyword: string): string {
  if (keyword === 'type') return 'type';
  if (keyword === 'enum' || keyword === 'const') return 'enum';
  if (/^(minimum|maximum|exclusiveMinimum|exclusiveMaximum)$/.test(keyword)) return 'range';
  return 'schema';
}

/**
 * The candidate the user most likely meant: a name that starts with what was typed (a truncated
 * `lora_qwen2_5_7b` -> `..._7b_base`), else the closest by edit distance when close enough.
 */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0 || word.length === 0) return undefined;
  if (word.length >= 4) {
    const longer = candidates.filter((c) => c.length > word.length && c.startsWith(word)).sort((a, b) => a.length - b.length);
    if (longer.length) return longer[0];
  }
  const best = closest(word, candidates as string[]);
  const limit = Math.max(2, Math.floor(word.length / 3));
  if (distance(word.toLowerCase(), best.toLowerCase()) <= limit) return best;
  return undefined;
}

export function valueAt(data: unknown, segs: readonly string[]): unknown {
  let cur = data;
  for (const s of segs) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[s];
  }
  return cur;
}

export function schemaAt(root: SchemaNode, segs: readonly string[]): SchemaNode | undefined {
  let cur: SchemaNode | undefined = root;
  for (const s of segs) {
    if (!cur) return undefined;
    cur = /^\d+$/.test(s) ? (cur.items() ?? cur.child(s)) : cur.child(s);
  }
  return cur;
}
