// The file reader injected into the worker's core entry for files a config names (a sweep's training
// config): relative to the document's folder, through the io layer's bounded reader (regular files
// only, 1 MB, inside the workspace folders after symlinks are resolved). Errors never quote contents.
import { isAbsolute, resolve } from 'node:path';
import { MAX_CONFIG_BYTES, readBoundedFileSync } from '../../io/read';
import type { RelatedFile } from '../../core/sweep/report';
import type { ModelSettings } from './protocol';

export function localReader(settings: ModelSettings): (path: string) => RelatedFile {
  return (path) => {
    const full = isAbsolute(path) ? path : resolve(settings.cwd, path);
    try {
      return {
        path: full,
        text: readBoundedFileSync(full, { maxBytes: MAX_CONFIG_BYTES, roots: settings.roots }),
      };
    } catch (err) {
      return { path: full, error: err instanceof Error ? err.message : String(err) };
    }
  };
}
