// The estimator panel when the editor of the file it follows closes: VS Code releases the document and
// the worker its results, and the panel used to fall back to the default model (Llama-2-7B) for a
// Llama-3.2-1B config. It must keep the file's own values, read from disk, and say the file is closed.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { applicableFields } from '../../src/core/panel/applyKeys';
import type { HostMessage, WebviewMessage } from '../../src/core/panel/protocol';
import type { EstimatorPanel } from '../../src/vscode/panel/controller';
import { closeAllEditors, fixtureUri, next } from './util';

// A copy under a name no other test opens: a document an extension opened stays open for 3 minutes.
const SOURCE = 'axolotl/qlora.yml';
const FIXTURE = 'panel/closing-qlora.yml';
type DocumentMessage = Extract<HostMessage, { type: 'document' }>;

async function closeTabOf(uri: vscode.Uri): Promise<void> {
  const tabs = vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString());
  assert.equal(tabs.length, 1, `one editor tab of ${uri.path}`);
  await vscode.window.tabGroups.close(tabs);
}

describe('estimator panel following a file whose editor closes', () => {
  let panel: EstimatorPanel | undefined;

  before(async () => {
    await vscode.workspace.fs.writeFile(
      fixtureUri(FIXTURE),
      await vscode.workspace.fs.readFile(fixtureUri(SOURCE)),
    );
  });

  after(async () => {
    panel?.panel.dispose();
    await closeAllEditors();
    await vscode.workspace.fs.delete(fixtureUri(FIXTURE));
  });

  it("keeps the file's own model from disk, says it is closed, and Apply opens the file again to write", async function () {
    this.timeout(60_000);
    await closeAllEditors();
    // Opened as a user opens it (openTextDocument would keep the document open for 3 minutes).
    await vscode.commands.executeCommand('vscode.open', fixtureUri(FIXTURE));
    const doc = vscode.window.activeTextEditor!.document;
    assert.equal(doc.uri.toString(), fixtureUri(FIXTURE).toString());
    panel = await vscode.commands.executeCommand<EstimatorPanel>('mlConfig.openPanel');
    const shown = panel;
    const closed = next(vscode.workspace.onDidCloseTextDocument, (d) => d === doc, 'the config to close');
    const fromDisk = next(
      shown.onDidPost,
      (m) => m.type === 'document' && m.doc?.note === 'closed; values from the file on disk',
      'the panel to show the closed file from disk',
    );
    // Only the config's tab closes (no other config editor becomes the followed file).
    await closeTabOf(doc.uri);
    await closed;
    const msg = (await fromDisk) as DocumentMessage;
    assert.deepEqual(msg.doc, {
      uri: doc.uri.toString(),
      name: FIXTURE,
      dialect: 'axolotl',
      note: 'closed; values from the file on disk',
    });
    assert.deepEqual(
      [msg.inputs.modelRef, msg.inputs.method, msg.inputs.rank],
      ['NousResearch/Llama-3.2-1B', 'QLORA', 16],
    );
    // Apply stays offered as on an open Axolotl file: it opens the file again (below).
    assert.deepEqual(msg.applicable, applicableFields('axolotl'));
    assert.equal(msg.applicable.length, 7);
    assert.equal(shown.panel.title, `Estimator: ${FIXTURE} (closed)`);

    // "Reset to file" answers with the same values, and the webview renders the file's numbers.
    const rendered = next(
      shown.onDidReceive,
      (m: WebviewMessage) => m.type === 'rendered' && m.summary.startsWith('Trainable 11,272,192 '),
      'the Llama-3.2-1B QLoRA render',
    );
    const reset = next(shown.onDidPost, (m) => m.type === 'document', 'the answer to reset');
    await shown.receive({ type: 'reset' });
    assert.equal(((await reset) as DocumentMessage).inputs.modelRef, 'NousResearch/Llama-3.2-1B');
    await rendered;

    // Apply opens the file from disk again, writes the value there, and the panel follows it, open.
    const before = doc.getText();
    const applied = next(shown.onDidPost, (m) => m.type === 'applied', 'the applied message');
    await shown.receive({ type: 'apply', field: 'rank', value: 32 });
    assert.deepEqual(await applied, {
      type: 'applied',
      field: 'rank',
      ok: true,
      message: `rank set to 32 in ${FIXTURE} (undo with Ctrl+Z in the editor)`,
    });
    const reopened = shown.document!;
    assert.notEqual(reopened, doc);
    assert.equal(reopened.isClosed, false);
    assert.equal(reopened.getText(), before.replace('lora_r: 16\n', 'lora_r: 32\n'));
    assert.equal(shown.panel.title, `Estimator: ${FIXTURE}`);
    await vscode.window.showTextDocument(reopened);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.equal(reopened.getText(), before);
  });
});
