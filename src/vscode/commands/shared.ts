// Small helpers the commands share: which document a command is about, and copyable results.
import * as os from 'node:os';
import * as vscode from 'vscode';
import { resolveModelLocal, ModelResolveError } from '../../io/resolve';
import type { ResolvedModel } from '../../core/models/types';
import type { DocumentInsights } from '../insights';

/** The document named by `uri`, else the active editor's when it is a training config. */
export function documentFor(
  uri: vscode.Uri | undefined,
  insights: DocumentInsights,
): vscode.TextDocument | undefined {
  if (uri) return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  const active = vscode.window.activeTextEditor?.document;
  return active && insights.dialect(active) ? active : undefined;
}

/** Shows a result with a Copy button; does not wait, so commands return their value at once. */
export function offerCopy(text: string): void {
  void vscode.window.showInformationMessage(text, 'Copy').then((choice) => {
    if (choice === 'Copy') void vscode.env.clipboard.writeText(text);
  });
}

/** A model reference resolved without network (path, catalog, local HF cache); throws a one-line error. */
export function resolveLocal(ref: string): ResolvedModel {
  const cwd = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? os.homedir();
  const roots = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
  const found = resolveModelLocal(ref, { cwd, env: process.env, homeDir: os.homedir(), roots });
  if (!found)
    throw new ModelResolveError(
      `unknown model '${ref}': not a config.json path, not in the catalog, not in the local Hugging Face cache`,
    );
  return found;
}
