// Release-aware validation, both directions: a key, template or component newer than the user's
// release is reported (at the framework's severity), and what that release accepts is never an error
// (torchtune 0.4's scheduler path, LLaMA-Factory 0.6's `vanilla` template).
import * as assert from 'node:assert/strict';
import { analyzeDocument, validateText } from '../../src/core/pipeline';
import { RELEASES } from '../../src/core/validate/releases/data';

const LF = [
  'model_name_or_path: Qwen/Qwen2.5-0.5B',
  'stage: sft',
  'do_train: true',
  'finetuning_type: lora',
  'template: vanilla',
  'dataset: alpaca_en_demo',
  'output_dir: out',
  'bf16: true',
].join('\n');

const TT_SCHEDULER = [
  'lr_scheduler:',
  '  _component_: torchtune.modules.get_cosine_schedule_with_warmup',
  '  num_warmup_steps: 100',
].join('\n');

const codes = (
  text: string,
  dialect: 'llamafactory' | 'torchtune' | 'trl' | 'peft' | 'axolotl',
  v?: Record<string, string>,
) => validateText(text, { dialect, frameworkVersions: v }).diagnostics.map((d) => `${d.severity}:${d.code}`);

describe('release-aware key and value sets', () => {
  it('records the commit of every release it read', () => {
    for (const fw of Object.values(RELEASES)) {
      assert.equal(Object.keys(fw.commits).length, fw.releases.length);
      for (const c of Object.values(fw.commits)) assert.match(c, /^[0-9a-f]{40}$/);
    }
    assert.equal(RELEASES.llamafactory.commits['0.9.5'].length, 40);
  });

  it('LLaMA-Factory vanilla: an error on the newest release, accepted by 0.6.1', () => {
    assert.deepEqual(codes(LF, 'llamafactory'), ['error:enum']);
    assert.deepEqual(codes(LF, 'llamafactory', { llamafactory: '0.6.1' }), []);
    // vanilla was last registered in 0.6.2 (renamed to empty in 0.6.3): 0.9.5 stays an error.
    assert.deepEqual(codes(LF, 'llamafactory', { llamafactory: '0.9.5' }), ['error:enum']);
  });

  it('LLaMA-Factory: a key newer than the release is an error naming both releases and the source', () => {
    const text = LF.replace('template: vanilla', 'template: qwen') + '\nenable_thinking: true';
    assert.deepEqual(codes(text, 'llamafactory'), []);
    const r = validateText(text, {
      dialect: 'llamafactory',
      frameworkVersions: { llamafactory: '0.9.2' },
      frameworkVersionSources: {
        llamafactory: 'from .venv/lib/python3.11/site-packages/llamafactory-0.9.2.dist-info',
      },
    });
    assert.equal(r.diagnostics.length, 1);
    const d = r.diagnostics[0];
    assert.equal(d.severity, 'error');
    assert.equal(d.code, 'release-added');
    assert.equal(
      d.message,
      '`enable_thinking` was added in LLaMA-Factory 0.9.3; your release 0.9.2 does not know it (HfArgumentParser stops with "Some keys are not used") (llamafactory 0.9.2 from .venv/lib/python3.11/site-packages/llamafactory-0.9.2.dist-info).',
    );
    assert.equal(text.slice(d.start, d.end), 'enable_thinking');
    assert.deepEqual(codes(text, 'llamafactory', { llamafactory: '0.9.3' }), []);
  });

  it('LLaMA-Factory: a template newer than the release is an error', () => {
    const text = LF.replace('template: vanilla', 'template: empty');
    assert.deepEqual(codes(text, 'llamafactory', { llamafactory: '0.6.1' }), ['error:release-added']);
    assert.deepEqual(codes(text, 'llamafactory', { llamafactory: '0.6.3' }), []);
  });

  it('torchtune 0.4 scheduler path: an error on the newest release, accepted by 0.4.0', () => {
    assert.deepEqual(codes(TT_SCHEDULER, 'torchtune'), ['error:type', 'error:enum']);
    assert.deepEqual(codes(TT_SCHEDULER, 'torchtune', { torchtune: '0.4.0' }), []);
    assert.deepEqual(codes(TT_SCHEDULER, 'torchtune', { torchtune: '0.3.1' }), []);
  });

  it('torchtune: a path newer than the release is an error; the moved path gets the new one as a fix', () => {
    const newer = TT_SCHEDULER.replace(
      'torchtune.modules.get_cosine_schedule_with_warmup',
      'torchtune.training.lr_schedulers.get_cosine_schedule_with_warmup',
    );
    assert.deepEqual(codes(newer, 'torchtune'), []);
    const r = validateText(newer, { dialect: 'torchtune', frameworkVersions: { torchtune: '0.3.1' } });
    assert.equal(r.diagnostics.length, 1);
    assert.equal(
      r.diagnostics[0].message,
      '`torchtune.training.lr_schedulers.get_cosine_schedule_with_warmup` was added in torchtune 0.4.0; your release 0.3.1 does not have it and `tune run` cannot import it.',
    );
    const utils = [
      'checkpointer:',
      '  _component_: torchtune.utils.FullModelHFCheckpointer',
      '  checkpoint_dir: /tmp/m',
      '  checkpoint_files: [model.safetensors]',
      '  model_type: LLAMA3',
      '  output_dir: /tmp/out',
    ].join('\n');
    assert.deepEqual(codes(utils, 'torchtune', { torchtune: '0.2.1' }), []);
    assert.deepEqual(codes(utils, 'torchtune', { torchtune: '0.3.0' }), ['error:tt-utils-moved-to-training']);
  });

  it('TRL: a key newer than the release is an error; a key every release has is not judged', () => {
    const text =
      'model_name_or_path: Qwen/Qwen2.5-0.5B\ncompletion_only_loss: false\nlearning_rate: 2.0e-5\n';
    assert.deepEqual(codes(text, 'trl', { trl: '0.16.1' }), ['error:release-added']);
    assert.deepEqual(codes(text, 'trl', { trl: '0.17.0' }), []);
  });

  it('PEFT: a LoRA key newer than the release warns from 0.14 on and is an error before', () => {
    const cfg = (extra: string) =>
      JSON.stringify(
        { peft_type: 'LORA', r: 8, lora_alpha: 16, target_modules: ['q_proj'], ...JSON.parse(extra) },
        null,
        1,
      );
    const dora = cfg('{"use_dora": true}');
    const first = RELEASES.peft.releases[RELEASES.peft.types!.LORA.keys.use_dora[0]];
    assert.equal(first, '0.9.0');
    assert.deepEqual(codes(dora, 'peft', { peft: '0.8.2' }), ['error:release-added']);
    assert.deepEqual(codes(dora, 'peft', { peft: '0.9.0' }), []);
  });

  it('PEFT enable_lora (removed in 0.3.0): an error before 0.14 (TypeError), a warning from 0.14, silent on 0.2', () => {
    const text = JSON.stringify({ peft_type: 'LORA', task_type: 'CAUSAL_LM', r: 8, enable_lora: null });
    const at = (v?: string) =>
      validateText(text, { dialect: 'peft', frameworkVersions: v ? { peft: v } : undefined }).diagnostics;
    assert.deepEqual(
      at('0.12.0').map((d) => `${d.severity}:${d.code}`),
      ['error:deprecated-key'],
    );
    assert.match(
      at('0.12.0')[0].message,
      /peft 0\.12\.0 does not have it either \(removed in 0\.3\.0\): PEFT before 0\.14 raises TypeError/,
    );
    assert.deepEqual(
      at('0.14.0').map((d) => `${d.severity}:${d.code}`),
      ['warning:deprecated-key'],
    );
    assert.deepEqual(
      at().map((d) => `${d.severity}:${d.code}`),
      ['warning:deprecated-key'],
    );
    assert.deepEqual(at('0.2.0'), []);
  });

  it('Axolotl 0.4.0 (no config classes to read): keys every read release has are not "added in 0.5.0"', () => {
    assert.equal(RELEASES.axolotl.releases[0], '0.5.0');
    const text = 'base_model: m\nadapter: lora\nmicro_batch_size: 1\ngradient_accumulation_steps: 1\n';
    const release = (v: string) =>
      codes(text, 'axolotl', { axolotl: v }).filter((c) => c.includes('release'));
    assert.deepEqual(release('0.4.0'), []);
    // A key added later is still newer than 0.4.0 (Axolotl drops it without a word: a warning).
    const moe = (v: string) =>
      codes(`${text}quantize_moe_experts: false\n`, 'axolotl', { axolotl: v }).filter((c) =>
        c.includes('release'),
      );
    assert.deepEqual(moe('0.4.0'), ['warning:release-added']);
    assert.deepEqual(moe('0.15.0'), []);
  });

  it('no version set: nothing release-dependent is reported', () => {
    const text = LF.replace('template: vanilla', 'template: qwen') + '\nenable_thinking: true';
    assert.deepEqual(codes(text, 'llamafactory', {}), []);
    assert.deepEqual(codes(text, 'llamafactory', { llamafactory: 'not-a-version' }), []);
  });
});

describe('the transformers release a count assumes, through the pipeline', () => {
  const text = [
    'base_model: gpt2',
    'adapter: lora',
    'lora_r: 8',
    'lora_alpha: 16',
    'lora_target_modules: [c_attn]',
  ].join('\n');
  it('names the detected release and where it came from in the basis', () => {
    const detected = analyzeDocument({
      text,
      dialect: 'axolotl',
      settings: {
        transformersVersion: '4.57.6',
        transformersVersionSource: 'from .venv/lib/python3.11/site-packages/transformers-4.57.6.dist-info',
      },
    });
    assert.match(
      detected.analysis?.estimate?.basis ?? '',
      /; transformers 4\.57\.6 \(from \.venv\/lib\/python3\.11\/site-packages\/transformers-4\.57\.6\.dist-info\)$/,
    );
    const none = analyzeDocument({ text, dialect: 'axolotl' });
    assert.match(
      none.analysis?.estimate?.basis ?? '',
      /; transformers 5\.17\.0 \(newest supported; no version set\)$/,
    );
    // An explicit report value (the CLI flag, the panel) wins over the detected one.
    const flag = analyzeDocument({
      text,
      dialect: 'axolotl',
      report: { transformersVersion: '5.12.1', transformersVersionSource: '--transformers-version' },
      settings: { transformersVersion: '4.57.6', transformersVersionSource: 'from .venv' },
    });
    assert.match(flag.analysis?.estimate?.basis ?? '', /; transformers 5\.12\.1 \(--transformers-version\)$/);
  });
});
