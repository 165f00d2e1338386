// The local Hugging Face cache (file-system layer): `models--ORG--NAME/snapshots/<rev>/config.json` under the hub cache
// directory huggingface_hub uses (HF_HUB_CACHE, else HF_HOME/hub, else ~/.cache/huggingface/hub).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isHfRepoId } from '../core/models/resolve';
import { readBoundedFileSync } from './read';

export type Env = Readonly<Record<string, string | undefined>>;

/** The hub cache directory, resolved the way huggingface_hub's constants.py does. */
export function hfHubCacheDir(env: Env, homeDir: string): string {
  if (env.HF_HUB_CACHE) return env.HF_HUB_CACHE;
  if (env.HF_HOME) return join(env.HF_HOME, 'hub');
  const xdg = env.XDG_CACHE_HOME || join(homeDir, '.cache');
  return join(xdg, 'huggingface', 'hub');
}

export { isHfRepoId };

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
    // refs/main holds a 40-character commit hash; anything longer is not a ref.
    const ref = readBoundedFileSync(path, { maxBytes: 256 }).trim();
    return /^[\w.-]+$/.test(ref) ? ref : undefined;
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
