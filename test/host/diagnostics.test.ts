// Validation in the real host: exact diagnostic ranges on fixture files, a quick fix applied through
// vscode.executeCodeActionProvider + workspace.applyEdit, completion, and the dialect command.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, fixtureUri, openFixture, waitForDiagnostics } from './util';

const ours = (ds: vscode.Diagnostic[]): vscode.Diagnostic[] =>
  ds.filter((d) => d.source === 'ML Config Lens');
const rangeOf = (d: vscode.Diagnostic): number[] => [
  d.range.start.line,
  d.range.start.character,
  d.range.end.line,
  d.range.end.character,
];

/**
 * A fresh copy of a fixture in a temporary folder: tests edit it freely (the host may auto-save)
 * and the checked-in fixture never changes.
 */
async function openCopy(relativePath: string): Promise<vscode.TextEditor> {
  const file = join(mkdtempSync(join(tmpdir(), 'mlcl-validation-')), basename(relativePath));
  writeFileSync(file, readFileSync(fixtureUri(relativePath).fsPath, 'utf8'));
  const copy = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  return vscode.window.showTextDocument(copy, { preview: false });
}

/** Closes an edited copy without a save prompt. */
async function discard(editor: vscode.TextEditor): Promise<void> {
  await editor.document.save();
  await vscode.window.showTextDocument(editor.document);
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
}

async function preferredFix(uri: vscode.Uri, d: vscode.Diagnostic): Promise<vscode.CodeAction> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    uri,
    d.range,
    vscode.CodeActionKind.QuickFix.value,
  );
  assert.equal(actions.length, 1, actions.map((a) => a.title).join(', '));
  const [fix] = actions;
  assert.equal(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
  assert.equal(fix.isPreferred, true);
  assert.ok(fix.edit);
  return fix;
}

describe('validation diagnostics', () => {
  afterEach(closeAllEditors);

  it('puts an unknown LLaMA-Factory key on the key, as an error, and the quick fix renames it', async () => {
    const uri = fixtureUri('validation/lf-typo.yaml');
    await openFixture('validation/lf-typo.yaml');
    const [onDisk] = ours(await waitForDiagnostics(uri, (ds) => ours(ds).length > 0));
    assert.deepEqual(rangeOf(onDisk), [7, 0, 7, 9]);
    const editor = await openCopy('validation/lf-typo.yaml');
    const copyUri = editor.document.uri;
    const [d] = ours(
      await waitForDiagnostics(copyUri, (ds) => ours(ds).some((x) => x.code === 'unknown-key')),
    );
    assert.deepEqual(rangeOf(d), [7, 0, 7, 9]);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(d.code, 'unknown-key');
    assert.match(d.message, /^Unknown key "lora_rnak"\. Did you mean "lora_rank"\?/);
    const fix = await preferredFix(copyUri, d);
    assert.equal(fix.title, 'Change to lora_rank');
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.equal(editor.document.lineAt(7).text, 'lora_rank: 8');
    await waitForDiagnostics(copyUri, (ds) => ours(ds).length === 0);
    await discard(editor);
  });

  it('tells that PyYAML reads 2e-5 as a string, on the value, and writes 2.0e-5', async () => {
    const editor = await openCopy('validation/axolotl-float.yml');
    const uri = editor.document.uri;
    const all = ours(
      await waitForDiagnostics(uri, (ds) => ours(ds).some((x) => x.code === 'numeric-string')),
    );
    assert.equal(all.length, 1, all.map((x) => x.message).join('\n'));
    const [d] = all;
    assert.deepEqual(rangeOf(d), [7, 15, 7, 19]);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Information);
    assert.equal(d.code, 'numeric-string');
    const fix = await preferredFix(uri, d);
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.equal(editor.document.lineAt(7).text, 'learning_rate: 2.0e-5');
    await waitForDiagnostics(uri, (ds) => ours(ds).length === 0);
    await discard(editor);
  });

  it('completes keys that are not in the file yet, with their documentation', async () => {
    const editor = await openCopy('validation/axolotl-float.yml');
    await waitForDiagnostics(editor.document.uri, (ds) => ours(ds).some((x) => x.code === 'numeric-string'));
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    await editor.edit((b) => b.insert(end, '\nlora_drop'));
    const pos = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      editor.document.uri,
      pos,
    );
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('lora_dropout'));
    assert.ok(!labels.includes('lora_r'), 'lora_r is already in the file');
    await discard(editor);
  });

  it('mlConfig.selectDialect turns validation off for a file and back on', async () => {
    const uri = fixtureUri('validation/lf-typo.yaml');
    await openFixture('validation/lf-typo.yaml');
    // The typo, plus a warning that `data/dataset_info.json` is not in the fixture's folder or workspace.
    const codes = (ds: vscode.Diagnostic[]): string =>
      ours(ds)
        .map((d) => String(d.code))
        .sort()
        .join(',');
    await waitForDiagnostics(uri, (ds) => codes(ds) === 'lf-dataset-info-missing,unknown-key');
    assert.equal(await vscode.commands.executeCommand('mlConfig.selectDialect', 'none'), 'none');
    await waitForDiagnostics(uri, (ds) => ours(ds).length === 0);
    assert.equal(await vscode.commands.executeCommand('mlConfig.selectDialect', 'auto'), 'auto');
    await waitForDiagnostics(uri, (ds) => codes(ds) === 'lf-dataset-info-missing,unknown-key');
  });
});
