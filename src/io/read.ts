// Bounded reading of files a workspace can name (a model's config.json, a cached Hub copy, a CLI
// input): only regular files, at most a size limit, never through a path that leaves the allowed
// folders after symlinks are resolved, and error messages that never quote the file's contents.
// `/dev/zero` (endless), a FIFO (blocks on open) and `/etc/passwd` (outside the workspace) are refused
// before a byte is read. The async reader also gives up after a timeout (slow or network disks).
import {
  closeSync,
  constants,
  fstatSync,
  openSync,
  readSync,
  realpathSync,
  statSync,
  type Stats,
} from 'node:fs';
import { open, realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';

/** A Hugging Face config.json is 0.5-10 KB (corpus and oracle); 1 MB leaves room for any real one. */
export const MAX_CONFIG_BYTES = 1_000_000;
/** Reads taking longer than this are abandoned (a local config.json reads in well under 10 ms). */
export const READ_TIMEOUT_MS = 2_000;

/** `message` is the full sentence; `code` the short reason (an errno code such as ENOENT, or the rule). */
export class FileReadError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** Files the user names on the command line (configs to check): regular files up to 10 MB. */
export const MAX_INPUT_BYTES = 10_000_000;

/** A config file the user named (CLI argument): any folder, regular file, bounded, UTF-8 or UTF-16 with BOM. */
export function readInputFile(path: string): string {
  return readBoundedFileSync(path, { maxBytes: MAX_INPUT_BYTES });
}

export interface ReadPolicy {
  /** Largest file accepted, in bytes. */
  maxBytes: number;
  /**
   * Folders the real path (symlinks resolved) must be inside; undefined when the user named the path
   * (a CLI argument or a user-level setting) and any regular file may be read.
   */
  roots?: readonly string[];
}

/** Whether `path` is `root` or inside it (both already real paths). */
export function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel));
}

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a named pipe';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Checks a stat result and the real path against the policy; throws a FileReadError naming the rule. */
function check(path: string, real: string, st: Stats, policy: ReadPolicy): void {
  if (policy.roots && !policy.roots.some((r) => isInside(real, r))) {
    const via = real === path ? '' : ` (it resolves to ${real})`;
    throw new FileReadError(
      `${path} is outside the workspace and the Hugging Face cache${via}; ML Config Lens reads model files there only, unless you name the path yourself (user setting or command line)`,
      'outside the workspace',
    );
  }
  if (!st.isFile())
    throw new FileReadError(
      `${path} is ${kindOf(st)}, not a regular file`,
      `${kindOf(st)}, not a regular file`,
    );
  if (st.size > policy.maxBytes)
    throw new FileReadError(
      `${path} is ${st.size.toLocaleString('en-US')} bytes, over the ${policy.maxBytes.toLocaleString('en-US')}-byte limit (a model config.json is kilobytes)`,
      `${st.size.toLocaleString('en-US')} bytes, over the ${policy.maxBytes.toLocaleString('en-US')}-byte limit`,
    );
}

function realRoots(roots: readonly string[] | undefined): string[] | undefined {
  return roots?.map((r) => {
    try {
      return realpathSync(r);
    } catch {
      return r;
    }
  });
}

function reason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e.code ?? 'unreadable';
}

/** Synchronous bounded read (CLI and the editor's quick paths); a regular local file reads at disk speed. */
export function readBoundedFileSync(path: string, policy: ReadPolicy): string {
  let real: string;
  try {
    real = realpathSync(path);
    check(path, real, statSync(real), { ...policy, roots: realRoots(policy.roots) });
  } catch (err) {
    if (err instanceof FileReadError) throw err;
    throw new FileReadError(`cannot read ${path}: ${reason(err)}`, reason(err));
  }
  let fd: number;
  try {
    // O_NONBLOCK: if the file was swapped for a FIFO since the check, open does not wait for a writer.
    fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (err) {
    throw new FileReadError(`cannot read ${path}: ${reason(err)}`, reason(err));
  }
  try {
    check(path, real, fstatSync(fd), { maxBytes: policy.maxBytes });
    const buf = Buffer.alloc(policy.maxBytes + 1);
    let n = 0;
    for (let got = 1; got > 0 && n <= policy.maxBytes; n += got)
      got = readSync(fd, buf, n, buf.length - n, null);
    return textRead(buf, n, path, policy.maxBytes);
  } finally {
    closeSync(fd);
  }
}

/** Asynchronous bounded read with a timeout; the editor uses it so a slow disk never blocks the host. */
export async function readBoundedFile(
  path: string,
  policy: ReadPolicy,
  timeoutMs = READ_TIMEOUT_MS,
): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new FileReadError(`reading ${path} took over ${timeoutMs} ms; gave up`, 'timed out')),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([readAsync(path, policy), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function readAsync(path: string, policy: ReadPolicy): Promise<string> {
  let real: string;
  try {
    real = await realpath(path);
    check(path, real, await stat(real), { ...policy, roots: realRoots(policy.roots) });
  } catch (err) {
    if (err instanceof FileReadError) throw err;
    throw new FileReadError(`cannot read ${path}: ${reason(err)}`, reason(err));
  }
  const fh = await open(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW).catch(
    (err: unknown) => {
      throw new FileReadError(`cannot read ${path}: ${reason(err)}`, reason(err));
    },
  );
  try {
    check(path, real, await fh.stat(), { maxBytes: policy.maxBytes });
    const buf = Buffer.alloc(policy.maxBytes + 1);
    let n = 0;
    for (let got = 1; got > 0 && n <= policy.maxBytes; n += got)
      got = (await fh.read(buf, n, buf.length - n, null)).bytesRead;
    return textRead(buf, n, path, policy.maxBytes);
  } finally {
    await fh.close();
  }
}

/** The text of the `n` bytes read into `buf`; a file that grew past the limit while being read is refused. */
function textRead(buf: Buffer, n: number, path: string, maxBytes: number): string {
  if (n > maxBytes)
    throw new FileReadError(
      `${path} grew past ${maxBytes.toLocaleString('en-US')} bytes while being read`,
      'grew while being read',
    );
  return decode(buf.subarray(0, n), path);
}

/**
 * Text of a file's bytes: UTF-8 (an optional BOM dropped), UTF-16 LE/BE with a BOM; anything else
 * that is not valid UTF-8 is refused naming the encoding, never shown.
 */
export function decode(bytes: Uint8Array, path: string): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new FileReadError(
      `${path} is not valid UTF-8 (ML Config Lens reads UTF-8, and UTF-16 with a byte-order mark)`,
      'not valid UTF-8 (ML Config Lens reads UTF-8, and UTF-16 with a byte-order mark)',
    );
  }
}
