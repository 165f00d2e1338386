// Quick fixes of cross-field rules (RuleHit.fix -> ruleFix.ts): applying the edit gives the config
// the framework accepts, and the rule no longer fires.
import * as assert from 'node:assert/strict';
import { type Diagnostic } from '../../src/core/validate';
import { validateText } from '../../src/core/pipeline';
import type { DialectId } from '../../src/core/dialects';

function applyFix(text: string, d: Diagnostic | undefined): string {
  const edit = d?.fixes?.[0]?.edits[0];
  assert.ok(edit, 'the finding has a quick fix');
  return text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
}
const find = (text: string, dialect: DialectId, code: string): Diagnostic | undefined =>
  validateText(text, { dialect }).diagnostics.find((d) => d.code === code);

describe('validate: quick fixes of cross-field rules', () => {
  it('Axolotl QLoRA without load_in_4bit: appends `load_in_4bit: true`', () => {
    const text =
      'base_model: m\nadapter: qlora\nmicro_batch_size: 1\ngradient_accumulation_steps: 1\ndatasets:\n  - path: p\n    type: alpaca\n';
    const fixed = applyFix(text, find(text, 'axolotl', 'ax-qlora-needs-4bit'));
    assert.equal(fixed, `${text}load_in_4bit: true\n`);
    assert.equal(find(fixed, 'axolotl', 'ax-qlora-needs-4bit'), undefined);
  });
  it('Axolotl QLoRA with load_in_4bit: false: replaces the value', () => {
    const text =
      'base_model: m\nadapter: qlora\nload_in_4bit: false\nmicro_batch_size: 1\ngradient_accumulation_steps: 1\ndatasets:\n  - path: p\n    type: alpaca\n';
    assert.equal(
      applyFix(text, find(text, 'axolotl', 'ax-qlora-needs-4bit')),
      text.replace('load_in_4bit: false', 'load_in_4bit: true'),
    );
  });
  it('Axolotl save_strategy epoch with save_steps: sets save_strategy to steps', () => {
    const text =
      'base_model: m\nmicro_batch_size: 1\ngradient_accumulation_steps: 1\ndatasets:\n  - path: p\n    type: alpaca\nsave_strategy: epoch\nsave_steps: 100\n';
    const d = find(text, 'axolotl', 'ax-save-strategy-save-steps');
    assert.equal(d?.severity, 'error');
    assert.equal(applyFix(text, d), text.replace('save_strategy: epoch', 'save_strategy: steps'));
  });
  it('Axolotl new tokens with LoRA: adds lora_modules_to_save [embed_tokens, lm_head]', () => {
    const text =
      'base_model: m\nadapter: lora\nmicro_batch_size: 1\ngradient_accumulation_steps: 1\ndatasets:\n  - path: p\n    type: alpaca\ntokens:\n  - "<tool>"\n';
    const fixed = applyFix(text, find(text, 'axolotl', 'ax-new-tokens-modules-to-save'));
    assert.equal(fixed, `${text}lora_modules_to_save: [embed_tokens, lm_head]\n`);
    assert.equal(find(fixed, 'axolotl', 'ax-new-tokens-modules-to-save'), undefined);
  });
  it('torchtune torchtune.utils checkpointer: rewrites the path to torchtune.training', () => {
    const text =
      'checkpointer:\n  _component_: torchtune.utils.FullModelHFCheckpointer\n  checkpoint_dir: /c\n';
    const d = find(text, 'torchtune', 'tt-utils-moved-to-training');
    assert.equal(d?.severity, 'error');
    assert.equal(
      applyFix(text, d),
      text.replace('torchtune.utils.FullModelHFCheckpointer', 'torchtune.training.FullModelHFCheckpointer'),
    );
  });
  it('torchtune utils helpers 0.7 still has are not flagged', () => {
    assert.equal(
      find('device:\n  _component_: torchtune.utils.get_device\n', 'torchtune', 'tt-utils-moved-to-training'),
      undefined,
    );
  });
  it('LLaMA-Factory: inline ZeRO-3 DeepSpeed config with use_unsloth is an error; stage 2 is not', () => {
    const text = (stage: number): string =>
      `model_name_or_path: m\nstage: sft\ndo_train: true\ndataset: d\ntemplate: llama3\nuse_unsloth: true\ndeepspeed:\n  zero_optimization:\n    stage: ${stage}\n`;
    assert.equal(find(text(3), 'llamafactory', 'lf-zero3-incompatible')?.severity, 'error');
    assert.equal(find(text(2), 'llamafactory', 'lf-zero3-incompatible'), undefined);
  });
  it('PEFT findings in JSON carry no fix (no insertion into flow mappings)', () => {
    const text = '{\n  "peft_type": "ADALORA",\n  "total_step": 100,\n  "r": 16\n}\n';
    const d = find(text, 'peft', 'peft-adalora-r-ignored');
    assert.equal(d?.severity, 'warning');
    assert.equal(d?.fixes, undefined);
  });
});
