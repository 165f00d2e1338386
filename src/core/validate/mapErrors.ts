// ajv errors -> diagnostics on the most specific YAML node: an unknown key on the key, a missing
// required key on its parent's key, wrong type/enum/range on the value, else the nearest ancestor.
// anyOf/oneOf noise is collapsed first (combine.ts) so each mistake is told once.
import type { ErrorObject } from 'ajv';
import { isMap, isSeq, type Node } from 'yaml';
import { closest, distance } from 'fastest-levenshtein';
import { collapseCombinators } from './combine';
import { describe, where } from './messages';
import { later, type Pending } from './cap';
import { decodePointer, locate, nodeSpan, type Located } from './locate';
import type { DocIndex } from './nodes';
import type { SchemaNode } from './schemaIndex';
import type { Diagnostic, Fix, Severity } from './types';

export interface MapContext {
  text: string;
  /** The parsed document, indexed once (nodes by key, alias targets). */
  index: DocIndex;
  data: unknown;
  schema: SchemaNode;
  framework: string;
  unknownKeys: Severity;
  suppressed: Set<string>;
}

/**
 * One Pending per reported error: its place and severity now, its message and fixes (with their
 * "did you mean" searches) only if the cap keeps it.
 */
export function mapAjvErrors(errors: readonly ErrorObject[], ctx: MapContext): Pending[] {
  const out: Pending[] = [];
  const list = collapseCombinators(errors).filter((e) => !isSuppressed(e.instancePath, ctx.suppressed));
  const typos = requiredTypos(list);
  const typoNames = new Set(typos.values());
  // A value outside an enum often also has the wrong type: the enum error says more, tell it once.
  const enumAt = new Set(list.filter((e) => e.keyword === 'enum').map((e) => e.instancePath));
  for (const e of list) {
    if (e.keyword === 'type' && enumAt.has(e.instancePath)) continue;
    if (
      e.keyword === 'required' &&
      typos.has(`${e.instancePath}/${String((e.params as { missingProperty?: string }).missingProperty)}`)
    )
      continue;
    const d = mapOne(e, ctx, typos, typoNames);
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
    if (e.keyword !== 'required') continue;
    const names = missing.get(e.instancePath) ?? [];
    names.push(String((e.params as { missingProperty?: string }).missingProperty));
    missing.set(e.instancePath, names);
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

function mapOne(
  e: ErrorObject,
  ctx: MapContext,
  typos: Map<string, string>,
  typoNames: Set<string>,
): Pending | undefined {
  const segs = decodePointer(e.instancePath);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return unknownKey(segs, String(p.additionalProperty), ctx, typos, typoNames);
    case 'required':
      return onKey(
        segs,
        ctx,
        'error',
        'required',
        () => `Missing required key "${String(p.missingProperty)}"${where(segs)}.`,
      );
    case 'discriminator':
      return badDiscriminator(segs, String(p.tag), ctx);
    case 'if':
      return undefined; // the failing then/else branch reports the specific problem
    default:
      return onValue(e, segs, ctx);
  }
}

function unknownKey(
  segs: string[],
  prop: string,
  ctx: MapContext,
  typos: Map<string, string>,
  typoNames: Set<string>,
): Pending | undefined {
  const at = locate(ctx.index, [...segs, prop]);
  const span = at.complete ? nodeSpan(ctx.text, at.key) : undefined;
  const parent = schemaAt(ctx.schema, segs);
  // A key the mapping knows, refused by a conditional branch (`if distribution is X then only ...`).
  if (parent?.keys().includes(prop))
    return refusedByCondition(
      segs,
      prop,
      parent.selectors(),
      ctx,
      severityOf(parent.info().unknownKeys) ?? ctx.unknownKeys,
    );
  let guessed: { guess: string | undefined } | undefined;
  const guessOf = (): string | undefined =>
    (guessed ??= { guess: suggest(prop, parent?.keys() ?? []) }).guess;
  // Only a name that is some missing key's typo can be one; the search runs now only for those.
  const missingRequired =
    typoNames.has(prop) && guessOf() !== undefined && typos.get(`${pointerOf(segs)}/${guessOf()}`) === prop;
  const severity: Severity = missingRequired
    ? 'error'
    : (severityOf(parent?.info().unknownKeys) ?? ctx.unknownKeys);
  const message = (): string => {
    const guess = guessOf();
    const consequence = missingRequired
      ? `${ctx.framework} needs "${guess}" and stops without it.`
      : severity === 'error'
        ? `${ctx.framework} rejects unknown keys here.`
        : `${ctx.framework} ignores it, so the setting has no effect.`;
    return `Unknown key "${prop}"${where(segs)}.${guess ? ` Did you mean "${guess}"?` : ''} ${consequence}`;
  };
  if (!span) return onKey(segs, ctx, severity, 'unknown-key', message);
  return later(span, severity, 'unknown-key', () => {
    const guess = guessOf();
    const parentValue = valueAt(ctx.data, segs);
    const taken =
      guess !== undefined &&
      typeof parentValue === 'object' &&
      parentValue !== null &&
      Object.prototype.hasOwnProperty.call(parentValue, guess);
    // Renaming onto a key that is already there would only make a duplicate.
    const fixes: Fix[] | undefined =
      guess && !taken
        ? [
            {
              title: `Change to ${guess}`,
              edits: [{ start: span[0], end: span[1], newText: guess }],
              isPreferred: true,
            },
          ]
        : undefined;
    return { start: span[0], end: span[1], severity, code: 'unknown-key', message: message(), fixes };
  });
}

function refusedByCondition(
  segs: string[],
  prop: string,
  selectors: string[],
  ctx: MapContext,
  severity: Severity,
): Pending {
  const parentValue = valueAt(ctx.data, segs) as Record<string, unknown> | undefined;
  const selector =
    parentValue && typeof parentValue === 'object'
      ? selectors.find((k) => typeof parentValue[k] === 'string')
      : undefined;
  const context = selector
    ? ` with \`${selector}: ${String(parentValue?.[selector])}\``
    : ' with the other keys given';
  const consequence =
    severity === 'error' ? `${ctx.framework} rejects it there` : `${ctx.framework} ignores it there`;
  return onKey(
    [...segs, prop],
    ctx,
    severity,
    'unknown-key',
    () => `"${prop}" does not apply${where(segs)}${context}; ${consequence}.`,
  );
}

function severityOf(v: unknown): Severity | undefined {
  return v === 'error' || v === 'warning' || v === 'information' ? v : undefined;
}

function pointerOf(segs: string[]): string {
  return segs.map((s) => `/${s.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

function badDiscriminator(segs: string[], tag: string, ctx: MapContext): Pending | undefined {
  const at = [...segs, tag];
  const value = valueAt(ctx.data, at);
  const fake = (): ErrorObject => {
    const node = schemaAt(ctx.schema, at);
    const allowed = (node?.schemas ?? []).flatMap((s) =>
      Array.isArray(s.enum) ? s.enum : s.const !== undefined ? [s.const] : [],
    );
    return {
      keyword: 'enum',
      instancePath: '',
      schemaPath: '',
      params: { allowedValues: [...new Set(allowed)] },
    } as ErrorObject;
  };
  return onValue(fake, at, ctx, value);
}

function onValue(
  error: ErrorObject | (() => ErrorObject),
  segs: string[],
  ctx: MapContext,
  known?: unknown,
): Pending | undefined {
  const at = locate(ctx.index, segs);
  const keyword = typeof error === 'function' ? 'enum' : error.keyword;
  const value = (): unknown => known ?? valueAt(ctx.data, segs);
  const e = (): ErrorObject => (typeof error === 'function' ? error() : error);
  let span = at.complete ? nodeSpan(ctx.text, at.value) : undefined;
  // An empty value (`key:`) has no width, and a block mapping or list given where another type is
  // wanted spans lines below its key: the key is where the eye goes (and where pydantic's loc points).
  if (span && (span[0] === span[1] || (keyword === 'type' && isBlockCollection(at.value))))
    span = nodeSpan(ctx.text, at.key) ?? span;
  if (!span) return onKey(segs, ctx, 'error', codeOf(keyword), () => describe(e(), segs, value()), at);
  const place = span;
  return later(place, 'error', codeOf(keyword), () => {
    const err = e();
    const v = value();
    const d: Diagnostic = {
      start: place[0],
      end: place[1],
      severity: 'error',
      code: codeOf(keyword),
      message: describe(err, segs, v),
    };
    if (keyword === 'enum' && typeof v === 'string') {
      const allowed = ((err.params as { allowedValues?: unknown[] }).allowedValues ?? []).filter(
        (x): x is string => typeof x === 'string',
      );
      const guess = suggest(v, allowed);
      if (guess) {
        d.message += ` Did you mean "${guess}"?`;
        const quote = /^["']/.test(ctx.text[place[0]]) ? ctx.text[place[0]] : '';
        d.fixes = [
          {
            title: `Change to ${guess}`,
            edits: [{ start: place[0], end: place[1], newText: `${quote}${guess}${quote}` }],
            isPreferred: true,
          },
        ];
      }
    }
    return d;
  });
}

/** A diagnostic on the key naming the object at `segs` (the root: its first key), nearest ancestor else. */
function onKey(
  segs: string[],
  ctx: MapContext,
  severity: Severity,
  code: string,
  message: () => string,
  located?: Located,
): Pending {
  const at = located ?? locate(ctx.index, segs);
  const span = nodeSpan(ctx.text, at.key ?? at.nearestKey) ?? firstLine(ctx.text, at.value);
  return later(span, severity, code, () => ({
    start: span[0],
    end: span[1],
    severity,
    code,
    message: message(),
  }));
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
    const longer = candidates
      .filter((c) => c.length > word.length && c.startsWith(word))
      .sort((a, b) => a.length - b.length);
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

/** A mapping or list written in block style (its own lines under the key), not `{...}` / `[...]`. */
function isBlockCollection(node: Node | null): boolean {
  return (isMap(node) || isSeq(node)) && !node.flow;
}
