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
 * Findings are grouped by span through one sort of their indices (none when the list is already in
 * span order, as the document walk emits it), not through a map of 100,000 string keys, which grew
 * 33x in CPU time for 10x findings (issue 11, bench scaling).
 */
export function dedupe(list: readonly Pending[]): Pending[] {
  const order = Array.from(list.keys());
  const bySpan = (a: number, b: number): number =>
    list[a].start - list[b].start || list[a].end - list[b].end || a - b;
  if (!order.every((v, i) => i === 0 || bySpan(order[i - 1], v) < 0)) order.sort(bySpan);
  const dropped = new Uint8Array(list.length);
  for (let from = 0; from < order.length;) {
    let to = from + 1;
    while (to < order.length && bySpanOnly(list[order[from]], list[order[to]])) to++;
    if (to - from > 1) dropRepeats(list, order.slice(from, to), dropped);
    from = to;
  }
  return list.filter((_, i) => dropped[i] === 0);
}

const bySpanOnly = (a: Pending, b: Pending): boolean => a.start === b.start && a.end === b.end;

/** Among findings at one span (indices in list order): repeats of a code and message after the first. */
function dropRepeats(list: readonly Pending[], at: number[], dropped: Uint8Array): void {
  const perCode = new Map<string, number[]>();
  for (const i of at) perCode.set(list[i].code, [...(perCode.get(list[i].code) ?? []), i]);
  for (const same of perCode.values()) {
    if (same.length === 1) continue;
    const seen = new Set<string>();
    for (const i of same) {
      const message = list[i].resolve().message;
      if (seen.has(message)) dropped[i] = 1;
      else seen.add(message);
    }
  }
}
