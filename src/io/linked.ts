// LinkedFiles for a config on disk: the paths a config names (dataset_info.json, local datasets) are
// looked up relative to the config's folder, then the workspace (the current directory for the CLI),
// as the frameworks resolve them against the directory training starts in. Reads are bounded and stay
// inside those folders (src/io/read.ts); anything outside them is "not checked", never "missing".
import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { LinkedFiles } from '../core/validate/linkedData';
import { FileReadError, isInside, readBoundedFileSync } from './read';

/** A dataset_info.json is kilobytes (LLaMA-Factory's own is ~40 KB); 5 MB leaves room for large registries. */
export const MAX_LINKED_BYTES = 5_000_000;

export function linkedFilesFor(configFile: string, workspace: string): LinkedFiles {
  const roots = [dirname(resolve(configFile)), resolve(workspace)];
  const candidates = (p: string): string[] => (isAbsolute(p) ? [p] : roots.map((r) => resolve(r, p)));
  const inside = (p: string): boolean => {
    try {
      const real = realpathSync(p);
      return roots.some((r) => isInside(real, realpathSync(r)));
    } catch {
      return false;
    }
  };
  return {
    read(path) {
      let outside = false;
      for (const p of candidates(path)) {
        try {
          return readBoundedFileSync(p, { maxBytes: MAX_LINKED_BYTES, roots });
        } catch (err) {
          if (!(err instanceof FileReadError) || err.code !== 'ENOENT') outside = true;
        }
      }
      return outside ? undefined : null;
    },
    exists(path) {
      const found = candidates(path).filter((p) => existsSync(p));
      if (!found.length)
        return isAbsolute(path) && !roots.some((r) => isInside(resolve(path), r)) ? undefined : false;
      return found.some(inside) ? true : undefined;
    },
  };
}
