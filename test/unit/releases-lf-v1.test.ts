// LLaMA-Factory v1 release data: the v1 config (src/llamafactory/v1/config) exists from tag v0.9.4, so
// three releases are read (0.9.4, 0.9.5 and main at the v1 schema's commit, 0.9.6.dev0). The release is
// the `llamafactory` package's, the same setting as v0's.
import * as assert from 'node:assert/strict';
import { validateText } from '../../src/core/pipeline';
import { RELEASES } from '../../src/core/validate/releases/data';

const V1 = 'model: Qwen/Qwen3-4B-Instruct-2507\ncutoff_len: 2048\noutput_dir: out\n';

const found = (extra: string, llamafactory?: string) => {
  const text = `${V1}${extra}\n`;
  const r = validateText(text, {
    dialect: 'llamafactory-v1',
    frameworkVersions: llamafactory ? { llamafactory } : undefined,
  });
  return r.diagnostics.map((d) => ({
    severity: d.severity,
    code: d.code,
    at: text.slice(d.start, d.end),
    message: d.message,
    fixes: d.fixes?.map((f) => f.edits.map((e) => e.newText).join()),
  }));
};

describe('LLaMA-Factory v1 release data', () => {
  it('reads the releases that have a v1 config, each with its commit', () => {
    const v1 = RELEASES['llamafactory-v1'];
    assert.deepEqual(v1.releases, ['0.9.4', '0.9.5', '0.9.6.dev0']);
    assert.equal(v1.commits['0.9.4'], '95ac3f2373b82662c1bd855c284d3379e6a763d3');
    assert.deepEqual(v1.keys?.train_dataset, [1, 2]);
    assert.deepEqual(v1.keys?.dataset, [0, 0]);
    assert.deepEqual(v1.renamed, { dataset: 'train_dataset' });
  });

  it('a key newer than the release is an error naming the release that added it', () => {
    assert.deepEqual(found('cp_size: 2', '0.9.5'), [
      {
        severity: 'error',
        code: 'release-added',
        at: 'cp_size',
        message:
          '`cp_size` was added in LLaMA-Factory 0.9.6.dev0; your release 0.9.5 does not know it (the v1 parser stops with "Some specified arguments are not used by the HfArgumentParser").',
        fixes: undefined,
      },
    ]);
    assert.deepEqual(
      found('train_dataset: data/train.jsonl', '0.9.4').map((d) => d.code),
      ['release-added'],
    );
  });

  it('accepts the same keys in the releases that have them', () => {
    assert.deepEqual(found('cp_size: 2', '0.9.6.dev0'), []);
    assert.deepEqual(found('train_dataset: data/train.jsonl', '0.9.5'), []);
    // 0.9.4 named it `dataset`: the newest schema's unknown-key error gives way.
    assert.deepEqual(found('dataset: data/train.jsonl', '0.9.4'), []);
  });

  it('the old name past the rename is one error with the new name as its fix', () => {
    assert.deepEqual(found('dataset: data/train.jsonl', '0.9.5'), [
      {
        severity: 'error',
        code: 'release-renamed',
        at: 'dataset',
        message:
          '`dataset` was renamed to `train_dataset` in LLaMA-Factory 0.9.5; your release 0.9.5 reads `train_dataset`.',
        fixes: ['train_dataset'],
      },
    ]);
  });

  it('without a release set, v1 keys are judged by the newest schema alone', () => {
    assert.deepEqual(found('cp_size: 2'), []);
    assert.deepEqual(
      found('template: qwen3').map((d) => d.code),
      ['unknown-key'],
    );
  });
});

describe('LLaMA-Factory v1 config on a release without v1', () => {
  it('is one error at the first key naming the release that added v1; 0.9.4 accepts the file', () => {
    assert.deepEqual(found('train_dataset: data/train.jsonl', '0.9.3'), [
      {
        severity: 'error',
        code: 'release-added',
        at: 'model',
        message:
          'LLaMA-Factory v1 configs (USE_V1=1) were added in LLaMA-Factory 0.9.4; your release 0.9.3 reads this file with the v0 parser, which stops on the keys it does not know.',
        fixes: undefined,
      },
    ]);
    assert.deepEqual(found('dataset: data/train.jsonl', '0.9.4'), []);
  });
});
