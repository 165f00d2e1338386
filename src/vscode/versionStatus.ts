// Status bar item naming the framework release the active config is validated against and the
// transformers release its counts assume, each with where it came from (tooltip); documents are
// analysed again when a detection in the workspace's Python environment finds other versions.
import * as vscode from 'vscode';
import type { ConfigValidator } from './diagnostics';
import { frameworkVersions, versionStatus } from './frameworkVersions';
import { settingsFor } from './settings';

/** Registers the item; returns what it shows now (text and tooltip, undefined when hidden). */
export function registerVersionStatus(
  context: vscode.ExtensionContext,
  validator: ConfigValidator,
): () => { text: string; tooltip: string } | undefined {
  let current: { text: string; tooltip: string } | undefined;
  const versions = frameworkVersions();
  const item = vscode.window.createStatusBarItem('mlConfig.versions', vscode.StatusBarAlignment.Right, 98);
  item.name = 'ML Config Lens: framework versions';
  const refresh = (): void => {
    const doc = vscode.window.activeTextEditor?.document;
    const dialect = doc && validator.lastResult(doc)?.result.dialect;
    const shown =
      doc && dialect && settingsFor(doc.uri).statusBarEnabled
        ? versionStatus(dialect, versions.forDocument(doc.uri))
        : undefined;
    current = shown;
    if (!shown) return item.hide();
    item.text = shown.text;
    item.tooltip = shown.tooltip;
    item.show();
  };
  context.subscriptions.push(
    versions,
    item,
    versions.onDidChange(() => {
      vscode.workspace.textDocuments.forEach((d) => void validator.validate(d));
      refresh();
    }),
    vscode.window.onDidChangeActiveTextEditor(refresh),
    validator.onDidValidate((d) => {
      if (d === vscode.window.activeTextEditor?.document) refresh();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('mlConfig')) refresh();
    }),
  );
  refresh();
  return () => current;
}
