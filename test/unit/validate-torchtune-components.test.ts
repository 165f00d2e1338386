// torchtune `_component_` table per release (src/core/validate/torchtune, generated from torchtune's
// tags) and the `tune validate` rules on it (rulesTorchtuneComponents.ts, ledger/torchtune.json).
import * as assert from 'node:assert/strict';
import { validateText } from '../../src/core/pipeline';
import { componentFindings } from '../../src/core/validate/rulesTorchtuneComponents';
import {
  componentKnown,
  componentMoved,
  componentSignature,
  recipeSupplies,
  torchtuneReleases,
} from '../../src/core/validate/torchtune/components';

const TOKENIZER =
  'tokenizer:\n  _component_: torchtune.models.llama3.llama3_tokenizer\n  path: /tmp/tokenizer.model\n';
const BASE = `output_dir: /tmp/out\nbatch_size: 4\n${TOKENIZER}`;
const found = (text: string, rule: string): string[] =>
  validateText(text, { fileName: 'recipe.yaml', dialect: 'torchtune' })
    .diagnostics.filter((d) => d.code === rule)
    .map((d) => `${text.slice(0, d.start).split('\n').length}:${d.severity}`);

describe('validate: torchtune components per release', () => {
  it('has the releases where paths moved and defaults to the pinned one', () => {
    assert.deepEqual(torchtuneReleases(), {
      releases: ['0.2.1', '0.3.1', '0.4.0', '0.5.0', '0.6.1', '0.7.0'],
      pinned: '0.7.0',
    });
  });
  it('knows which release has a path (torchtune.utils -> torchtune.training in 0.3)', () => {
    const old = 'torchtune.utils.metric_logging.DiskLogger';
    assert.equal(componentKnown('0.2.1', old), true);
    assert.equal(componentKnown('0.3.1', old), false);
    assert.equal(componentKnown('0.3', 'torchtune.training.metric_logging.DiskLogger'), true);
    assert.equal(componentKnown('0.4.0', 'torchtune.modules.get_cosine_schedule_with_warmup'), true);
    assert.equal(componentKnown(undefined, 'torchtune.modules.get_cosine_schedule_with_warmup'), false);
    assert.deepEqual(componentMoved('0.3.1', old), {
      to: 'torchtune.training.metric_logging.DiskLogger',
      since: '0.3.1',
    });
  });
  it('cannot judge other libraries, private modules or releases it lacks', () => {
    assert.equal(componentKnown(undefined, 'torch.optim.AdamW'), undefined);
    assert.equal(componentKnown(undefined, 'torchtune.models.llama3._model_builders.llama3_8b'), undefined);
    assert.equal(componentKnown('0.1.0', 'torchtune.utils.metric_logging.DiskLogger'), undefined);
    assert.equal(componentKnown('0.8.0', 'torchtune.training.metric_logging.DiskLogger'), undefined);
  });
  it('gives the signature of that release and what the recipes pass', () => {
    assert.deepEqual(componentSignature('0.2.1', 'torchtune.models.llama3.llama3_tokenizer'), {
      required: ['path'],
      optional: ['special_tokens_path'],
      varkw: false,
    });
    assert.deepEqual(componentSignature('0.7.0', 'torchtune.training.metric_logging.DiskLogger')?.required, [
      'log_dir',
    ]);
    assert.deepEqual(recipeSupplies('optimizer'), { positional: 1, keywords: ['params'] });
  });
  it('refuses an unknown path with the new one as the fix, and accepts the new one', () => {
    const bad = `${BASE}extra:\n  _component_: torchtune.modules.get_cosine_schedule_with_warmup\n`;
    assert.deepEqual(found(bad, 'tt-component-unknown'), ['7:error']);
    const fix = validateText(bad, { fileName: 'recipe.yaml', dialect: 'torchtune' }).diagnostics.find(
      (d) => d.code === 'tt-component-unknown',
    )?.fixes?.[0]?.edits[0]?.newText;
    assert.equal(fix, 'torchtune.training.get_cosine_schedule_with_warmup');
    assert.deepEqual(
      found(bad.replace('torchtune.modules.', 'torchtune.training.'), 'tt-component-unknown'),
      [],
    );
    // The same file is fine for torchtune 0.4, where the path still existed.
    assert.equal(
      componentFindings(
        { extra: { _component_: 'torchtune.modules.get_cosine_schedule_with_warmup' } },
        '0.4.0',
      ).unknown,
      undefined,
    );
  });
  it('refuses a keyword the callable does not take, with the closest one', () => {
    const bad = `${BASE}extra:\n  _component_: torchtune.training.lr_schedulers.get_cosine_schedule_with_warmup\n  num_warmup_step: 100\n`;
    assert.deepEqual(found(bad, 'tt-component-unknown-kwarg'), ['8:error']);
    const sched = 'torchtune.training.lr_schedulers.get_cosine_schedule_with_warmup';
    assert.match(
      componentFindings({ e: { _component_: sched, num_warmup_step: 1 } }).kwarg!.message,
      /Did you mean `num_warmup_steps`\?/,
    );
    // DiskLogger takes **kwargs: any keyword binds.
    assert.equal(
      componentFindings({ e: { _component_: 'torchtune.training.metric_logging.DiskLogger', log_dri: 1 } })
        .kwarg,
      undefined,
    );
    assert.deepEqual(
      found(bad.replace('num_warmup_step:', 'num_warmup_steps:'), 'tt-component-unknown-kwarg'),
      [],
    );
  });
  it("judges a component's arguments in the user's release (torchtune's own invalid_dummy_config)", () => {
    // tests/torchtune/config/test_validate.py at 4a657cb: get_dtype got an unexpected keyword argument 'dummy'.
    const text = 'test1:\n  _component_: torchtune.utils.get_dtype\n  dtype: fp32\n  dummy: 3\n';
    const at = (v?: string): string[] =>
      validateText(text, { dialect: 'torchtune', frameworkVersions: v ? { torchtune: v } : undefined })
        .diagnostics.filter((d) => d.code.startsWith('tt-'))
        .map((d) => `${text.slice(0, d.start).split('\n').length}:${d.code}`);
    assert.deepEqual(at('0.2.1'), ['4:tt-component-unknown-kwarg']);
    assert.deepEqual(at('0.2'), ['4:tt-component-unknown-kwarg']);
    // The newest release cannot import the path at all; a release the table lacks is not judged.
    assert.deepEqual(at(), ['2:tt-utils-moved-to-training']);
    assert.deepEqual(at('0.1.1'), []);
  });
  it('refuses a required argument neither the config nor the recipe gives', () => {
    const bad = `output_dir: /tmp/out\ntokenizer:\n  _component_: torchtune.models.llama3.llama3_tokenizer\n  max_seq_len: 2048\n`;
    assert.deepEqual(found(bad, 'tt-component-missing-kwarg'), ['3:error']);
    assert.deepEqual(found(BASE, 'tt-component-missing-kwarg'), []);
    // The recipe passes the optimizer's params and the dataset's tokenizer itself.
    const given = `${BASE}optimizer:\n  _component_: torch.optim.AdamW\n  lr: 0.0003\ndataset:\n  _component_: torchtune.datasets.alpaca_dataset\n`;
    assert.deepEqual(found(given, 'tt-component-missing-kwarg'), []);
  });
  it('refuses a top-level config key', () => {
    assert.deepEqual(found(`${BASE}config: lora.yaml\n`, 'tt-config-key'), ['6:error']);
    assert.deepEqual(found(BASE, 'tt-config-key'), []);
  });
});
