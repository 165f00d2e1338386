// Small readers for loosely typed config values (YAML gives strings, numbers, booleans or null), so
// each dialect mapper states what it reads without repeating type checks.

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A finite number; numeric strings such as PyYAML's "2e-4" count too. */
export function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
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
  if (typeof v === 'string') return v.split(',').map((x) => x.trim()).filter(Boolean);
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
