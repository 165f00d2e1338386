// Puts the release-aware findings (check.ts) into a document's diagnostics: adds what the user's
// release refuses, and drops the schema's errors and deprecations at places that release accepts
// (the schemas follow the newest release; torchtune 0.4's scheduler path and LLaMA-Factory 0.6's
// `vanilla` template are valid in those releases).
import type { DialectId } from '../../dialects';
import { later, type Pending } from '../cap';
import { locate, nodeSpan } from '../locate';
import type { DocIndex } from '../nodes';
import type { Diagnostic } from '../types';
import { releaseReport, type ReleaseFinding } from './check';

/** Codes of schema findings that only say "the newest release does not have this". */
const NEWEST_ONLY = new Set([
  'unknown-key',
  'enum',
  'type',
  'deprecated-key',
  'deprecated-value',
  'removed-value',
  'tt-utils-moved-to-training',
]);

export function withReleases(
  text: string,
  index: DocIndex,
  dialect: DialectId | undefined,
  data: unknown,
  versions: Record<string, string> | undefined,
  sources: Record<string, string> | undefined,
  list: Pending[],
): Pending[] {
  const report = releaseReport(dialect, data, versions, sources);
  if (!report.findings.length && !report.accepted.length) return list;
  const span = (path: string[], on: 'key' | 'value'): [number, number] | undefined => {
    const at = locate(index, path);
    if (!at.complete) return undefined;
    return nodeSpan(text, on === 'key' ? at.key : at.value);
  };
  const accepted = new Set<string>();
  const renamedAt = new Set<string>();
  for (const a of report.accepted) {
    const parent = a.parentKey ? [span(a.parentKey, 'key'), span(a.parentKey, 'value')] : [];
    for (const s of [span(a.path, a.on), span(a.path, 'key'), ...parent])
      if (s) accepted.add(`${s[0]}|${s[1]}`);
  }
  // A key the schema only calls unknown, renamed in a release the user runs past: the rename says more
  // (and carries the new name as a fix), so it stands in for the unknown-key error.
  for (const f of report.findings) {
    const s = f.code === 'release-renamed' && f.on === 'key' ? span(f.path, 'key') : undefined;
    if (s) renamedAt.add(`${s[0]}|${s[1]}`);
  }
  const kept = list.filter(
    (p) =>
      !(NEWEST_ONLY.has(p.code) && accepted.has(`${p.start}|${p.end}`)) &&
      !(p.code === 'unknown-key' && renamedAt.has(`${p.start}|${p.end}`)),
  );
  const taken = new Set(kept.map((p) => `${p.start}|${p.end}`));
  const via = report.source ? ` (${report.pkg} ${report.version} ${report.source})` : '';
  for (const f of report.findings) {
    const s = span(f.path, f.on);
    if (!s) continue;
    // Removed and renamed keys the schema already reports (deprecated, unknown) are told once.
    if (f.code !== 'release-added' && taken.has(`${s[0]}|${s[1]}`)) continue;
    kept.push(later(s, f.severity, f.code, () => diagnostic(f, s, via)));
  }
  return kept;
}

function diagnostic(f: ReleaseFinding, s: [number, number], via: string): Diagnostic {
  return {
    start: s[0],
    end: s[1],
    severity: f.severity,
    code: f.code,
    message: via ? `${f.message.replace(/\.$/, '')}${via}.` : f.message,
    ...(f.replaceWith
      ? {
          fixes: [
            {
              title: `Use ${f.replaceWith}`,
              edits: [{ start: s[0], end: s[1], newText: f.replaceWith }],
              isPreferred: true,
            },
          ],
        }
      : {}),
  };
}
