// Model resolution in the editor, in one place (insights, panel): a config's relative model path is
// read against the config file's folder, as the CLI does; an untitled or virtual document falls back
// to the first workspace folder, else the home folder.
import * as os from 'node:os';
import * as vscode from 'vscode';
import { modelBaseDir } from '../core/models/base-dir';
import type { ResolveOptions } from '../core/models/resolve';
import { SETTINGS } from '../core/ids';

export function resolveOptionsFor(document: vscode.TextDocument | undefined): ResolveOptions {
  const fallback = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? os.homedir();
  return {
    cwd: modelBaseDir(document?.uri.scheme === 'file' ? document.uri.fsPath : undefined, fallback),
    env: process.env,
    homeDir: os.homedir(),
    allowNetwork: vscode.workspace.getConfiguration().get<boolean>(SETTINGS.allowNetwork) === true,
  };
}
