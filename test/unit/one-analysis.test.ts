// Issue 10: the editor, the panel and the CLI gave different answers for the same file. Each case
// below was a disagreement on main; each now goes through the one pipeline.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkText } from '../../src/cli/check';
import { run as runRecommend } from '../../src/cli/recommend';
import { findCatalogModel } from '../../src/core/models/catalog';
import { seedInputs } from '../../src/core/panel/inputs';
import { cliJson, editorAnalysis, panelModel } from './surfaces';

describe('one analysis: editor, panel and CLI agree', () => {
  let dir: string;
  const file = (name: string, text: string): string => {
    const p = join(dir, name);
    mkdirSync(join(p, '..'), { recursive: true });
    writeFileSync(p, text);
    return p;
  };
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'mcl-one-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('Axolotl lora_target_linear + lora_target_modules [embed_tokens]: 40,554,496 trainable in the panel too', async () => {
    const f = file(
      'ax-linear.yml',
      'base_model: meta-llama/Llama-2-7b-hf\nadapter: lora\nlora_r: 16\nlora_alpha: 32\nlora_target_linear: true\nlora_target_modules:\n  - embed_tokens\nsequence_len: 2048\nmicro_batch_size: 1\n',
    );
    const cli = await cliJson([f]);
    assert.equal(cli.json?.trainableParams, 40_554_496);
    assert.equal(editorAnalysis(f)?.estimate?.trainableParams, 40_554_496);
    assert.equal(panelModel(f).params?.trainable, 40_554_496);
  });

  it('torchtune LinearCrossEntropyLoss: no logits buffer in the panel, same total as the CLI', async () => {
    const f = file(
      'tt.yaml',
      'model:\n  _component_: torchtune.models.llama3_1.lora_llama3_1_8b\n  lora_attn_modules: [q_proj, v_proj]\n  lora_rank: 8\n  lora_alpha: 16\nloss:\n  _component_: torchtune.modules.loss.LinearCrossEntropyLoss\nbatch_size: 2\ntokenizer:\n  max_seq_len: 2048\ndtype: bf16\nenable_activation_checkpointing: true\n',
    );
    const cli = await cliJson([f]);
    const memory = cli.json?.memory as { totalBytes: number; components: { id: string }[] };
    assert.ok(!memory.components.some((c) => c.id === 'logits'));
    const panel = panelModel(f).memory!;
    assert.ok(
      !panel.parts.some((p) => p.id === 'logits'),
      'the panel adds no logits the loss never materialises',
    );
    assert.equal(panel.totalBytes, memory.totalBytes);
    assert.equal(editorAnalysis(f)?.memory?.totalBytes, memory.totalBytes);
  });

  it('Axolotl attn_implementation: flash_attention_2 is seen by the panel', () => {
    const f = file(
      'ax-flash.yml',
      'base_model: meta-llama/Llama-2-7b-hf\nadapter: lora\nlora_target_modules: [q_proj, v_proj]\nattn_implementation: flash_attention_2\nsequence_len: 2048\nmicro_batch_size: 1\n',
    );
    const notes = panelModel(f).memory!.notes;
    assert.ok(!notes.some((n) => n.startsWith('attention implementation not stated')), notes.join('\n'));
    assert.equal(panelModel(f).memory!.totalBytes, editorAnalysis(f)?.memory?.totalBytes);
  });

  it('check reports a PEFT target module the model does not have, as the editor does (exit 1)', () => {
    const f = file(
      'bad/adapter_config.json',
      JSON.stringify(
        {
          peft_type: 'LORA',
          base_model_name_or_path: 'meta-llama/Llama-2-7b-hf',
          task_type: 'CAUSAL_LM',
          r: 8,
          lora_alpha: 16,
          target_modules: ['q_prj'],
        },
        null,
        2,
      ),
    );
    const r = checkText(
      f,
      JSON.stringify(
        {
          peft_type: 'LORA',
          base_model_name_or_path: 'meta-llama/Llama-2-7b-hf',
          task_type: 'CAUSAL_LM',
          r: 8,
          lora_alpha: 16,
          target_modules: ['q_prj'],
        },
        null,
        2,
      ),
    );
    const hit = r.diagnostics.find((d) => d.code === 'target-not-found');
    assert.ok(hit, JSON.stringify(r.diagnostics));
    assert.equal(hit.severity, 'error');
    assert.equal(hit.line, 8);
    assert.match(hit.message, /Did you mean 'q_proj'\?$/);
  });

  it('recommend reads a file with a duplicate key (the last value wins, as in PyYAML) instead of stopping', async () => {
    const f = file(
      'dup.yml',
      'base_model: meta-llama/Llama-2-7b-hf\nadapter: lora\nlearning_rate: 1e-4\nlearning_rate: 2e-4\nmicro_batch_size: 2\nsequence_len: 2048\n',
    );
    const out: string[] = [];
    const [log, error] = [console.log, console.error];
    console.log = (...a: unknown[]) => void out.push(a.join(' '));
    console.error = (...a: unknown[]) => void out.push(a.join(' '));
    let code: number;
    try {
      code = await runRecommend([f, '--json']);
    } finally {
      [console.log, console.error] = [log, error];
    }
    assert.equal(code, 0, out.join('\n'));
    assert.equal(JSON.parse(out.join('\n')).inputs.currentLearningRate, 2e-4);
  });

  it("a relative model path is read against the config file's folder in the CLI, the editor and the panel", async () => {
    const llama = findCatalogModel('meta-llama/Llama-2-7b-hf')!;
    file('proj/models/tiny/config.json', JSON.stringify(llama.config));
    const f = file(
      'proj/configs/run.yml',
      'base_model: ../models/tiny\nadapter: lora\nlora_target_modules: [q_proj, v_proj]\n',
    );
    // As a user runs it: from the project folder (a path a file names is read inside the current folder,
    // the config's folder or the HF cache only).
    const cwd = process.cwd();
    process.chdir(join(dirname(f), '..'));
    const cli = await cliJson([f]).finally(() => process.chdir(cwd));
    assert.equal(cli.code, 0, cli.err);
    assert.equal(cli.json?.trainableParams, 4_194_304);
    assert.equal(editorAnalysis(f)?.estimate?.trainableParams, 4_194_304);
    // The panel reads the model inside the workspace folder, here the project's.
    assert.equal(panelModel(f, undefined, {}, join(dirname(f), '..')).params?.trainable, 4_194_304);
  });

  it('the panel label and numbers come from the same document: saved inputs of another file are not reused', () => {
    const a = {
      modelRef: 'a',
      method: 'LORA',
      targets: '',
      training: {
        dtype: 'bf16' as const,
        quantization: 'none' as const,
        optimizer: 'adamw_torch',
        gradientCheckpointing: false,
      },
    };
    const followed = {
      uri: 'file:///w/axolotl/mistral-qlora.yml',
      input: {
        dialect: 'axolotl' as const,
        modelRef: 'mistralai/Mistral-7B-v0.1',
        peft: { peft_type: 'LORA', r: 32 },
        taskType: 'CAUSAL_LM',
        training: {},
        notes: [],
      },
    };
    assert.equal(
      seedInputs(followed, { inputs: a, docUri: 'file:///w/other.yml' }).modelRef,
      'mistralai/Mistral-7B-v0.1',
    );
    assert.equal(seedInputs(followed, { inputs: a, docUri: null }).modelRef, 'mistralai/Mistral-7B-v0.1');
    assert.equal(seedInputs(followed, { inputs: a, docUri: followed.uri }).modelRef, 'a');
  });
});
