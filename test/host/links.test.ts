// Linked DeepSpeed files: the `deepspeed:` path of a training config is a DocumentLink to the file
// (Ctrl+Click), and a path that exists nowhere here is a warning.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, fixtureUri, openFixture, waitUntil } from './util';

describe('linked DeepSpeed files', () => {
  after(closeAllEditors);

  it('`deepspeed: ds_config_zero2.json` links to the file beside the config', async () => {
    const editor = await openFixture('linked/lora-ds.yml');
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>(
      'vscode.executeLinkProvider',
      editor.document.uri,
    );
    const ours = links.filter((l) => l.target?.fsPath.endsWith('ds_config_zero2.json'));
    assert.equal(ours.length, 1);
    assert.equal(ours[0].target?.fsPath, fixtureUri('linked/ds_config_zero2.json').fsPath);
    assert.equal(editor.document.getText(ours[0].range), 'ds_config_zero2.json');
  });

  it('a linked file found nowhere is a warning that says it may live on the cluster', async () => {
    const editor = await openFixture('linked/lora-missing-ds.yml');
    await vscode.commands.executeCommand<vscode.DocumentLink[]>(
      'vscode.executeLinkProvider',
      editor.document.uri,
    );
    const mine = (): vscode.Diagnostic[] =>
      vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.code === 'linked-file-missing');
    await waitUntil(() => mine().length === 1, 10_000, 'linked-file-missing warning');
    assert.equal(mine()[0].severity, vscode.DiagnosticSeverity.Warning);
    assert.match(mine()[0].message, /may live on the cluster/);
  });
});
