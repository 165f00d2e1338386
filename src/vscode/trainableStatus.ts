// Status bar item with the trainable-parameter count of the active config; updates as the user
// types (the analysis is cached per document version) and opens the panel on click.
import * as vscode from 'vscode';
import { COMMANDS } from '../core/ids';
import { compactCount, percent } from '../core/analysis/format';
import type { DocumentInsights } from './insights';
import { settingsFor } from './settings';

export function registerTrainableStatus(context: vscode.ExtensionContext, insights: DocumentInsights): void {
  const item = vscode.window.createStatusBarItem('mlConfig.trainable', vscode.StatusBarAlignment.Right, 99);
  item.name = 'ML Config Lens: trainable parameters';
  item.command = COMMANDS.openPanel;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const refresh = (): void => {
    const doc = vscode.window.activeTextEditor?.document;
    const enabled = settingsFor().statusBarEnabled;
    const e = enabled && doc ? insights.analysis(doc)?.estimate : undefined;
    if (!e) return item.hide();
    item.text = `$(symbol-numeric) ${compactCount(e.trainableParams)} trainable`;
    item.tooltip = `${e.method}: ${e.trainableParams.toLocaleString('en-US')} of ${e.totalParams.toLocaleString('en-US')} parameters (${percent(e.trainablePercent)}). Click for the estimator panel.`;
    item.show();
  };
  const soon = (): void => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 150);
  };
  context.subscriptions.push(
    item,
    vscode.window.onDidChangeActiveTextEditor(refresh),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === vscode.window.activeTextEditor?.document) soon();
    }),
    insights.onDidChange(refresh),
    { dispose: () => clearTimeout(timer) },
  );
  refresh();
}
