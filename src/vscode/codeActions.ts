// Quick fixes: each fix the engine attached to a diagnostic becomes a QuickFix CodeAction
// ("Change to lora_alpha", "Write 2.0e-5", "Rename to attn_implementation").
import * as vscode from 'vscode';
import type { Diagnostic as CoreDiagnostic } from '../core/validate';
import type { ConfigValidator } from './diagnostics';
import { toRange } from './diagnostics';

/**
 * The quick fixes of `found` (the engine's diagnostics of this document version) whose range meets
 * `range`. Diagnostics reach the editor asynchronously, so `context.diagnostics` may not list one
 * yet: the action then carries the diagnostic from `shown` (our collection), which is already set.
 */
export function fixActions(
  document: vscode.TextDocument,
  range: vscode.Range,
  context: vscode.CodeActionContext,
  found: readonly CoreDiagnostic[],
  shown: readonly vscode.Diagnostic[],
): vscode.CodeAction[] {
  const actions: vscode.CodeAction[] = [];
  for (const core of found) {
    if (!core.fixes?.length) continue;
    const where = toRange(document, core.start, core.end);
    if (!where.intersection(range)) continue;
    const same = (d: vscode.Diagnostic): boolean =>
      d.source === 'ML Config Lens' && d.code === core.code && d.range.isEqual(where);
    const diagnostic = context.diagnostics.find(same) ?? shown.find(same);
    for (const fix of core.fixes) {
      const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
      action.edit = new vscode.WorkspaceEdit();
      for (const e of fix.edits)
        action.edit.replace(document.uri, toRange(document, e.start, e.end), e.newText);
      if (diagnostic) action.diagnostics = [diagnostic];
      action.isPreferred = fix.isPreferred;
      actions.push(action);
    }
  }
  return actions;
}

export class ConfigQuickFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly validator: ConfigValidator) {}

  provideCodeActions(
    document: vscode.TextDocument,
    range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const last = this.validator.lastResult(document);
    if (!last || last.version !== document.version) return [];
    return fixActions(
      document,
      range,
      context,
      last.result.diagnostics,
      this.validator.collection.get(document.uri) ?? [],
    );
  }
}

export function registerCodeActions(context: vscode.ExtensionContext, validator: ConfigValidator): void {
  const selector = ['yaml', 'json', 'jsonc'].map((language) => ({ language }));
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(selector, new ConfigQuickFixes(validator), {
      providedCodeActionKinds: ConfigQuickFixes.kinds,
    }),
  );
}
