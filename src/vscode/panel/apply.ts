// "Apply": one WorkspaceEdit that replaces only the value's text range (or adds the missing key),
// so comments and formatting stay and the change is one undo step in the editor.
import * as vscode from 'vscode';
import type { DialectId } from '../../core/dialects';
import { planApply } from '../../core/panel/applyKeys';
import type { ApplyField } from '../../core/panel/protocol';

export interface ApplyOutcome {
  ok: boolean;
  message: string;
}

export async function applyToDocument(
  doc: vscode.TextDocument,
  dialect: DialectId,
  field: ApplyField,
  value: number | string,
): Promise<ApplyOutcome> {
  const json = doc.languageId === 'json' || doc.languageId === 'jsonc';
  let change;
  try {
    change = planApply(doc.getText(), dialect, field, value, json);
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  const range = new vscode.Range(
    doc.positionAt(change.offset),
    doc.positionAt(change.offset + change.length),
  );
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, range, change.text);
  const ok = await vscode.workspace.applyEdit(edit);
  const where = vscode.workspace.asRelativePath(doc.uri);
  return ok
    ? { ok, message: `${field} set to ${change.text.trim()} in ${where} (undo with Ctrl+Z in the editor)` }
    : { ok, message: `VS Code refused the edit to ${where} (is the file read-only?)` };
}
