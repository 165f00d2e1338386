// Diagnostics on target-module entries that hit nothing in the config's model (the estimator knows
// the model's module names; the schema cannot), with a "did you mean" quick fix. Computed in the
// analysis worker with the rest; kept in their own collection, refreshed when the worker answers.
import * as vscode from 'vscode';
import type { Diagnostic as CoreDiagnostic } from '../core/validate';
import type { ConfigValidator } from './diagnostics';
import { toRange } from './diagnostics';
import { fixActions } from './codeActions';

export function registerTargetDiagnostics(
  context: vscode.ExtensionContext,
  validator: ConfigValidator,
): void {
  const collection = vscode.languages.createDiagnosticCollection('ml-config-lens-targets');
  const found = new Map<string, { version: number; diagnostics: CoreDiagnostic[] }>();
  const refresh = (document: vscode.TextDocument, version: number, diagnostics: CoreDiagnostic[]): void => {
    found.set(document.uri.toString(), { version, diagnostics });
    collection.set(
      document.uri,
      diagnostics.map((d) => {
        const out = new vscode.Diagnostic(
          toRange(document, d.start, d.end),
          d.message,
          d.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
        );
        out.source = 'ML Config Lens';
        out.code = d.code;
        return out;
      }),
    );
  };
  const fixes: vscode.CodeActionProvider = {
    provideCodeActions(document, range, ctx) {
      const hit = found.get(document.uri.toString());
      if (!hit || hit.version !== document.version) return [];
      return fixActions(document, range, ctx, hit.diagnostics, collection.get(document.uri) ?? []);
    },
  };
  const selector = ['yaml', 'json', 'jsonc'].map((language) => ({ language }));
  context.subscriptions.push(
    collection,
    validator.analyses.onDidAnalyse(({ document, version, result }) =>
      refresh(document, version, result.targetDiagnostics),
    ),
    vscode.workspace.onDidCloseTextDocument((d) => {
      collection.delete(d.uri);
      found.delete(d.uri.toString());
    }),
    vscode.languages.registerCodeActionsProvider(selector, fixes, {
      providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
    }),
  );
}
