// Wires the adapters in src/vscode to the editor. Nothing heavy happens here: each adapter
// loads what it needs on first use.
import * as vscode from 'vscode';
import { registerCommands } from './vscode/commands';
import { DocumentInsights } from './vscode/insights';
import { registerHover } from './vscode/hover';
import { registerCodeLens } from './vscode/codeLens';
import { registerTrainableStatus } from './vscode/trainableStatus';

export interface MlConfigLensApi {
  readonly version: string;
}

export function activate(context: vscode.ExtensionContext): MlConfigLensApi {
  const insights = new DocumentInsights();
  context.subscriptions.push(insights);
  registerCommands(context, insights);
  registerHover(context, insights);
  registerCodeLens(context, insights);
  registerTrainableStatus(context, insights);
  return { version: String(context.extension.packageJSON.version) };
}

export function deactivate(): void {
  // Disposables registered on the context are released by VS Code.
}
