// Attention kernel, fused cross-entropy and ZeRO/FSDP settings read from real framework configs
// (../shared/corpus/real), exactly as each framework would pick them.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { mapDialectConfig } from '../../src/core/dialects';
import type { TrainingShape } from '../../src/core/estimator-input';
import { attentionKindOf } from '../../src/core/estimator-input/runtime';
import type { DialectId } from '../../src/core/dialects';
import { sharedPath, describeWithShared } from '../support/shared';

/** Called only inside describeWithShared('corpus/real', …) bodies, where the folder exists. */
const training = (rel: string, dialect: DialectId): TrainingShape =>
  mapDialectConfig(parse(readFileSync(join(sharedPath('corpus/real')!, rel), 'utf8')), dialect).training;
const pick = (t: TrainingShape) => ({ attention: t.attention, attentionSetting: t.attentionSetting });

describeWithShared('corpus/real', 'dialect-mapping attention: Axolotl', () => {
  it('flash_attention: true → FlashAttention 2 (qwen3/8b-lora-fused-attn.yaml)', () => {
    assert.deepEqual(pick(training('axolotl/examples/qwen3/8b-lora-fused-attn.yaml', 'axolotl')), {
      attention: 'flash',
      attentionSetting: 'flash_attention: true',
    });
  });

  it('attn_implementation wins over the flash_attention flag (trinity-nano-preview-qlora.yaml has both)', () => {
    assert.deepEqual(pick(training('axolotl/examples/trinity/trinity-nano-preview-qlora.yaml', 'axolotl')), {
      attention: 'sdpa',
      attentionSetting: 'attn_implementation: sdpa',
    });
  });

  it('xformers, flex attention and hub FlashAttention-3 kernels store no s×s matrix', () => {
    const cases: Array<[string, string]> = [
      ['axolotl/examples/archived/falcon/config-7b-lora.yml', 'attn_implementation: xformers'],
      ['axolotl/examples/llama-4/scout-qlora-single-h100-flex.yaml', 'attn_implementation: flex_attention'],
      [
        'axolotl/examples/gpt-oss/gpt-oss-20b-sft-lora-singlegpu.yaml',
        'attn_implementation: kernels-community/vllm-flash-attn3',
      ],
    ];
    for (const [file, setting] of cases)
      assert.deepEqual(
        pick(training(file, 'axolotl')),
        { attention: 'flash', attentionSetting: setting },
        file,
      );
  });

  it('eager_attention: true and no setting at all', () => {
    assert.deepEqual(pick(mapDialectConfig({ base_model: 'x', eager_attention: true }, 'axolotl').training), {
      attention: 'eager',
      attentionSetting: 'eager_attention: true',
    });
    assert.deepEqual(pick(mapDialectConfig({ base_model: 'x' }, 'axolotl').training), {
      attention: undefined,
      attentionSetting: undefined,
    });
  });

  it('DeepSpeed from the config path: zero2 (jamba), zero3 with CPU offload (mixtral_22), zero3 (gpt-oss)', () => {
    assert.deepEqual(training('axolotl/examples/jamba/qlora_deepspeed.yaml', 'axolotl').sharding, {
      framework: 'deepspeed',
      stage: 2,
      setting: 'deepspeed: deepspeed_configs/zero2.json',
    });
    assert.deepEqual(training('axolotl/examples/mistral/mixtral/mixtral_22.yml', 'axolotl').sharding, {
      framework: 'deepspeed',
      stage: 3,
      setting: 'deepspeed: deepspeed_configs/zero3_bf16_cpuoffload_all.json',
      offload: true,
      offloadOptimizer: true,
      offloadParams: true,
    });
    assert.equal(
      training('axolotl/examples/gpt-oss/gpt-oss-20b-fft-deepspeed-zero3.yaml', 'axolotl').sharding?.stage,
      3,
    );
  });

  it('FSDP1 full_shard list and FSDP2 reshard_after_forward are ZeRO-3', () => {
    assert.deepEqual(training('axolotl/examples/mistral/mistral-qlora-fsdp.yml', 'axolotl').sharding, {
      framework: 'fsdp',
      stage: 3,
      setting: 'fsdp: full_shard auto_wrap',
    });
    assert.deepEqual(training('axolotl/examples/qwen3.5/27b-qlora-fsdp.yaml', 'axolotl').sharding, {
      framework: 'fsdp',
      stage: 3,
      setting: 'fsdp_version: 2',
    });
    const zero2 = mapDialectConfig(
      { base_model: 'x', fsdp_config: { fsdp_version: 2, reshard_after_forward: false } },
      'axolotl',
    ).training;
    assert.deepEqual(zero2.sharding, {
      framework: 'fsdp',
      stage: 2,
      setting: 'fsdp_version: 2, reshard_after_forward: false',
    });
  });

  it('CutCrossEntropyPlugin is a fused loss unless cut_cross_entropy: false (gemma3n/gemma-3n-e2b-qlora.yml)', () => {
    assert.equal(
      training('axolotl/examples/gemma3n/gemma-3n-e2b-qlora.yml', 'axolotl').fusedCrossEntropy,
      'plugins: axolotl.integrations.cut_cross_entropy.CutCrossEntropyPlugin',
    );
    const off = {
      base_model: 'x',
      plugins: ['axolotl.integrations.cut_cross_entropy.CutCrossEntropyPlugin'],
      cut_cross_entropy: false,
    };
    assert.equal(mapDialectConfig(off, 'axolotl').training.fusedCrossEntropy, undefined);
    assert.equal(
      mapDialectConfig({ base_model: 'x', liger_fused_linear_cross_entropy: true }, 'axolotl').training
        .fusedCrossEntropy,
      'liger_fused_linear_cross_entropy: true',
    );
  });

  it('N-D parallel: dp_shard_size is the FSDP shard degree, TP noted (distributed-parallel/llama-3_1-8b-hsdp-tp.yaml)', () => {
    assert.deepEqual(
      training('axolotl/examples/distributed-parallel/llama-3_1-8b-hsdp-tp.yaml', 'axolotl').sharding,
      {
        framework: 'fsdp',
        stage: 3,
        setting: 'fsdp_version: 2',
        shardDevices: 4,
        otherParallel: 'tensor_parallel_size: 2',
      },
    );
  });
});

describeWithShared('corpus/real', 'dialect-mapping attention: LLaMA-Factory, TRL, torchtune', () => {
  it('LLaMA-Factory flash_attn: fa2 (ascend), flash_attention_2 (v1), disabled → eager, auto → default', () => {
    assert.deepEqual(
      pick(training('llamafactory/examples/ascend/qwen3_5moe_lora_sft_fsdp2.yaml', 'llamafactory')),
      { attention: 'flash', attentionSetting: 'flash_attn: fa2' },
    );
    const v1 = training(
      'llamafactory/examples/v1/train_batching_strategy/train_full_fsdp2_padding_free.yaml',
      'llamafactory-v1' as DialectId,
    );
    assert.deepEqual(pick(v1), { attention: 'flash', attentionSetting: 'flash_attn: flash_attention_2' });
    assert.deepEqual(v1.sharding, { framework: 'fsdp', stage: 3, setting: 'dist_config.name: fsdp2' });
    assert.deepEqual(
      pick(mapDialectConfig({ model_name_or_path: 'x', flash_attn: 'disabled' }, 'llamafactory').training),
      { attention: 'eager', attentionSetting: 'flash_attn: disabled' },
    );
    assert.equal(
      mapDialectConfig({ model_name_or_path: 'x', flash_attn: 'auto' }, 'llamafactory').training.attention,
      undefined,
    );
  });

  it('LLaMA-Factory DeepSpeed ds_z3 / ds_z0 config paths', () => {
    assert.deepEqual(
      training('llamafactory/examples/train_full/qwen3_full_sft.yaml', 'llamafactory').sharding,
      { framework: 'deepspeed', stage: 3, setting: 'deepspeed: examples/deepspeed/ds_z3_config.json' },
    );
    assert.equal(
      training('llamafactory/examples/extras/asft/qwen2_full_asft.yaml', 'llamafactory').sharding?.stage,
      0,
    );
  });

  it('TRL recipes: attn_implementation and use_liger_kernel (open-r1 OpenR1-Distill-7B)', () => {
    const t = training('open-r1/recipes/OpenR1-Distill-7B/sft/config_distill.yaml', 'trl');
    assert.deepEqual(pick(t), {
      attention: 'flash',
      attentionSetting: 'attn_implementation: flash_attention_2',
    });
    assert.equal(t.fusedCrossEntropy, 'use_liger_kernel: true');
    assert.deepEqual(
      mapDialectConfig({ model_name_or_path: 'x', fsdp: 'full_shard auto_wrap' }, 'trl').training.sharding,
      { framework: 'fsdp', stage: 3, setting: 'fsdp: full_shard auto_wrap' },
    );
  });

  it('torchtune: SDPA with dropout 0 always; LinearCrossEntropyLoss fused, CEWithChunkedOutputLoss not', () => {
    const t = training('torchtune/recipes/configs/llama3/8B_qlora_single_device.yaml', 'torchtune');
    assert.deepEqual([t.attention, t.attentionDropout], ['sdpa', 0]);
    assert.equal(t.fusedCrossEntropy, 'loss: torchtune.modules.loss.LinearCrossEntropyLoss');
    const chunked = mapDialectConfig(
      {
        model: { _component_: 'torchtune.models.llama3.lora_llama3_8b', lora_attn_modules: ['q_proj'] },
        loss: { _component_: 'torchtune.modules.loss.CEWithChunkedOutputLoss' },
      },
      'torchtune',
    );
    assert.equal(chunked.training.fusedCrossEntropy, undefined);
  });

  it('transformers attn_implementation names by what they store', () => {
    const kinds = [
      'eager',
      'sdpa',
      'flash_attention_2',
      'flash_attention_3',
      'flex_attention',
      'paged|flash_attention_2',
      'fa3',
      'SDPA',
      'bogus',
    ].map(attentionKindOf);
    assert.deepEqual(kinds, [
      'eager',
      'sdpa',
      'flash',
      'flash',
      'flash',
      'flash',
      'flash',
      'sdpa',
      undefined,
    ]);
    // An unknown value is kept as the setting, without a kind, so the memory plan can name it.
    assert.deepEqual(
      pick(mapDialectConfig({ model_name_or_path: 'x', attn_implementation: 'bogus' }, 'trl').training),
      { attention: undefined, attentionSetting: 'attn_implementation: bogus' },
    );
  });
});
