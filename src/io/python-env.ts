// Finds the framework releases a workspace's Python environment has installed, and the pins its
// requirements files name. Reads only inside the workspace folders (`roots`, real paths after symlinks),
// only the few places an environment lives (.venv, venv, env, .conda: lib/python3.*/site-packages or
// Lib/site-packages), lists each folder up to MAX_ENTRIES entries and gives up after a time budget;
// METADATA and pin files go through the bounded reader (read.ts). A conda env outside the workspace
// (CONDA_PREFIX) is never read: set mlConfig.validation.frameworkVersions for it.
import { opendir, realpath } from 'node:fs/promises';
import { join, relative } from 'node:path';
import {
  distInfoFolder,
  fromPins,
  parseMetadata,
  parsePyproject,
  parseRequirementsTxt,
  trackedPackage,
  type DetectedVersion,
  type Pin,
} from '../core/env/frameworkVersions';
import { isInside, readBoundedFile } from './read';

/** Environment folders looked for at a workspace folder's top level. */
export const ENV_FOLDERS = ['.venv', 'venv', 'env', '.conda'];
/** Most entries read from one folder listing (a large site-packages has a few thousand). */
export const MAX_ENTRIES = 20_000;
/** Whole detection budget per workspace folder, in ms (local disks answer in tens of ms). */
export const DETECT_BUDGET_MS = 3_000;
/** METADATA headers and pin files are kilobytes; transformers' METADATA with its README is ~40 KB. */
const MAX_FILE_BYTES = 512_000;

export interface EnvDetection {
  /** Installed releases, then pins, per package (not merged with settings: see mergeVersions). */
  environment: Record<string, DetectedVersion>;
  pins: Record<string, DetectedVersion>;
  /** What could not be read or was cut short, one line each. */
  notes: string[];
}

class Budget {
  private readonly end: number;
  constructor(ms: number) {
    this.end = Date.now() + ms;
  }
  get over(): boolean {
    return Date.now() > this.end;
  }
}

/** Entry names of a folder, at most `max`, stopping when the budget runs out. */
async function list(dir: string, budget: Budget, notes: string[], max = MAX_ENTRIES): Promise<string[]> {
  const out: string[] = [];
  let d;
  try {
    d = await opendir(dir);
  } catch {
    return out;
  }
  try {
    for await (const e of d) {
      if (out.length >= max || budget.over) {
        notes.push(`${dir}: listing stopped after ${out.length} entries`);
        break;
      }
      out.push(e.name);
    }
  } finally {
    await d.close().catch(() => undefined);
  }
  return out;
}

async function realInside(path: string, roots: readonly string[]): Promise<string | undefined> {
  try {
    const real = await realpath(path);
    return roots.some((r) => isInside(real, r)) ? real : undefined;
  } catch {
    return undefined;
  }
}

/** site-packages folders of the environments at the top of one workspace folder. */
async function sitePackages(
  root: string,
  roots: string[],
  budget: Budget,
  notes: string[],
): Promise<string[]> {
  const out: string[] = [];
  for (const env of ENV_FOLDERS) {
    const base = await realInside(join(root, env), roots);
    if (!base) continue;
    const win = await realInside(join(base, 'Lib', 'site-packages'), roots);
    if (win) out.push(win);
    for (const py of (await list(join(base, 'lib'), budget, notes, 50))
      .filter((n) => /^python3/.test(n))
      .sort()) {
      const sp = await realInside(join(base, 'lib', py, 'site-packages'), roots);
      if (sp) out.push(sp);
    }
  }
  return out;
}

async function readText(path: string, roots: string[]): Promise<string | undefined> {
  try {
    return await readBoundedFile(path, { maxBytes: MAX_FILE_BYTES, roots }, 1_000);
  } catch {
    return undefined;
  }
}

/** Detects installed framework releases and pins in the given workspace folders (first folder first). */
export async function detectPythonEnv(
  folders: readonly string[],
  budgetMs = DETECT_BUDGET_MS,
): Promise<EnvDetection> {
  const notes: string[] = [];
  const roots = (await Promise.all(folders.map((f) => realpath(f).catch(() => undefined)))).filter(
    (r): r is string => !!r,
  );
  const environment: Record<string, DetectedVersion> = {};
  const pinFiles: Array<{ file: string; pins: Pin[] }> = [];
  for (const root of roots) {
    const budget = new Budget(budgetMs);
    for (const sp of await sitePackages(root, roots, budget, notes)) {
      for (const name of (await list(sp, budget, notes)).sort()) {
        const folder = distInfoFolder(name);
        const pkg = folder && trackedPackage(folder.name);
        if (!folder || !pkg || environment[pkg]) continue;
        const meta = parseMetadata((await readText(join(sp, name, 'METADATA'), roots)) ?? '');
        const version =
          meta.name && trackedPackage(meta.name) === pkg && meta.version ? meta.version : folder.version;
        environment[pkg] = {
          version,
          origin: 'environment',
          source: `from ${relative(root, join(sp, name)).split('\\').join('/')}`,
        };
      }
    }
    const top = (await list(root, budget, notes, 5_000)).sort();
    for (const name of top.filter((n) => /^requirements[\w.-]*\.txt$/i.test(n) || n === 'pyproject.toml')) {
      const text = await readText(join(root, name), roots);
      if (text === undefined) continue;
      pinFiles.push({
        file: name,
        pins: name === 'pyproject.toml' ? parsePyproject(text) : parseRequirementsTxt(text),
      });
    }
    if (budget.over) notes.push(`${root}: Python environment detection stopped after ${budgetMs} ms`);
  }
  return { environment, pins: fromPins(pinFiles), notes };
}
