// Collapses anyOf/oneOf error trees the way better-ajv-errors does: when every branch failed on the
// value itself (wrong type, not in an enum), one merged error says what would be accepted; when some
// branch got further into the value (a key inside an object branch), only those deeper errors stay.
import type { ErrorObject } from 'ajv';

export function collapseCombinators(errors: readonly ErrorObject[]): ErrorObject[] {
  let list = [...errors];
  const combinators = list
    .filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf')
    .sort((a, b) => b.schemaPath.length - a.schemaPath.length);
  for (const c of combinators) {
    if (!list.includes(c)) continue;
    const prefix = `${c.schemaPath}/`;
    const branch = list.filter((e) => e.schemaPath.startsWith(prefix));
    if (branch.length === 0) continue; // oneOf matched twice: keep ajv's own message
    const deeper = branch.filter(
      (e) => target(e).length > c.instancePath.length && target(e).startsWith(c.instancePath),
    );
    const drop = new Set<ErrorObject>([c, ...branch]);
    list = list.filter((e) => !drop.has(e));
    list.push(...(deeper.length ? deeper : [merge(c, branch)]));
  }
  return dedupe(list);
}

/** Where an error points: the key for unknown/missing properties, else the instance itself. */
function target(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties') return `${e.instancePath}/${String(p.additionalProperty)}`;
  if (e.keyword === 'required') return `${e.instancePath}/${String(p.missingProperty)}`;
  return e.instancePath;
}

/** One error listing what every branch would have accepted. */
function merge(c: ErrorObject, branch: ErrorObject[]): ErrorObject {
  const types = new Set<string>();
  const values: unknown[] = [];
  for (const e of branch) {
    const p = e.params as Record<string, unknown>;
    if (e.keyword === 'type')
      String(p.type)
        .split(',')
        .forEach((t) => types.add(t));
    if (e.keyword === 'enum') values.push(...((p.allowedValues as unknown[]) ?? []));
    if (e.keyword === 'const') values.push(p.allowedValue);
  }
  if (values.length && types.size === 0) {
    return { ...c, keyword: 'enum', params: { allowedValues: [...new Set(values)] } };
  }
  if (types.size && values.length === 0)
    return { ...c, keyword: 'type', params: { type: [...types].join(',') } };
  const parts = [...types].map((t) => `a ${t}`);
  if (values.length) parts.push(`one of ${values.map((v) => JSON.stringify(v)).join(', ')}`);
  const range = branch.find((e) => /imum$/.test(e.keyword));
  if (parts.length === 0 && range) return range;
  return { ...c, message: parts.length ? `expected ${parts.join(', or ')}` : c.message };
}

function dedupe(list: ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  return list.filter((e) => {
    const k = `${e.keyword}|${e.instancePath}|${JSON.stringify(e.params)}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
