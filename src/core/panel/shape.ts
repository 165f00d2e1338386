// A small run-time shape checker for messages that cross the webview boundary. Shapes are data, so
// each message type states its fields once; check() returns the first mismatch as a readable path.

export type Shape =
  | 'string'
  | 'number'
  | 'boolean'
  | 'unknown'
  | { optional: Shape }
  | { nullable: Shape }
  | { literal: readonly (string | number | boolean)[] }
  | { array: Shape; max?: number }
  | { object: Readonly<Record<string, Shape>> };

/** The first problem as `path: expected X`, or null when `value` fits `shape`. */
export function check(value: unknown, shape: Shape, path = '$'): string | null {
  if (shape === 'unknown') return null;
  if (shape === 'string') return typeof value === 'string' ? null : `${path}: expected a string`;
  if (shape === 'boolean') return typeof value === 'boolean' ? null : `${path}: expected true or false`;
  if (shape === 'number')
    return typeof value === 'number' && Number.isFinite(value) ? null : `${path}: expected a finite number`;
  if ('optional' in shape) return value === undefined ? null : check(value, shape.optional, path);
  if ('nullable' in shape) return value === null ? null : check(value, shape.nullable, path);
  if ('literal' in shape) {
    return shape.literal.includes(value as string)
      ? null
      : `${path}: expected one of ${shape.literal.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  if ('array' in shape) {
    if (!Array.isArray(value)) return `${path}: expected a list`;
    if (shape.max !== undefined && value.length > shape.max) return `${path}: more than ${shape.max} items`;
    for (let i = 0; i < value.length; i++) {
      const p = check(value[i], shape.array, `${path}[${i}]`);
      if (p) return p;
    }
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return `${path}: expected an object`;
  const record = value as Record<string, unknown>;
  for (const [key, sub] of Object.entries(shape.object)) {
    const p = check(record[key], sub, `${path}.${key}`);
    if (p) return p;
  }
  return null;
}

export const opt = (s: Shape): Shape => ({ optional: s });
export const nul = (s: Shape): Shape => ({ nullable: s });
export const list = (s: Shape, max?: number): Shape => ({ array: s, max });
export const obj = (o: Record<string, Shape>): Shape => ({ object: o });
export const oneOf = (...values: (string | number | boolean)[]): Shape => ({ literal: values });
