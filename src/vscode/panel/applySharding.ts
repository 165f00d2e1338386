// "Apply" for the Sharding control: writes zero_optimization.stage into the DeepSpeed file that owns
// it (the config's linked `deepspeed:` file, or the followed DeepSpeed config itself) with one
// WorkspaceEdit, like apply.ts; when no file owns the stage it says so and writes nothing.
import * as vscode from 'vscode';
import type { DialectId } from '../../core/dialects';
import { findConfigLinks } from '../../core/links';
import { shardingApplyPlan, shardingOwner } from '../../core/panel/sharding';
import { setValueChange } from '../../core/panel/textEdit';
import { linkReaderAsync } from '../../io/linked';
import type { ApplyOutcome } from './apply';

export async function applySharding(
  doc: vscode.TextDocument,
  dialect: DialectId,
  config: Record<string, unknown> | undefined,
  choice: string,
): Promise<ApplyOutcome> {
  const roots = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
  // On the host's thread: read asynchronously, with the read timeout.
  const read = linkReaderAsync({ folders: roots, roots });
  const links = findConfigLinks(doc.getText(), dialect);
  const linked = await Promise.all(links.map((l) => read(l, doc.uri.fsPath)));
  const owner = shardingOwner({ path: doc.uri.fsPath, dialect, config }, linked);
  const plan = shardingApplyPlan(choice, owner);
  if (!plan.ok || owner.kind !== 'deepspeed-file') return { ok: false, message: plan.ok ? '' : plan.message };
  try {
    const target =
      owner.path === doc.uri.fsPath
        ? doc
        : await vscode.workspace.openTextDocument(vscode.Uri.file(owner.path));
    const change = setValueChange(target.getText(), owner.keyPath, plan.stage, { json: true });
    const edit = new vscode.WorkspaceEdit();
    edit.replace(
      target.uri,
      new vscode.Range(target.positionAt(change.offset), target.positionAt(change.offset + change.length)),
      change.text,
    );
    const where = vscode.workspace.asRelativePath(target.uri);
    if (!(await vscode.workspace.applyEdit(edit)))
      return { ok: false, message: `VS Code refused the edit to ${where} (is the file read-only?)` };
    return {
      ok: true,
      message: `zero_optimization.stage set to ${plan.stage} in ${where}${plan.note} (undo with Ctrl+Z in that file)`,
    };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
}
