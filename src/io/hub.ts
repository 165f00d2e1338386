// Optional Hugging Face Hub fetch of a model's config.json, only when the user turned it on
// (setting `mlConfig.huggingFace.allowNetwork`, CLI `--allow-network`). Fetched files are cached so a
// model is downloaded once; everything else in the product works without the network.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isHfRepoId } from './hf-cache';
import { MAX_CONFIG_BYTES, readBoundedFileSync } from './read';

export type FetchLike = (
  url: string,
  init?: { signal?: AbortSignal },
) => Promise<{
  ok: boolean;
  status: number;
  text(): Promise<string>;
}>;

export class HubFetchError extends Error {}

export function hubConfigUrl(repoId: string): string {
  return `https://huggingface.co/${repoId}/resolve/main/config.json`;
}

/** Path of the cached copy of a fetched config.json. */
export function hubCachePath(repoId: string, cacheDir: string): string {
  return join(cacheDir, repoId.replace('/', '--'), 'config.json');
}

/** Returns the config.json text, from the cache when present, else fetched (10 s timeout). */
export async function fetchHubConfig(
  repoId: string,
  cacheDir: string,
  fetchImpl: FetchLike,
): Promise<string> {
  if (!isHfRepoId(repoId))
    throw new HubFetchError(`'${repoId}' is not a Hugging Face repo id (expected ORG/NAME)`);
  const cached = hubCachePath(repoId, cacheDir);
  if (existsSync(cached)) return readBoundedFileSync(cached, { maxBytes: MAX_CONFIG_BYTES });
  const url = hubConfigUrl(repoId);
  let res: Awaited<ReturnType<FetchLike>>;
  try {
    res = await fetchImpl(url, { signal: AbortSignal.timeout(10_000) });
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new HubFetchError(
      `could not reach huggingface.co for ${repoId} (offline? ${why}); pass a local config.json instead`,
    );
  }
  if (res.status === 401 || res.status === 403) {
    throw new HubFetchError(
      `${repoId} is gated or private on the Hub (HTTP ${res.status}); download its config.json and pass the path`,
    );
  }
  if (!res.ok) throw new HubFetchError(`the Hub has no config.json for ${repoId} (HTTP ${res.status})`);
  const text = await res.text();
  if (text.length > MAX_CONFIG_BYTES)
    throw new HubFetchError(
      `the Hub answered for ${repoId} with ${text.length.toLocaleString('en-US')} characters, not a config.json; nothing was cached`,
    );
  try {
    JSON.parse(text);
  } catch {
    throw new HubFetchError(`the Hub answered for ${repoId} but not with JSON; nothing was cached`);
  }
  mkdirSync(join(cacheDir, repoId.replace('/', '--')), { recursive: true });
  writeFileSync(cached, text);
  return text;
}
