// The framework releases a document's runs use, for validation (release-aware keys), counts (the
// transformers module tree) and the status bar: the user's settings first, then what the workspace
// folder's Python environment has installed, then the pins of its requirements files (src/io/python-env.ts).
// Detection is asynchronous, cached per workspace folder for CACHE_MS, and never on the typing path:
// a document is analysed with what is known, and again once detection answers.
//
// Restricted Mode: mlConfig.validation.frameworkVersions is a restricted setting (a workspace value
// could hide deprecations), and a workspace's own .venv or requirements.txt could do the same, so the
// Python environment is read only in a trusted workspace; the status bar says so otherwise.
import * as vscode from 'vscode';
import {
  fromSetting,
  mergeVersions,
  packageForDialect,
  type DetectedVersion,
} from '../core/env/frameworkVersions';
import { NEWEST_TRANSFORMERS } from '../core/estimator/transformers-version';
import { SETTINGS } from '../core/ids';
import { detectPythonEnv, type EnvDetection } from '../io/python-env';
import { settingsFor } from './settings';

/** How long a detection is reused before the folder is read again (an install changes it rarely). */
export const CACHE_MS = 30_000;
const TRANSFORMERS_SETTING = 'mlConfig.estimate.transformersVersion';
const TRANSFORMERS_PATTERN = /^v?\d+\.\d+(\.\d+)?([.-]?(dev|rc|a|b|post)\d*)?$/;

export interface DocumentVersions {
  /** Every known package release, setting first. */
  versions: Record<string, DetectedVersion>;
  /** The transformers release counts follow, with its source (undefined: the newest supported). */
  transformers?: DetectedVersion;
  /** Why the environment was not read, when it was not. */
  notRead?: string;
}

type Entry = { at: number; detection?: EnvDetection; running?: Promise<void> };

export class FrameworkVersions implements vscode.Disposable {
  private readonly cache = new Map<string, Entry>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a detection brought new versions (documents are analysed again). */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor() {
    const drop = (): void => {
      this.cache.clear();
      this.changed.fire();
    };
    // Pins, and an install or upgrade in an environment (pip writes a new *.dist-info/METADATA).
    // Two globs: a brace group holding a path separator does not match in VS Code's glob syntax.
    const watchers = ['**/{requirements*.txt,pyproject.toml}', '**/*.dist-info/METADATA'].map((g) =>
      vscode.workspace.createFileSystemWatcher(g),
    );
    this.subscriptions.push(
      ...watchers,
      ...watchers.flatMap((w) => [w.onDidChange(drop), w.onDidCreate(drop), w.onDidDelete(drop)]),
      vscode.workspace.onDidGrantWorkspaceTrust(drop),
      vscode.workspace.onDidChangeWorkspaceFolders(drop),
    );
  }

  /** What is known now for the document's folder; starts a detection when there is none or it is stale. */
  forDocument(uri: vscode.Uri): DocumentVersions {
    const user = fromSetting(
      settingsFor(uri).frameworkVersions,
      `from setting ${SETTINGS.frameworkVersions}`,
    );
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    let env: EnvDetection | undefined;
    let notRead: string | undefined;
    if (!folder) notRead = 'the file is not in a workspace folder';
    else if (!vscode.workspace.isTrusted) notRead = 'the Python environment is not read in Restricted Mode';
    else if (folder.uri.scheme !== 'file') notRead = 'the workspace folder is not on disk';
    else env = this.detection(folder.uri.fsPath);
    const versions = mergeVersions(user, env?.environment, env?.pins);
    const raw = vscode.workspace.getConfiguration(undefined, uri).get<unknown>(TRANSFORMERS_SETTING);
    const transformers =
      typeof raw === 'string' && TRANSFORMERS_PATTERN.test(raw.trim())
        ? { version: raw.trim(), origin: 'setting' as const, source: `from setting ${TRANSFORMERS_SETTING}` }
        : versions.transformers &&
            versions.transformers.origin !== 'range' &&
            TRANSFORMERS_PATTERN.test(versions.transformers.version)
          ? versions.transformers
          : undefined;
    return { versions, transformers, ...(notRead ? { notRead } : {}) };
  }

  private detection(folder: string): EnvDetection | undefined {
    const hit = this.cache.get(folder);
    if (hit && (hit.running || Date.now() - hit.at < CACHE_MS)) return hit.detection;
    const entry: Entry = { at: Date.now(), detection: hit?.detection };
    entry.running = detectPythonEnv([folder])
      .then((d) => {
        // Only versions that differ re-validate documents (and re-seed an open panel): a first detection
        // that finds nothing changes nothing the user sees.
        const before = versionsKey(entry.detection);
        entry.detection = d;
        if (versionsKey(d) !== before) this.changed.fire();
      })
      .catch(() => undefined)
      .finally(() => {
        entry.at = Date.now();
        entry.running = undefined;
      });
    this.cache.set(folder, entry);
    return entry.detection;
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.changed.dispose();
  }
}

/**
 * The releases validation and counts use: a range pin (`trl>=0.19`) says what may be installed, not
 * what is, so it is shown but never judged against (no error on a config the installed release accepts).
 */
export function usedVersions(v: DocumentVersions): {
  frameworkVersions: Record<string, string>;
  frameworkVersionSources: Record<string, string>;
  transformersVersion?: string;
  transformersVersionSource?: string;
} {
  const used = Object.entries(v.versions).filter(([, x]) => x.origin !== 'range');
  return {
    frameworkVersions: Object.fromEntries(used.map(([k, x]) => [k, x.version])),
    frameworkVersionSources: Object.fromEntries(used.map(([k, x]) => [k, x.source])),
    ...(v.transformers
      ? { transformersVersion: v.transformers.version, transformersVersionSource: v.transformers.source }
      : {}),
  };
}

/** The found versions of a detection (notes aside); no detection = nothing found. */
function versionsKey(d: EnvDetection | undefined): string {
  return JSON.stringify([d?.environment ?? {}, d?.pins ?? {}]);
}

/** One instance for the extension (the worker settings and the status bar read the same cache). */
let shared: FrameworkVersions | undefined;
export function frameworkVersions(): FrameworkVersions {
  return (shared ??= new FrameworkVersions());
}

/** The status bar line for a document of `dialect`: its framework release, and the transformers a count assumes. */
export function versionStatus(
  dialect: string | undefined,
  v: DocumentVersions,
): { text: string; tooltip: string } | undefined {
  const pkg = packageForDialect(dialect);
  if (!pkg) return undefined;
  const fw = v.versions[pkg];
  const parts = [fw ? `${pkg} ${fw.range ? fw.range : fw.version}` : `${pkg} newest`];
  const tf = v.transformers;
  parts.push(`transformers ${tf ? tf.version : NEWEST_TRANSFORMERS}`);
  const lines = [
    fw
      ? fw.range
        ? `${pkg}${fw.range} ${fw.source.replace(/ \(.*\)$/, '')}: a range, not one release; validation follows the newest release the schema knows`
        : `${pkg} ${fw.version} ${fw.source}`
      : `${pkg}: no release found; validation follows the newest release the schema knows`,
    tf
      ? `transformers ${tf.version} ${tf.source}: parameter counts follow its module tree`
      : `transformers: none found; counts assume ${NEWEST_TRANSFORMERS}, the newest supported`,
  ];
  if (v.notRead) lines.push(`Not detected: ${v.notRead}.`);
  lines.push(`Set ${SETTINGS.frameworkVersions} or ${TRANSFORMERS_SETTING} to override.`);
  return { text: `$(versions) ${parts.join(' · ')}`, tooltip: lines.join('\n') };
}
