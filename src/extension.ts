// Wires the adapters in src/vscode to the editor. Nothing heavy happens here: each adapter
// loads what it needs on first use.
import * as vscode from 'vscode';
import { registerCommands } from './vscode/commands';
import { registerDiagnostics } from './vscode/diagnostics';
import { registerCodeActions } from './vscode/codeActions';
import { registerCompletion } from './vscode/completion';
import { registerDialectStatus } from './vscode/dialectStatus';
import { DocumentInsights, hostDialectOf } from './vscode/insights';
import { registerHover } from './vscode/hover';
import { registerCodeLens } from './vscode/codeLens';
import { registerTrainableStatus } from './vscode/trainableStatus';
import { registerTargetDiagnostics } from './vscode/targetDiagnostics';
import { registerPanel } from './vscode/panel/register';
import { registerLinks } from './vscode/links';
import { watchLinkedFiles } from './vscode/linkedDependents';
import { registerVersionStatus } from './vscode/versionStatus';

export interface MlConfigLensApi {
  readonly version: string;
  /** The versions status bar item's text and tooltip for the active editor (host tests read it). */
  readonly versionStatus?: () => { text: string; tooltip: string } | undefined;
}

export function activate(context: vscode.ExtensionContext): MlConfigLensApi {
  const validator = registerDiagnostics(context);
  const insights = new DocumentInsights(validator.analyses, (doc) => {
    const choice = validator.choice(doc.uri);
    if (choice) return choice === 'none' ? undefined : choice;
    return hostDialectOf(doc, validator.lastResult(doc));
  });
  context.subscriptions.push(insights);
  registerCommands(context, insights);
  registerCodeActions(context, validator);
  registerCompletion(context, validator);
  registerDialectStatus(context, validator);
  registerHover(context, insights);
  registerCodeLens(context, insights);
  registerTrainableStatus(context, insights);
  registerTargetDiagnostics(context, validator);
  registerPanel(context, insights);
  registerLinks(context, insights);
  context.subscriptions.push(watchLinkedFiles(validator.analyses));
  const versionStatus = registerVersionStatus(context, validator);
  return { version: String(context.extension.packageJSON.version), versionStatus };
}

export function deactivate(): void {
  // Disposables registered on the context are released by VS Code.
}
