// Linked DeepSpeed files: the `deepspeed:` path of a training config is a DocumentLink to the file
// (Ctrl+Click), and a path that exists nowhere here is a warning.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, closeAllEditors, fixtureUri, openFixture, waitUntil } from './util';

describe('linked DeepSpeed files', () => {
  // The link provider exists once the extension is active (this file may run first, on a cold host).
  before(async () => void (await api()));
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

  it('Ctrl+Click on `deepspeed:` opens the file; a new ZeRO stage there changes the CodeLens memory', async function () {
    // Two saves and three worker analyses; a busy extension host answers slowly.
    this.timeout(120_000);
    const editor = await openFixture('linked/lora-z3.yml');
    const training = editor.document.uri;
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>(
      'vscode.executeLinkProvider',
      training,
    );
    const link = links.find((l) => l.target?.fsPath.endsWith('ds_offload.json'));
    assert.ok(link?.target, 'a DocumentLink on deepspeed: ds_offload.json');
    // What Ctrl+Click does: open the link's target in an editor.
    await vscode.commands.executeCommand('vscode.open', link.target);
    const ds = vscode.window.activeTextEditor;
    assert.equal(ds?.document.uri.fsPath, fixtureUri('linked/ds_offload.json').fsPath);
    const memory = async (): Promise<string | undefined> => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        training,
        10,
      );
      return lenses.map((l) => l.command?.title ?? '').find((t) => /peak allocated/.test(t));
    };
    const setStage = async (from: string, to: string): Promise<void> => {
      const doc = ds!.document;
      const at = doc.getText().indexOf(from);
      assert.ok(at >= 0, `${from} in ds_offload.json`);
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + from.length)), to);
      assert.ok(await vscode.workspace.applyEdit(edit));
      assert.ok(await doc.save());
    };
    const changed = async (before: string | undefined, what: string): Promise<string | undefined> => {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const now = await memory();
        if (now && now !== before) return now;
        if (Date.now() > deadline) throw new Error(`CodeLens memory stayed "${before}" after ${what}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    // ZeRO-3 with offload_param: the weights live in CPU RAM. Stage 2 ignores offload_param: they come back.
    const stage3 = await changed(undefined, 'opening');
    await setStage('"stage": 3', '"stage": 2');
    const stage2 = await changed(stage3, 'the edit to stage 2');
    await setStage('"stage": 2', '"stage": 3');
    assert.equal(await changed(stage2, 'the edit back to stage 3'), stage3);
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
