// Model resolution in the editor, in one place (insights, panel): a config's relative model path is
// read against the config file's folder, as the CLI does; an untitled or virtual document falls back
// to the first workspace folder, else the home folder. Paths a file names are read only inside the
// workspace folders (or the folder of a lone file) and the Hugging Face cache (src/io/read.ts roots).
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { modelBaseDir } from '../core/models/base-dir';
import type { ResolveOptions } from '../io/resolve';
import { settingsFor } from './settings';

export function resolveOptionsFor(document: vscode.TextDocument | undefined): ResolveOptions {
  const folders = (vscode.workspace.workspaceFolders ?? [])
    .filter((f) => f.uri.scheme === 'file')
    .map((f) => f.uri.fsPath);
  const docDir = document?.uri.scheme === 'file' ? path.dirname(document.uri.fsPath) : undefined;
  return {
    cwd: modelBaseDir(
      document?.uri.scheme === 'file' ? document.uri.fsPath : undefined,
      folders[0] ?? os.homedir(),
    ),
    env: process.env,
    homeDir: os.homedir(),
    roots: folders.length ? folders : docDir ? [docDir] : [],
    allowNetwork: document ? settingsFor(document.uri).allowNetwork : false,
  };
}
