// Reading config.json fields the way transformers' config classes do: several spellings per field
// (attribute_map aliases such as n_embd -> hidden_size), defaults per model_type, strict validation.
import type { HfConfig } from './types';

/** The model (or head) is not one this inventory knows how to build. */
export class UnsupportedModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedModelError';
  }
}

/** A config field has a value transformers would not accept (negative width, text for a number...). */
export class InvalidConfigError extends UnsupportedModelError {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidConfigError';
  }
}

function firstPresent(cfg: HfConfig, keys: readonly string[]): [string, unknown] | undefined {
  for (const k of keys) {
    const v = cfg[k];
    if (v !== undefined && v !== null) return [k, v];
  }
  return undefined;
}

/** A positive integer field (first present key wins), or the default when none is set. */
export function int(cfg: HfConfig, keys: string | readonly string[], dflt: number): number {
  const found = firstPresent(cfg, typeof keys === 'string' ? [keys] : keys);
  if (!found) return dflt;
  const [k, v] = found;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 1e9) {
    throw new InvalidConfigError(
      `config.json field "${k}" must be a non-negative integer, got ${JSON.stringify(v)}`,
    );
  }
  return v;
}

/** Like int, but null/absent gives undefined (fields whose default depends on others). */
export function optInt(cfg: HfConfig, keys: string | readonly string[]): number | undefined {
  const list = typeof keys === 'string' ? [keys] : keys;
  return firstPresent(cfg, list) ? int(cfg, list, 0) : undefined;
}

export function bool(cfg: HfConfig, key: string, dflt: boolean): boolean {
  const v = cfg[key];
  if (v === undefined || v === null) return dflt;
  if (typeof v !== 'boolean')
    throw new InvalidConfigError(
      `config.json field "${key}" must be true or false, got ${JSON.stringify(v)}`,
    );
  return v;
}

export function str(cfg: HfConfig, key: string, dflt: string): string {
  const v = cfg[key];
  if (v === undefined || v === null) return dflt;
  if (typeof v !== 'string')
    throw new InvalidConfigError(`config.json field "${key}" must be a string, got ${JSON.stringify(v)}`);
  return v;
}

/** Integer division as Python's `//` for the positive sizes used here; refuses a zero divisor. */
export function div(a: number, b: number, what: string): number {
  if (b <= 0) throw new InvalidConfigError(`${what}: division by ${b}`);
  return Math.floor(a / b);
}

/** Checks the sizes a family needs are usable (hidden size 0 would build an empty model). */
export function requirePositive(values: Record<string, number>): void {
  for (const [k, v] of Object.entries(values)) {
    if (!(v > 0))
      throw new InvalidConfigError(`config.json field "${k}" must be a positive integer, got ${v}`);
  }
}
