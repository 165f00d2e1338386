// Command palette entries (category "ML Config"). Each command returns its result so that tests,
// keybindings and other extensions can use it through `executeCommand`.
import * as vscode from 'vscode';
import { COMMANDS } from '../core/ids';
import { DIALECTS, type DialectId } from '../core/dialects';
import type { DocumentInsights } from './insights';
import { estimateCommand } from './commands/estimate';
import { recommendCommand } from './commands/recommend';
import { insertBlockCommand } from './commands/insertBlock';
import { architectureCommand, registerArchitectureDocuments } from './commands/architecture';

export interface DialectResult {
  file: string;
  dialect: DialectId | null;
  label: string;
}

export function registerCommands(context: vscode.ExtensionContext, insights: DocumentInsights): void {
  registerArchitectureDocuments(context);
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.showDialect, () => showDialect(insights)),
    vscode.commands.registerCommand(COMMANDS.estimateParameters, (arg?) => estimateCommand(insights, arg)),
    vscode.commands.registerCommand(
      COMMANDS.recommendLearningRate,
      (uri?: vscode.Uri, options?: { quiet?: boolean }) => recommendCommand(insights, uri, options),
    ),
    vscode.commands.registerCommand(COMMANDS.insertPeftBlock, (method?: string) =>
      insertBlockCommand(context, insights, method),
    ),
    vscode.commands.registerCommand(COMMANDS.showModelArchitecture, (arg?) =>
      architectureCommand(insights, arg),
    ),
  );
}

async function showDialect(insights: DocumentInsights): Promise<DialectResult | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('ML Config: open a YAML or JSON config file first.');
    return undefined;
  }
  const dialect = insights.dialect(editor.document) ?? null;
  const label = DIALECTS.find((d) => d.id === dialect)?.label ?? 'not a recognised training config';
  void vscode.window.showInformationMessage(`ML Config: ${label}`);
  return { file: editor.document.uri.toString(), dialect, label };
}
