import * as assert from 'node:assert/strict';
import { detectDialect, globMatches } from '../../src/core/dialects';

describe('validate: dialect detection', () => {
  it('the yaml-language-server modeline names our schema', () => {
    const r = detectDialect(
      '# yaml-language-server: $schema=https://ml-config-lens.dev/schemas/torchtune.schema.json\nbase_model: x\n',
    );
    assert.deepEqual(r, { dialect: 'torchtune', reason: 'named by the yaml-language-server modeline' });
  });
  it('a modeline pointing elsewhere means: not ours', () => {
    assert.equal(
      detectDialect(
        '# yaml-language-server: $schema=https://json.schemastore.org/github-workflow.json\nbase_model: x\n',
      ).dialect,
      undefined,
    );
  });
  it('a $schema key, YAML or JSON', () => {
    assert.equal(
      detectDialect('$schema: https://ml-config-lens.dev/schemas/axolotl.schema.json\nfoo: 1\n').dialect,
      'axolotl',
    );
    assert.equal(
      detectDialect('{\n  "$schema": "https://ml-config-lens.dev/schemas/peft.schema.json",\n  "r": 8\n}')
        .dialect,
      'peft',
    );
  });
  it('glob associations from the setting beat content', () => {
    const r = detectDialect('base_model: x\nsequence_len: 10\n', {
      fileName: '/w/configs/trl/run.yaml',
      associations: { '**/trl/*.yaml': 'trl' },
    });
    assert.deepEqual(r, { dialect: 'trl', reason: 'mlConfig.files.associations: "**/trl/*.yaml"' });
  });
  it('globs: **, *, ?, {a,b}, basename-only patterns', () => {
    assert.ok(globMatches('**/*.yml', 'a/b/c.yml'));
    assert.ok(globMatches('*.yaml', '/x/y/z.yaml'));
    assert.ok(globMatches('configs/{sft,dpo}/*.yaml', '/r/configs/dpo/a.yaml'));
    assert.ok(!globMatches('configs/{sft,dpo}/*.yaml', '/r/configs/ppo/a.yaml'));
    assert.ok(globMatches('run-?.yaml', 'run-1.yaml'));
    assert.ok(!globMatches('*.yaml', 'a.yml'));
  });
  it('adapter_config.json: PEFT or AdapterHub by content', () => {
    assert.equal(
      detectDialect('{"peft_type": "LORA", "r": 8}', { fileName: 'x/adapter_config.json' }).dialect,
      'peft',
    );
    assert.equal(
      detectDialect(
        '{\n  "config": {\n    "reduction_factor": 16,\n    "non_linearity": "relu"\n  },\n  "model_class": "BertAdapterModel"\n}',
        { fileName: 'x/adapter_config.json' },
      ).dialect,
      'adapterhub',
    );
  });
  it('content: each dialect from its typical keys', () => {
    assert.equal(
      detectDialect('base_model: m\nsequence_len: 2048\nmicro_batch_size: 1\n').dialect,
      'axolotl',
    );
    assert.equal(
      detectDialect('model_name_or_path: m\nstage: sft\nfinetuning_type: lora\ntemplate: llama3\n').dialect,
      'llamafactory',
    );
    assert.equal(
      detectDialect('model: Qwen/Qwen3-4B\nmodel_class: llm\ntrain_dataset: d.yaml\nmicro_batch_size: 1\n')
        .dialect,
      'llamafactory-v1',
    );
    assert.equal(
      detectDialect('model_name_or_path: m\ntorch_dtype: bfloat16\nuse_peft: true\nlora_r: 16\n').dialect,
      'trl',
    );
    assert.equal(
      detectDialect('model:\n  _component_: torchtune.models.llama3_2.lora_llama3_2_1b\n').dialect,
      'torchtune',
    );
  });
  it('Accelerate configs are their own dialect; unrelated YAML is not claimed', () => {
    const acc = detectDialect(
      'compute_environment: LOCAL_MACHINE\ndistributed_type: MULTI_GPU\nmixed_precision: bf16\nnum_processes: 8\n',
    );
    assert.deepEqual(acc, {
      dialect: 'accelerate',
      reason: 'content: `compute_environment` / `distributed_type` (an Accelerate launcher config)',
    });
    assert.equal(detectDialect('provider: baseten\ngpu: h100\ngpu_count: 8\n').dialect, undefined);
    assert.equal(detectDialect('').dialect, undefined);
  });
});
