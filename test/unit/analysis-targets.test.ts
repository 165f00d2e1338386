import * as assert from 'node:assert/strict';
import { analyzeConfigText } from '../../src/core/analysis';
import { targetDiagnostics } from '../../src/core/analysis/targets';
import type { DialectId } from '../../src/core/dialects';

function check(text: string, dialect: DialectId) {
  return targetDiagnostics(text, analyzeConfigText(text, { dialect })).map((d) => ({
    text: text.slice(d.start, d.end),
    severity: d.severity,
    code: d.code,
    fix: d.fixes?.[0]?.edits[0]?.newText,
  }));
}

const LLAMA = 'meta-llama/Llama-2-7b-hf';

describe('target-module diagnostics', () => {
  it('warns on one Axolotl entry that matches nothing while others match, with a did-you-mean fix', () => {
    const text = `base_model: ${LLAMA}\nadapter: lora\nlora_target_modules:\n  - q_proj\n  - qv_proj\n`;
    assert.deepEqual(check(text, 'axolotl'), [
      { text: 'qv_proj', severity: 'warning', code: 'target-unmatched', fix: 'q_proj' },
    ]);
  });

  it('errors on every entry when none matches (PEFT stops at launch), inside a LLaMA-Factory comma list', () => {
    const text = `model_name_or_path: ${LLAMA}\nstage: sft\nfinetuning_type: lora\nlora_target: q_prj, vv\n`;
    assert.deepEqual(check(text, 'llamafactory'), [
      { text: 'q_prj', severity: 'error', code: 'target-not-found', fix: 'q_proj' },
      { text: 'vv', severity: 'error', code: 'target-not-found', fix: undefined },
    ]);
  });

  it("points inside quotes of a PEFT list and lists the model's names in the message", () => {
    const text = `{"peft_type": "LORA", "base_model_name_or_path": "${LLAMA}", "task_type": "CAUSAL_LM", "target_modules": ["q_proj", "wq"]}`;
    const [d] = targetDiagnostics(text, analyzeConfigText(text, { dialect: 'peft' }));
    assert.equal(text.slice(d.start, d.end), 'wq');
    assert.match(d.message, /The model has: down_proj, embed_tokens, gate_proj, .*v_proj\./);
  });

  it('says nothing when every entry matches, for all-linear, or without a known model', () => {
    assert.deepEqual(
      check(`base_model: ${LLAMA}\nadapter: lora\nlora_target_modules: [q_proj, v_proj]\n`, 'axolotl'),
      [],
    );
    assert.deepEqual(
      check(
        `model_name_or_path: ${LLAMA}\nstage: sft\nfinetuning_type: lora\nlora_target: all\n`,
        'llamafactory',
      ),
      [],
    );
    assert.deepEqual(
      check('base_model: acme/unknown\nadapter: lora\nlora_target_modules: [qq]\n', 'axolotl'),
      [],
    );
  });
});
