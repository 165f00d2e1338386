// Quick fixes: each fix the engine attached to a diagnostic becomes a QuickFix CodeAction
// ("Change to lora_alpha", "Write 2.0e-5", "Rename to attn_implementation").
import * as vscode from 'vscode';
import type { ConfigValidator } from './diagnostics';
import { toRange } from './diagnostics';

export class ConfigQuickFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly validator: ConfigValidator) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const last = this.validator.lastResult(document);
    if (!last || last.version !== document.version) return [];
    const actions: vscode.CodeAction[] = [];
    for (const shown of context.diagnostics) {
      if (shown.source !== 'ML Config Lens') continue;
      const core = last.result.diagnostics.find((d) => d.code === shown.code && d.message === shown.message && toRange(document, d.start, d.end).isEqual(shown.range));
      for (const fix of core?.fixes ?? []) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        for (const e of fix.edits) action.edit.replace(document.uri, toRange(document, e.start, e.end), e.newText);
        action.diagnostics = [shown];
        action.isPreferred = fix.isPreferred;
        actions.push(action);
      }
    }
    return actions;
  }
}

export function registerCodeActions(context: vscode.ExtensionContext, validator: ConfigValidator): void {
  const selector = ['yaml', 'json', 'jsonc'].map((language) => ({ language }));
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(selector, new ConfigQuickFixes(validator), { providedCodeActionKinds: ConfigQuickFixes.kinds }),
  );
}
