// The diagnostic cap, applied before the costly part of each diagnostic is built. Every finding is
// first a Pending: where it is (offsets from the document index), how severe, its code, and a
// function that writes its message and fixes ("did you mean" searches, quoting). The cap orders
// and counts Pendings; only the ones it keeps are written out. Identical diagnostics are still told
// once: messages are compared only among findings that share a span and a code.
import type { Diagnostic, Severity } from './types';

export const DEFAULT_MAX_DIAGNOSTICS = 100;

export interface Pending {
  readonly start: number;
  readonly end: number;
  readonly severity: Severity;
  readonly code: string;
  /** The full diagnostic; built on the first call, the same object afterwards. */
  resolve(): Diagnostic;
}

/** A diagnostic that is already written out. */
export function ready(d: Diagnostic): Pending {
  return { start: d.start, end: d.end, severity: d.severity, code: d.code, resolve: () => d };
}

/** A diagnostic at a known place whose text is written only when the cap keeps it. */
export function later(
  span: readonly [number, number],
  severity: Severity,
  code: string,
  build: () => Diagnostic,
): Pending {
  let built: Diagnostic | undefined;
  return { start: span[0], end: span[1], severity, code, resolve: () => (built ??= build()) };
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2 };

/** At most `max` diagnostics, errors kept first; one more line says how many were left out. */
export function cap(list: readonly Pending[], max = DEFAULT_MAX_DIAGNOSTICS): Diagnostic[] {
  const unique = dedupe(list);
  const limit = Math.max(1, max);
  if (unique.length <= limit)
    return unique
      .sort((a, b) => a.start - b.start || RANK[a.severity] - RANK[b.severity])
      .map((p) => p.resolve());
  const kept = [...unique]
    .sort((a, b) => RANK[a.severity] - RANK[b.severity] || a.start - b.start)
    .slice(0, limit);
  kept.sort((a, b) => a.start - b.start);
  const out = kept.map((p) => p.resolve());
  out.push({
    start: 0,
    end: 0,
    severity: 'information',
    code: 'too-many-problems',
    message: `${unique.length - limit} more problems not shown (mlConfig.validation.maxDiagnostics = ${limit}).`,
  });
  return out;
}

/**
 * The first of each set of findings with the same span, code and message, in list order. A message
 * is written only when another finding shares its span and code, so the usual case writes none.
 */
export function dedupe(list: readonly Pending[]): Pending[] {
  const sharing = new Map<string, number>();
  const keyOf = (p: Pending): string => `${p.start}|${p.end}|${p.code}`;
  for (const p of list) {
    const k = keyOf(p);
    sharing.set(k, (sharing.get(k) ?? 0) + 1);
  }
  const seen = new Set<string>();
  return list.filter((p) => {
    const k = keyOf(p);
    if (sharing.get(k) === 1) return true;
    const full = `${k}|${p.resolve().message}`;
    return seen.has(full) ? false : (seen.add(full), true);
  });
}
