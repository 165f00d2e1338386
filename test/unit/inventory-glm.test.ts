// GLM-4 in transformers (GlmForCausalLM) and ChatGLM2/3 / GLM-4 remote code (ChatGLMForConditionalGeneration):
// counts derived by hand from the published configs (catalog) with the formula written out.
import * as assert from 'node:assert/strict';
import { estimateParameters } from '../../src/core/estimator';
import { buildInventory, type HfConfig } from '../../src/core/estimator/inventory';
import { findCatalogModel } from '../../src/core/models/catalog';

const lin = (i: number, o: number, bias = true) => i * o + (bias ? o : 0);
const lora = (r: number, i: number, o: number) => r * (i + o);
const cfg = (id: string): HfConfig => findCatalogModel(id)!.config as HfConfig;
const loraCount = (c: HfConfig, target?: string | string[], r = 8) =>
  estimateParameters(
    c,
    { peft_type: 'LORA', r, ...(target ? { target_modules: target } : {}) },
    { taskType: 'CAUSAL_LM' },
  ).trainableParams;

describe('ChatGLM (remote code) inventory', () => {
  const CHATGLM3 = cfg('THUDM/chatglm3-6b');
  const [h, L, V, ff] = [4096, 28, 65024, 13696];
  const qkv = 32 * 128 + 2 * 128 * 2; // heads x kv_channels + 2 x kv_channels x multi_query_group_num

  it('chatglm3-6b: embedding, GLMBlocks (RMSNorm, fused query_key_value with bias, dense, swiglu MLP), untied output_layer', () => {
    const layer = h + lin(h, qkv) + h * h + h + h * 2 * ff + ff * h;
    const inv = buildInventory(CHATGLM3, { taskType: 'CAUSAL_LM' });
    assert.equal(inv.baseParams, V * h + L * layer + h + h * V);
    assert.equal(inv.modelClass, 'ChatGLMForConditionalGeneration');
    const n = inv.modules.map((m) => m.name);
    for (const name of [
      'transformer.embedding.word_embeddings',
      'transformer.encoder.layers.27.self_attention.query_key_value',
      'transformer.encoder.layers.0.self_attention.dense',
      'transformer.encoder.layers.0.mlp.dense_h_to_4h',
      'transformer.encoder.layers.0.mlp.dense_4h_to_h',
      'transformer.encoder.final_layernorm',
      'transformer.output_layer',
    ])
      assert.ok(n.includes(name), name);
  });

  it("PEFT's default target (query_key_value) and all-linear, which keeps output_layer (no lm_head)", () => {
    assert.equal(loraCount(CHATGLM3), L * lora(8, h, qkv));
    const blocks = L * (lora(8, h, qkv) + lora(8, h, h) + lora(8, h, 2 * ff) + lora(8, ff, h));
    assert.equal(loraCount(CHATGLM3, 'all-linear'), blocks + lora(8, h, V));
  });

  it('LayerNorm instead of RMSNorm, biased linears, no final norm: each flag changes its modules', () => {
    const base = buildInventory(CHATGLM3).baseParams;
    assert.equal(buildInventory({ ...CHATGLM3, rmsnorm: false }).baseParams, base + (2 * L + 1) * h);
    assert.equal(buildInventory({ ...CHATGLM3, post_layer_norm: false }).baseParams, base - h);
    assert.equal(
      buildInventory({ ...CHATGLM3, add_bias_linear: true }).baseParams,
      base + L * (h + 2 * ff + h),
    );
    assert.equal(
      buildInventory({ ...CHATGLM3, multi_query_attention: false }).baseParams,
      base + L * (h + 1) * (3 * h - qkv),
    );
  });

  it('refuses what its remote config class would fill in, and the first ChatGLM-6B', () => {
    const { kv_channels: _omit, ...noKv } = CHATGLM3 as Record<string, unknown>;
    assert.throws(() => buildInventory(noKv as HfConfig), /must give "kv_channels"/);
    assert.throws(
      () => buildInventory({ model_type: 'chatglm', num_layers: 28, vocab_size: 130528 }),
      /first ChatGLM-6B\) is not modelled/,
    );
  });
});

describe('GLM (GlmForCausalLM) inventory', () => {
  const GLM = cfg('THUDM/glm-4-9b-chat-hf');
  const [h, L, V, ff, nkv, hd] = [4096, 40, 151552, 13696, 2, 128];

  it('q/k/v with bias, o_proj without, fused gate_up_proj; the same parameters as the remote-code checkpoint', () => {
    const layer = lin(h, h) + 2 * lin(h, nkv * hd) + h * h + h * 2 * ff + ff * h + 2 * h;
    const total = 2 * V * h + L * layer + h;
    assert.equal(buildInventory(GLM).baseParams, total);
    assert.equal(buildInventory(cfg('THUDM/glm-4-9b-chat')).baseParams, total);
    assert.equal(
      buildInventory({ ...GLM, attention_bias: false }).baseParams,
      total - L * (h + 2 * nkv * hd),
    );
  });

  it('all-linear leaves lm_head out; gate_up_proj is one module', () => {
    const r = 8;
    const perLayer =
      lora(r, h, h) + 2 * lora(r, h, nkv * hd) + lora(r, h, h) + lora(r, h, 2 * ff) + lora(r, ff, h);
    assert.equal(loraCount(GLM, 'all-linear', r), L * perLayer);
    assert.equal(loraCount(GLM, ['gate_up_proj'], r), L * lora(r, h, 2 * ff));
  });
});
