// The per-release key, value and component sets (releases.json, written by
// scripts/schema-tools/releases/gen_releases.py from the frameworks' release tags; each release's
// commit is recorded there). Entries are [first, last] indices into `releases`; a key every scanned
// release knows is not listed (its release never matters).
import data from './releases.json';
import { compareVersions, parseVersion } from '../versions';

export type Span = [number, number];

export interface FrameworkReleases {
  releases: string[];
  commits: Record<string, string>;
  keys?: Record<string, Span>;
  values?: Record<string, Record<string, Span>>;
  renamed?: Record<string, string>;
  components?: Record<string, Span>;
  movedTo?: Record<string, string>;
  types?: Record<string, { first: number; last: number; keys: Record<string, Span> }>;
}

export type ReleaseFramework = 'llamafactory' | 'llamafactory-v1' | 'trl' | 'peft' | 'axolotl' | 'torchtune';

const all = data as unknown as Record<ReleaseFramework, FrameworkReleases>;
export const RELEASES: Record<ReleaseFramework, FrameworkReleases> = {
  llamafactory: all.llamafactory,
  'llamafactory-v1': all['llamafactory-v1'],
  trl: all.trl,
  peft: all.peft,
  axolotl: all.axolotl,
  torchtune: all.torchtune,
};

/** Where the user's release stands against an entry's [first, last] releases. */
export type Standing =
  { kind: 'known' } | { kind: 'newer'; first: string } | { kind: 'removed'; last: string; gone: string };

export function standing(fw: FrameworkReleases, span: Span, version: string): Standing | undefined {
  const v = parseVersion(version);
  if (!v) return undefined;
  const first = fw.releases[span[0]];
  if (span[0] > 0 && compareVersions(v, parseVersion(first) ?? []) < 0) return { kind: 'newer', first };
  const lastIndex = fw.releases.length - 1;
  if (span[1] < lastIndex) {
    const gone = fw.releases[span[1] + 1];
    const g = parseVersion(gone) ?? [];
    // "0.9" against gone "0.9.3": compareVersions sees them equal; only a release at or past `gone` counts.
    if (compareVersions(v, g) >= 0 && v.length >= Math.min(g.length, 3))
      return { kind: 'removed', last: fw.releases[span[1]], gone };
  }
  return { kind: 'known' };
}
