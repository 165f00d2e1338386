// Small readers for loosely typed config values (YAML gives strings, numbers, booleans or null), so
// each dialect mapper states what it reads without repeating type checks.

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Largest magnitude of any numeric input the estimator takes (ranks, batch sizes, lengths, steps):
 * 1e15 keeps products with model sizes finite in float64 (1e15 × 1e6-wide layers × 1e3 layers = 1e24),
 * and counts above 2^53 are shown as approximate.
 */
export const MAX_NUMERIC_INPUT = 1e15;

/** A config value the estimator cannot count with: NaN, an infinity, out of range, an unresolved `${…}`. */
export class NumericInputError extends Error {}

/** Why a number cannot reach the estimator, or undefined when it is finite and in range. Shared by the dialect mappers and the panel protocol. */
export function numericProblem(v: number): string | undefined {
  if (Number.isNaN(v)) return 'is NaN (not a number)';
  if (!Number.isFinite(v)) return `is ${v > 0 ? '' : '-'}infinite`;
  if (Math.abs(v) > MAX_NUMERIC_INPUT) return `is ${v.toExponential(2)}, over the 1e15 limit`;
  return undefined;
}

/**
 * A finite number in range; numeric strings such as PyYAML's "2e-4" count too. NaN, infinities,
 * out-of-range values and unresolved interpolations (`${…}`) throw NumericInputError: a default must
 * never silently stand in for a value the file states.
 */
export function num(v: unknown): number | undefined {
  if (typeof v === 'string' && /\$\{[^}]*\}/.test(v))
    throw new NumericInputError(
      `the value ${JSON.stringify(v.slice(0, 60))} is an unresolved interpolation; ML Config Lens cannot count with it`,
    );
  const n =
    typeof v === 'number'
      ? v
      : typeof v === 'string' && v.trim() !== '' && /^[\s+-]*(\d|\.\d|\.?(nan|inf))/i.test(v)
        ? Number(
            v.replace(
              /^(\s*[+-]?)\.?(inf|nan)\s*$/i,
              (_m, s: string, w: string) => `${s}${w.toLowerCase() === 'nan' ? 'NaN' : 'Infinity'}`,
            ),
          )
        : undefined;
  if (n === undefined) return undefined;
  if (typeof v === 'string' && Number.isNaN(n) && !/nan/i.test(v)) return undefined;
  const problem = numericProblem(n);
  if (problem)
    throw new NumericInputError(`a number in the config ${problem}; ML Config Lens cannot count with it`);
  return n;
}

export function bool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (s === 'true') return true;
    if (s === 'false') return false;
  }
  return undefined;
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** A list of names from a YAML list or a comma-separated string ("q_proj,v_proj"). */
export function names(v: unknown): string[] | undefined {
  if (Array.isArray(v)) return v.map((x) => String(x).trim()).filter(Boolean);
  if (typeof v === 'string')
    return v
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  return undefined;
}

/** Copies defined values only, so absent settings keep PEFT's own defaults. */
export function defined(entries: Obj): Obj {
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined && v !== null));
}

/** bf16/fp16/fp32 from the usual spellings (bf16: true, torch_dtype: bfloat16, dtype: bf16). */
export function dtypeOf(cfg: Obj): 'bf16' | 'fp16' | 'fp32' | undefined {
  // The bf16/fp16 flag is the compute dtype (autocast) even over an fp32 torch_dtype.
  if (bool(cfg.bf16) === true || str(cfg.bf16) === 'auto') return 'bf16';
  if (bool(cfg.fp16) === true) return 'fp16';
  return torchDtypeOf(cfg);
}

/** The model's load dtype as `torch_dtype` / `dtype` spells it (bfloat16, float16, float32, ...). */
export function torchDtypeOf(cfg: Obj): 'bf16' | 'fp16' | 'fp32' | undefined {
  const explicit = str(cfg.torch_dtype) ?? str(cfg.dtype);
  if (!explicit) return undefined;
  const s = explicit.toLowerCase();
  if (s === 'bfloat16' || s === 'bf16') return 'bf16';
  if (s === 'float16' || s === 'fp16' || s === 'half') return 'fp16';
  if (s === 'float32' || s === 'fp32' || s === 'float') return 'fp32';
  return undefined;
}
