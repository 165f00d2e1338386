// Reading the training shape, regime and model reference from real config files of each dialect.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigReadError, configShapeFromText, regimeOfConfig } from '../../src/core/laws';
import { describeWithShared } from '../support/shared';

describeWithShared('corpus/real', 'laws: config files to training shape', (corpus) => {
  const read = (p: string) => configShapeFromText(readFileSync(resolve(corpus, p), 'utf8'));

  it('LLaMA-Factory LoRA SFT (qwen3_lora_sft.yaml)', () => {
    const c = read('llamafactory/examples/train_lora/qwen3_lora_sft.yaml');
    assert.deepEqual(c.shape, {
      learningRate: 1e-4,
      microBatch: 1,
      gradAccum: 8,
      devices: undefined,
      seqLen: 2048,
      maxSteps: undefined,
      epochs: 3,
      regime: 'lora',
    });
    assert.equal(c.regimeReason, 'llamafactory adapter LORA');
    assert.equal(c.readAs, 'llamafactory (estimator mapping)');
    assert.equal(c.modelRef, 'Qwen/Qwen3-4B-Instruct-2507');
    assert.equal(c.loraRank, 8);
  });

  it('TRL QLoRA recipe (zephyr-7b-beta config_qlora.yaml): max_steps -1 is not a step count', () => {
    const c = read('alignment-handbook/recipes/zephyr-7b-beta/sft/config_qlora.yaml');
    assert.deepEqual(c.shape, {
      learningRate: 2e-4,
      microBatch: 4,
      gradAccum: 2,
      devices: undefined,
      seqLen: 2048,
      maxSteps: undefined,
      epochs: 1,
      regime: 'lora',
    });
    assert.equal(c.regimeReason, 'trl adapter LORA');
    assert.deepEqual([c.loraRank, c.loraAlpha], [16, 16]);
  });

  it('Axolotl streaming pre-training is continued pre-training', () => {
    const c = read('axolotl/examples/streaming/pretrain.yaml');
    assert.equal(c.regime, 'continued');
    assert.deepEqual(
      [c.shape.learningRate, c.shape.microBatch, c.shape.gradAccum, c.shape.seqLen, c.shape.maxSteps],
      [5e-4, 1, 8, 1024, 1000],
    );
    assert.equal(c.modelRef, 'HuggingFaceTB/SmolLM2-135M');
  });

  it('torchtune: LR under optimizer:, LoRA from the model builder, rank under model:', () => {
    const full = read('torchtune/recipes/configs/llama3_1/8B_full_single_device.yaml');
    assert.deepEqual(
      [full.shape.learningRate, full.shape.microBatch, full.shape.gradAccum, full.shape.epochs, full.regime],
      [2e-5, 2, 1, 1, 'full'],
    );
    const lora = read('torchtune/recipes/configs/llama3_3/70B_lora.yaml');
    assert.equal(lora.regime, 'lora');
    assert.deepEqual([lora.loraRank, lora.loraAlpha], [16, 32]);
  });
});

describe('laws: config text to training shape', () => {
  it('maps adapter keys to regimes', () => {
    assert.equal(regimeOfConfig({ adapter: 'qlora' }).regime, 'lora');
    assert.equal(regimeOfConfig({ finetuning_type: 'full', stage: 'sft' }).regime, 'full');
    assert.equal(regimeOfConfig({ finetuning_type: 'full', stage: 'pt' }).regime, 'continued');
    assert.deepEqual(regimeOfConfig({}), { regime: 'full', reason: 'no adapter in the config' });
  });

  it('falls back to the minimal key map when no dialect is recognised', () => {
    const c = configShapeFromText('learning_rate: 3e-4\nmax_length: 1024\nlora_r: 4\n');
    assert.equal(c.readAs, 'minimal key map (dialect not recognised)');
    assert.deepEqual([c.shape.learningRate, c.shape.seqLen, c.loraRank, c.regime], [3e-4, 1024, 4, 'full']);
  });

  it('reads numeric strings and ignores non-positive values', () => {
    const c = configShapeFromText(
      'base_model: x\nlearning_rate: "2e-5"\nmicro_batch_size: 0\nnum_epochs: 2\n',
    );
    assert.equal(c.readAs, 'axolotl (estimator mapping)');
    assert.equal(c.shape.learningRate, 2e-5);
    assert.equal(c.shape.microBatch, undefined);
    assert.equal(c.shape.epochs, 2);
  });

  it('refuses invalid YAML and non-mappings with ConfigReadError', () => {
    assert.throws(() => configShapeFromText('a: [1\n'), ConfigReadError);
    assert.throws(() => configShapeFromText('42'), /must be a mapping/);
  });
});

describe('regimeOfPeftType (shared by the editor, the panel and recommend)', () => {
  it('puts FULL and FREEZE in full fine-tuning and every adapter, BitFit included, in the LoRA family', async () => {
    const { regimeOfPeftType } = await import('../../src/core/laws');
    assert.deepEqual(['FULL', 'freeze', 'LORA', 'IA3', 'BITFIT', 'PREFIX_TUNING'].map(regimeOfPeftType), [
      'full',
      'full',
      'lora',
      'lora',
      'lora',
      'lora',
    ]);
  });
});
