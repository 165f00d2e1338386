// "ML Config: Insert PEFT Block": pick a method, insert the active dialect's form of it (the same
// bodies as the snippets, so both stay one source).
import * as vscode from 'vscode';
import { DIALECTS, type DialectId } from '../../core/dialects';
import type { DocumentInsights } from '../insights';

interface SnippetDef {
  prefix: string;
  description: string;
  body: string[];
}

export interface InsertResult {
  dialect: DialectId;
  prefix: string;
}

export async function insertBlockCommand(
  context: vscode.ExtensionContext,
  insights: DocumentInsights,
  method?: string,
): Promise<InsertResult | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage(
      'ML Config: open a config file (or a new YAML file) to insert a PEFT block into.',
    );
    return undefined;
  }
  const dialect = insights.dialect(editor.document) ?? (await pickDialect());
  if (!dialect) return undefined;
  const file = editor.document.languageId === 'yaml' ? 'yaml.code-snippets' : 'json.code-snippets';
  const snippets = await loadSnippets(context, file, dialect);
  if (snippets.length === 0) {
    void vscode.window.showWarningMessage(
      `ML Config: no ${dialect} PEFT block for ${editor.document.languageId} files.`,
    );
    return undefined;
  }
  const chosen = method
    ? snippets.find((s) => s.prefix === `mlc-${dialect}-${method}`)
    : (
        await vscode.window.showQuickPick(
          snippets.map((s) => ({
            label: s.prefix.replace(`mlc-${dialect}-`, ''),
            description: s.description,
            s,
          })),
          { title: `ML Config: PEFT block for ${DIALECTS.find((d) => d.id === dialect)?.label ?? dialect}` },
        )
      )?.s;
  if (!chosen) return undefined;
  const line = editor.selection.active.line;
  const at = editor.document.lineAt(line).isEmptyOrWhitespace
    ? new vscode.Position(line, 0)
    : new vscode.Position(line + 1, 0);
  if (at.line >= editor.document.lineCount)
    await editor.edit((b) => b.insert(editor.document.lineAt(editor.document.lineCount - 1).range.end, '\n'));
  await editor.insertSnippet(
    new vscode.SnippetString(blockLines(chosen.body, editor.document).join('\n') + '\n'),
    at,
  );
  return { dialect, prefix: chosen.prefix };
}

async function pickDialect(): Promise<DialectId | undefined> {
  const picked = await vscode.window.showQuickPick(
    DIALECTS.map((d) => ({ label: d.label, id: d.id })),
    { title: 'ML Config: which framework is this file for?' },
  );
  return picked?.id;
}

async function loadSnippets(
  context: vscode.ExtensionContext,
  file: string,
  dialect: DialectId,
): Promise<SnippetDef[]> {
  const bytes = await vscode.workspace.fs.readFile(
    vscode.Uri.joinPath(context.extensionUri, 'snippets', file),
  );
  const all = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, SnippetDef>;
  return Object.values(all).filter((s) => s.prefix.startsWith(`mlc-${dialect}-`));
}

/**
 * A snippet is a complete starter config; into a file that already has content only its block
 * (from the method's comment line on) goes, so keys like base_model or datasets are not repeated.
 */
function blockLines(body: string[], document: vscode.TextDocument): string[] {
  if (document.getText().trim() === '') return body;
  const start = body.findIndex((l) => l.startsWith('# '));
  return start > 0 ? body.slice(start) : body;
}
