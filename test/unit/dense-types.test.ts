// The dense decoder types of families/dense.ts and families/mpt.ts beyond what the local oracle set
// (test/data/oracle/local/dense-*.json) checks: the first release of each newer type, the config switches
// no published config in the set turns on (StableLM's per-head q/k LayerNorms and parallel residual), and
// the catalog names of the corpus's configs.
import * as assert from 'node:assert/strict';
import { estimateParameters } from '../../src/core/estimator';
import { buildInventory } from '../../src/core/estimator/inventory';
import { findCatalogModel, matchCatalogModel } from '../../src/core/models/catalog';
import { assertResolves, itMatchesHubTotals } from './catalogSupport';

const lora = { peft_type: 'LORA', r: 16, target_modules: 'all-linear' };
const config = (id: string) => findCatalogModel(id)!.config;
const base = (cfg: Record<string, unknown>, v = '5.17.0') =>
  buildInventory({ ...cfg, model_type: cfg.model_type as string }, { transformersVersion: v }).baseParams;

describe('dense decoder types: olmo3, stablelm, mpt, nemotron, arcee, hunyuan_v1_dense', () => {
  // base_total of the causal-LM cases in dense-4.57.6.json and dense-5.17.0.json (equal on both releases).
  itMatchesHubTotals({
    'stabilityai/stablelm-2-zephyr-1_6b': 1_644_515_328,
    'arcee-ai/AFM-4.5B': 4_619_184_640,
    'mosaicml/mpt-7b-instruct': 6_649_286_656,
  });

  for (const [cfg, first, before] of [
    [{ model_type: 'olmo3' }, '4.57.0', '4.56.2'],
    [config('arcee-ai/AFM-4.5B'), '4.53.0', '4.52.4'],
    [{ model_type: 'hunyuan_v1_dense', head_dim: 128 }, '4.56.0', '4.55.4'],
  ] as const) {
    it(`${cfg.model_type} is refused before transformers ${first} and counted from it on`, () => {
      const re = new RegExp(
        `model_type "${cfg.model_type}" first appeared in transformers ${first.replace(/\./g, '\\.')} .*; transformers ${before.replace(/\./g, '\\.')} has no such model`,
      );
      assert.throws(() => estimateParameters(cfg, lora, { transformersVersion: before }), re);
      assert.ok(estimateParameters(cfg, lora, { transformersVersion: first }).trainableParams > 0);
    });
  }

  it('hunyuan_v1_dense without head_dim is refused, as transformers cannot build it', () => {
    assert.throws(
      () => estimateParameters({ model_type: 'hunyuan_v1_dense' }, lora),
      /hunyuan_v1_dense needs "head_dim" in config\.json/,
    );
  });

  it('Olmo3ForSequenceClassification exists from transformers 5 only', () => {
    const seq = { taskType: 'SEQ_CLS', autoClass: 'AutoModelForSequenceClassification' };
    assert.throws(() =>
      estimateParameters({ model_type: 'olmo3' }, lora, { ...seq, transformersVersion: '4.57.6' }),
    );
    // dense-5.17.0.json: olmo3 seq_cls_lora_r16_all_linear trains 39,985,152 of 6,722,572,288.
    const e = estimateParameters({ model_type: 'olmo3' }, lora, { ...seq, transformersVersion: '5.17.0' });
    assert.deepEqual([e.trainableParams, e.totalParams], [39_985_152, 6_722_572_288]);
  });

  it("StableLM's qk_layernorm adds one bias-free LayerNorm(head_dim) per query and key/value head", () => {
    const zephyr = config('stabilityai/stablelm-2-zephyr-1_6b');
    // 24 layers x (32 query + 32 key/value heads) x head_dim 64 (modeling_stablelm.py:167-172, :256-261)
    assert.equal(base({ ...zephyr, qk_layernorm: true }) - base(zephyr), 98_304);
    const inv = buildInventory({ ...zephyr, qk_layernorm: true });
    const names = inv.modules.map((m) => m.name);
    assert.ok(names.includes('model.layers.0.self_attn.q_layernorm.norms.31'));
    assert.ok(names.includes('model.layers.23.self_attn.k_layernorm.norms.31'));
    assert.ok(!names.includes('model.layers.0.self_attn.k_layernorm.norms.32'));
  });

  it("StableLM's use_parallel_residual drops post_attention_layernorm (weight and bias)", () => {
    const zephyr = config('stabilityai/stablelm-2-zephyr-1_6b');
    // 24 layers x LayerNorm(2048) weight + bias (modeling_stablelm.py:337-340)
    assert.equal(base(zephyr) - base({ ...zephyr, use_parallel_residual: true }), 98_304);
    const inv = buildInventory({ ...zephyr, use_parallel_residual: true });
    assert.ok(!inv.modules.some((m) => m.name.endsWith('post_attention_layernorm')));
  });

  it("MPT's MLP is 4 x d_model whatever expansion_ratio says, and prefix tuning needs num_attention_heads", () => {
    const mpt = config('mosaicml/mpt-7b-instruct');
    assert.equal(base({ ...mpt, expansion_ratio: 2 }), 6_649_286_656);
    const prefix = { peft_type: 'PREFIX_TUNING', num_virtual_tokens: 20 };
    assert.throws(() => estimateParameters(mpt, prefix), /Please specify `num_attention_heads`/);
    // 20 virtual tokens x 32 layers x 2 (key, value) x d_model 4096: MPT has no num_key_value_heads
    const e = estimateParameters(mpt, { ...prefix, num_attention_heads: 32 });
    assert.equal(e.trainableParams, 5_242_880);
  });

  it('leaves out the models with no citable config.json copy', () => {
    for (const id of [
      'allenai/Olmo-3-7B-Instruct-SFT',
      'stabilityai/stablelm-2-1_6b',
      'mosaicml/mpt-7b',
      'nvidia/Nemotron-Mini-4B-Instruct',
      'tencent/Hunyuan-0.5B-Instruct',
      'openlm-research/open_llama_3b_v2',
    ])
      assert.equal(findCatalogModel(id), undefined, id);
  });

  it('the names in the example configs resolve', () => {
    assertResolves([
      ['arcee-ai/AFM-4.5B', 'arcee-ai/AFM-4.5B'],
      ['TinyLlama/TinyLlama_v1.1', 'TinyLlama/TinyLlama-1.1B-intermediate-step-1431k-3T'],
      ['stablelm-2-zephyr-1_6b', 'stabilityai/stablelm-2-zephyr-1_6b'],
      ['mpt-7b-instruct', 'mosaicml/mpt-7b-instruct'],
    ]);
    assert.equal(
      matchCatalogModel('TinyLlama/TinyLlama_v1.1')?.note,
      'TinyLlama/TinyLlama_v1.1 has the architecture of TinyLlama/TinyLlama-1.1B-intermediate-step-1431k-3T (differs only in max_position_embeddings (262144 in that copy)); its config.json was checked against it',
    );
  });
});
