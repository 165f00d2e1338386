// One reader for the extension's settings: raw values in (as VS Code hands them over, which for
// workspace and folder settings means whatever a repository's .vscode/settings.json holds), typed
// values and warnings out. A value of the wrong type falls back to its default from package.json's
// contributions and says so, instead of throwing in validation (`{"trl": 5}` once threw
// "v.trim is not a function") or silently dropping every diagnostic (`maxDiagnostics: "abc"`).
import pkg from '../../package.json';
import { isDialectId } from './dialects';
import { globLengthProblem, globProblem } from './dialects/glob';
import { SETTINGS } from './ids';

export interface Settings {
  filesAssociations: Record<string, string>;
  validationEnabled: boolean;
  maxDiagnostics: number;
  frameworkVersions: Record<string, string>;
  allowNetwork: boolean;
  codeLensEnabled: boolean;
  hoverLiveEffects: boolean;
  statusBarEnabled: boolean;
  /** The training config W&B sweeps run (path, relative to the sweep file); empty = found in `command`. */
  sweepTrainingConfig: string;
}

type Contributed = { default?: unknown; minimum?: number };
const PROPS = pkg.contributes.configuration.properties as unknown as Record<string, Contributed>;

/** The warning for one ignored entry of an object-valued setting. */
function entryWarning(id: string, key: string, problem: string): string {
  return `${id}: ${JSON.stringify(key).slice(0, 80)} ${problem}; ignored`;
}

/** The default package.json declares for a setting. */
export function contributedDefault(id: string): unknown {
  return PROPS[id]?.default;
}

/** Most entries read from an object-valued setting (a real one has a handful). */
export const MAX_SETTING_ENTRIES = 200;
/** The largest maxDiagnostics honoured (a file with more problems than this is one long problem). */
export const MAX_DIAGNOSTICS_CAP = 10_000;
const VERSION = /^v?\d+(\.\d+)*$/;

export interface SettingsRead {
  settings: Settings;
  /** One line per value that was not used, naming the setting, what was wrong and what is used instead. */
  warnings: string[];
}

const describe = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v);

/** Reads every setting through `get` (undefined = not set); never throws. */
export function readSettings(get: (id: string) => unknown): SettingsRead {
  const warnings: string[] = [];
  const bool = (id: string): boolean => {
    const v = get(id);
    const d = contributedDefault(id) as boolean;
    if (v === undefined || typeof v === 'boolean') return v ?? d;
    warnings.push(`${id} should be true or false, not ${describe(v)}; using ${d}`);
    return d;
  };
  const str = (id: string): string => {
    const v = get(id);
    const d = (contributedDefault(id) as string | undefined) ?? '';
    if (v === undefined || typeof v === 'string') return (v ?? d).trim();
    warnings.push(`${id} should be a path, not ${describe(v)}; using ${JSON.stringify(d)}`);
    return d;
  };
  const record = (
    id: string,
    valid: (k: string, v: unknown) => string | undefined,
  ): Record<string, string> => {
    const v = get(id);
    if (v === undefined) return {};
    if (!v || typeof v !== 'object' || Array.isArray(v)) {
      warnings.push(`${id} should be an object, not ${describe(v)}; ignored`);
      return {};
    }
    const out: Record<string, string> = {};
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length > MAX_SETTING_ENTRIES)
      warnings.push(`${id} has ${entries.length} entries; the first ${MAX_SETTING_ENTRIES} are used`);
    for (const [k, val] of entries.slice(0, MAX_SETTING_ENTRIES)) {
      const problem = valid(k, val);
      if (problem) warnings.push(entryWarning(id, k, problem));
      else out[k] = val as string;
    }
    return out;
  };
  const maxDiagnostics = (): number => {
    const v = get(SETTINGS.maxDiagnostics);
    const d = contributedDefault(SETTINGS.maxDiagnostics) as number;
    if (v === undefined) return d;
    if (typeof v === 'number' && Number.isInteger(v) && v >= 1) return Math.min(v, MAX_DIAGNOSTICS_CAP);
    warnings.push(
      `${SETTINGS.maxDiagnostics} should be a whole number of at least 1, not ${typeof v === 'number' ? v : describe(v)}; using ${d}`,
    );
    return d;
  };
  const settings: Settings = {
    filesAssociations: record(SETTINGS.filesAssociations, (glob, id) => {
      if (typeof id !== 'string') return `maps to ${describe(id)}, not a dialect name`;
      if (!isDialectId(id)) return `maps to unknown dialect ${JSON.stringify(id).slice(0, 40)}`;
      const p = globLengthProblem(glob);
      return p ? `is not used: ${p}` : undefined;
    }),
    validationEnabled: bool(SETTINGS.validationEnabled),
    maxDiagnostics: maxDiagnostics(),
    frameworkVersions: record(SETTINGS.frameworkVersions, (_pkg, v) =>
      typeof v === 'string' && VERSION.test(v.trim())
        ? undefined
        : `should map to a version such as "0.26", not ${typeof v === 'string' ? JSON.stringify(v).slice(0, 40) : describe(v)}`,
    ),
    allowNetwork: bool(SETTINGS.allowNetwork),
    codeLensEnabled: bool(SETTINGS.codeLensEnabled),
    hoverLiveEffects: bool(SETTINGS.hoverLiveEffects),
    statusBarEnabled: bool(SETTINGS.statusBarEnabled),
    sweepTrainingConfig: str(SETTINGS.sweepTrainingConfig),
  };
  return { settings, warnings };
}

/**
 * The warnings for association globs that cannot be matched (syntax, lookarounds, RE2 complexity), in
 * readSettings' wording. The analysis worker computes them, where the globs are compiled and matched;
 * readSettings on the host thread checks only their length.
 */
export function associationWarnings(associations: Record<string, string>): string[] {
  return Object.keys(associations).flatMap((glob) => {
    const p = globProblem(glob);
    return p ? [entryWarning(SETTINGS.filesAssociations, glob, `is not used: ${p}`)] : [];
  });
}
