// Small helpers the commands share: which document a command is about, and copyable results.
import * as vscode from 'vscode';
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
