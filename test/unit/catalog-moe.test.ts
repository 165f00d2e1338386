// DeepSeek-V2-Lite (deepseek_v2), GLM-4.7-Flash (glm4_moe_lite), GLM-4.5-Air (glm4_moe) and MiniMax-M2
// (minimax_m2): the names the
// real configs use resolve, each model builds to the base_total PEFT 0.20.0 counted (scripts/oracle,
// test/data/oracle/local/moe-<release>.json), both expert layouts give that total, and a release without
// the model type is refused with the first release that has it.
import * as assert from 'node:assert/strict';
import { buildInventory } from '../../src/core/estimator/inventory';
import { findCatalogModel } from '../../src/core/models/catalog';
import { assertResolves } from './catalogSupport';

/** base_total of the PEFT oracle on transformers 5.17.0 (and 4.57.6 where that release has the type). */
const ORACLE_BASE: Record<string, number> = {
  'deepseek-ai/DeepSeek-V2-Lite': 15_706_484_224,
  'zai-org/GLM-4.7-Flash': 29_943_390_976,
  'zai-org/GLM-4.5-Air': 106_852_245_504,
  'MiniMaxAI/MiniMax-M2': 228_689_748_992,
};

const configOf = (id: string) => {
  const entry = findCatalogModel(id);
  assert.ok(entry, id);
  return entry.config;
};
const names = (id: string, v: string) =>
  new Set(buildInventory(configOf(id), { transformersVersion: v }).modules.map((m) => m.name));

describe('catalog: DeepSeek-V2-Lite, GLM-4.7-Flash, GLM-4.5-Air, MiniMax-M2', () => {
  it('the ids and short names the corpus configs use resolve', () => {
    assertResolves([
      ['deepseek-ai/DeepSeek-V2-Lite', 'deepseek-ai/DeepSeek-V2-Lite'],
      ['deepseek-ai/DeepSeek-V2-Lite-Chat', 'deepseek-ai/DeepSeek-V2-Lite'],
      ['zai-org/GLM-4.7-Flash', 'zai-org/GLM-4.7-Flash'],
      ['glm-4.5-air', 'zai-org/GLM-4.5-Air'],
      ['MiniMaxAI/MiniMax-M2', 'MiniMaxAI/MiniMax-M2'],
    ]);
  });

  for (const [id, total] of Object.entries(ORACLE_BASE)) {
    it(`${id} = ${total.toLocaleString('en-US')} params (PEFT oracle base_total) on 5.17.0`, () => {
      assert.equal(buildInventory(configOf(id), { transformersVersion: '5.17.0' }).baseParams, total);
    });
  }

  it('4.57.6 keeps one Linear per expert, 5.x one fused tensor, with the same total', () => {
    for (const id of ['deepseek-ai/DeepSeek-V2-Lite', 'zai-org/GLM-4.5-Air']) {
      assert.equal(
        buildInventory(configOf(id), { transformersVersion: '4.57.6' }).baseParams,
        ORACLE_BASE[id],
      );
      assert.ok(names(id, '4.57.6').has('model.layers.1.mlp.experts.0.gate_proj'), id);
      assert.ok(names(id, '5.17.0').has('model.layers.1.mlp.experts.gate_up_proj'), id);
      // the first first_k_dense_replace (= 1) layers keep a dense MLP
      assert.ok(names(id, '5.17.0').has('model.layers.0.mlp.gate_proj'), id);
    }
  });

  it('GLM-4.7-Flash takes its MoE layers from mlp_layer_types, not first_k_dense_replace', () => {
    const cfg = { ...configOf('zai-org/GLM-4.7-Flash'), num_hidden_layers: 3 };
    const allSparse = buildInventory(
      { ...cfg, mlp_layer_types: ['sparse', 'sparse', 'sparse'] },
      { transformersVersion: '5.17.0' },
    ).modules.map((m) => m.name);
    assert.ok(allSparse.includes('model.layers.0.mlp.experts.gate_up_proj'));
    assert.ok(!allSparse.includes('model.layers.0.mlp.gate_proj'));
    const byDefault = buildInventory(
      { ...cfg, first_k_dense_replace: 2 },
      { transformersVersion: '5.17.0' },
    ).modules.map((m) => m.name);
    assert.ok(byDefault.includes('model.layers.1.mlp.experts.gate_up_proj'));
  });

  it('a release without the model type is refused, naming the first release that has it', () => {
    assert.throws(
      () => buildInventory(configOf('zai-org/GLM-4.7-Flash'), { transformersVersion: '4.57.6' }),
      /Glm4MoeLiteForCausalLM \(model_type glm4_moe_lite\) first appeared in transformers 5\.0; transformers 4\.57\.6/,
    );
    assert.throws(
      () => buildInventory(configOf('deepseek-ai/DeepSeek-V2-Lite'), { transformersVersion: '4.51.3' }),
      /first appeared in transformers 4\.54/,
    );
    assert.throws(
      () => buildInventory(configOf('zai-org/GLM-4.5-Air'), { transformersVersion: '4.53.0' }),
      /Glm4MoeForCausalLM \(model_type glm4_moe\) first appeared in transformers 4\.54/,
    );
    assert.throws(
      () => buildInventory(configOf('MiniMaxAI/MiniMax-M2'), { transformersVersion: '4.57.6' }),
      /MiniMaxM2ForCausalLM \(model_type minimax_m2\) first appeared in transformers 5\.0/,
    );
  });
});
