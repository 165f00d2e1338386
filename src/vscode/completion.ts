// Completion of keys (those not yet in the mapping) and enum values, from the schema of the
// document's dialect, with the schema's description as documentation. The items are computed in the
// analysis worker (the schema is never read on the extension host thread).
import * as vscode from 'vscode';
import type { ConfigValidator } from './diagnostics';
import { toRange } from './diagnostics';

export function registerCompletion(context: vscode.ExtensionContext, validator: ConfigValidator): void {
  const selector = ['yaml', 'json', 'jsonc'].map((language) => ({ language }));
  const provider: vscode.CompletionItemProvider = {
    async provideCompletionItems(document, position) {
      const dialect = validator.lastResult(document)?.result.dialect;
      if (!dialect) return [];
      const offset = document.offsetAt(position);
      const items = await validator.analyses.completions(document, offset, dialect);
      return items.map((c) => {
        const item = new vscode.CompletionItem(
          c.label,
          c.kind === 'key' ? vscode.CompletionItemKind.Property : vscode.CompletionItemKind.EnumMember,
        );
        item.insertText = c.insertText;
        item.range = toRange(document, c.start, c.end);
        item.detail = c.detail;
        item.documentation = new vscode.MarkdownString(c.documentation);
        if (c.deprecated) item.tags = [vscode.CompletionItemTag.Deprecated];
        return item;
      });
    },
  };
  context.subscriptions.push(vscode.languages.registerCompletionItemProvider(selector, provider, ':', ' '));
}
