// Findings made while loading, before any schema validation: numbers the loader keeps as strings,
// YAML 1.1 booleans where a string is meant, deprecated keys and values, duplicate keys. Each one
// is told on the exact node, with a fix where the right text is known.
import { type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { pointerOf, type DocIndex, type PathLink } from './nodes';
import { pythonFloatCall, pythonIntCall, pyyamlFloatSpelling } from './scalars';
import type { SchemaNode } from './schemaIndex';
import { stillInPinnedVersion } from './versions';
import { removedKeyInRelease } from './releases/removedKeys';
import type { Diagnostic, Fix, LoaderKind } from './types';

/** The part of the loader's state findings need. */
export interface FindingContext {
  loader: LoaderKind;
  framework: string;
  findings: Diagnostic[];
  suppressed: Set<string>;
  /** > 0 while walking through an alias: findings are told once, where the anchor is written. */
  quiet: number;
  /** Framework versions the user pinned (mlConfig.validation.frameworkVersions). */
  versions?: Record<string, string>;
  /** Keys of every mapping, indexed once: "is this key already there" costs O(1). */
  index: DocIndex;
}

type Ctx = FindingContext;

/**
 * `eval_strategy: no` under PyYAML/OmegaConf is the boolean False, not the string "no". When the
 * field wants a string (an enum of strategy names), say so on the value and offer the quoted form.
 */
export function yaml11Bool(
  node: Scalar,
  raw: string,
  schema: SchemaNode,
  path: PathLink | undefined,
  ctx: Ctx,
): void {
  const info = schema.info();
  const wantsString = info.type.includes('string') || (info.enum ?? []).includes(raw);
  const acceptsBool = info.type.includes('boolean') || (info.enum ?? []).some((v) => typeof v === 'boolean');
  if (!wantsString || acceptsBool || !node.range) return;
  ctx.suppressed.add(pointerOf(path));
  if (ctx.quiet) return;
  const [start, end] = node.range;
  ctx.findings.push({
    start,
    end,
    severity: 'error',
    code: 'yaml11-boolean',
    message: `${ctx.loader === 'omegaconf' ? 'OmegaConf' : 'PyYAML'} (YAML 1.1) reads \`${raw}\` as the boolean ${PY_TRUE_WORDS.has(raw) ? 'True' : 'False'}, not the string "${raw}"; ${ctx.framework} expects a string here. Quote it.`,
    fixes: [{ title: `Quote as '${raw}'`, edits: [{ start, end, newText: `'${raw}'` }], isPreferred: true }],
  });
}

const PY_TRUE_WORDS = new Set(['yes', 'Yes', 'YES', 'on', 'On', 'ON']);

/**
 * A numeric field holding a string Python could read as a number: explain it on the value, with a
 * fix that spells the number so the loader reads it. Information when the framework converts the
 * string itself (x-coercesString), an error when it would fail.
 */
export function numericString(
  node: Scalar,
  value: string,
  schema: SchemaNode,
  path: PathLink | undefined,
  ctx: Ctx,
): unknown {
  const info = schema.info();
  const wantsFloat = info.type.includes('number');
  const wantsInt = info.type.includes('integer');
  if (!wantsFloat && !wantsInt) return value;
  if (info.type.includes('string') && !info.coercesString) return value;
  const num = wantsFloat ? pythonFloatCall(value) : pythonIntCall(value);
  if (num === undefined || !node.range) return value;
  const plain = node.type === 'PLAIN';
  const spelling =
    ctx.loader === 'json' || pythonIntCall(value) !== undefined ? value.trim() : pyyamlFloatSpelling(value);
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
      fixes: spelling
        ? [
            {
              title: `Write ${spelling}`,
              edits: [{ start: node.range[0], end: node.range[1], newText: spelling }],
              isPreferred: true,
            },
          ]
        : undefined,
    });
  }
  if (info.coercesString) return num;
  ctx.suppressed.add(pointerOf(path));
  return value;
}

export function deprecatedKey(
  keyNode: Node,
  key: string,
  child: SchemaNode,
  map: YAMLMap,
  pair: Pair,
  ctx: Ctx,
): void {
  const info = child.info();
  if (!info.deprecated && !info.renamedTo) return;
  if (stillInPinnedVersion(info, ctx.versions)) return;
  const [start, end] = keyNode.range!;
  const target = info.renamedTo;
  const taken = target !== undefined && ctx.index.has(map, target);
  // Removed before every release we read: the user's release decides (PEFT before 0.14 raises).
  const gone = removedKeyInRelease(info.removedIn, ctx.versions);
  const said =
    info.deprecationMessage ??
    (target ? `"${key}" is deprecated; use "${target}".` : `"${key}" is deprecated.`);
  const message = gone?.severity === 'error' ? `${said} ${gone.message}` : said;
  const fixes =
    target && !taken
      ? [{ title: `Rename to ${target}`, edits: [{ start, end, newText: target }], isPreferred: true }]
      : replacementFix(keyNode, map, pair, info.replacement, ctx.index);
  // Keys the framework now rejects (x-deprecationSeverity: error) stop the run; others still work.
  const severity = info.deprecationSeverity === 'error' || gone?.severity === 'error' ? 'error' : 'warning';
  ctx.findings.push({ start, end, severity, code: 'deprecated-key', message, fixes });
}

/**
 * `flash_attention: true` -> `attn_implementation: flash_attention_2` (x-replacement), when the old
 * key is switched on, the new key is not set yet and the replacement is a plain value.
 */
function replacementFix(
  keyNode: Node,
  map: YAMLMap,
  pair: Pair,
  replacement: Record<string, unknown> | undefined,
  index: DocIndex,
): Fix[] | undefined {
  const entry = replacement && Object.entries(replacement)[0];
  const value = pair.value as Scalar | undefined;
  if (!entry || !value?.range || !keyNode.range || value.value === false || String(value.value) === 'false')
    return undefined;
  const [newKey, newValue] = entry;
  if (typeof newValue === 'object' || index.has(map, newKey)) return undefined;
  const text = `${newKey}: ${String(newValue)}`;
  return [
    {
      title: `Replace with ${text}`,
      edits: [{ start: keyNode.range[0], end: value.range[1], newText: text }],
      isPreferred: true,
    },
  ];
}

export function deprecatedValue(
  node: Scalar,
  value: unknown,
  schema: SchemaNode,
  ctx: Ctx,
  path?: PathLink,
): void {
  const info = schema.info();
  if (!node.range || value === null || typeof value === 'object') return;
  const key = String(value);
  const [start, end] = node.range;
  const removed =
    info.removedValues && Object.prototype.hasOwnProperty.call(info.removedValues, key)
      ? info.removedValues[key]
      : undefined;
  if (removed !== undefined) {
    // The framework raises on this value; the schema's enum error would say less, so it is dropped.
    ctx.suppressed.add(pointerOf(path));
    ctx.findings.push({
      start,
      end,
      severity: 'error',
      code: 'removed-value',
      message: `${JSON.stringify(value)} is no longer accepted by ${ctx.framework}: ${removed}`,
    });
    return;
  }
  const table = info.deprecatedValues as Record<string, unknown> | undefined;
  if (!table || !Object.prototype.hasOwnProperty.call(table, key)) return;
  const entry = table[key];
  const note = typeof entry === 'string' ? entry : String((entry as { message?: string }).message ?? '');
  const replacement =
    typeof entry === 'object' && entry ? (entry as { replacement?: string }).replacement : undefined;
  ctx.findings.push({
    start,
    end,
    severity: 'warning',
    code: 'deprecated-value',
    message: `${JSON.stringify(value)} is deprecated${note ? `: ${note}` : '.'}`,
    fixes: replacement
      ? [
          {
            title: `Replace with ${replacement}`,
            edits: [{ start, end, newText: replacement }],
            isPreferred: true,
          },
        ]
      : undefined,
  });
}

export function duplicate(keyNode: Node | null, key: string, ctx: Ctx): void {
  if (!keyNode?.range) return;
  // OmegaConf's loader rejects duplicate keys; PyYAML and Python's json keep the last one silently.
  const fails = ctx.loader === 'omegaconf';
  ctx.findings.push({
    start: keyNode.range[0],
    end: keyNode.range[1],
    severity: fails ? 'error' : 'warning',
    code: 'duplicate-key',
    message: fails
      ? `Duplicate key "${key}": ${ctx.framework} (OmegaConf) rejects the file.`
      : `Duplicate key "${key}": only the last value is used.`,
  });
}
