// transformers 5.17.0 TrainingArguments checks (rulesTrainingArgs*.ts, ledger/transformers.json) beyond
// the rules corpus (which runs each rule once on a TRL config through `check`): the same checks on a
// LLaMA-Factory config, the defaults each dialect starts from, and the ratio arithmetic of save/eval steps.
import * as assert from 'node:assert/strict';
import { validateText } from '../../src/core/pipeline';

const TRL = 'model_name_or_path: Qwen/Qwen2.5-0.5B\ndataset_name: trl-lib/Capybara\noutput_dir: out\n';
const LF =
  'model_name_or_path: m\nstage: sft\ndo_train: true\nfinetuning_type: lora\nlora_target: all\n' +
  'dataset: alpaca_en_demo\ntemplate: llama3\noutput_dir: out\nbf16: true\n';
/** `code@line:severity` of the findings of `rule` (line 1-based). */
function found(text: string, fileName: string, rule: string): string[] {
  return validateText(text, { fileName })
    .diagnostics.filter((d) => d.code === rule)
    .map((d) => `${rule}@${text.slice(0, d.start).split('\n').length}:${d.severity}`);
}

describe('validate: transformers TrainingArguments rules', () => {
  it('run on LLaMA-Factory configs (its TrainingArguments calls the same __post_init__)', () => {
    const bad = `${LF}load_best_model_at_end: true\neval_strategy: steps\neval_steps: 300\nsave_steps: 500\nval_size: 0.1\n`;
    assert.deepEqual(found(bad, 'lf.yaml', 'hf-load-best-save-steps-multiple'), [
      'hf-load-best-save-steps-multiple@13:error',
    ]);
    assert.deepEqual(
      found(bad.replace('save_steps: 500', 'save_steps: 600'), 'lf.yaml', 'hf-load-best-save-steps-multiple'),
      [],
    );
    const plateau = `${LF}lr_scheduler_type: reduce_lr_on_plateau\n`;
    assert.deepEqual(found(plateau, 'lf.yaml', 'plateau-scheduler-without-eval'), [
      'plateau-scheduler-without-eval@10:error',
    ]);
    assert.deepEqual(
      found(`${plateau}eval_strategy: epoch\nval_size: 0.1\n`, 'lf.yaml', 'plateau-scheduler-without-eval'),
      [],
    );
  });
  it('keep the FSDP checks (changed since transformers 4.57) to TRL', () => {
    assert.deepEqual(found(`${LF}fsdp: hybrid_shard\n`, 'lf.yaml', 'hf-fsdp-strategy-needs-fsdp1'), []);
    assert.deepEqual(found(`${TRL}fsdp: hybrid_shard\n`, 't.yaml', 'hf-fsdp-strategy-needs-fsdp1'), [
      'hf-fsdp-strategy-needs-fsdp1@4:error',
    ]);
    // FSDP1 takes hybrid_shard (with the deprecation warning); `fsdp_` prefixes are dropped first.
    const v1 = `${TRL}fsdp: hybrid_shard\nfsdp_config:\n  fsdp_version: 1\n`;
    assert.deepEqual(found(v1, 't.yaml', 'hf-fsdp-strategy-needs-fsdp1'), []);
    assert.deepEqual(found(v1, 't.yaml', 'hf-fsdp1-deprecated'), ['hf-fsdp1-deprecated@6:warning']);
    // The first offending item raises, compared as _apply_legacy_fsdp_to_config does (upper-cased strategy, exact name).
    const first = `${TRL}fsdp: [FULL_SHARD, bogus]\n`;
    assert.deepEqual(found(first, 't.yaml', 'hf-fsdp-strategy-needs-fsdp1'), [
      'hf-fsdp-strategy-needs-fsdp1@4:error',
    ]);
    assert.deepEqual(found(first, 't.yaml', 'hf-fsdp-unknown-option'), []);
    assert.deepEqual(found(`${TRL}fsdp: [full_shard, bogus]\n`, 't.yaml', 'hf-fsdp-unknown-option'), [
      'hf-fsdp-unknown-option@4:error',
    ]);
  });
  it('type fsdp as __post_init__ reads it: a bool (argparse const), or a legacy string or list; not a number or mapping', () => {
    const typeErrors = (v: string): string[] =>
      validateText(`${TRL}fsdp: ${v}\n`, { fileName: 't.yaml' })
        .diagnostics.filter((d) => d.severity === 'error')
        .map((d) => d.code);
    for (const ok of ['true', 'false', 'full_shard', '[full_shard, auto_wrap]', 'null'])
      assert.deepEqual(typeErrors(ok), [], ok);
    assert.deepEqual(typeErrors('2'), ['type']);
    assert.deepEqual(typeErrors('{version: 2}'), ['type']);
    assert.deepEqual(found(`${TRL}fsdp: true\n`, 't.yaml', 'hf-fsdp-legacy-option'), []);
    assert.deepEqual(found(`${TRL}fsdp: [full_shard]\n`, 't.yaml', 'hf-fsdp-legacy-option'), [
      'hf-fsdp-legacy-option@4:warning',
    ]);
  });
  it('start from the dialect defaults: save_steps 500, TRL logging_steps 10 for an unset eval_steps', () => {
    const best = `${TRL}load_best_model_at_end: true\neval_strategy: steps\n`;
    assert.deepEqual(found(best, 't.yaml', 'hf-load-best-save-steps-multiple'), []); // 500 % 10
    assert.deepEqual(found(`${best}logging_steps: 300\n`, 't.yaml', 'hf-load-best-save-steps-multiple'), [
      'hf-load-best-save-steps-multiple@4:error',
    ]);
    assert.deepEqual(
      found(`${TRL}load_best_model_at_end: true\n`, 't.yaml', 'load-best-model-strategy-mismatch'),
      ['load-best-model-strategy-mismatch@4:error'],
    );
  });
  it('compare ratios as transformers does and refuse a ratio mixed with a step count', () => {
    const best = `${TRL}load_best_model_at_end: true\neval_strategy: steps\n`;
    const rule = 'hf-load-best-save-steps-multiple';
    assert.deepEqual(found(`${best}eval_steps: 0.1\nsave_steps: 0.2\n`, 't.yaml', rule), []);
    assert.deepEqual(found(`${best}eval_steps: 0.2\nsave_steps: 0.3\n`, 't.yaml', rule), [`${rule}@7:error`]);
    assert.deepEqual(found(`${best}eval_steps: 0.1\nsave_steps: 500\n`, 't.yaml', rule), [`${rule}@7:error`]);
  });
  it('leave the framework defaults alone', () => {
    const quiet = validateText(
      `${TRL}eval_strategy: steps\nload_best_model_at_end: true\nsave_strategy: steps\n`,
      {
        fileName: 't.yaml',
      },
    ).diagnostics.filter((d) => d.code.startsWith('hf-') || d.severity === 'error');
    assert.deepEqual(
      quiet.map((d) => d.code),
      [],
    );
  });
});
