// Test helpers for the validation engine: a toy schema compiled on the fly (tests may compile at run
// time; the product never does), and exact-range lookups by the text they should cover.
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DialectId } from '../../src/core/dialects';
import { makeDialectSchema, type DialectSchema } from '../../src/core/validate/registry';
import type { GeneratedValidator } from '../../src/core/validate/generated';

export const repoRoot = resolve(__dirname, '../../..');

/** `dialect` picks the code rules that run; adapterhub has none, so toy tests see schema findings only. */
export function toySchema(
  overrides: Record<string, unknown> = {},
  dialect: DialectId = 'adapterhub',
): DialectSchema {
  const schema = {
    ...JSON.parse(readFileSync(resolve(repoRoot, 'test/fixtures/validation/toy.schema.json'), 'utf8')),
    ...overrides,
  };
  const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
  const compiled = ajv.compile(schema);
  const validate = ((data: unknown) => {
    const ok = compiled(data);
    validate.errors = compiled.errors;
    return ok;
  }) as GeneratedValidator;
  validate.schema = schema;
  return makeDialectSchema(dialect, schema, validate);
}

/** [start, end) of the nth occurrence of `needle` in `text`; throws when absent so tests fail loudly. */
export function span(text: string, needle: string, nth = 0): [number, number] {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" not in text`);
  }
  return [at, at + needle.length];
}

/** 1-based line of an offset. */
export function lineOf(text: string, offset: number): number {
  let n = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}
