// The files a CLI command was given: each FILE as is, each folder expanded to the YAML/JSON configs
// under it (node_modules and dot-folders such as .git skipped; at most MAX_FOLDER_FILES), read through
// the bounded reader. An unreadable file is reported for itself; the others are still checked.
import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FileReadError, readInputFile } from './read';

/** Most files one folder argument expands to (a repository of recipes holds a few hundred). */
export const MAX_FOLDER_FILES = 5_000;
const CONFIG_FILE = /\.(ya?ml|json)$/i;

export type InputFile = { file: string; text: string } | { file: string; error: string };

/** Config files under `dir`, sorted, symlinked folders not followed; `truncated` when the cap was hit. */
export function configFilesUnder(
  dir: string,
  limit = MAX_FOLDER_FILES,
): { files: string[]; truncated: boolean } {
  const files: string[] = [];
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop() as string;
    let names: string[];
    try {
      names = readdirSync(d).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const p = join(d, name);
      let st;
      try {
        st = lstatSync(p);
      } catch {
        continue;
      }
      if (st.isDirectory()) stack.push(p);
      else if (st.isFile() && CONFIG_FILE.test(name)) {
        if (files.length >= limit) return { files: files.sort(), truncated: true };
        files.push(p);
      }
    }
  }
  return { files: files.sort(), truncated: false };
}

/** The path with symlinks resolved, so one file named twice (`. ds.json`, `a.json ./a.json`) is one input. */
export function fileIdentity(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/**
 * Reads every argument (folders expanded), each file once (the first spelling kept); errors carry
 * the short reason (ENOENT, "a named pipe, …").
 */
export function readInputs(args: readonly string[]): { inputs: InputFile[]; notes: string[] } {
  const inputs: InputFile[] = [];
  const notes: string[] = [];
  const seen = new Set<string>();
  for (const arg of args) {
    let isDir = false;
    try {
      isDir = statSync(arg).isDirectory();
    } catch {
      // reported by the read below
    }
    const files = isDir ? configFilesUnder(arg) : { files: [arg], truncated: false };
    if (files.truncated)
      notes.push(
        `${arg}: only the first ${MAX_FOLDER_FILES.toLocaleString('en-US')} config files were checked`,
      );
    for (const file of files.files) {
      const id = fileIdentity(file);
      if (seen.has(id)) continue;
      seen.add(id);
      try {
        inputs.push({ file, text: readInputFile(file) });
      } catch (err) {
        inputs.push({ file, error: err instanceof FileReadError ? err.code : String(err) });
      }
    }
  }
  return { inputs, notes };
}
