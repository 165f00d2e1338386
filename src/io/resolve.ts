// Resolves a model reference to its config.json on this machine: a path (file or folder holding
// config.json), a catalog id or alias, a repo id in the local Hugging Face cache, and, only when the
// user allowed the network, the Hub. Every file goes through the bounded reader (src/io/read.ts):
// regular files only, 1 MB at most, and, unless the user named the path, inside `roots`.
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve as resolvePath } from 'node:path';
import {
  catalogModel,
  isHfRepoId,
  ModelResolveError,
  notFoundMessage,
  parseConfig,
} from '../core/models/resolve';
import type { ModelConfigJson, ResolvedModel } from '../core/models/types';
import { type Env, findCachedConfig, hfHubCacheDir } from './hf-cache';
import { type FetchLike, fetchHubConfig, hubConfigUrl } from './hub';
import { FileReadError, MAX_CONFIG_BYTES, readBoundedFile, readBoundedFileSync } from './read';

export { ModelResolveError };

export interface ResolveOptions {
  /** Base for relative paths. */
  cwd: string;
  env: Env;
  homeDir: string;
  /**
   * Folders a model path may lead into (the workspace folders; the HF cache is always allowed).
   * Undefined: the user named the reference (CLI argument, user-level setting): any regular file.
   */
  roots?: readonly string[];
  /** The user's `mlConfig.huggingFace.allowNetwork`; false (the default) never touches the network. */
  allowNetwork?: boolean;
  fetchImpl?: FetchLike;
  /** Where Hub-fetched configs are cached (default: <hub cache>/ml-config-lens). */
  hubCacheDir?: string;
}

type Located = { path: string; kind: 'file' | 'hf-cache' } | { model: ResolvedModel } | undefined;

/** Where a reference points, without reading it: a path, the catalog, the HF cache, or nothing. */
function locate(ref: string, opts: ResolveOptions): Located {
  const trimmed = ref.trim();
  if (!trimmed) throw new ModelResolveError('empty model reference');
  const path = configPathFor(trimmed, opts.cwd);
  if (path) return { path, kind: 'file' };
  const hit = catalogModel(trimmed);
  // A name the catalog holds (id, alias, verified variant) wins; a mirror mapped by its name yields to
  // the real config.json when the local cache has one.
  if (hit?.byName) return { model: hit.model };
  const cached = findCachedConfig(trimmed, hfHubCacheDir(opts.env, opts.homeDir));
  if (cached) return { path: cached, kind: 'hf-cache' };
  return hit ? { model: hit.model } : undefined;
}

function policy(opts: ResolveOptions) {
  const roots = opts.roots && [...opts.roots, hfHubCacheDir(opts.env, opts.homeDir)];
  return { maxBytes: MAX_CONFIG_BYTES, roots };
}

function readError(err: unknown): never {
  if (err instanceof FileReadError) throw new ModelResolveError(err.message);
  throw err;
}

/** Everything that needs no network, read synchronously but bounded. Undefined when none has it. */
export function resolveModelLocal(ref: string, opts: ResolveOptions): ResolvedModel | undefined {
  const where = locate(ref, opts);
  if (!where || 'model' in where) return where?.model;
  let text: string;
  try {
    text = readBoundedFileSync(where.path, policy(opts));
  } catch (err) {
    readError(err);
  }
  return { config: parseConfig(text, where.path), kind: where.kind, location: where.path };
}

/** Local resolution read asynchronously (with a timeout), then the Hub when allowed; throws ModelResolveError. */
export async function resolveModel(ref: string, opts: ResolveOptions): Promise<ResolvedModel> {
  const where = locate(ref, opts);
  if (where && 'model' in where) return where.model;
  if (where) {
    const text = await readBoundedFile(where.path, policy(opts)).catch(readError);
    return { config: parseConfig(text, where.path), kind: where.kind, location: where.path };
  }
  const id = ref.trim();
  if (opts.allowNetwork && isHfRepoId(id)) {
    const fetchImpl = opts.fetchImpl ?? (globalThis.fetch as unknown as FetchLike | undefined);
    if (!fetchImpl) throw new ModelResolveError('this runtime has no fetch(); pass a local config.json');
    const cacheDir = opts.hubCacheDir ?? join(hfHubCacheDir(opts.env, opts.homeDir), 'ml-config-lens');
    let text: string;
    try {
      text = await fetchHubConfig(id, cacheDir, fetchImpl);
    } catch (err) {
      throw new ModelResolveError(err instanceof Error ? err.message : String(err));
    }
    return { config: parseConfig(text, hubConfigUrl(id)), kind: 'hub', location: hubConfigUrl(id) };
  }
  throw new ModelResolveError(notFoundMessage(id, Boolean(opts.allowNetwork)));
}

function configPathFor(ref: string, cwd: string): string | undefined {
  const abs = isAbsolute(ref) ? ref : resolvePath(cwd, ref);
  if (!existsSync(abs)) return undefined;
  if (statSync(abs).isDirectory()) {
    const inner = join(abs, 'config.json');
    if (existsSync(inner)) return inner;
    throw new ModelResolveError(`folder ${ref} has no config.json`);
  }
  return abs;
}

export type { ModelConfigJson };
