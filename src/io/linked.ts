// The one reader of files a config links to: the data files it names (LLaMA-Factory's
// dataset_info.json, Axolotl's local datasets) and its launch configs (`deepspeed: ds_z3.json`,
// `fsdp_config: fsdp.json`, an Accelerate config's deepspeed_config_file). A path is tried at its
// candidates in order (the config's folder, then the workspace folders or the CLI's working directory,
// as the frameworks resolve it against the folder training starts in); the first that exists is the
// file. It is read by src/io/read.ts: regular files only, at most the purpose's byte limit, inside
// `roots` after symlinks are resolved; the async form gives up after a timeout. A refusal gives the
// short reason (the rule), never the file's contents.
import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { linkCandidates, type ConfigLink } from '../core/links';
import type { LinkReader, LinkedText } from '../core/links/linked';
import type { LinkedFiles } from '../core/validate/linkedData';
import { FileReadError, MAX_CONFIG_BYTES, isInside, readBoundedFile, readBoundedFileSync } from './read';

/** Largest linked file accepted, per purpose, in bytes. */
export const LINKED_LIMITS = {
  /** A dataset_info.json is kilobytes (LLaMA-Factory's own is ~40 KB); 5 MB leaves room for large registries. */
  data: 5_000_000,
  /** DeepSpeed / FSDP / Accelerate configs are a few KB: the config.json bound (1 MB) is ample. */
  launch: MAX_CONFIG_BYTES,
} as const;

export interface LinkedReadPolicy {
  /** The purpose's limit (LINKED_LIMITS). */
  maxBytes: number;
  /** Folders the real path must be inside; undefined = anywhere (a path the user named). */
  roots?: readonly string[];
  /** Async reads only: give up after this many ms (default: READ_TIMEOUT_MS of read.ts). */
  timeoutMs?: number;
}

/** The first existing candidate's text, or that it exists but was refused (and why), or that none exists. */
export type LinkedRead =
  | { status: 'read'; path: string; text: string }
  | { status: 'refused'; path: string; problem: string }
  | { status: 'missing' };

/** Not there (or a dangling symlink): try the next candidate. Anything else is a refusal of this one. */
const absent = (err: unknown): boolean =>
  err instanceof FileReadError && (err.code === 'ENOENT' || err.code === 'ENOTDIR');
const problemOf = (err: unknown): string => (err instanceof FileReadError ? err.code : 'unreadable');

export function readLinkedSync(candidates: readonly string[], policy: LinkedReadPolicy): LinkedRead {
  for (const path of candidates) {
    try {
      return { status: 'read', path, text: readBoundedFileSync(path, policy) };
    } catch (err) {
      if (!absent(err)) return { status: 'refused', path, problem: problemOf(err) };
    }
  }
  return { status: 'missing' };
}

/** As readLinkedSync, off the calling thread's clock: each candidate's read is bounded by the timeout. */
export async function readLinked(
  candidates: readonly string[],
  policy: LinkedReadPolicy,
): Promise<LinkedRead> {
  for (const path of candidates) {
    try {
      return { status: 'read', path, text: await readBoundedFile(path, policy, policy.timeoutMs) };
    } catch (err) {
      if (!absent(err)) return { status: 'refused', path, problem: problemOf(err) };
    }
  }
  return { status: 'missing' };
}

/** Data files a config names (issue 12 item 5), relative to its folder, then `workspace`; reads stay inside both. */
export function linkedFilesFor(
  configFile: string,
  workspace: string,
  maxBytes: number = LINKED_LIMITS.data,
): LinkedFiles {
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
      const r = readLinkedSync(candidates(path), { maxBytes, roots });
      // Refused (outside, not a regular file, too large): "not checked", never "missing".
      return r.status === 'read' ? r.text : r.status === 'missing' ? null : undefined;
    },
    exists(path) {
      const found = candidates(path).filter((p) => existsSync(p));
      if (!found.length)
        return isAbsolute(path) && !roots.some((r) => isInside(resolve(path), r)) ? undefined : false;
      return found.some(inside) ? true : undefined;
    },
  };
}

export interface LinkReadOptions {
  /** Folders tried after the referencing file's own (workspace folders; the CLI's working directory). */
  folders: readonly string[];
  /** Folders the linked file must be inside; undefined = anywhere (a path the user named). */
  roots?: readonly string[];
  /** Default: LINKED_LIMITS.launch. */
  maxBytes?: number;
}

function linkedText(link: ConfigLink, tried: string[], r: LinkedRead): LinkedText {
  if (r.status === 'missing') return { link, tried };
  return r.status === 'read'
    ? { link, path: r.path, tried, text: r.text }
    : { link, path: r.path, tried, problem: r.problem };
}

const policyOf = (opts: LinkReadOptions): LinkedReadPolicy => ({
  maxBytes: opts.maxBytes ?? LINKED_LIMITS.launch,
  roots: opts.roots,
});

/** Launch configs a training config links (CLI and the analysis worker, where reading synchronously is fine). */
export function linkReader(opts: LinkReadOptions): LinkReader {
  return (link, fromFile) => {
    const tried = linkCandidates(link.target, fromFile, opts.folders);
    return linkedText(link, tried, readLinkedSync(tried, policyOf(opts)));
  };
}

/** The same on the extension host's thread: asynchronous, with the read timeout. */
export function linkReaderAsync(
  opts: LinkReadOptions,
): (link: ConfigLink, fromFile: string) => Promise<LinkedText> {
  return async (link, fromFile) => {
    const tried = linkCandidates(link.target, fromFile, opts.folders);
    return linkedText(link, tried, await readLinked(tried, policyOf(opts)));
  };
}
