// validateText: plain text in, diagnostics with offsets out. YAML syntax first; the schema only on
// a document that parsed; loader-aware values; ajv errors mapped to nodes; cross-field rules; a cap.
import { isMap, parseDocument, type Document, type Node } from 'yaml';
import { detectDialect, dialectPlugin, type DialectId } from '../dialects';
import { ExpansionLimit, loadDocument } from './load';
import { locate, nodeSpan } from './locate';
import { mapAjvErrors } from './mapErrors';
import { dialectSchema, type DialectSchema } from './registry';
import { rulesFor, type CrossFieldRule, type RuleHit } from './rules';
import { whereRuleFired } from './schemaRules';
import type { Diagnostic, LoaderKind, Severity, ValidateOptions, ValidationResult } from './types';

export type { Diagnostic, Fix, TextEdit, Severity, ValidateOptions, ValidationResult, LoaderKind } from './types';
export { completionsAt, keyPathAt, describeKeyPath, type CompletionItem, type KeyDescription } from './completion';
export { availableDialects, dialectSchema, makeDialectSchema, type DialectSchema } from './registry';
export { RULES, type CrossFieldRule } from './rules';

/** Above these sizes validation is skipped with one information diagnostic (no real config is close). */
export const MAX_CHARS = 2_000_000;
export const MAX_LINES = 50_000;
export const DEFAULT_MAX_DIAGNOSTICS = 100;
export const MAX_NESTING = 500;
/** Nodes one document may expand to through aliases before we stop (billion-laughs guard). */
const NODE_BUDGET = 1_000_000;

export function validateText(text: string, opts: ValidateOptions = {}): ValidationResult {
  const det = opts.dialect ? { dialect: opts.dialect, reason: 'chosen explicitly' } : detectDialect(text, opts);
  if (!det.dialect) return { dialect: undefined, reason: det.reason, diagnostics: [] };
  const plugin = dialectPlugin(det.dialect);
  const ds = plugin.schemaId ? dialectSchema(plugin.schemaId) : undefined;
  const reason = ds ? det.reason : `${det.reason}; no schema for ${det.dialect} in this build, syntax only`;
  const diagnostics = validateWith(text, ds, { ...opts, dialect: det.dialect, rules: plugin.rules });
  return { dialect: det.dialect, reason, diagnostics };
}

/** Validation against a given dialect schema (tests pass schemas compiled on the fly). */
export function validateWith(text: string, ds: DialectSchema | undefined, opts: ValidateOptions = {}): Diagnostic[] {
  const tooBig = sizeLimit(text);
  if (tooBig) return [tooBig];
  const doc = parseDocument(text, { schema: 'failsafe', uniqueKeys: false, prettyErrors: false });
  if (doc.errors.length) return cap(doc.errors.map((e) => syntaxDiagnostic(text, e.pos, e.message)), opts.maxDiagnostics);
  if (!ds || doc.contents == null) return [];
  const json = /\.json$/i.test(opts.fileName ?? '') || /^\s*[{[]/.test(text);
  const loader: LoaderKind = json ? 'json' : ds.loader === 'json' ? 'pyyaml' : ds.loader;
  try {
    return cap(schemaDiagnostics(text, doc, ds, loader, opts.dialect ?? ds.id, opts.frameworkVersions, opts.rules), opts.maxDiagnostics);
  } catch (err) {
    if (!(err instanceof ExpansionLimit)) throw err;
    return [{ start: 0, end: 0, severity: 'information', code: 'validation-skipped', message: 'Validation skipped: the YAML aliases expand to more nodes than ML Config Lens checks.' }];
  }
}

function schemaDiagnostics(text: string, doc: Document, ds: DialectSchema, loader: LoaderKind, dialect: DialectId, versions?: Record<string, string>, rules?: readonly CrossFieldRule[]): Diagnostic[] {
  const load = loadDocument(doc, loader, ds.index, ds.framework, NODE_BUDGET, versions);
  const data = load.value;
  if (data && typeof data === 'object' && !Array.isArray(data)) delete (data as Record<string, unknown>).$schema;
  const out = [...load.findings];
  if (!ds.validate(data)) {
    out.push(...mapAjvErrors(ds.validate.errors ?? [], { text, doc, data, schema: ds.index, framework: ds.framework, unknownKeys: ds.unknownKeys, suppressed: load.suppressed }));
  }
  if (data && typeof data === 'object' && !Array.isArray(data)) out.push(...crossField(text, doc, ds, dialect, data as Record<string, unknown>, out, rules));
  return out;
}

/**
 * Cross-field rules: the code rules of this dialect (rules*.ts), then every x-rules entry of the
 * schema that no code rule implements but whose `when` is a JSON Schema compiled at build time.
 */
function crossField(text: string, doc: Document, ds: DialectSchema, dialect: DialectId, data: Record<string, unknown>, taken: Diagnostic[], rules?: readonly CrossFieldRule[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const push = (id: string, hit: RuleHit, fallback: Severity): void => {
    const at = locate(doc, hit.path);
    const span = nodeSpan(text, hit.on === 'key' ? at.key : at.value) ?? nodeSpan(text, at.key ?? at.nearestKey) ?? firstKeySpan(text, doc);
    // A value the schema already rejects (an enum, a type) is told once.
    if (taken.some((d) => d.severity === 'error' && d.start === span[0] && d.end === span[1])) return;
    out.push({ start: span[0], end: span[1], severity: ds.rules.get(id)?.severity ?? fallback, code: id, message: hit.message });
  };
  const coded = new Set<string>();
  // The plug-in's rules when the caller passes them; rules naming another dialect never run.
  for (const rule of rules ? rules.filter((r) => r.dialects.includes(dialect)) : rulesFor(dialect)) {
    coded.add(rule.id);
    const hit = rule.check(data, ds.schema);
    if (hit) push(rule.id, hit, rule.severity);
  }
  for (const [id, rule] of ds.rules) {
    if (coded.has(id) || !rule.check || !rule.check(data)) continue;
    push(id, whereRuleFired(rule.when, data, rule.message ?? id), 'warning');
  }
  return out;
}

function firstKeySpan(text: string, doc: Document): [number, number] {
  const first = isMap(doc.contents) ? (doc.contents.items[0]?.key as Node | undefined) : undefined;
  return nodeSpan(text, first ?? null) ?? [0, 0];
}

function syntaxDiagnostic(text: string, pos: [number, number], message: string): Diagnostic {
  const start = Math.min(Math.max(0, pos[0]), text.length);
  let end = Math.min(Math.max(start, pos[1]), text.length);
  if (end === start && start < text.length && text[start] !== '\n') end = start + 1;
  return { start, end, severity: 'error', code: 'yaml-syntax', message: `YAML syntax: ${message.split('\n')[0]}` };
}

/** Deepest `[`/`{` nesting outside quotes and comments; the YAML parser recurses per level. */
function flowDepth(text: string, limit: number): number {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote || c === '\n') quote = '';
      else if (c === '\\' && quote === '"') i++;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else if (c === '[' || c === '{') {
      if (++depth > limit) return depth;
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return depth;
}

function sizeLimit(text: string): Diagnostic | undefined {
  if (flowDepth(text, MAX_NESTING) > MAX_NESTING) {
    return { start: 0, end: 0, severity: 'information', code: 'validation-skipped', message: `Validation skipped: brackets nest deeper than ${MAX_NESTING} levels.` };
  }
  let lines = 1;
  if (text.length <= MAX_CHARS) {
    for (let i = text.indexOf('\n'); i >= 0 && lines <= MAX_LINES; i = text.indexOf('\n', i + 1)) lines++;
    if (lines <= MAX_LINES) return undefined;
  }
  return {
    start: 0, end: 0, severity: 'information', code: 'validation-skipped',
    message: `Validation skipped: the file is larger than ${MAX_CHARS / 1e6} MB or ${MAX_LINES.toLocaleString('en-US')} lines.`,
  };
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2 };

/** At most `max` diagnostics, errors kept first; one more line says how many were left out. */
function cap(list: Diagnostic[], max = DEFAULT_MAX_DIAGNOSTICS): Diagnostic[] {
  const seen = new Set<string>();
  const unique = list.filter((d) => {
    const k = `${d.start}|${d.end}|${d.code}|${d.message}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
  const limit = Math.max(1, max);
  if (unique.length <= limit) return unique.sort((a, b) => a.start - b.start || RANK[a.severity] - RANK[b.severity]);
  const kept = [...unique].sort((a, b) => RANK[a.severity] - RANK[b.severity] || a.start - b.start).slice(0, limit);
  kept.sort((a, b) => a.start - b.start);
  kept.push({ start: 0, end: 0, severity: 'information', code: 'too-many-problems', message: `${unique.length - limit} more problems not shown (mlConfig.validation.maxDiagnostics = ${limit}).` });
  return kept;
}
