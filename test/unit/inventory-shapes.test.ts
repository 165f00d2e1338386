// Exact shapes and names of a few well-known modules, and the inventory's refusals.
import * as assert from 'node:assert/strict';
import {
  buildInventory,
  InvalidConfigError,
  UnsupportedModelError,
  type HfConfig,
} from '../../src/core/estimator/inventory';

const LLAMA3_8B: HfConfig = {
  model_type: 'llama',
  hidden_size: 4096,
  intermediate_size: 14336,
  num_hidden_layers: 32,
  num_attention_heads: 32,
  num_key_value_heads: 8,
  vocab_size: 128256,
  tie_word_embeddings: false,
};
const MIXTRAL: HfConfig = {
  model_type: 'mixtral',
  hidden_size: 4096,
  intermediate_size: 14336,
  num_hidden_layers: 32,
  num_attention_heads: 32,
  num_key_value_heads: 8,
  vocab_size: 32000,
  num_local_experts: 8,
};

function mod(cfg: HfConfig, name: string, opts = {}) {
  const m = buildInventory(cfg, opts).modules.find((x) => x.name === name);
  assert.ok(m, `${name} not in inventory`);
  return m;
}

describe('inventory shapes: Llama family', () => {
  it('Llama-3-8B k_proj is 4096 -> 1024 under GQA (8 KV heads x 128)', () => {
    const k = mod(LLAMA3_8B, 'model.layers.0.self_attn.k_proj', { taskType: 'CAUSAL_LM' });
    assert.deepEqual(
      [k.kind, k.inFeatures, k.outFeatures, k.weightParams, k.biasParams],
      ['Linear', 4096, 1024, 4194304, 0],
    );
    assert.equal(k.layerIndex, 0);
    assert.equal(k.layersPattern, 'layers');
  });
  it('bare Llama names start at layers.N, the causal LM at model.layers.N', () => {
    const bare = buildInventory(LLAMA3_8B, { taskType: 'FEATURE_EXTRACTION' });
    assert.equal(bare.modules[1].name, 'layers.0.self_attn.q_proj');
    assert.equal(bare.modelClass, 'LlamaModel');
    assert.equal(bare.baseParams, 7504924672);
  });
  it('lm_head is the output layer and is tied to embed_tokens only when tie_word_embeddings', () => {
    const untied = mod(LLAMA3_8B, 'lm_head', { taskType: 'CAUSAL_LM' });
    assert.equal(untied.isOutputLayer, true);
    assert.equal(untied.tiedTo, undefined);
    const tied = mod({ ...LLAMA3_8B, tie_word_embeddings: true }, 'lm_head', { taskType: 'CAUSAL_LM' });
    assert.equal(tied.tiedTo, 'model.embed_tokens');
  });
  it('Mixtral (transformers 4.x) has 8 experts with w1/w2/w3 and a router gate per layer', () => {
    const v4 = { taskType: 'CAUSAL_LM', transformersVersion: '4.57.6' };
    const inv = buildInventory(MIXTRAL, v4);
    const w1 = inv.modules.filter((m) =>
      /^model\.layers\.0\.block_sparse_moe\.experts\.\d+\.w1$/.test(m.name),
    );
    assert.equal(w1.length, 8);
    const gate = mod(MIXTRAL, 'model.layers.31.block_sparse_moe.gate', v4);
    assert.deepEqual([gate.inFeatures, gate.outFeatures], [4096, 8]);
    const w2 = mod(MIXTRAL, 'model.layers.0.block_sparse_moe.experts.7.w2', v4);
    assert.deepEqual([w2.inFeatures, w2.outFeatures], [14336, 4096]);
  });
  it('fills transformers defaults: num_key_value_heads = num_attention_heads, head_dim = hidden / heads', () => {
    const inv = buildInventory({ model_type: 'llama', hidden_size: 2048, num_attention_heads: 16 });
    assert.deepEqual(
      [inv.dims.numKeyValueHeads, inv.dims.headDim, inv.dims.numLayers, inv.dims.vocabSize],
      [16, 128, 32, 32000],
    );
  });
});

describe('inventory head selection', () => {
  it('architectures[0] decides without a task_type', () => {
    const inv = buildInventory({
      ...LLAMA3_8B,
      architectures: ['LlamaForSequenceClassification'],
      num_labels: 3,
    });
    assert.equal(inv.modelClass, 'LlamaForSequenceClassification');
    const score = inv.modules[inv.modules.length - 1];
    assert.deepEqual([score.name, score.outFeatures, score.isHead], ['score', 3, true]);
  });
  it('an architectures[0] head that is not modelled falls back to the bare model, and says so', () => {
    const inv = buildInventory({ model_type: 'bert', architectures: ['BertForPreTraining'] });
    assert.equal(inv.modelClass, 'BertModel');
    assert.match(inv.unverified ?? '', /BertForPreTraining" is not modelled/);
  });
  it('an explicit autoClass wins over task_type', () => {
    const inv = buildInventory(LLAMA3_8B, { taskType: 'CAUSAL_LM', autoClass: 'AutoModel' });
    assert.equal(inv.modelClass, 'LlamaModel');
  });
  it('caches: the same config object and options give the same inventory object', () => {
    assert.equal(
      buildInventory(LLAMA3_8B, { taskType: 'CAUSAL_LM' }),
      buildInventory(LLAMA3_8B, { taskType: 'CAUSAL_LM' }),
    );
  });
});

describe('inventory refusals', () => {
  it('an unknown model_type is an UnsupportedModelError naming it', () => {
    assert.throws(
      () => buildInventory({ model_type: 'made_up' }),
      (e: Error) => e instanceof UnsupportedModelError && /made_up/.test(e.message),
    );
  });
  it('a text hidden_size is an InvalidConfigError naming the field', () => {
    assert.throws(
      () => buildInventory({ model_type: 'llama', hidden_size: '4096' }),
      (e: Error) => e instanceof InvalidConfigError && /hidden_size/.test(e.message),
    );
  });
  it('a missing model_type is refused', () => {
    assert.throws(() => buildInventory({ hidden_size: 4096 }), InvalidConfigError);
  });
  it('an unknown task_type is refused', () => {
    assert.throws(() => buildInventory(LLAMA3_8B, { taskType: 'TRANSLATE' }), /task_type "TRANSLATE"/);
  });
});

describe('inventory refusals: multimodal wrappers', () => {
  it('a multimodal config whose tower is not modelled (LLaVA-OneVision) points at its text_config', () => {
    const cfg = { model_type: 'llava_onevision', text_config: { model_type: 'qwen2', hidden_size: 896 } };
    assert.throws(() => buildInventory(cfg), /text_config \(model_type "qwen2"\)/);
  });
  it('Mistral 3 is modelled now: only its bare AutoModel (Mistral3Model) is not', () => {
    const cfg = { model_type: 'mistral3', text_config: { model_type: 'mistral', hidden_size: 4096 } };
    assert.throws(() => buildInventory(cfg), /model_type "mistral3" has no AutoModel head here/);
    assert.equal(
      buildInventory(cfg, { taskType: 'CAUSAL_LM' }).modelClass,
      'Mistral3ForConditionalGeneration',
    );
  });
  it('PaliGemma 2 is modelled now: only its bare AutoModel (PaliGemmaModel) is not', () => {
    const cfg = { model_type: 'paligemma', text_config: { model_type: 'gemma2', hidden_size: 2304 } };
    assert.throws(() => buildInventory(cfg), /model_type "paligemma" has no AutoModel head here/);
    assert.equal(
      buildInventory(cfg, { taskType: 'CAUSAL_LM' }).modelClass,
      'PaliGemmaForConditionalGeneration',
    );
  });
});
