// Helpers for host tests: open the fixtures (the workspace folder of a host run: a temporary copy of
// test/fixtures that scripts/vscode-host makes, so edits and saves never reach tracked files) and
// wait on VS Code's own events with a deadline instead of sleeping.
import * as path from 'path';
import * as vscode from 'vscode';
import type { MlConfigLensApi } from '../../src/extension';

export const EXTENSION_ID = 'ml-config-lens.ml-config-lens';

/**
 * The fixtures folder the host opened: the run's copy of test/fixtures. Falls back to the repository's
 * test/fixtures (compiled files sit in out/test/host) only when no folder is open.
 */
export const FIXTURES =
  vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? path.resolve(__dirname, '../../../test/fixtures');

export function fixtureUri(relativePath: string): vscode.Uri {
  return vscode.Uri.file(path.join(FIXTURES, relativePath));
}

/** Opens a fixture (e.g. 'axolotl/qlora.yml') in an editor and makes it the active one. */
export async function openFixture(relativePath: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(fixtureUri(relativePath));
  return vscode.window.showTextDocument(document, { preview: false });
}

/** Closes every editor, so each test starts from the same state. */
export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Rejects with `what` after `ms` unless `promise` settles first. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** The first event `accept` takes, within `ms` (the panel's posted and received messages, a close). */
export function next<T>(
  event: vscode.Event<T>,
  accept: (m: T) => boolean,
  what: string,
  ms = 30_000,
): Promise<T> {
  let sub: vscode.Disposable | undefined;
  const p = new Promise<T>((resolve) => {
    sub = event((m) => {
      if (accept(m)) resolve(m);
    });
  });
  return withTimeout(p, ms, what).finally(() => sub?.dispose());
}

/**
 * Resolves with the diagnostics of `uri` once `accept` returns true for them (by default: at least
 * one diagnostic). Checks the current state first, then every onDidChangeDiagnostics for that uri.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean = (d) => d.length > 0,
  ms = 10_000,
): Promise<vscode.Diagnostic[]> {
  const key = uri.toString();
  let listener: vscode.Disposable | undefined;
  const settled = new Promise<vscode.Diagnostic[]>((resolve) => {
    const check = (): boolean => {
      const current = vscode.languages.getDiagnostics(uri);
      if (!accept(current)) return false;
      resolve(current);
      return true;
    };
    if (check()) return;
    listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === key)) check();
    });
  });
  return withTimeout(settled, ms, `diagnostics on ${path.basename(uri.fsPath)}`).finally(() =>
    listener?.dispose(),
  );
}

/**
 * Resolves once `condition()` holds, checking every 50 ms up to `ms`. Only for state that VS Code
 * raises no event for (extension activation); use the event helpers above wherever one exists.
 */
export async function waitUntil(condition: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The extension under test; fails clearly when VS Code did not load it. */
export function extension(): vscode.Extension<MlConfigLensApi> {
  const ext = vscode.extensions.getExtension<MlConfigLensApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded in this host`);
  return ext;
}

/** Activates the extension (a no-op when it is active already) and returns its API. */
export async function api(): Promise<MlConfigLensApi> {
  return extension().activate();
}
