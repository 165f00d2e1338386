// Framework-version awareness: schemas follow the latest release, and record when a key went away
// (x-removedIn: "transformers 5") or which releases still had it (x-definedIn: "trl v0.26.2 ...").
// A user who pins older versions (mlConfig.validation.frameworkVersions) is not told that a key
// their version still reads is deprecated.
import type { FieldInfo } from './schemaIndex';

/** "v0.26.2" / "0.26" / "5" -> [0, 26, 2] / [0, 26] / [5]; undefined when not a version. */
export function parseVersion(v: string): number[] | undefined {
  const m = /^v?(\d+(?:\.\d+)*)/.exec(v.trim());
  return m ? m[1].split('.').map(Number) : undefined;
}

/** Compares only as many parts as both give: "0.26" equals "0.26.2". */
export function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** "trl v0.26.2 ModelConfig" -> { pkg: "trl", version: [0, 26, 2] }. */
function release(entry: string): { pkg: string; version: number[] } | undefined {
  const m = /^(\S+)\s+(v?\d+(?:\.\d+)*)/.exec(entry);
  const version = m && parseVersion(m[2]);
  return m && version ? { pkg: m[1].toLowerCase(), version } : undefined;
}

/** True when the user's pinned versions still have this deprecated key. */
export function stillInPinnedVersion(info: FieldInfo, pinned: Record<string, string> | undefined): boolean {
  if (!pinned) return false;
  const pin = (pkg: string): number[] | undefined => {
    const hit = Object.entries(pinned).find(([k]) => k.toLowerCase() === pkg);
    return hit ? parseVersion(hit[1]) : undefined;
  };
  const removed = info.removedIn && release(`${info.removedIn.replace(/\s+v?(?=\d)/, ' v')}`);
  if (removed) {
    const v = pin(removed.pkg);
    if (v && compareVersions(v, removed.version) < 0) return true;
  }
  return (info.definedIn ?? []).some((entry) => {
    const r = release(entry);
    const v = r && pin(r.pkg);
    return !!(r && v && compareVersions(v, r.version) <= 0);
  });
}
