// The local Hugging Face cache: `models--ORG--NAME/snapshots/<rev>/config.json` under the hub cache
// directory huggingface_hub uses (HF_HUB_CACHE, else HF_HOME/hub, else ~/.cache/huggingface/hub).
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export type Env = Readonly<Record<string, string | undefined>>;

/** The hub cache directory, resolved the way huggingface_hub's constants.py does. */
export function hfHubCacheDir(env: Env, homeDir: string): string {
  if (env.HF_HUB_CACHE) return env.HF_HUB_CACHE;
  if (env.HF_HOME) return join(env.HF_HOME, 'hub');
  const xdg = env.XDG_CACHE_HOME || join(homeDir, '.cache');
  return join(xdg, 'huggingface', 'hub');
}

/** Is this a plausible Hugging Face repo id (`org/name`)? */
export function isHfRepoId(ref: string): boolean {
  return /^[A-Za-z0-9][\w.-]*\/[\w.-]+$/.test(ref);
}

/**
 * The cached config.json of a repo id, preferring the snapshot `refs/main` points to, else the most
 * recently written snapshot; undefined when the cache holds none.
 */
export function findCachedConfig(repoId: string, cacheDir: string): string | undefined {
  if (!isHfRepoId(repoId)) return undefined;
  const repoDir = join(cacheDir, `models--${repoId.replace('/', '--')}`);
  const snapshots = join(repoDir, 'snapshots');
  if (!existsSync(snapshots)) return undefined;
  const main = readRef(join(repoDir, 'refs', 'main'));
  if (main && existsSync(join(snapshots, main, 'config.json'))) return join(snapshots, main, 'config.json');
  const candidates = safeReaddir(snapshots)
    .map((rev) => join(snapshots, rev, 'config.json'))
    .filter((p) => existsSync(p))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return candidates[0];
}

function readRef(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Repo ids with a snapshot folder in the hub cache (`models--ORG--NAME`); [] when the cache is absent. */
export function cachedRepoIds(cacheDir: string): string[] {
  return safeReaddir(cacheDir)
    .filter((n) => n.startsWith('models--'))
    .map((n) => n.slice('models--'.length).replace('--', '/'));
}
