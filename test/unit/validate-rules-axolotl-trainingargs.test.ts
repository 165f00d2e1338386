// transformers TrainingArguments checks on Axolotl configs (rulesAxolotlTrainingArgs.ts): each fires on a
// config whose TrainingArguments the framework refuses and stays quiet on the accepted neighbour, reads
// values as Axolotl's trainer builders pass them, and yields to an Axolotl validator that raises first.
import * as assert from 'node:assert/strict';
import { validateText } from '../../src/core/pipeline';
import { dialectSchema } from '../../src/core/validate';
import { LEDGERS } from '../../src/core/validate/ledger';
import { rulesFor } from '../../src/core/validate/rules';
import { AXOLOTL_TRAINING_ARGS_RULES } from '../../src/core/validate/rulesAxolotlTrainingArgs';

const AX =
  'base_model: NousResearch/Llama-3.2-1B\ndatasets:\n  - path: tatsu-lab/alpaca\n    type: alpaca\n' +
  'sequence_len: 2048\nmicro_batch_size: 2\ngradient_accumulation_steps: 4\nnum_epochs: 1\n' +
  'learning_rate: 0.0002\noutput_dir: ./out\n';
const BASE_LINES = AX.split('\n').length - 1;
/** `code@line:severity` of every finding on AX + extra (line counted within `extra`, 1-based). */
function found(extra: string): string[] {
  const text = AX + extra;
  return validateText(text, { fileName: 'axolotl.yaml' }).diagnostics.map(
    (d) => `${d.code}@${text.slice(0, d.start).split('\n').length - BASE_LINES}:${d.severity}`,
  );
}

describe('validate: TrainingArguments checks on Axolotl configs', () => {
  it('the base config is clean', () => assert.deepEqual(found(''), []));
  it('strategy values TrainingArguments converts to its enums, with the fix a typo stands for', () => {
    assert.deepEqual(found('save_strategy: epochs\n'), ['hf-strategy-value@1:error']);
    assert.deepEqual(found('save_strategy: epoch\n'), []);
    const evalBad = 'val_set_size: 0.05\nevaluation_strategy: Steps\n';
    const text = AX + evalBad;
    const d = validateText(text, { fileName: 'axolotl.yaml' }).diagnostics.find(
      (x) => x.code === 'hf-strategy-value',
    );
    assert.deepEqual(
      [text.slice(d!.start, d!.end), d!.fixes?.[0].title],
      ['Steps', 'Set evaluation_strategy: steps'],
    );
    assert.deepEqual(found('hub_model_id: me/model\nhub_strategy: every-save\n'), [
      'hf-strategy-value@2:error',
    ]);
    assert.deepEqual(found('hub_model_id: me/model\nhub_strategy: every_save\n'), []);
    // Not passed on: save_steps forces steps (after Axolotl's own mismatch check); no eval set means `no`.
    assert.deepEqual(found('save_steps: 100\nsave_strategy: every\n'), [
      'ax-save-strategy-save-steps@2:error',
    ]);
    assert.deepEqual(found('eval_strategy: epochs\n'), ['ax-eval-without-eval-set@1:warning']);
  });
  it('logging_steps: 0 (with eval steps taken from it, the earlier raise)', () => {
    assert.deepEqual(found('logging_steps: 0\n'), ['hf-logging-steps-zero@1:error']);
    assert.deepEqual(found('logging_steps: 1\n'), []);
    const evalEvery = 'val_set_size: 0.05\neval_strategy: steps\n';
    assert.deepEqual(found(`${evalEvery}logging_steps: 0\n`), ['hf-eval-steps-needs-logging-steps@3:error']);
    assert.deepEqual(found(`${evalEvery}logging_steps: 5\n`), []);
  });
  it('fractional step counts above 1, unless Axolotl refuses the key first', () => {
    assert.deepEqual(found('val_set_size: 0.05\neval_steps: 2.5\n'), ['hf-steps-not-integer@2:error']);
    assert.deepEqual(found('val_set_size: 0.05\neval_steps: 0.25\n'), []);
    assert.deepEqual(found('save_steps: 10.5\n'), ['hf-steps-not-integer@1:error']);
    assert.deepEqual(found('save_steps: 10\n'), []);
    assert.deepEqual(found('save_steps: 10.5\nsaves_per_epoch: 2\n'), [
      'ax-save-steps-saves-per-epoch@2:error',
    ]);
    // Without an eval set Axolotl passes eval_strategy `no`: eval_steps is never checked.
    assert.deepEqual(found('eval_steps: 2.5\n'), ['ax-eval-without-eval-set@1:warning']);
  });
  it('a plateau scheduler needs an eval schedule as Axolotl builds it', () => {
    assert.deepEqual(found('lr_scheduler: reduce_lr_on_plateau\n'), [
      'plateau-scheduler-without-eval@1:error',
    ]);
    assert.deepEqual(found('lr_scheduler: reduce_lr_on_plateau\nval_set_size: 0.05\n'), [
      'plateau-scheduler-without-eval@1:error',
    ]);
    assert.deepEqual(
      found('lr_scheduler: reduce_lr_on_plateau\nval_set_size: 0.05\nevals_per_epoch: 4\n'),
      [],
    );
    // evals_per_epoch × num_epochs = 1 gives a ratio of 1.0, which normalize_config does not set.
    assert.deepEqual(found('lr_scheduler: greedy\nval_set_size: 0.05\nevals_per_epoch: 1\n'), [
      'plateau-scheduler-without-eval@1:error',
    ]);
    assert.deepEqual(found('lr_scheduler: greedy\nval_set_size: 0.05\neval_strategy: epoch\n'), []);
  });
  it('prefetch without workers, empty-cache steps, accelerator_config keys', () => {
    assert.deepEqual(found('dataloader_prefetch_factor: 4\n'), ['hf-prefetch-needs-workers@1:error']);
    assert.deepEqual(found('dataloader_prefetch_factor: 4\ndataloader_num_workers: 0\n'), [
      'hf-prefetch-needs-workers@1:error',
    ]);
    assert.deepEqual(found('dataloader_prefetch_factor: 4\ndataloader_num_workers: 2\n'), []);
    assert.deepEqual(found('torch_empty_cache_steps: 0\n'), ['hf-torch-empty-cache-steps@1:error']);
    assert.deepEqual(found('torch_empty_cache_steps: 50\n'), []);
    assert.deepEqual(found('accelerator_config:\n  split_batch: true\n'), [
      'hf-accelerator-config-keys@2:error',
    ]);
    assert.deepEqual(found('accelerator_config:\n  split_batches: true\n'), []);
  });
  it('builder overrides: warmup_steps 1, eval keys without an eval set, load_best_model_at_end dropped', () => {
    assert.deepEqual(found('warmup_steps: 1\n'), ['ax-warmup-steps-one@1:warning']);
    assert.deepEqual(found('warmup_steps: 3\n'), []);
    assert.deepEqual(found('eval_steps: 50\n'), ['ax-eval-without-eval-set@1:warning']);
    assert.deepEqual(found('evals_per_epoch: 4\n'), ['ax-eval-without-eval-set@1:warning']);
    assert.deepEqual(found('eval_steps: 50\nval_set_size: 0.05\n'), []);
    assert.deepEqual(found('eval_strategy: "no"\n'), []);
    // `val_set_size: 0` written out: Axolotl's validator raises instead, once.
    assert.deepEqual(found('eval_steps: 50\nval_set_size: 0\n'), ['ax-eval-steps-no-eval@1:error']);
    const best = 'val_set_size: 0.05\nload_best_model_at_end: true\n';
    assert.deepEqual(found(`${best}eval_steps: 50\n`), ['ax-load-best-dropped@2:warning']);
    assert.deepEqual(found(`${best}eval_steps: 50\nsave_steps: 120\n`), ['ax-load-best-dropped@2:warning']);
    assert.deepEqual(found(`${best}eval_steps: 50\nsave_steps: 100\n`), []);
    // Ratios derived from the per-epoch keys count: 1/2 is a multiple of 1/4.
    assert.deepEqual(found(`${best}evals_per_epoch: 4\nsaves_per_epoch: 2\n`), []);
  });
  it('FSDP: gradient_checkpointing as the builder passes it, legacy fsdp items by the version Axolotl sets', () => {
    const v2 = 'fsdp_version: 2\nfsdp_config:\n  offload_params: true\n';
    assert.deepEqual(found(`gradient_checkpointing: true\n${v2}`), [
      'hf-fsdp-gradient-checkpointing@1:warning',
    ]);
    assert.deepEqual(found(`gradient_checkpointing: false\n${v2}`), []);
    assert.deepEqual(found('gradient_checkpointing: true\n'), []);
    // An offloading mode other than hidden_states makes the builder pass gradient_checkpointing false.
    assert.deepEqual(found(`gradient_checkpointing: true\nactivation_offloading: true\n${v2}`), []);
    assert.deepEqual(found(`gradient_checkpointing: true\nactivation_offloading: hidden_states\n${v2}`), [
      'hf-fsdp-gradient-checkpointing@1:warning',
    ]);
    // No fsdp_config: TrainingArguments defaults to FSDP2, where hybrid_shard is FSDP1-only.
    assert.deepEqual(found('fsdp: [hybrid_shard, auto_wrap]\n'), [
      'hf-fsdp-strategy-needs-fsdp1@1:error',
      'deprecated-key@1:warning',
    ]);
    // With fsdp_config and no version Axolotl sets 1 (and warns FSDP1 is deprecated): accepted.
    assert.deepEqual(found('fsdp: [hybrid_shard]\nfsdp_config:\n  offload_params: true\n'), [
      'deprecated-key@1:warning',
      'ax-fsdp1-deprecated@2:warning',
    ]);
    assert.deepEqual(found('fsdp: [full_shard, auto_wrap]\n'), ['deprecated-key@1:warning']);
    assert.deepEqual(found(`fsdp: [full-shard]\n${v2}`), [
      'hf-fsdp-unknown-option@1:error',
      'deprecated-key@1:warning',
    ]);
    assert.deepEqual(found(`fsdp: [FULL_SHARD]\n${v2}`), [
      'hf-fsdp-strategy-needs-fsdp1@1:error',
      'deprecated-key@1:warning',
    ]);
  });
  it('the transformers ledger says for every implemented site how it reaches Axolotl, or why not', () => {
    const tf = LEDGERS.find((l) => l.framework === 'transformers')!;
    const reach = tf.axolotl ?? [];
    assert.deepEqual(
      reach.map((r) => r.site),
      tf.sites.filter((s) => s.rule).map((s) => s.site),
    );
    const axIds = new Set(rulesFor('axolotl').map((r) => r.id));
    const schema = dialectSchema('axolotl')!.schema as Record<string, unknown>;
    const resolves = (rule: string): boolean =>
      rule.startsWith('schema:axolotl#/') &&
      rule
        .slice('schema:axolotl#/'.length)
        .split('/')
        .reduce<unknown>((at, k) => (at as Record<string, unknown> | undefined)?.[k], schema) !== undefined;
    const bad = reach.filter((r) => (r.rule ? !(resolves(r.rule) || axIds.has(r.rule)) || !r.via : !r.why));
    assert.deepEqual(bad, []);
    const applied = new Set(reach.map((r) => r.rule));
    assert.deepEqual(
      AXOLOTL_TRAINING_ARGS_RULES.map((r) => r.id).filter((id) => !applied.has(id)),
      [],
    );
    assert.equal(reach.filter((r) => r.rule).length, 23);
  });
});
