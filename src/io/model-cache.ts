// The editor's model resolver: a synchronous cache lookup the pure analysis can call on every
// keystroke, and an asynchronous load (bounded read with a timeout, or the Hub when allowed) that
// fills the cache and tells the caller, which then re-runs the analysis. A failed load is remembered
// for a short time only, so a file created later or a Hub that comes back is found on a later edit.
import { LRUCache } from 'lru-cache';
import { catalogModel, ModelResolveError } from '../core/models/resolve';
import type { ResolvedModel } from '../core/models/types';
import { resolveModel, type ResolveOptions } from './resolve';

/** A loaded config stays this long before it is read again (so an edited config.json is seen). */
export const LOADED_TTL_MS = 60_000;
/** A failed load is retried after this long. */
export const FAILED_TTL_MS = 10_000;

type Entry = { model: ResolvedModel } | { error: string };

export class ModelConfigCache {
  /** Bounded by count: each entry holds one parsed config.json, at most 1 MB of text (a real one is < 10 KB). */
  private readonly entries = new LRUCache<string, Entry>({ max: 256, ttlAutopurge: false });
  private readonly loading = new Map<string, Promise<void>>();

  /**
   * The model for `ref` now: from the catalog, or from an earlier load. Otherwise starts a load and
   * throws ModelResolveError saying so; `onLoaded` runs when the load ends (success or failure).
   */
  lookup(ref: string, opts: ResolveOptions, onLoaded: () => void): ResolvedModel {
    const named = catalogModel(ref);
    if (named?.byName) return named.model;
    const key = JSON.stringify([ref, opts.cwd, opts.roots ?? null, Boolean(opts.allowNetwork)]);
    const hit = this.entries.get(key);
    if (hit) {
      if ('model' in hit) return hit.model;
      throw new ModelResolveError(hit.error);
    }
    this.load(key, ref, opts).then(onLoaded, onLoaded);
    throw new ModelResolveError(`reading the config.json of model '${ref}'…`);
  }

  /** Loads once per key at a time; the result (or the error message) goes into the cache. */
  load(key: string, ref: string, opts: ResolveOptions): Promise<void> {
    let p = this.loading.get(key);
    if (p) return p;
    p = resolveModel(ref, opts)
      .then(
        (model) => {
          this.entries.set(key, { model }, { ttl: LOADED_TTL_MS });
        },
        (err: unknown) => {
          this.entries.set(
            key,
            { error: err instanceof Error ? err.message : String(err) },
            { ttl: FAILED_TTL_MS },
          );
        },
      )
      .finally(() => this.loading.delete(key));
    this.loading.set(key, p);
    return p;
  }

  clear(): void {
    this.entries.clear();
  }
}
