// The model resolver injected into the worker's core entry, built from plain settings: models the
// host already fetched, then local resolution (config.json path, catalog, local Hugging Face cache).
// Reading is synchronous here; a path that never ends (a FIFO, /dev/zero) is stopped by the
// request deadline in client.ts, which terminates the worker. A bounded asynchronous reader
// (src/io/read.ts: regular files only, 1 MB, inside `roots` or the HF cache) is what reads them.
import { resolveModelLocal } from '../../io/resolve';
import { linkReader } from '../../io/linked';
import type { LinkReader } from '../../core/links/linked';
import type { ResolvedModel } from '../../core/models/types';
import type { ModelSettings, Phase } from './protocol';

export type ModelResolver = (ref: string) => ResolvedModel | undefined;

export function localResolver(
  settings: ModelSettings,
  onPhase?: (phase: Phase, detail: string) => void,
): ModelResolver {
  return (ref) => {
    if (Object.hasOwn(settings.known, ref)) return settings.known[ref];
    onPhase?.('model', `reading the config of model '${ref}'`);
    return resolveModelLocal(ref, {
      cwd: settings.cwd,
      env: settings.env,
      homeDir: settings.homeDir,
      roots: settings.roots,
    });
  };
}

/** Linked DeepSpeed / FSDP files, read from disk by the bounded reader, only inside the workspace folders. */
export function linkedFileReader(settings: ModelSettings): LinkReader {
  return linkReader({ folders: settings.roots, roots: settings.roots });
}
