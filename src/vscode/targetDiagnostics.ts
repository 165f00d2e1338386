// Diagnostics on target-module entries that hit nothing in the config's model (the estimator knows
// the model's module names; the schema cannot), with a "did you mean" quick fix. Kept in their own
// collection and refreshed after each validation of the document.
import * as vscode from 'vscode';
import { targetDiagnostics } from '../core/analysis/targets';
import type { Diagnostic as CoreDiagnostic } from '../core/validate';
import type { ConfigValidator } from './diagnostics';
import { toRange } from './diagnostics';
import { fixActions } from './codeActions';
import type { DocumentInsights } from './insights';

export function registerTargetDiagnostics(context: vscode.ExtensionContext, validator: ConfigValidator, insights: DocumentInsights): void {
  const collection = vscode.languages.createDiagnosticCollection('ml-config-lens-targets');
  const found = new Map<string, { version: number; diagnostics: CoreDiagnostic[] }>();
  const refresh = (document: vscode.TextDocument): void => {
    const analysis = insights.analysis(document);
    const diagnostics = analysis ? targetDiagnostics(document.getText(), analysis) : [];
    found.set(document.uri.toString(), { version: document.version, diagnostics });
    collection.set(document.uri, diagnostics.map((d) => {
      const out = new vscode.Diagnostic(toRange(document, d.start, d.end), d.message,
        d.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
      out.source = 'ML Config Lens';
      out.code = d.code;
      return out;
    }));
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
    validator.onDidValidate(refresh),
    insights.onDidChange((uri) => {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (doc) refresh(doc);
    }),
    vscode.workspace.onDidCloseTextDocument((d) => { collection.delete(d.uri); found.delete(d.uri.toString()); }),
    vscode.languages.registerCodeActionsProvider(selector, fixes, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
  );
}
