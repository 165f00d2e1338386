// Reading PEFT config fields with PEFT's defaults and clear messages for values PEFT would reject.
import { EstimateError, type PeftConfig } from './types';

/** A config with the method's defaults filled in; read it through the helpers below. */
export type Cfg = PeftConfig;

export function withDefaults(peft: PeftConfig, defaults: Record<string, unknown>): Cfg {
  const out: Cfg = { ...defaults };
  for (const [k, v] of Object.entries(peft)) if (v !== undefined && v !== null) out[k] = v;
  return out;
}

export function num(cfg: Cfg, key: string): number {
  const v = cfg[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new EstimateError(`\`${key}\` must be a number, got ${JSON.stringify(v)}.`);
  }
  return v;
}

/** A whole number; PEFT builds tensors of this size, so fractions are refused. */
export function int(cfg: Cfg, key: string): number {
  const v = num(cfg, key);
  if (!Number.isInteger(v)) throw new EstimateError(`\`${key}\` must be a whole number, got ${v}.`);
  return v;
}

export function positiveInt(cfg: Cfg, key: string): number {
  const v = int(cfg, key);
  if (v <= 0)
    throw new EstimateError(`\`${key}\` should be a positive integer value but the value passed is ${v}.`);
  return v;
}

export function flag(cfg: Cfg, key: string): boolean {
  const v = cfg[key];
  return v === true || v === 'true';
}

export function text(cfg: Cfg, key: string): string | null {
  const v = cfg[key];
  return typeof v === 'string' ? v : null;
}

/** A list of names or null; a lone string becomes a one-entry list. */
export function nameList(cfg: Cfg, key: string): string[] | null {
  const v = cfg[key];
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return [...v];
  throw new EstimateError(`\`${key}\` must be a list of module names, got ${JSON.stringify(v)}.`);
}

/** target_modules-like fields: a regex string, a list of names, or null. */
export function targetField(cfg: Cfg, key: string): string | string[] | null {
  const v = cfg[key];
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v;
  return nameList(cfg, key);
}

export function intOrList(cfg: Cfg, key: string): number | number[] | null {
  const v = cfg[key];
  if (v === undefined || v === null) return null;
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isInteger(x)))
    return [...v] as number[];
  throw new EstimateError(
    `\`${key}\` must be a layer index or a list of layer indices, got ${JSON.stringify(v)}.`,
  );
}

export function numberMap(cfg: Cfg, key: string): Record<string, number> | null {
  const v = cfg[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'object' || Array.isArray(v))
    throw new EstimateError(`\`${key}\` must be a mapping of module-name patterns to numbers.`);
  // Asked once per module: check each mapping once, not once per module.
  if (checkedNumberMaps.has(v)) return v as Record<string, number>;
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (typeof x !== 'number')
      throw new EstimateError(`\`${key}\` entry "${k}" must be a number, got ${JSON.stringify(x)}.`);
  }
  checkedNumberMaps.add(v);
  return v as Record<string, number>;
}

const checkedNumberMaps = new WeakSet<object>();
