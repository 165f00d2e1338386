// Prefix tuning's width per transformers release (src/core/estimator/prompt-kv.ts). PEFT 0.20.0
// `_prepare_prompt_learning_config` makes token_dim head_dim x num_key_value_heads when config.to_dict() has
// num_key_value_heads; head_dim is the dict's when not None, else token_dim // num_attention_heads. Each
// expected value below is worked out by hand: params = num_virtual_tokens x num_layers x 2 x width.
import * as assert from 'node:assert/strict';
import { estimateParameters } from '../../src/core/estimator';
import { familyOf, supportedModelTypes } from '../../src/core/estimator/inventory/registry';
import { kvFact, PREFIX_KV_FACTS } from '../../src/core/estimator/prompt-kv';
import { transformersRelease } from '../../src/core/estimator/transformers-version';

/** 16 heads of 64 (hidden 1024), 4 KV heads, 2 layers; config.json gives no head_dim. */
const MISTRAL = {
  model_type: 'mistral',
  hidden_size: 1024,
  intermediate_size: 2048,
  num_attention_heads: 16,
  num_key_value_heads: 4,
  num_hidden_layers: 2,
  vocab_size: 1000,
};
const PREFIX = { peft_type: 'PREFIX_TUNING', num_virtual_tokens: 10 };

function prefix(model: Record<string, unknown>, peft: Record<string, unknown>, version: string): number {
  return estimateParameters(
    model,
    { ...PREFIX, ...peft },
    { taskType: 'CAUSAL_LM', transformersVersion: version },
  ).trainableParams;
}

describe('prefix tuning width: Mistral, per transformers release', () => {
  it('4.57.6 keeps head_dim None, so a given token_dim is divided by the heads: 512 // 16 x 4 = 128 wide', () => {
    assert.equal(prefix(MISTRAL, { token_dim: 512 }, '4.57.6'), 10 * 2 * 2 * 128);
    assert.equal(prefix(MISTRAL, { token_dim: 512, num_attention_heads: 8 }, '4.57.6'), 10 * 2 * 2 * 256);
    // Releases before 4.57 take the 4.57.6 fact (their source is not read here).
    assert.equal(prefix(MISTRAL, { token_dim: 512 }, '4.47.0'), 10 * 2 * 2 * 128);
  });
  it('5.17.0 stores head_dim = 1024 // 16 = 64, whatever token_dim is given: 64 x 4 = 256 wide', () => {
    assert.equal(prefix(MISTRAL, { token_dim: 512 }, '5.17.0'), 10 * 2 * 2 * 256);
    assert.equal(prefix(MISTRAL, { token_dim: 512, num_attention_heads: 8 }, '5.17.0'), 10 * 2 * 2 * 256);
  });
  it('without token_dim both releases give 1024 // 16 x 4 = 256 wide', () => {
    assert.equal(prefix(MISTRAL, {}, '4.57.6'), 10240);
    assert.equal(prefix(MISTRAL, {}, '5.17.0'), 10240);
  });
  it("config.json's head_dim 96 wins on both releases: 96 x 4 = 384 wide", () => {
    const model = { ...MISTRAL, head_dim: 96 };
    for (const v of ['4.57.6', '5.17.0']) {
      assert.equal(prefix(model, { token_dim: 512 }, v), 10 * 2 * 2 * 384, v);
      assert.equal(prefix(model, {}, v), 10 * 2 * 2 * 384, v);
    }
  });
  it('the table: Mistral head_dim given-only on 4.x, a number on 5.x; Mixtral given-only on both', () => {
    const [v4, v5] = [transformersRelease('4.57.6'), transformersRelease('5.17.0')];
    assert.deepEqual([kvFact('mistral', v4).headDim, kvFact('mistral', v5).headDim], ['given', 'number']);
    assert.deepEqual([kvFact('mixtral', v4).headDim, kvFact('mixtral', v5).headDim], ['given', 'given']);
    assert.equal(
      prefix({ ...MISTRAL, model_type: 'mixtral', num_local_experts: 2 }, { token_dim: 512 }, '5.17.0'),
      5120,
    );
  });
});

describe('prefix tuning width: the other kinds of head_dim', () => {
  it('gpt2 has no num_key_value_heads field: only a config.json value makes PEFT narrow the prefix', () => {
    const gpt2 = { model_type: 'gpt2', n_embd: 768, n_head: 12, n_layer: 2, vocab_size: 1000 };
    assert.equal(prefix(gpt2, {}, '5.17.0'), 10 * 2 * 2 * 768);
    // 768 // 12 = 64 x 4 KV heads = 256; with head_dim 32 in config.json: 32 x 4 = 128.
    assert.equal(prefix({ ...gpt2, num_key_value_heads: 4 }, {}, '4.57.6'), 10 * 2 * 2 * 256);
    assert.equal(prefix({ ...gpt2, num_key_value_heads: 4, head_dim: 32 }, {}, '5.17.0'), 10 * 2 * 2 * 128);
  });
  it("DeepSeek-V2 overwrites head_dim with qk_rope_head_dim; DeepSeek-V3 keeps config.json's", () => {
    const mla = {
      hidden_size: 1024,
      num_attention_heads: 16,
      num_key_value_heads: 16,
      num_hidden_layers: 2,
      vocab_size: 1000,
      qk_rope_head_dim: 32,
      head_dim: 96,
      n_routed_experts: 4,
      first_k_dense_replace: 2,
    };
    // V2: 32 x 16 = 512 wide; V3: 96 x 16 = 1536 wide.
    assert.equal(prefix({ ...mla, model_type: 'deepseek_v2' }, {}, '5.17.0'), 10 * 2 * 2 * 512);
    assert.equal(prefix({ ...mla, model_type: 'deepseek_v3' }, {}, '4.57.6'), 10 * 2 * 2 * 1536);
  });
});

describe('prefix tuning width: the table covers every modelled text model', () => {
  it('has a fact for each model_type without a text model, and for each VLM text type named here', () => {
    const plain = supportedModelTypes().filter((t) => !familyOf(t)?.textType);
    const texts = ['gemma3_text', 'llama4_text', 'mllama_text_model', 'qwen2_vl_text', 'qwen2_5_vl_text'];
    const qwen3 = ['qwen3_vl_text', 'qwen3_vl_moe_text', 'qwen3_5_text', 'qwen3_5_moe_text'];
    const missing = [...plain, ...texts, ...qwen3].filter((t) => !PREFIX_KV_FACTS[t]);
    assert.deepEqual(missing, []);
    assert.equal(familyOf('qwen3_vl')?.textType?.({}), 'qwen3_vl_text');
  });
});
