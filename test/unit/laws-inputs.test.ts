// Inputs of the laws: parameter counts from HF config.json (checked against the PEFT oracle's real
// model totals) and the training shape → global batch / tokens mapping.
import * as assert from 'node:assert/strict';
import {
  configShapeFromText,
  globalBatchSequences,
  lawInputsFromConfig,
  modelParamsForLaws,
  paramsFromHfConfig,
  trainingShapeToLawInputs,
} from '../../src/core/laws';
import { readTestJson } from '../support/shared';

interface OracleModel {
  name: string;
  model_type: string;
  full_ft_params: number;
  resolved_config: Record<string, unknown>;
}

const models = readTestJson<{ models: OracleModel[] }>('oracle/models.json').models;

function hfConfig(m: OracleModel): Record<string, unknown> {
  const cfg: Record<string, unknown> = { model_type: m.model_type };
  for (const [k, v] of Object.entries(m.resolved_config)) if (v !== null) cfg[k] = v;
  return cfg;
}

describe('laws: parameter counts from config.json', () => {
  const exactFamilies = new Set(['llama', 'mistral', 'mixtral', 'phi3', 'qwen2', 'gemma', 'gemma2']);
  const cases = models.filter((m) => exactFamilies.has(m.model_type) && !m.name.includes(':'));

  it('has oracle models for every exact family', () => {
    assert.deepEqual(new Set(cases.map((m) => m.model_type)), exactFamilies);
    assert.equal(cases.length, 21);
  });

  for (const m of cases) {
    it(`${m.name}: total equals PEFT's count ${m.full_ft_params}`, () => {
      const p = paramsFromHfConfig(hfConfig(m));
      assert.equal(p.totalParams, m.full_ft_params);
      assert.equal(p.exactTotal, true);
    });
  }

  it('counts Llama-2-7B non-embedding as the 32·(4h² + 3h·ffn) weight matrices', () => {
    const p = paramsFromHfConfig(hfConfig(models.find((m) => m.name === 'llama-2-7b')!));
    assert.equal(p.nonEmbeddingParams, 6_476_005_376);
    assert.equal(p.embeddingParams, 262_144_000);
    assert.deepEqual([p.nLayer, p.dModel, p.ffn, p.vocabSize], [32, 4096, 11008, 32000]);
  });

  it('counts GQA k/v at their real width (Llama-3-8B)', () => {
    const p = paramsFromHfConfig(hfConfig(models.find((m) => m.name === 'llama-3-8b')!));
    assert.equal(p.nonEmbeddingParams, 32 * (2 * 4096 * 4096 + 2 * 4096 * 1024 + 3 * 4096 * 14336));
  });

  it('flags an unknown architecture as an estimate and MoE as all-experts', () => {
    const gpt2 = paramsFromHfConfig({
      model_type: 'gpt2',
      n_embd: 768,
      n_layer: 12,
      n_head: 12,
      vocab_size: 50257,
    });
    assert.equal(gpt2.exactTotal, false);
    assert.equal(gpt2.nonEmbeddingParams, 12 * (4 * 768 * 768 + 2 * 768 * 3072));
    assert.match(gpt2.warnings[0], /not in the exact-count table/);
    const mixtral = paramsFromHfConfig(hfConfig(models.find((m) => m.name === 'mixtral-8x7b')!));
    assert.match(mixtral.warnings[0], /8 experts/);
  });

  it('refuses a config without the needed fields, with a one-line message', () => {
    assert.throws(
      () => paramsFromHfConfig({ model_type: 'llama', hidden_size: 4096 }),
      /needs hidden_size .* num_hidden_layers .* vocab_size/,
    );
  });
});

describe('laws: parameter counts through the estimator inventory', () => {
  const decoders = models.filter(
    (m) =>
      !m.name.includes(':') && (m as unknown as { auto_class: string }).auto_class === 'AutoModelForCausalLM',
  );

  it("covers the oracle's causal-LM models", () => assert.equal(decoders.length, 39));

  for (const m of decoders) {
    it(`${m.name}: total = PEFT's count; non-embedding = block matrices`, () => {
      const p = modelParamsForLaws(hfConfig(m));
      assert.equal(p.countedBy, 'inventory');
      if (m.name !== 'opt-350m') assert.equal(p.totalParams, m.full_ft_params);
      assert.ok(p.nonEmbeddingParams > 0.5 * p.totalParams && p.nonEmbeddingParams < p.totalParams);
    });
  }

  it('agrees with the formula table on Llama-family non-embedding counts (MoE router included)', () => {
    for (const name of ['llama-2-7b', 'llama-3-8b', 'qwen2-0.5b', 'gemma-2b', 'phi-3-mini-4k']) {
      const cfg = hfConfig(models.find((m) => m.name === name)!);
      assert.equal(
        modelParamsForLaws(cfg).nonEmbeddingParams,
        paramsFromHfConfig(cfg).nonEmbeddingParams,
        name,
      );
    }
    const mixtral = hfConfig(models.find((m) => m.name === 'mixtral-8x7b')!);
    assert.equal(
      modelParamsForLaws(mixtral).nonEmbeddingParams - paramsFromHfConfig(mixtral).nonEmbeddingParams,
      32 * 4096 * 8,
    );
  });

  it('GPT-2: Conv1D blocks, input+position embeddings, tied head', () => {
    const p = modelParamsForLaws(hfConfig(models.find((m) => m.name === 'gpt2')!));
    assert.equal(p.nonEmbeddingParams, 12 * (4 * 768 * 768 + 2 * 768 * 3072));
    assert.equal(p.embeddingParams, 50257 * 768 + 1024 * 768);
  });

  it('falls back to the formula for an architecture the inventory does not know', () => {
    const p = modelParamsForLaws({
      model_type: 'mamba-like-unknown',
      hidden_size: 1024,
      num_hidden_layers: 4,
      vocab_size: 1000,
    });
    assert.equal(p.countedBy, 'formula');
    assert.equal(p.exactTotal, false);
  });
});

describe('laws: training shape to law inputs', () => {
  it('multiplies micro-batch, accumulation and devices, then seq_len and steps', () => {
    const r = trainingShapeToLawInputs({
      microBatch: 4,
      gradAccum: 4,
      devices: 2,
      seqLen: 2048,
      maxSteps: 1000,
      learningRate: 2e-4,
      regime: 'lora',
    });
    assert.equal(r.globalBatchSequences, 32);
    assert.equal(r.batchTokens, 65536);
    assert.equal(r.tokens, 65_536_000);
    assert.equal(r.tokensSource, 'steps');
    assert.equal(r.currentLearningRate, 2e-4);
    assert.equal(r.regime, 'lora');
    assert.equal(
      r.notes[0],
      'global batch = micro_batch × grad_accum × devices = 4 × 4 × 2 = 32 sequences × 2048 = 65536 tokens',
    );
    assert.match(r.notes[1], /upper bound/);
  });

  it('uses epochs × dataset tokens when there are no max_steps', () => {
    const r = trainingShapeToLawInputs({ microBatch: 8, seqLen: 4096, epochs: 3, datasetTokens: 2e8 });
    assert.equal(r.tokens, 6e8);
    assert.equal(r.tokensSource, 'epochs');
    assert.equal(r.globalBatchSequences, 8);
  });

  it('prefers a user token count over steps', () => {
    const r = trainingShapeToLawInputs({ microBatch: 1, seqLen: 1024, maxSteps: 10, tokens: 5e9 });
    assert.equal(r.tokens, 5e9);
    assert.equal(r.tokensSource, 'user');
  });

  it('leaves tokens and batch tokens undefined when the shape is incomplete', () => {
    const r = trainingShapeToLawInputs({ microBatch: 2, gradAccum: 8, epochs: 2 });
    assert.equal(r.globalBatchSequences, 16);
    assert.equal(r.batchTokens, undefined);
    assert.equal(r.tokens, undefined);
    assert.equal(globalBatchSequences({ gradAccum: 8 }), undefined);
  });
});

describe('laws: config + model + overrides to law inputs', () => {
  const cfg = configShapeFromText(
    'adapter: lora\nlora_r: 8\nlora_alpha: 16\nlearning_rate: 2e-4\nmicro_batch_size: 2\ngradient_accumulation_steps: 8\nsequence_len: 2048\nmax_steps: 100\n',
  );
  const model = paramsFromHfConfig(hfConfig(models.find((m) => m.name === 'llama-3-8b')!));

  it('combines the config shape with the model counts', () => {
    const { inputs, derivation } = lawInputsFromConfig(cfg, model);
    assert.deepEqual(inputs, {
      regime: 'lora',
      totalParams: 8_030_261_248,
      nonEmbeddingParams: model.nonEmbeddingParams,
      tokens: 100 * 16 * 2048,
      batchTokens: 16 * 2048,
      seqLen: 2048,
      currentLearningRate: 2e-4,
      nLayer: 32,
      dModel: 4096,
      vocabSize: 128256,
      modelFamily: 'llama',
      lossNats: undefined,
      loraRank: 8,
      loraAlpha: 16,
    });
    assert.deepEqual(derivation.slice(0, 2), [
      'config read as axolotl (estimator mapping)',
      'regime lora: axolotl adapter LORA',
    ]);
  });

  it('lets the user override regime, counts, tokens, batch and LR', () => {
    const { inputs, derivation } = lawInputsFromConfig(cfg, model, {
      regime: 'full',
      nonEmbeddingParams: 1e9,
      tokens: 5e9,
      batchTokens: 1e6,
      learningRate: 1e-5,
      devices: 4,
    });
    assert.deepEqual(
      [
        inputs.regime,
        inputs.nonEmbeddingParams,
        inputs.tokens,
        inputs.batchTokens,
        inputs.currentLearningRate,
      ],
      ['full', 1e9, 5e9, 1e6, 1e-5],
    );
    assert.equal(derivation[1], 'regime full: given');
    assert.match(derivation[2], /= 2 × 8 × 4 = 64 sequences/);
  });
});
