// Editor experience through the real API: hovers with live numbers, CodeLens above the adapter
// block, and the palette commands returning their results.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { EstimateResult } from '../../src/vscode/commands/estimate';
import type { ArchitectureResult } from '../../src/vscode/commands/architecture';
import type { InsertResult } from '../../src/vscode/commands/insertBlock';
import type { LawResult } from '../../src/core/laws';
import { closeAllEditors, fixtureUri, openFixture, waitForDiagnostics } from './util';

const QLORA = 'axolotl/qlora.yml';
// Llama-3.2-1B, LoRA r=16 on all 7 linear projections of 16 layers:
// 16 × 16 × (2×(2048+2048) + 2×(2048+512) + 3×(2048+8192)) = 11,272,192 (PEFT 0.20.0 counts the same).
const TRAINABLE = 11_272_192;

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')))
    .join('\n');
}

async function hoverOn(key: string): Promise<string> {
  const editor = await openFixture(QLORA);
  const line = editor.document
    .getText()
    .split('\n')
    .findIndex((l) => l.startsWith(`${key}:`));
  assert.ok(line >= 0, `fixture has ${key}`);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
    'vscode.executeHoverProvider',
    editor.document.uri,
    new vscode.Position(line, 2),
  );
  return hoverText(hovers);
}

describe('editor experience', () => {
  after(closeAllEditors);

  it('hover on lora_alpha explains it and shows the LoRA scaling of this file', async () => {
    const text = await hoverOn('lora_alpha');
    assert.match(text, /\*\*`lora_alpha`\*\*/);
    assert.doesNotMatch(text, /default `null`/);
    assert.match(text, /LoRA scaling: lora_alpha \/ r = 32 \/ 16 = 2 \(LoRA, arXiv 2106\.09685\)/);
  });

  it('hover on lora_target_linear shows trainable parameters and the modules hit', async () => {
    const text = await hoverOn('lora_target_linear');
    assert.match(
      text,
      /Trainable parameters: \*\*11,272,192\*\* of 1,247,086,592 \(0\.904%\), 112 modules adapted/,
    );
    // The count names the transformers release it assumes and where that came from (none in this workspace).
    assert.match(text, /; transformers 5\.17\.0 \(newest supported; no version set\)/);
    // Axolotl passes the leaf names of every Linear but lm_head (loaders/adapter.py:54-71 at 067b021), all
    // of which hit: the hover lists the modules adapted, with no separate target line.
    assert.match(
      text,
      /- Adapted \(parameters\): `q_proj` ×16 1\.05M · `k_proj` ×16 655\.4K · `v_proj` ×16 655\.4K · `o_proj` ×16 1\.05M · `gate_proj` ×16 2\.62M · `up_proj` ×16 2\.62M · `down_proj` ×16 2\.62M/,
    );
    assert.doesNotMatch(text, /Targets:/);
  });

  it('hover on learning_rate compares it with the recommendations, citing sources', async () => {
    const text = await hoverOn('learning_rate');
    assert.match(
      text,
      /QLoRA: 2\.00e-4 \(\[arXiv 2305\.14314\]\(https:\/\/arxiv\.org\/abs\/2305\.14314\)\) — yours \(2\.00e-4\) is within 5%/,
    );
    assert.match(text, /pre-training law, shown as context/);
  });

  it('CodeLens above the adapter block shows trainable count, memory and a learning rate', async () => {
    const editor = await openFixture(QLORA);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider',
      editor.document.uri,
      10,
    );
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.ok(titles.includes('$(symbol-numeric) 11,272,192 trainable (0.904%)'), titles.join(' | '));
    assert.ok(
      titles.some((t) =>
        /^\$\(server\) ~\d+(\.\d+)? GB peak allocated \(\d+(\.\d+)?–\d+(\.\d+)? GB reserved\/nvidia-smi\)$/.test(
          t,
        ),
      ),
      titles.join(' | '),
    );
    // LoRA Without Regret: 5e-5 · 10 · (2000 / 2048)^0.781 = 4.91e-4; the file's 2e-4 is 2.45x below.
    assert.ok(
      titles.includes('$(graph-line) LR 4.91e-4 (LoRA Without Regret) · yours 2.5x below'),
      titles.join(' | '),
    );
    assert.ok(
      titles.some((t) => t.startsWith('$(graph-line) LR ')),
      titles.join(' | '),
    );
    const adapterLine = editor.document
      .getText()
      .split('\n')
      .findIndex((l) => l.startsWith('adapter:'));
    assert.ok(lenses.every((l) => l.range.start.line === adapterLine));
  });

  it('Estimate Trainable Parameters returns the count for the file and for explicit arguments', async () => {
    await openFixture(QLORA);
    const fromFile = await vscode.commands.executeCommand<EstimateResult>(
      'mlConfig.estimateParameters',
      fixtureUri(QLORA),
    );
    assert.equal(fromFile.trainableParams, TRAINABLE);
    assert.equal(fromFile.totalParams, 1_247_086_592);
    const explicit = await vscode.commands.executeCommand<EstimateResult>('mlConfig.estimateParameters', {
      model: 'meta-llama/Llama-2-7b-hf',
      peft: { peft_type: 'LORA', r: 8, target_modules: ['q_proj', 'v_proj'] },
    });
    assert.equal(explicit.trainableParams, 4_194_304);
    assert.equal(
      explicit.summary,
      'meta-llama/Llama-2-7b-hf + LORA: trainable params: 4,194,304 || all params: 6,742,609,920 || trainable%: 0.0622%',
    );
  });

  it('Recommend Learning Rate returns the laws, recommendations before context', async () => {
    await openFixture(QLORA);
    const laws = await vscode.commands.executeCommand<LawResult[]>(
      'mlConfig.recommendLearningRate',
      fixtureUri(QLORA),
      { quiet: true },
    );
    assert.ok(laws.length >= 10);
    const firstContext = laws.findIndex((l) => l.applies === 'context');
    assert.ok(firstContext > 0 && laws.slice(firstContext).every((l) => l.applies === 'context'));
    assert.equal(laws.find((l) => l.law === 'qlora')?.learningRate, 2e-4);
  });

  it('Show Model Architecture lists GPT-2 modules with shapes and the targeted ones', async () => {
    const r = await vscode.commands.executeCommand<ArchitectureResult>('mlConfig.showModelArchitecture', {
      model: 'gpt2',
      targetModules: ['c_attn'],
      open: false,
    });
    assert.equal(r.baseParams, 124_439_808);
    const cAttn = r.rows.find((row) => row.pattern === 'transformer.h.*.attn.c_attn');
    assert.deepEqual(
      cAttn && {
        kind: cAttn.kind,
        in: cAttn.inFeatures,
        out: cAttn.outFeatures,
        count: cAttn.count,
        targeted: cAttn.targeted,
      },
      { kind: 'Conv1D', in: 768, out: 2304, count: 12, targeted: 12 },
    );
    // GPT-2 ties lm_head to the token embedding: 0 own parameters, and the table says why.
    assert.match(
      r.markdown,
      /\n\| `lm_head` \| Linear \| 768 → 50257 \| 1 \| 0 \(tied to `transformer\.wte`\) \| {2}\|\n/,
    );
  });

  it('Show Model Architecture opens a read-only report that closes without a save prompt', async () => {
    await vscode.commands.executeCommand('mlConfig.showModelArchitecture', {
      model: 'gpt2',
      targetModules: 'c_attn',
    });
    const doc = vscode.window.activeTextEditor?.document;
    assert.equal(doc?.uri.scheme, 'mlconfig-architecture');
    assert.equal(doc?.isDirty, false);
    assert.match(
      doc?.getText() ?? '',
      /^# gpt2\n\n124,439,808 parameters \(124\.44M\)\. Targets `c_attn` adapt the rows marked ✓\.\n/,
    );
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it("Show Model Architecture on an adapter_config without target_modules marks PEFT's default targets", async () => {
    const content = JSON.stringify(
      {
        base_model_name_or_path: 'meta-llama/Llama-3.2-1B',
        peft_type: 'LORA',
        task_type: 'CAUSAL_LM',
        r: 8,
        lora_alpha: 16,
        target_modules: null,
      },
      null,
      2,
    );
    const doc = await vscode.workspace.openTextDocument({ language: 'json', content });
    await vscode.window.showTextDocument(doc);
    const r = await vscode.commands.executeCommand<ArchitectureResult>(
      'mlConfig.showModelArchitecture',
      doc.uri,
    );
    // PEFT's llama default is q_proj and v_proj: 16 layers each, nothing else.
    assert.deepEqual(
      r.rows.filter((row) => row.targeted > 0).map((row) => [row.pattern, row.targeted]),
      [
        ['model.layers.*.self_attn.q_proj', 16],
        ['model.layers.*.self_attn.v_proj', 16],
      ],
    );
    assert.match(
      r.markdown,
      /The config lists no targets; PEFT's default for this architecture adapts the rows marked ✓\./,
    );
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('CodeLens on a config whose model is not found says so briefly and offers the panel', async () => {
    // A fresh name: an "Untitled-N" reopened right after its close can come back as the old document.
    const doc = await vscode.workspace.openTextDocument(
      vscode.Uri.parse(`untitled:model-not-found-${Date.now()}.yml`),
    );
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((b) =>
      b.insert(new vscode.Position(0, 0), 'base_model: acme/private-7b\nadapter: lora\nlora_r: 8\n'),
    );
    await vscode.commands.executeCommand('mlConfig.selectDialect', 'axolotl');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider',
      doc.uri,
      10,
    );
    assert.deepEqual(
      lenses.map((l) => [l.command?.title, l.command?.command]),
      [
        [
          "$(question) Model 'acme/private-7b' not found locally: click to choose a model for the estimate",
          'mlConfig.openPanel',
        ],
      ],
    );
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('CodeLens memory without a sequence length reads as a lower bound, not a full estimate', async () => {
    const content =
      "model:\n  _component_: torchtune.models.llama3_2.lora_llama3_2_1b\n  lora_attn_modules: ['q_proj', 'v_proj']\n  lora_rank: 8\n  lora_alpha: 16\nbatch_size: 4\n";
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content });
    await vscode.window.showTextDocument(doc);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider',
      doc.uri,
      10,
    );
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.ok(
      titles.some((t) => /^\$\(server\) ≥ \d+\.\d\d GB peak allocated \(no sequence length\)$/.test(t)),
      titles.join(' | '),
    );
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('CodeLens says why there are no numbers: a syntax error, or a file too large to analyse live', async () => {
    let n = 0;
    const titlesOf = async (content: string): Promise<string[]> => {
      // A fresh name each time: an "Untitled-N" reopened right after its close can come back as the old document.
      const doc = await vscode.workspace.openTextDocument(
        vscode.Uri.parse(`untitled:no-numbers-${Date.now()}-${n++}.yml`),
      );
      const editor = await vscode.window.showTextDocument(doc);
      await editor.edit((b) => b.insert(new vscode.Position(0, 0), content));
      await vscode.commands.executeCommand('mlConfig.selectDialect', 'axolotl');
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        doc.uri,
        10,
      );
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      return lenses.map((l) => l.command?.title ?? '');
    };
    const head = 'base_model: meta-llama/Llama-2-7b-hf\nadapter: lora\nlora_r: 8\n';
    assert.deepEqual(await titlesOf(`${head}lora_target_modules: [q_proj\n`), [
      '$(info) ML Config: the file has syntax errors; fix them to see estimates',
    ]);
    const padding = `# ${'x'.repeat(98)}\n`.repeat(2_600);
    assert.deepEqual(await titlesOf(head + padding), [
      '$(info) ML Config: file over 250,000 characters: live estimates are off (the CLI `ml-config-lens estimate` still works)',
    ]);
  });

  it("Insert PEFT Block inserts the dialect's LoRA block at the cursor", async () => {
    const doc = await vscode.workspace.openTextDocument({
      language: 'yaml',
      content:
        'base_model: NousResearch/Llama-3.2-1B\nmicro_batch_size: 2\ndatasets:\n  - path: x\n    type: alpaca\n\n',
    });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(5, 0, 5, 0);
    const r = await vscode.commands.executeCommand<InsertResult>('mlConfig.insertPeftBlock', 'lora');
    assert.deepEqual(r, { dialect: 'axolotl', prefix: 'mlc-axolotl-lora' });
    assert.match(
      doc.getText(),
      /\nadapter: lora\nlora_r: 16\nlora_alpha: 32\nlora_dropout: 0\.05\nlora_target_linear: true\n/,
    );
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('flags a target module the model does not have and fixes it through the quick fix', async () => {
    const editor = await openFixture('axolotl/lora-bad-target.yml');
    const uri = editor.document.uri;
    const diagnostics = await waitForDiagnostics(uri, (ds) => ds.some((d) => d.code === 'target-unmatched'));
    const d = diagnostics.find((x) => x.code === 'target-unmatched') as vscode.Diagnostic;
    assert.deepEqual(
      [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
      [7, 4, 7, 11],
    );
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(
      d.message,
      /^`qv_proj` matches no module of meta-llama\/Llama-2-7b-hf; PEFT silently skips it\./,
    );
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      d.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => a.title === "Change to 'q_proj'");
    assert.ok(fix?.edit, actions.map((a) => a.title).join(', '));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(editor.document.lineAt(7).text, '  - q_proj');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
