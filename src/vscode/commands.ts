// Command palette entries (category "ML Config"). Each command returns its result so that tests
// and other extensions can use it through `executeCommand`.
import * as vscode from 'vscode';
import { COMMANDS } from '../core/ids';
import { DIALECTS, sniffDialect, type DialectId } from '../core/dialects';

export interface DialectResult {
  file: string;
  dialect: DialectId | null;
  label: string;
}

export function registerCommands(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.showDialect, showDialect),
  );
}

async function showDialect(): Promise<DialectResult | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('ML Config: open a YAML or JSON config file first.');
    return undefined;
  }
  const dialect = sniffDialect(editor.document.getText()) ?? null;
  const label = DIALECTS.find((d) => d.id === dialect)?.label ?? 'not a recognised training config';
  void vscode.window.showInformationMessage(`ML Config: ${label}`);
  return { file: editor.document.uri.toString(), dialect, label };
}
