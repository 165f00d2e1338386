// Linked files: where a config names a DeepSpeed file, and which paths are tried for it.
import * as assert from 'node:assert/strict';
import { findConfigLinks, linkCandidates, missingLinkMessage } from '../../src/core/links';
import { shardingFromDeepSpeedText } from '../../src/core/links/deepspeed-sharding';

describe('links: linked DeepSpeed files', () => {
  it('finds Axolotl / LLaMA-Factory / TRL `deepspeed:` with the range of the path (without quotes)', () => {
    const text = 'base_model: m\ndeepspeed: "deepspeed_configs/zero3_bf16.json"\n';
    const [l] = findConfigLinks(text, 'axolotl');
    assert.deepEqual(
      [l.target, text.slice(l.start, l.end), l.path],
      ['deepspeed_configs/zero3_bf16.json', 'deepspeed_configs/zero3_bf16.json', ['deepspeed']],
    );
    const lf = 'model_name_or_path: m\ndeepspeed: examples/deepspeed/ds_z3_config.json\n';
    assert.equal(findConfigLinks(lf, 'llamafactory')[0].start, lf.indexOf('examples/'));
    assert.equal(findConfigLinks('deepspeed: ds.json\n', 'trl').length, 1);
  });

  it("finds an Accelerate config's deepspeed_config_file", () => {
    const text =
      'distributed_type: DEEPSPEED\ndeepspeed_config:\n  deepspeed_config_file: ./ds_z3.json\n  zero3_init_flag: true\n';
    const [l] = findConfigLinks(text, 'accelerate');
    assert.deepEqual([l.target, text.slice(l.start, l.end)], ['./ds_z3.json', './ds_z3.json']);
  });

  it('no link for empty, null, inline mappings, other dialects or broken YAML', () => {
    assert.deepEqual(findConfigLinks('deepspeed:\n', 'axolotl'), []);
    assert.deepEqual(findConfigLinks('deepspeed: null\n', 'axolotl'), []);
    assert.deepEqual(findConfigLinks('deepspeed: ds.json\n', 'peft'), []);
    assert.deepEqual(findConfigLinks('deepspeed: [\n', 'axolotl'), []);
    assert.deepEqual(findConfigLinks('deepspeed: ds.json\n', undefined), []);
  });

  it('candidates: relative to the file, then each workspace folder; absolute as written', () => {
    assert.deepEqual(linkCandidates('../ds/z3.json', '/repo/examples/lora.yml', ['/repo']), [
      '/repo/ds/z3.json',
      '/ds/z3.json',
    ]);
    assert.deepEqual(
      linkCandidates('deepspeed_configs/zero2.json', '/repo/examples/qwen/lora.yml', ['/repo']),
      ['/repo/examples/qwen/deepspeed_configs/zero2.json', '/repo/deepspeed_configs/zero2.json'],
    );
    assert.deepEqual(linkCandidates('/abs/ds.json', '/repo/a.yml', ['/repo']), ['/abs/ds.json']);
    assert.deepEqual(linkCandidates('ds.json', 'C:\\w\\a.yml', []), ['C:/w/ds.json']);
  });

  it('the missing-file message says it may live on the cluster', () => {
    const [l] = findConfigLinks('deepspeed: ds.json\n', 'axolotl');
    assert.equal(
      missingLinkMessage(l, ['/r/ds.json']),
      'Linked DeepSpeed config "ds.json" was not found (tried /r/ds.json); it may live on the cluster, so its ZeRO stage and offload are not used here.',
    );
  });
});

describe('links: sharding from a linked DeepSpeed file', () => {
  it('reads the ZeRO stage and offload from the content, not the file name', () => {
    assert.deepEqual(shardingFromDeepSpeedText('{"zero_optimization": {"stage": 2}}', 'zero3.json'), {
      framework: 'deepspeed',
      stage: 2,
      setting: 'deepspeed: zero3.json (zero_optimization.stage 2)',
    });
    assert.deepEqual(
      shardingFromDeepSpeedText(
        '{"zero_optimization": {"stage": 3, "offload_param": {"device": "cpu"}}}',
        'ds.json',
      )?.offload,
      true,
    );
    assert.equal(
      shardingFromDeepSpeedText(
        '{"zero_optimization": {"stage": 2, "offload_param": {"device": "cpu"}}}',
        'ds.json',
      )?.offload,
      undefined,
    );
    assert.equal(shardingFromDeepSpeedText('{"bf16": {"enabled": true}}', 'ds.json')?.stage, 0);
    assert.equal(shardingFromDeepSpeedText('{"zero_optimization": {"stage": "auto"}}', 'ds.json'), undefined);
    assert.equal(shardingFromDeepSpeedText('{ broken', 'ds.json'), undefined);
  });
});
