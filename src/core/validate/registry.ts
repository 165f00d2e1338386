// The dialects that have a schema in this build: the precompiled validator, the schema itself and
// what its root annotations say (loader, framework, unknown-key severity). Loaded on first use.
import type { DialectId } from '../dialects';
import { DIALECT_SCHEMAS, loadValidator, type GeneratedValidator } from './generated';
import { indexSchema, type JsonSchema, type SchemaNode } from './schemaIndex';
import type { LoaderKind, Severity } from './types';

export interface DialectSchema {
  id: DialectId;
  schema: JsonSchema;
  validate: GeneratedValidator;
  index: SchemaNode;
  loader: LoaderKind;
  /** Framework name and version the schema follows, for messages. */
  framework: string;
  frameworkVersion: string | undefined;
  unknownKeys: Severity;
  /** x-rules by id: severity, message and source from the schema; `when` when it is a JSON Schema. */
  rules: Map<string, SchemaRule>;
}

export interface SchemaRule {
  severity?: Severity;
  message?: string;
  source?: string;
  when?: unknown;
  /** `key` of the x-rules entry: the key (or keys, first present wins) the finding goes on. */
  key?: string[];
  /** Build-time compiled `when`, true when the rule fires. */
  check?: (data: unknown) => boolean;
}

const cache = new Map<string, DialectSchema | undefined>();

/** Dialect ids with a compiled schema in this build. */
export function availableDialects(): readonly string[] {
  return DIALECT_SCHEMAS;
}

export function dialectSchema(id: string): DialectSchema | undefined {
  if (!cache.has(id)) {
    const v = DIALECT_SCHEMAS.includes(id) ? loadValidator(id) : undefined;
    cache.set(id, v ? makeDialectSchema(id as DialectId, v.schema, v) : undefined);
  }
  return cache.get(id);
}

/** Builds the runtime view of one schema (also used by tests with schemas compiled on the fly). */
export function makeDialectSchema(
  id: DialectId,
  schema: JsonSchema,
  validate: GeneratedValidator,
): DialectSchema {
  const fw = (schema['x-framework'] ?? {}) as { name?: string; version?: string };
  const loader = schema['x-loader'];
  const rules = new Map<string, SchemaRule>();
  for (const r of (Array.isArray(schema['x-rules']) ? schema['x-rules'] : []) as Array<
    Record<string, unknown>
  >) {
    if (typeof r.id !== 'string') continue;
    rules.set(r.id, {
      severity: severityOf(r.severity),
      message: str(r.message),
      source: str(r.source),
      when: r.when,
      key: keysOf(r.key),
      check: validate.ruleChecks?.[r.id],
    });
  }
  return {
    id,
    schema,
    validate,
    index: indexSchema(schema),
    loader: loader === 'omegaconf' || loader === 'json' ? loader : 'pyyaml',
    framework: fw.name ?? id,
    frameworkVersion: fw.version,
    unknownKeys: severityOf(schema['x-unknownKeys']) ?? 'error',
    rules,
  };
}

function severityOf(v: unknown): Severity | undefined {
  return v === 'error' || v === 'warning' || v === 'information'
    ? v
    : v === 'info'
      ? 'information'
      : undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function keysOf(v: unknown): string[] | undefined {
  const list = (Array.isArray(v) ? v : [v]).filter((k): k is string => typeof k === 'string');
  return list.length ? list : undefined;
}
