// Reads the files a config links to (`deepspeed: ds_z3.json`, `fsdp_config: fsdp.json`, an Accelerate
// config's deepspeed_config_file) for the pipeline: the candidates src/core/links lists, the first that
// exists, read by the bounded reader (regular files, 1 MB, inside `roots` after symlinks).
import { statSync } from 'node:fs';
import { linkCandidates } from '../core/links';
import type { LinkReader, LinkedText } from '../core/links/linked';
import { FileReadError, MAX_CONFIG_BYTES, readBoundedFileSync } from './read';

export interface LinkReadOptions {
  /** Folders tried after the referencing file's own (workspace folders; the CLI's working directory). */
  folders: readonly string[];
  /** Folders the linked file must be inside; undefined = anywhere (a path the user named). */
  roots?: readonly string[];
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** One file read by the bounded reader: its text, or why not (never its contents in the reason). */
export function readLinkedFile(
  path: string,
  roots: readonly string[] | undefined,
): { text?: string; problem?: string } {
  try {
    return { text: readBoundedFileSync(path, { maxBytes: MAX_CONFIG_BYTES, roots }) };
  } catch (err) {
    return { problem: err instanceof FileReadError ? err.code : 'unreadable' };
  }
}

export function linkReader(opts: LinkReadOptions): LinkReader {
  return (link, fromFile): LinkedText => {
    const tried = linkCandidates(link.target, fromFile, opts.folders);
    const path = tried.find(exists);
    if (!path) return { link, tried };
    return { link, path, tried, ...readLinkedFile(path, opts.roots) };
  };
}
