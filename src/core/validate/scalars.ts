// What a plain (unquoted) YAML scalar becomes in Python, per loader. PyYAML implements YAML 1.1
// (resolver.py), where a float needs a dot and a signed exponent: `2e-5` stays the STRING "2e-5".
// OmegaConf (omegaconf/_utils.py get_yaml_loader) appends a float resolver that accepts `2e-5`,
// and drops timestamps. JSON follows RFC 8259. Regexes below are PyYAML's/OmegaConf's, verbatim.
import type { LoaderKind } from './types';

const PY_BOOL = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const PY_TRUE = /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
const PY_FLOAT =
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const PY_INT =
  /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const PY_NULL = /^(?:~|null|Null|NULL|)$/;
const PY_TIMESTAMP =
  /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/;
const OMEGA_FLOAT =
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const JSON_NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$/;

// YAML 1.2 core schema (the `yaml` package's default; what most non-Python tools use).
const CORE_INT = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/;
const CORE_FLOAT =
  /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/** Value of a plain scalar as the given loader constructs it (strings stay strings). */
export function resolvePlain(text: string, loader: LoaderKind): unknown {
  if (loader === 'json') return resolveJson(text);
  if (loader === 'yaml12') return resolveCore(text);
  const c = text.charCodeAt(0);
  // Cheap first-character gate, as PyYAML keys its resolvers by first character.
  const numeric = (c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46;
  if (numeric) {
    if (PY_INT.test(text)) return pythonInt(text);
    if (PY_FLOAT.test(text)) return pythonFloat(text);
    if (loader === 'omegaconf' && OMEGA_FLOAT.test(text)) return pythonFloat(text);
    return text;
  }
  if (PY_NULL.test(text)) return null;
  if (PY_BOOL.test(text)) return PY_TRUE.test(text);
  return text;
}

function resolveCore(text: string): unknown {
  if (/^(?:~|null|Null|NULL|)$/.test(text)) return null;
  if (/^(?:true|True|TRUE)$/.test(text)) return true;
  if (/^(?:false|False|FALSE)$/.test(text)) return false;
  if (CORE_INT.test(text)) return text.startsWith('0o') ? parseInt(text.slice(2), 8) : Number(text);
  if (CORE_FLOAT.test(text)) return pythonFloat(text);
  return text;
}

/** True for the YAML 1.1 words PyYAML and OmegaConf read as booleans but YAML 1.2 reads as strings. */
export function isYaml11OnlyBool(text: string): boolean {
  return PY_BOOL.test(text) && !/^(?:true|True|TRUE|false|False|FALSE)$/.test(text);
}

function resolveJson(text: string): unknown {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text === 'null' || text === '') return null;
  if (JSON_NUMBER.test(text)) return Number(text);
  return text;
}

/** PyYAML construct_yaml_int: `_` ignored, 0b binary, 0x hex, leading 0 octal, a:b sexagesimal. */
export function pythonInt(text: string): number {
  let v = text.replace(/_/g, '');
  const sign = v[0] === '-' ? -1 : 1;
  if (v[0] === '+' || v[0] === '-') v = v.slice(1);
  if (v === '0') return 0;
  if (v.startsWith('0b')) return sign * parseInt(v.slice(2), 2);
  if (v.startsWith('0x')) return sign * parseInt(v.slice(2), 16);
  if (v[0] === '0') return sign * parseInt(v, 8);
  if (v.includes(':')) return sign * sexagesimal(v);
  return sign * Number(v);
}

/** PyYAML construct_yaml_float. */
export function pythonFloat(text: string): number {
  let v = text.replace(/_/g, '').toLowerCase();
  const sign = v[0] === '-' ? -1 : 1;
  if (v[0] === '+' || v[0] === '-') v = v.slice(1);
  if (v === '.inf') return sign * Infinity;
  if (v === '.nan') return NaN;
  if (v.includes(':')) return sign * sexagesimal(v);
  return sign * Number(v);
}

function sexagesimal(v: string): number {
  return v.split(':').reduce((acc, part) => acc * 60 + Number(part), 0);
}

// Python's float() accepts digits with single underscores between them, an optional dot and an
// optional exponent with or without sign; surrounding whitespace is stripped.
const PY_FLOAT_CALL =
  /^\s*([-+]?)((?:[0-9](?:_?[0-9])*)?)(?:\.((?:[0-9](?:_?[0-9])*)?))?(?:[eE]([-+]?)([0-9](?:_?[0-9])*))?\s*$/;
const PY_INT_CALL = /^\s*[-+]?[0-9](?:_?[0-9])*\s*$/;

/** The number Python's float(s) returns, or undefined when float(s) raises. */
export function pythonFloatCall(s: string): number | undefined {
  const m = PY_FLOAT_CALL.exec(s);
  if (m && (m[2] || m[3])) return Number(s.trim().replace(/_/g, ''));
  const t = s.trim().toLowerCase().replace(/^[-+]/, '');
  if (t === 'inf' || t === 'infinity') return s.trim().startsWith('-') ? -Infinity : Infinity;
  if (t === 'nan') return NaN;
  return undefined;
}

/** The number Python's int(s) returns, or undefined when int(s) raises. */
export function pythonIntCall(s: string): number | undefined {
  return PY_INT_CALL.test(s) ? Number(s.trim().replace(/_/g, '')) : undefined;
}

/**
 * The same number spelt so that PyYAML reads a float: a dot in the mantissa and a signed exponent
 * (`2e-5` -> `2.0e-5`, `1e5` -> `1.0e+5`, `-.5` -> `-0.5`). Undefined when `s` is not a number.
 */
export function pyyamlFloatSpelling(s: string): string | undefined {
  const m = PY_FLOAT_CALL.exec(s);
  if (!m || !(m[2] || m[3])) return undefined;
  const [, sign, int, frac, expSign, exp] = m;
  const mantissa = `${sign}${int || '0'}.${frac || '0'}`;
  return exp === undefined ? mantissa : `${mantissa}e${expSign || '+'}${exp}`;
}

/** True for a value PyYAML would turn into a datetime (we keep it as a string). */
export function isPyyamlTimestamp(text: string): boolean {
  return PY_TIMESTAMP.test(text);
}
