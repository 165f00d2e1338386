// A W&B sweep and a mergekit merge in the real host: the sweep's learning-rate hover compares its range
// with the laws for the training config its command runs (read from the workspace), its CodeLens counts
// the grid's runs and tokens, the panel draws the range as a band on the law chart, and a merge's
// CodeLens gives the merged count.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HostMessage } from '../../src/core/panel/protocol';
import type { PanelInputs } from '../../src/core/panel/types';
import type { EstimatorPanel } from '../../src/vscode/panel/controller';
import { closeAllEditors, openFixture, withTimeout } from './util';

const SWEEP = 'sweep-laws/sweep.yaml';

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')))
    .join('\n');
}

async function lensTitles(uri: vscode.Uri): Promise<string[]> {
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
    'vscode.executeCodeLensProvider',
    uri,
    10,
  );
  return lenses.map((l) => l.command?.title ?? '');
}

describe('W&B sweep against the laws', () => {
  // The first analysis of the sweep also reads train.yaml and starts a cold worker: allow it time once.
  before(async function () {
    this.timeout(120_000);
    const editor = await openFixture(SWEEP);
    await lensTitles(editor.document.uri);
  });
  after(closeAllEditors);

  it('hover on the swept learning_rate shows the range below every recommendation for train.yaml', async () => {
    const editor = await openFixture(SWEEP);
    const line = editor.document
      .getText()
      .split('\n')
      .findIndex((l) => l.startsWith('  learning_rate:'));
    assert.ok(line >= 0, 'fixture has parameters.learning_rate');
    const text = hoverText(
      await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        editor.document.uri,
        new vscode.Position(line, 4),
      ),
    );
    assert.match(text, /Swept learning rate: 1\.00e-6 – 1\.00e-5 \(categorical\)/);
    assert.match(
      text,
      /Against the laws for `train\.yaml`, model meta-llama\/Llama-2-7b-hf: \*\*this range lies \d+–\d+× below every recommendation for this model and method\*\*/,
    );
    assert.match(text, /QLoRA: 2\.00e-4; the range lies 20–200× below it/);
  });

  it('CodeLens: 6 grid runs, 393.22M tokens, and the learning-rate comparison', async () => {
    const editor = await openFixture(SWEEP);
    const titles = await lensTitles(editor.document.uri);
    assert.ok(
      titles.includes('$(list-ordered) grid: 6 runs · 393.22M training tokens in all runs'),
      titles.join(' | '),
    );
    assert.ok(
      titles.some((t) =>
        /^\$\(graph-line\) LR 1\.00e-6 – 1\.00e-5: this range lies .* \(train\.yaml\)$/.test(t),
      ),
      titles.join(' | '),
    );
    // The swept rank: no law recommends one, and the lens says so instead of inventing a value.
    assert.ok(
      titles.includes('$(graph-line) LoRA rank 8 – 16: no law here recommends a LoRA rank'),
      titles.join(' | '),
    );
  });

  it('the panel on the sweep draws its learning-rate range as a band on the law chart', async () => {
    const editor = await openFixture(SWEEP);
    const panel = await vscode.commands.executeCommand<EstimatorPanel>(
      'mlConfig.openPanel',
      editor.document.uri,
    );
    try {
      const inputs: PanelInputs = {
        modelRef: 'meta-llama/Llama-2-7b-hf',
        method: 'LORA',
        rank: 16,
        alpha: 32,
        targets: 'q_proj, v_proj',
        training: {
          dtype: 'bf16',
          quantization: 'none',
          optimizer: 'adamw_torch',
          gradientCheckpointing: false,
          sequenceLength: 2048,
          microBatchSize: 4,
        },
      };
      let sub: vscode.Disposable | undefined;
      const reply = withTimeout(
        new Promise<HostMessage>((resolve) => {
          sub = panel.onDidPost((m: HostMessage) => {
            if (m.type === 'result' && m.seq === 9101) resolve(m);
          });
        }),
        30_000,
        'the result of seq 9101',
      ).finally(() => sub?.dispose());
      await panel.receive({ type: 'compute', seq: 9101, inputs });
      const result = (await reply) as Extract<HostMessage, { type: 'result' }>;
      assert.deepEqual(result.model.lawChart?.band, {
        min: 1e-6,
        max: 1e-5,
        label: 'sweep learning_rate (categorical)',
      });
      assert.ok((result.model.lawChart?.curves.length ?? 0) > 0);
    } finally {
      panel.panel.dispose();
    }
  });

  it('a passthrough merge: CodeLens with the merged count', async () => {
    // A fresh name: an "Untitled-N" of an earlier test can come back with that test's dialect choice.
    const doc = await vscode.workspace.openTextDocument(
      vscode.Uri.parse(`untitled:passthrough-${Date.now()}.yml`),
    );
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((b) =>
      b.insert(
        new vscode.Position(0, 0),
        [
          'slices:',
          '  - sources:',
          '      - model: mistralai/Mistral-7B-v0.1',
          '        layer_range: [0, 24]',
          '  - sources:',
          '      - model: mistralai/Mistral-7B-v0.1',
          '        layer_range: [8, 32]',
          'merge_method: passthrough',
          'dtype: bfloat16',
        ].join('\n'),
      ),
    );
    const titles = await lensTitles(doc.uri);
    assert.ok(
      titles.includes('$(symbol-numeric) merged model: 10.73B params (48 layers), 21.5 GB at bfloat16'),
      titles.join(' | '),
    );
  });
});
