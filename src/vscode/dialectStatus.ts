// Status bar item naming the dialect of the active config (tooltip: why), and the command
// mlConfig.selectDialect that overrides detection for one file (kept in workspace state).
import * as vscode from 'vscode';
import { COMMANDS } from '../core/ids';
import { DIALECTS, isDialectId } from '../core/dialects';
import type { ConfigValidator, DialectChoice } from './diagnostics';

const AUTO = 'auto';

export function registerDialectStatus(context: vscode.ExtensionContext, validator: ConfigValidator): void {
  const item = vscode.window.createStatusBarItem('mlConfig.dialect', vscode.StatusBarAlignment.Right, 100);
  item.name = 'ML Config Lens: dialect';
  item.command = COMMANDS.selectDialect;
  const refresh = (): void => {
    const doc = vscode.window.activeTextEditor?.document;
    const last = doc && validator.lastResult(doc);
    const choice = doc && validator.choice(doc.uri);
    if (!doc || !last || (!last.result.dialect && !choice)) return item.hide();
    const label = DIALECTS.find((d) => d.id === last.result.dialect)?.label ?? 'not validated';
    item.text = `$(checklist) ${label}`;
    item.tooltip = `ML Config Lens: ${label} (${last.result.reason}). Click to change.`;
    item.show();
  };
  context.subscriptions.push(
    item,
    vscode.window.onDidChangeActiveTextEditor(refresh),
    validator.onDidValidate((d) => {
      if (d === vscode.window.activeTextEditor?.document) refresh();
    }),
    vscode.commands.registerCommand(COMMANDS.selectDialect, (arg?: unknown) => selectDialect(validator, arg)),
  );
  refresh();
}

/**
 * Lets the user pick the dialect of the active file; `arg` (a dialect id, 'none' or 'auto') skips
 * the picker, for keybindings and tests. Returns what was chosen, undefined when cancelled.
 */
async function selectDialect(
  validator: ConfigValidator,
  arg?: unknown,
): Promise<DialectChoice | typeof AUTO | undefined> {
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc) {
    void vscode.window.showInformationMessage('ML Config: open a YAML or JSON config file first.');
    return undefined;
  }
  let picked = typeof arg === 'string' ? arg : undefined;
  if (picked === undefined) {
    const items = [
      { label: 'Detect automatically', id: AUTO },
      ...DIALECTS.map((d) => ({ label: d.label, description: d.id, id: d.id as string })),
      { label: 'Not a training config', description: 'do not validate this file', id: 'none' },
    ];
    picked = (await vscode.window.showQuickPick(items, { placeHolder: 'Dialect of this config file' }))?.id;
  }
  if (picked === undefined) return undefined;
  if (picked !== AUTO && picked !== 'none' && !isDialectId(picked)) {
    void vscode.window.showErrorMessage(`ML Config: unknown dialect "${picked}".`);
    return undefined;
  }
  await validator.setChoice(doc.uri, picked === AUTO ? undefined : (picked as DialectChoice));
  return picked as DialectChoice | typeof AUTO;
}
