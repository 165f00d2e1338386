// The estimator panel in the real host: it opens on a config, the webview asks for the numbers and
// reports what it rendered (a full webview → host → webview round trip), a host-side compute
// answers with exact counts, and "Apply" edits only the value's text and is undone by one undo.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HostMessage, WebviewMessage } from '../../src/core/panel/protocol';
import type { PanelInputs } from '../../src/core/panel/types';
import type { EstimatorPanel } from '../../src/vscode/panel/controller';
import { closeAllEditors, fixtureUri, next, openFixture } from './util';

const FIXTURE = 'panel/llama2-lora.yml';

async function revert(doc: vscode.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

describe('estimator panel', () => {
  let panel: EstimatorPanel;
  let firstRender: Promise<WebviewMessage>;

  before(async () => {
    const editor = await openFixture(FIXTURE);
    // The handle is the controller; listen before the webview can answer.
    const opened = vscode.commands.executeCommand<EstimatorPanel>('mlConfig.openPanel', editor.document.uri);
    panel = await opened;
    firstRender = next(
      panel.onDidReceive,
      (m) => m.type === 'rendered',
      'the webview to render its first result',
    );
  });

  after(async () => {
    panel?.panel.dispose();
    await closeAllEditors();
  });

  it('opens beside the config, follows it and is titled after it', () => {
    assert.equal(panel.panel.viewType, 'mlConfig.estimatorPanel');
    assert.equal(panel.document?.uri.toString(), fixtureUri(FIXTURE).toString());
    assert.equal(panel.panel.title, 'Estimator: panel/llama2-lora.yml');
  });

  it('round trip: the webview requests the numbers and renders 4,194,304 trainable', async () => {
    const rendered = await firstRender;
    assert.equal(rendered.type, 'rendered');
    assert.match(
      (rendered as { summary: string }).summary,
      /^Trainable 4,194,304 of 6,742,609,920 parameters \(0\.0622%\); memory ≈ \d+\.\d GB peak allocated \(\d+\.\d–\d+\.\d GB reserved\/nvidia-smi\), fits \d+\.\d GB/,
    );
  });

  it('answers a compute request with the what-if numbers (rank 16 → 8,388,608)', async () => {
    const inputs: PanelInputs = {
      modelRef: 'meta-llama/Llama-2-7b-hf',
      method: 'LORA',
      rank: 16,
      alpha: 16,
      targets: 'q_proj, v_proj',
      training: {
        dtype: 'bf16',
        quantization: 'none',
        optimizer: 'adamw_torch',
        gradientCheckpointing: false,
        sequenceLength: 2048,
        microBatchSize: 2,
      },
    };
    const reply = next(
      panel.onDidPost,
      (m: HostMessage) => m.type === 'result' && m.seq === 9001,
      'the result of seq 9001',
    );
    await panel.receive({ type: 'compute', seq: 9001, inputs });
    const result = (await reply) as Extract<HostMessage, { type: 'result' }>;
    assert.equal(result.model.params?.trainable, 8_388_608);
    assert.equal(result.model.params?.total, 6_738_415_616 + 8_388_608);
    assert.equal(result.model.laws.find((l) => l.id === 'qlora')?.learningRate, 2e-4);
  });

  it('ignores a malformed message instead of acting on it', async () => {
    let seen = 0;
    const sub = panel.onDidReceive(() => seen++);
    await panel.receive({ type: 'apply', field: 'rank', value: -3 });
    await panel.receive({ type: 'eval', code: 'x' });
    sub.dispose();
    assert.equal(seen, 0);
  });

  it('restores its inputs from getState after the webview reloads', async () => {
    // Put a what-if (rank 32) into the webview as the host would, wait until it is rendered (and
    // saved with setState), then reload the webview: it must come back with rank 32, not the file's 8.
    const doc = panel.document!;
    const inputs: PanelInputs = {
      modelRef: 'meta-llama/Llama-2-7b-hf',
      method: 'LORA',
      rank: 32,
      alpha: 16,
      targets: 'q_proj, v_proj',
      training: {
        dtype: 'bf16',
        quantization: 'none',
        optimizer: 'adamw_torch',
        gradientCheckpointing: false,
        sequenceLength: 2048,
        microBatchSize: 2,
      },
    };
    const whatIf = next(
      panel.onDidReceive,
      (m) => m.type === 'rendered' && m.summary.startsWith('Trainable 16,777,216 '),
      'the rank-32 render',
    );
    await panel.panel.webview.postMessage({
      type: 'document',
      doc: { uri: doc.uri.toString(), name: 'panel/llama2-lora.yml', dialect: 'axolotl' },
      inputs,
      applicable: ['rank'],
    });
    await whatIf;
    const ready = next(panel.onDidReceive, (m) => m.type === 'ready', 'the reloaded webview to say ready');
    const rendered = next(
      panel.onDidReceive,
      (m) => m.type === 'rendered' && m.summary.startsWith('Trainable 16,777,216 '),
      'the restored render',
    );
    await vscode.commands.executeCommand('workbench.action.webview.reloadWebviewAction');
    const hello = (await ready) as Extract<WebviewMessage, { type: 'ready' }>;
    assert.equal(hello.restored?.rank, 32);
    await rendered;
  });

  it('follows another config when its editor becomes active', async () => {
    const rendered = next(
      panel.onDidReceive,
      (m) => m.type === 'rendered' && m.summary.startsWith('Trainable 11,272,192 '),
      'the Llama-3.2-1B QLoRA render',
    );
    await openFixture('axolotl/qlora.yml');
    await rendered;
    assert.equal(panel.document?.uri.toString(), fixtureUri('axolotl/qlora.yml').toString());
    await openFixture(FIXTURE);
    assert.equal(panel.document?.uri.toString(), fixtureUri(FIXTURE).toString());
  });

  it('on a mergekit config shows the merge estimate with its CodeLens line, not a training estimate', async () => {
    const result = next(
      panel.onDidPost,
      (m: HostMessage) => m.type === 'result' && m.model.merge !== null,
      'a result with the merge estimate',
    );
    const rendered = next(
      panel.onDidReceive,
      (m) => m.type === 'rendered' && m.summary.startsWith('merged model:'),
      'the merge render',
    );
    await openFixture('panel/mistral-stack.yml');
    const merge = ((await result) as Extract<HostMessage, { type: 'result' }>).model.merge!;
    // Mistral-7B: 262,148,096 outside the layers + 48 stacked layers × 218,112,000.
    assert.equal(merge.params, 10_731_524_096);
    assert.deepEqual([merge.layers, merge.baseLayers], [48, 32]);
    assert.deepEqual(merge.needs, {
      inputBytes: 14_483_464_192,
      outputBytes: 21_463_048_192,
      diskBytes: 35_946_512_384,
      workingBytes: 524_288_000,
    });
    assert.equal(
      ((await rendered) as { summary: string }).summary,
      'merged model: 10.73B params (48 layers), 21.5 GB at bfloat16',
    );
    await openFixture(FIXTURE);
  });

  it('Apply writes only the rank value, keeps the comment, and one undo restores the file', async () => {
    const doc = panel.document!;
    const before = doc.getText();
    const applied = next(panel.onDidPost, (m) => m.type === 'applied', 'the applied message');
    await panel.receive({ type: 'apply', field: 'rank', value: 16 });
    const msg = (await applied) as Extract<HostMessage, { type: 'applied' }>;
    assert.equal(msg.ok, true, msg.message);
    assert.equal(doc.getText(), before.replace('lora_r: 8   # rank', 'lora_r: 16   # rank'));
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), before);
    await revert(doc);
  });

  it('Apply writes a learning rate from the table and rewrites the target list in place', async () => {
    const doc = panel.document!;
    const before = doc.getText();
    let applied = next(panel.onDidPost, (m) => m.type === 'applied', 'the applied message');
    await panel.receive({ type: 'apply', field: 'learningRate', value: 0.000286 });
    assert.equal(((await applied) as { ok: boolean }).ok, true);
    assert.equal(doc.getText(), before.replace('learning_rate: 0.0002\n', 'learning_rate: 0.000286\n'));
    applied = next(panel.onDidPost, (m) => m.type === 'applied', 'the applied message');
    await panel.receive({ type: 'apply', field: 'targetModules', value: 'q_proj, k_proj, v_proj, o_proj' });
    assert.equal(((await applied) as { ok: boolean }).ok, true);
    assert.match(
      doc.getText(),
      /lora_target_modules:\n {2}- q_proj\n {2}- k_proj\n {2}- v_proj\n {2}- o_proj\nsequence_len: 2048/,
    );
    await revert(doc);
    assert.equal(doc.getText(), before);
  });

  it('Sharding Apply with no linked DeepSpeed file says no file owns it and writes nothing', async () => {
    const doc = panel.document!;
    const before = doc.getText();
    const applied = next(panel.onDidPost, (m) => m.type === 'applied', 'the applied message');
    await panel.receive({ type: 'applySharding', value: 'zero3' });
    const msg = (await applied) as Extract<HostMessage, { type: 'applied' }>;
    assert.deepEqual(msg, {
      type: 'applied',
      field: 'sharding',
      ok: false,
      message:
        'no file owns the sharding: this axolotl config links no DeepSpeed file (add e.g. deepspeed: ds_z3.json); nothing was written',
    });
    assert.equal(doc.getText(), before);
  });

  it("Sharding Apply writes zero_optimization.stage into the config's linked DeepSpeed file", async () => {
    const editor = await openFixture('linked/full-z3.yml');
    panel.follow(editor.document);
    const ds = await vscode.workspace.openTextDocument(fixtureUri('linked/ds_sharded.json'));
    const before = ds.getText();
    const applied = next(panel.onDidPost, (m) => m.type === 'applied', 'the applied message');
    await panel.receive({ type: 'applySharding', value: 'zero2' });
    const msg = (await applied) as Extract<HostMessage, { type: 'applied' }>;
    assert.equal(msg.ok, true, msg.message);
    assert.equal(
      msg.message,
      'zero_optimization.stage set to 2 in linked/ds_sharded.json (undo with Ctrl+Z in that file)',
    );
    assert.equal(ds.getText(), before.replace('"stage": 3', '"stage": 2'));
    assert.equal(editor.document.isDirty, false);
    await revert(ds);
    assert.equal(ds.getText(), before);
  });
});
