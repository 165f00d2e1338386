// Resolves a model reference to its config.json: a path (file or folder holding config.json), a
// catalog id or alias, a repo id found in the local Hugging Face cache, and, only when the user
// allowed the network, the Hub. Paths, environment and fetch are parameters so callers (CLI,
// extension host, tests) decide them.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve as resolvePath } from 'node:path';
import { type CatalogMatch, matchCatalogModel, suggestCatalogName } from './catalog';
import { type Env, findCachedConfig, hfHubCacheDir, isHfRepoId } from './hf-cache';
import { type FetchLike, fetchHubConfig, hubConfigUrl } from './hub';
import type { ModelConfigJson, ResolvedModel } from './types';

export interface ResolveOptions {
  /** Base for relative paths. */
  cwd: string;
  env: Env;
  homeDir: string;
  /** The user's `mlConfig.huggingFace.allowNetwork`; false (the default) never touches the network. */
  allowNetwork?: boolean;
  fetchImpl?: FetchLike;
  /** Where Hub-fetched configs are cached (default: <hub cache>/ml-config-lens). */
  hubCacheDir?: string;
}

export class ModelResolveError extends Error {}

/** Everything that needs no network: path, catalog, local HF cache. Undefined when none has it. */
export function resolveModelLocal(ref: string, opts: ResolveOptions): ResolvedModel | undefined {
  const trimmed = ref.trim();
  if (!trimmed) throw new ModelResolveError('empty model reference');
  const path = configPathFor(trimmed, opts.cwd);
  if (path) return { config: readConfigFile(path), kind: 'file', location: path };
  const match = matchCatalogModel(trimmed);
  // A name the catalog holds (id, alias, verified variant) wins; a mirror mapped by its name yields to
  // the real config.json when the local cache has one.
  if (match?.via === 'name') return fromCatalog(match);
  const cached = findCachedConfig(trimmed, hfHubCacheDir(opts.env, opts.homeDir));
  if (cached) return { config: readConfigFile(cached), kind: 'hf-cache', location: cached };
  return match ? fromCatalog(match) : undefined;
}

/** Local resolution, then the Hub when allowed; throws ModelResolveError with a one-line reason. */
export async function resolveModel(ref: string, opts: ResolveOptions): Promise<ResolvedModel> {
  const local = resolveModelLocal(ref, opts);
  if (local) return local;
  const id = ref.trim();
  if (opts.allowNetwork && isHfRepoId(id)) {
    const fetchImpl = opts.fetchImpl ?? (globalThis.fetch as unknown as FetchLike | undefined);
    if (!fetchImpl) throw new ModelResolveError('this runtime has no fetch(); pass a local config.json');
    const cacheDir = opts.hubCacheDir ?? join(hfHubCacheDir(opts.env, opts.homeDir), 'ml-config-lens');
    try {
      const text = await fetchHubConfig(id, cacheDir, fetchImpl);
      return { config: parseConfig(text, hubConfigUrl(id)), kind: 'hub', location: hubConfigUrl(id) };
    } catch (err) {
      throw new ModelResolveError(err instanceof Error ? err.message : String(err));
    }
  }
  throw new ModelResolveError(notFoundMessage(id, Boolean(opts.allowNetwork)));
}

function fromCatalog(match: CatalogMatch): ResolvedModel {
  const { entry, note } = match;
  return { config: entry.config, kind: 'catalog', location: entry.id, entry, ...(note ? { note } : {}) };
}

function notFoundMessage(ref: string, allowNetwork: boolean): string {
  const suggestion = suggestCatalogName(ref);
  const hint = isHfRepoId(ref) && !allowNetwork ? '; enable mlConfig.huggingFace.allowNetwork (CLI: --allow-network) to fetch it from the Hub' : '';
  return `unknown model '${ref}': not a config.json path, not in the catalog (did you mean '${suggestion}'?), not in the local Hugging Face cache${hint}`;
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

function readConfigFile(path: string): ModelConfigJson {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ModelResolveError(`cannot read ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return parseConfig(text, path);
}

/** Parses a config.json text and checks it names a `model_type`. */
export function parseConfig(text: string, where: string): ModelConfigJson {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ModelResolveError(`${where} is not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new ModelResolveError(`${where} is not a JSON object`);
  const modelType = (data as Record<string, unknown>).model_type;
  if (typeof modelType !== 'string' || !modelType) {
    throw new ModelResolveError(`${where} has no "model_type": is it a Hugging Face model config.json?`);
  }
  return data as ModelConfigJson;
}
