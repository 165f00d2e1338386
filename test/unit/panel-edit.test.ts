// "Apply" from the panel: the single text change that sets one value, keeping every comment and
// the formatting around it, in YAML (Axolotl, LLaMA-Factory, torchtune) and JSON (adapter_config).
import * as assert from 'node:assert/strict';
import { applicableFields, planApply } from '../../src/core/panel/applyKeys';
import { applyChange, setValueChange, yamlNumber } from '../../src/core/panel/textEdit';

const AXOLOTL = [
  '# QLoRA on Llama-2',
  'base_model: meta-llama/Llama-2-7b-hf  # the base',
  'lora_r: 8   # rank',
  'lora_target_modules:',
  '  - q_proj',
  '  - v_proj # values',
  '# training',
  'learning_rate: 0.0002',
  '',
].join('\n');

const edit = (text: string, ...args: Parameters<typeof planApply> extends [string, ...infer R] ? R : never) =>
  applyChange(text, planApply(text, ...args));

describe('panel apply: number spelling', () => {
  it('writes floats PyYAML reads as floats (a dot and a signed exponent)', () => {
    assert.equal(yamlNumber(16), '16');
    assert.equal(yamlNumber(2e-4), '0.0002');
    assert.equal(yamlNumber(1e-7), '1.0e-7');
    assert.equal(yamlNumber(1.5e-7), '1.5e-7');
    assert.equal(yamlNumber(3e21), '3.0e+21');
  });
});

describe('panel apply: YAML', () => {
  it('replaces only the rank value; the comment after it stays', () => {
    const change = planApply(AXOLOTL, 'axolotl', 'rank', 16, false);
    assert.deepEqual(change, { offset: AXOLOTL.indexOf('8   # rank'), length: 1, text: '16' });
    assert.equal(applyChange(AXOLOTL, change), AXOLOTL.replace('lora_r: 8   # rank', 'lora_r: 16   # rank'));
  });

  it('rewrites a block list in place at its indentation; the next comment line stays', () => {
    const out = edit(AXOLOTL, 'axolotl', 'targetModules', 'q_proj, k_proj, v_proj, o_proj', false);
    assert.equal(
      out,
      AXOLOTL.replace(
        '  - q_proj\n  - v_proj # values',
        '  - q_proj\n  - k_proj\n  - v_proj\n  - o_proj # values',
      ),
    );
  });

  it('writes a learning rate as a float', () => {
    assert.equal(
      edit(AXOLOTL, 'axolotl', 'learningRate', 1e-5, false),
      AXOLOTL.replace('learning_rate: 0.0002', 'learning_rate: 0.00001'),
    );
    assert.equal(
      edit(AXOLOTL, 'axolotl', 'learningRate', 3e-7, false),
      AXOLOTL.replace('learning_rate: 0.0002', 'learning_rate: 3.0e-7'),
    );
  });

  it('adds a missing key after the last one of its mapping', () => {
    assert.equal(
      edit(AXOLOTL, 'axolotl', 'alpha', 16, false),
      AXOLOTL.replace('learning_rate: 0.0002\n', 'learning_rate: 0.0002\nlora_alpha: 16\n'),
    );
    const noNewline = 'adapter: lora\nlora_r: 8';
    assert.equal(edit(noNewline, 'axolotl', 'alpha', 32, false), 'adapter: lora\nlora_r: 8\nlora_alpha: 32');
  });

  it("edits and adds nested torchtune keys at the mapping's indentation", () => {
    const tt =
      'model:\n  _component_: torchtune.models.llama3_2.lora_llama3_2_1b\n  lora_rank: 64  # r\n  lora_attn_modules: [q_proj, v_proj]\noptimizer:\n  lr: 3e-4\n';
    assert.equal(
      edit(tt, 'torchtune', 'rank', 8, false),
      tt.replace('lora_rank: 64  # r', 'lora_rank: 8  # r'),
    );
    assert.equal(
      edit(tt, 'torchtune', 'alpha', 16, false),
      tt.replace('[q_proj, v_proj]\n', '[q_proj, v_proj]\n  lora_alpha: 16\n'),
    );
    assert.equal(
      edit(tt, 'torchtune', 'targetModules', 'q_proj,k_proj', false),
      tt.replace('[q_proj, v_proj]', '[q_proj, k_proj]'),
    );
    assert.throws(
      () => planApply(tt, 'torchtune', 'sequenceLength', 2048, false),
      /the config has no 'tokenizer' section/,
    );
  });

  it("keeps LLaMA-Factory's comma-separated lora_target a string", () => {
    const lf = 'finetuning_type: lora\nlora_target: q_proj,v_proj\nlora_rank: 8\n';
    assert.equal(
      edit(lf, 'llamafactory', 'targetModules', 'all', false),
      'finetuning_type: lora\nlora_target: all\nlora_rank: 8\n',
    );
    assert.equal(
      edit(lf, 'llamafactory', 'targetModules', 'q_proj, k_proj', false),
      'finetuning_type: lora\nlora_target: q_proj,k_proj\nlora_rank: 8\n',
    );
  });

  it('fills a key that has no value yet', () => {
    assert.equal(
      applyChange(
        'lora_r:\nadapter: lora\n',
        setValueChange('lora_r:\nadapter: lora\n', ['lora_r'], 8, { json: false }),
      ),
      'lora_r: 8\nadapter: lora\n',
    );
  });

  it('edits the candidate key the file uses (TRL max_seq_length) and adds the first otherwise', () => {
    assert.equal(
      edit('max_seq_length: 512\n', 'trl', 'sequenceLength', 1024, false),
      'max_seq_length: 1024\n',
    );
    assert.equal(
      edit('use_peft: true\n', 'trl', 'sequenceLength', 1024, false),
      'use_peft: true\nmax_length: 1024\n',
    );
  });

  it('refuses files with syntax errors and fields the dialect has no key for', () => {
    assert.throws(() => planApply('lora_r: [8\n', 'axolotl', 'rank', 16, false), /syntax errors/);
    assert.throws(
      () => planApply('r: 8\n', 'peft', 'learningRate', 1e-4, false),
      /learningRate cannot be applied to a peft config/,
    );
    assert.deepEqual(applicableFields('adapterhub'), []);
  });
});

describe('panel apply: JSON adapter_config', () => {
  const json = '{\n  "peft_type": "LORA",\n  "r": 8,\n  "target_modules": ["q_proj", "v_proj"]\n}\n';

  it('replaces numbers and lists with JSON spelling', () => {
    assert.equal(edit(json, 'peft', 'rank', 32, true), json.replace('"r": 8', '"r": 32'));
    assert.equal(
      edit(json, 'peft', 'targetModules', 'q_proj,k_proj', true),
      json.replace('["q_proj", "v_proj"]', '["q_proj", "k_proj"]'),
    );
  });

  it('adds a missing key after the last member, comma first', () => {
    assert.equal(
      edit(json, 'peft', 'alpha', 16, true),
      json.replace('"v_proj"]\n}', '"v_proj"],\n  "lora_alpha": 16\n}'),
    );
    const out = JSON.parse(edit(json, 'peft', 'alpha', 16, true));
    assert.equal(out.lora_alpha, 16);
  });
});
