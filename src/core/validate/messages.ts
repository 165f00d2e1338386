// Wording of schema findings: what the key must be and what was found, in the user's terms.
import type { ErrorObject } from 'ajv';

export function describe(e: ErrorObject, segs: string[], value: unknown): string {
  const label = labelOf(segs);
  const p = e.params as Record<string, unknown>;
  const shown = show(value);
  switch (e.keyword) {
    case 'type':
      return `${label} must be ${article(String(p.type).split(',').join(' or '))}; found ${value === null ? 'an empty value (null)' : `${kindOf(value)} ${shown}`}.`;
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]) ?? [];
      const list =
        allowed.slice(0, 12).map(show).join(', ') +
        (allowed.length > 12 ? `, … (${allowed.length - 12} more)` : '');
      return `${shown} is not a valid ${label}; expected one of: ${list}.`;
    }
    case 'const':
      return `${label} must be ${show(p.allowedValue)}; found ${shown}.`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `${label} must be ${String(p.comparison)} ${String(p.limit)}; found ${shown}.`;
    case 'anyOf':
    case 'oneOf':
      return `${label} has an unexpected value ${shown}${e.message ? ` (${e.message})` : ''}.`;
    default:
      return `${label} ${e.message ?? 'is invalid'}; found ${shown}.`;
  }
}

export function labelOf(segs: string[]): string {
  const named = [...segs].reverse().find((s) => !/^\d+$/.test(s));
  return named === undefined ? 'The file' : `"${named}"`;
}

export function where(segs: string[]): string {
  return segs.length ? ` in ${segs.filter((s) => !/^\d+$/.test(s)).join('.') || 'this item'}` : '';
}

function article(t: string): string {
  return /^(integer|object|array)/.test(t) ? `an ${t}` : `a ${t}`;
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'number') return Number.isInteger(v) ? 'the integer' : 'the number';
  if (typeof v === 'boolean') return 'the boolean';
  return `the ${typeof v}`;
}

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  if (v === undefined) return 'nothing';
  if (typeof v === 'object' && v !== null) return Array.isArray(v) ? `[…${v.length} items]` : '{…}';
  return String(v);
}
