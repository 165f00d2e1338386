// validateWith / validateDocument: plain text in, diagnostics with offsets out (validateText, which
// detects the dialect first, is in src/core/pipeline). YAML syntax first; the schema only on
// a document that parsed; loader-aware values; ajv errors mapped to nodes; cross-field rules; a cap.
import { isMap, type Document, type Node } from 'yaml';
import type { DialectId } from '../dialects';
import { cap, DEFAULT_MAX_DIAGNOSTICS, ready, type Pending } from './cap';
import { loaderFor, loadConfig, parseConfigDocument, type LoadedConfig } from './document';
import { locate, nodeSpan } from './locate';
import { mapAjvErrors } from './mapErrors';
import { DocIndex } from './nodes';
import { withReleases } from './releases/apply';
import type { DialectSchema } from './registry';
import { rulesFor, type CrossFieldRule, type RuleHit } from './rules';
import { ruleFixes } from './ruleFix';
import { whereRuleFired } from './schemaRules';
import type { Diagnostic, LoaderKind, Severity, ValidateOptions } from './types';

export type {
  Diagnostic,
  Fix,
  TextEdit,
  Severity,
  ValidateOptions,
  ValidationResult,
  LoaderKind,
} from './types';
export {
  completionsAt,
  keyPathAt,
  describeKeyPath,
  type CompletionItem,
  type KeyDescription,
} from './completion';
export { availableDialects, dialectSchema, makeDialectSchema, type DialectSchema } from './registry';
export { RULES, type CrossFieldRule } from './rules';

/** Above these sizes validation is skipped with one information diagnostic (no real config is close). */
export const MAX_CHARS = 2_000_000;
export const MAX_LINES = 50_000;
export { DEFAULT_MAX_DIAGNOSTICS };
export const MAX_NESTING = 500;

/** Validation against a given dialect schema (tests pass schemas compiled on the fly). */
export function validateWith(
  text: string,
  ds: DialectSchema | undefined,
  opts: ValidateOptions = {},
): Diagnostic[] {
  const tooBig = validationSkipped(text);
  if (tooBig) return [tooBig];
  return validateDocument(text, parseConfigDocument(text), ds, opts).diagnostics;
}

export interface DocumentValidation {
  diagnostics: Diagnostic[];
  /** The typed config the framework's loader builds (undefined on syntax errors), for everything downstream. */
  config: unknown;
  /** Why `config` is missing. */
  problem?: string;
}

/**
 * Validation of an already parsed document (parseConfigDocument), handing back the typed config the
 * same walk built. Without a schema the config is still loaded, by `fallbackLoader` rules. One document
 * index serves the loader, the error locator and the rules.
 */
export function validateDocument(
  text: string,
  doc: Document,
  ds: DialectSchema | undefined,
  opts: ValidateOptions & { fallbackLoader?: LoaderKind; rules?: readonly CrossFieldRule[] } = {},
): DocumentValidation {
  if (doc.errors.length) {
    return {
      diagnostics: cap(
        doc.errors.map((e) => ready(syntaxDiagnostic(text, e.pos, e.message))),
        opts.maxDiagnostics,
      ),
      config: undefined,
      problem: 'the file has syntax errors; fix them to see estimates',
    };
  }
  const loader = loaderFor(text, opts.fileName, ds?.loader ?? opts.fallbackLoader ?? 'pyyaml');
  const index = new DocIndex(doc);
  if (!ds || doc.contents == null) {
    const load = loadConfig(doc, loader, undefined, undefined, undefined, index);
    return { diagnostics: [], config: load.value, problem: load.problem };
  }
  const load = loadConfig(doc, loader, ds.index, ds.framework, opts.frameworkVersions, index);
  if (load.problem) {
    return {
      diagnostics: [
        {
          start: 0,
          end: 0,
          severity: 'information',
          code: 'validation-skipped',
          message: 'Validation skipped: the YAML aliases expand to more nodes than ML Config Lens checks.',
        },
      ],
      config: undefined,
      problem: load.problem,
    };
  }
  return {
    diagnostics: cap(
      withReleases(
        text,
        index,
        opts.dialect ?? ds.id,
        load.value,
        opts.frameworkVersions,
        opts.frameworkVersionSources,
        schemaDiagnostics(text, index, ds, load, opts.dialect ?? ds.id, opts.rules, opts.frameworkVersions),
      ),
      opts.maxDiagnostics,
    ),
    config: load.value,
  };
}

function schemaDiagnostics(
  text: string,
  index: DocIndex,
  ds: DialectSchema,
  load: LoadedConfig,
  dialect: DialectId,
  rules?: readonly CrossFieldRule[],
  versions?: Record<string, string>,
): Pending[] {
  const data = load.value;
  if (data && typeof data === 'object' && !Array.isArray(data))
    delete (data as Record<string, unknown>).$schema;
  const out = load.findings.map(ready);
  if (!ds.validate(data)) {
    out.push(
      ...mapAjvErrors(ds.validate.errors ?? [], {
        text,
        index,
        data,
        schema: ds.index,
        framework: ds.framework,
        unknownKeys: ds.unknownKeys,
        suppressed: load.suppressed,
      }),
    );
  }
  if (data && typeof data === 'object' && !Array.isArray(data))
    out.push(
      ...crossField(text, index, ds, dialect, data as Record<string, unknown>, out, { rules, versions }).map(
        ready,
      ),
    );
  return out;
}

/**
 * Cross-field rules: the code rules of this dialect (rules*.ts), then every x-rules entry of the
 * schema that no code rule implements but whose `when` is a JSON Schema compiled at build time.
 */
function crossField(
  text: string,
  index: DocIndex,
  ds: DialectSchema,
  dialect: DialectId,
  data: Record<string, unknown>,
  taken: readonly Pending[],
  { rules, versions }: { rules?: readonly CrossFieldRule[]; versions?: Record<string, string> },
): Diagnostic[] {
  const out: Diagnostic[] = [];
  let errorSpans: Set<string> | undefined;
  const push = (id: string, hit: RuleHit, fallback: Severity): void => {
    const at = locate(index, hit.path);
    const span =
      nodeSpan(text, hit.on === 'key' ? at.key : at.value) ??
      nodeSpan(text, at.key ?? at.nearestKey) ??
      firstKeySpan(text, index.doc);
    // A value the schema already rejects (an enum, a type) is told once.
    errorSpans ??= new Set(taken.filter((d) => d.severity === 'error').map((d) => `${d.start}|${d.end}`));
    if (errorSpans.has(`${span[0]}|${span[1]}`)) return;
    const fixes = hit.fix && ruleFixes(text, index, hit.fix);
    out.push({
      start: span[0],
      end: span[1],
      severity: ds.rules.get(id)?.severity ?? fallback,
      code: id,
      message: hit.message,
      ...(fixes ? { fixes } : {}),
    });
  };
  const coded = new Set<string>();
  // The plug-in's rules when the caller passes them; rules naming another dialect never run.
  for (const rule of rules ? rules.filter((r) => r.dialects.includes(dialect)) : rulesFor(dialect)) {
    coded.add(rule.id);
    const hit = rule.check(data, ds.schema, versions);
    if (hit) push(rule.id, hit, rule.severity);
  }
  for (const [id, rule] of ds.rules) {
    if (coded.has(id) || !rule.check || !rule.check(data)) continue;
    push(id, whereRuleFired(rule.when, data, rule.message ?? id, rule.key), 'warning');
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
  // The YAML parser recurses per nesting level; its stack overflow means the blocks nest too deeply.
  const said = /maximum call stack/i.test(message)
    ? 'blocks nest too deeply to parse (thousands of levels)'
    : message.split('\n')[0];
  return { start, end, severity: 'error', code: 'yaml-syntax', message: `YAML syntax: ${said}` };
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

/**
 * Block nesting, counted without parsing: the indentation levels open at a line plus the compact
 * `- - - x` sequence entries on it. The YAML parser (and PyYAML) recurse once per level.
 */
function blockDepth(text: string, limit: number): number {
  const indents: number[] = [];
  for (let start = 0; start < text.length;) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    let i = start;
    while (i < end && text[i] === ' ') i++;
    if (i < end && text[i] !== '#') {
      const indent = i - start;
      while (indents.length && indents[indents.length - 1] >= indent) indents.pop();
      indents.push(indent);
      let dashes = 0;
      while (text[i] === '-' && (text[i + 1] === ' ' || text[i + 1] === '\t')) {
        dashes++;
        i += 2;
        while (text[i] === ' ') i++;
      }
      if (indents.length + dashes > limit) return indents.length + dashes;
    }
    start = end + 1;
  }
  return indents.length;
}

/** One information diagnostic when the text is too large or nests too deep to parse safely. */
export function validationSkipped(text: string): Diagnostic | undefined {
  if (blockDepth(text, MAX_NESTING) > MAX_NESTING) {
    // PyYAML stops with a RecursionError long before this; the parser here would overflow its stack.
    return {
      start: 0,
      end: 0,
      severity: 'error',
      code: 'yaml-syntax',
      message: `YAML syntax: blocks nest too deeply to parse (more than ${MAX_NESTING} levels)`,
    };
  }
  if (flowDepth(text, MAX_NESTING) > MAX_NESTING) {
    return {
      start: 0,
      end: 0,
      severity: 'information',
      code: 'validation-skipped',
      message: `Validation skipped: brackets nest deeper than ${MAX_NESTING} levels.`,
    };
  }
  let lines = 1;
  if (text.length <= MAX_CHARS) {
    for (let i = text.indexOf('\n'); i >= 0 && lines <= MAX_LINES; i = text.indexOf('\n', i + 1)) lines++;
    if (lines <= MAX_LINES) return undefined;
  }
  return {
    start: 0,
    end: 0,
    severity: 'information',
    code: 'validation-skipped',
    message: `Validation skipped: the file is larger than ${MAX_CHARS / 1e6} MB or ${MAX_LINES.toLocaleString('en-US')} lines.`,
  };
}

/** At most `max` diagnostics, errors kept first (for findings made outside the schema walk, e.g. the target check). */
export function capDiagnostics(list: Diagnostic[], max = DEFAULT_MAX_DIAGNOSTICS): Diagnostic[] {
  return cap(list.map(ready), max);
}
