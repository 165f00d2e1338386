// Exact shapes of well-known modules across the families, and the query helpers.
import * as assert from 'node:assert/strict';
import {
  allModuleNames,
  buildInventory,
  subtreeParams,
  type HfConfig,
  type ModuleInfo,
} from '../../src/core/estimator/inventory';

const GPT2: HfConfig = {
  model_type: 'gpt2',
  n_embd: 768,
  n_layer: 12,
  n_head: 12,
  n_positions: 1024,
  vocab_size: 50257,
};
const BERT: HfConfig = {
  model_type: 'bert',
  hidden_size: 768,
  num_hidden_layers: 12,
  num_attention_heads: 12,
  intermediate_size: 3072,
};
const T5_BASE: HfConfig = {
  model_type: 't5',
  d_model: 768,
  d_ff: 3072,
  d_kv: 64,
  num_layers: 12,
  num_heads: 12,
  vocab_size: 32128,
};

function find(mods: readonly ModuleInfo[], name: string): ModuleInfo {
  const m = mods.find((x) => x.name === name);
  assert.ok(m, `${name} not in inventory`);
  return m;
}

describe('inventory shapes: GPT-style and encoder families', () => {
  it('GPT-2 c_attn is a Conv1D 768 -> 2304 with bias, and lm_head is tied to wte', () => {
    const inv = buildInventory(GPT2, { taskType: 'CAUSAL_LM' });
    const c = find(inv.modules, 'transformer.h.0.attn.c_attn');
    assert.deepEqual(
      [c.kind, c.inFeatures, c.outFeatures, c.weightParams, c.biasParams],
      ['Conv1D', 768, 2304, 1769472, 2304],
    );
    assert.equal(c.layersPattern, 'h');
    assert.equal(find(inv.modules, 'lm_head').tiedTo, 'transformer.wte');
    assert.equal(inv.baseParams, 124439808);
  });
  it('GPT-2 add_cross_attention adds crossattention.{c_attn,q_attn,c_proj} + ln_cross_attn per block', () => {
    const inv = buildInventory({ ...GPT2, add_cross_attention: true }, { taskType: 'CAUSAL_LM' });
    assert.equal(find(inv.modules, 'transformer.h.3.crossattention.c_attn').outFeatures, 1536);
    assert.equal(inv.baseParams - 124439808, 12 * (768 * 1536 + 1536 + 2 * (768 * 768 + 768) + 2 * 768));
  });
  it('BERT keeps its pooler under sequence classification and drops it under token classification', () => {
    const seq = buildInventory(BERT, { taskType: 'SEQ_CLS' });
    const tok = buildInventory(BERT, { taskType: 'TOKEN_CLS', numLabels: 9 });
    assert.ok(seq.modules.some((m) => m.name === 'bert.pooler.dense'));
    assert.ok(!tok.modules.some((m) => m.name.includes('pooler')));
    assert.deepEqual([find(tok.modules, 'classifier').outFeatures, tok.baseParams], [9, 108898569]);
  });
  it('RoBERTa: the container "classifier" exists and a copy of it holds 592,130 parameters (2 labels)', () => {
    const inv = buildInventory(
      { model_type: 'roberta', vocab_size: 50265, max_position_embeddings: 514, type_vocab_size: 1 },
      { taskType: 'SEQ_CLS' },
    );
    assert.ok(allModuleNames(inv).includes('classifier'));
    assert.equal(subtreeParams(inv, 'classifier'), 592130);
  });
  it('a copy of a tied lm_head counts its full weight (Llama-3.2-1B: 128256 x 2048)', () => {
    const inv = buildInventory(
      {
        model_type: 'llama',
        hidden_size: 2048,
        intermediate_size: 8192,
        num_hidden_layers: 16,
        num_attention_heads: 32,
        num_key_value_heads: 8,
        head_dim: 64,
        vocab_size: 128256,
        tie_word_embeddings: true,
      },
      { taskType: 'CAUSAL_LM' },
    );
    assert.equal(subtreeParams(inv, 'lm_head'), 262668288);
    assert.equal(inv.baseParams, 1235814400);
  });
  it('T5: shared embedding tied into both stacks; relative_attention_bias only in block 0', () => {
    const inv = buildInventory(T5_BASE, { taskType: 'SEQ_2_SEQ_LM' });
    assert.equal(find(inv.modules, 'decoder.embed_tokens').tiedTo, 'shared');
    const rel = inv.modules.filter((m) => m.name.endsWith('relative_attention_bias')).map((m) => m.name);
    assert.deepEqual(rel, [
      'encoder.block.0.layer.0.SelfAttention.relative_attention_bias',
      'decoder.block.0.layer.0.SelfAttention.relative_attention_bias',
    ]);
    assert.equal(inv.dims.numTransformerSubmodules, 2);
  });
  it('T5EncoderModel has no decoder at all', () => {
    const inv = buildInventory(T5_BASE, { autoClass: 'T5EncoderModel' });
    assert.ok(!inv.modules.some((m) => m.name.startsWith('decoder.')));
    assert.deepEqual([inv.baseParams, inv.dims.numTransformerSubmodules], [109628544, 1]);
  });
  it('Falcon-7B multi-query qkv is 4544 -> 4672 (71 query heads + 1 K + 1 V of 64)', () => {
    const inv = buildInventory(
      { model_type: 'falcon', hidden_size: 4544, num_attention_heads: 71, vocab_size: 65024 },
      { taskType: 'CAUSAL_LM' },
    );
    assert.equal(find(inv.modules, 'transformer.h.0.self_attention.query_key_value').outFeatures, 4672);
    assert.equal(inv.dims.numKeyValueHeads, 1);
  });
  it('OPT-350m projects 512 <-> 1024 and has no final layer norm', () => {
    const inv = buildInventory(
      {
        model_type: 'opt',
        hidden_size: 1024,
        ffn_dim: 4096,
        num_hidden_layers: 24,
        num_attention_heads: 16,
        word_embed_proj_dim: 512,
        do_layer_norm_before: false,
      },
      { taskType: 'CAUSAL_LM' },
    );
    assert.deepEqual(
      [find(inv.modules, 'model.decoder.project_in').inFeatures, find(inv.modules, 'lm_head').inFeatures],
      [512, 512],
    );
    assert.ok(!inv.modules.some((m) => m.name === 'model.decoder.final_layer_norm'));
  });
  it('ViT-B/16: patch Conv2d 3 -> 768 (16x16), cls token + 197 positions on the embeddings module', () => {
    const inv = buildInventory(
      { model_type: 'vit' },
      { autoClass: 'AutoModelForImageClassification', numLabels: 1000 },
    );
    const conv = find(inv.modules, 'vit.embeddings.patch_embeddings.projection');
    assert.deepEqual([conv.kind, conv.weightParams, conv.biasParams], ['Conv2d', 768 * 3 * 16 * 16, 768]);
    assert.equal(find(inv.modules, 'vit.embeddings').otherParams, 768 + 197 * 768);
  });
  it('DeBERTa-v3: position_buckets 256 gives a 512-row rel_embeddings table', () => {
    const inv = buildInventory(
      {
        model_type: 'deberta-v2',
        hidden_size: 768,
        num_hidden_layers: 12,
        num_attention_heads: 12,
        intermediate_size: 3072,
        relative_attention: true,
        position_buckets: 256,
        norm_rel_ebd: 'layer_norm',
        share_att_key: true,
        pos_att_type: ['p2c', 'c2p'],
        position_biased_input: false,
      },
      { taskType: 'SEQ_CLS' },
    );
    assert.equal(find(inv.modules, 'deberta.encoder.rel_embeddings').inFeatures, 512);
    assert.ok(!inv.modules.some((m) => m.name.includes('pos_key_proj')));
  });
});

describe('inventory shapes: families beyond the oracle (labelled unverified)', () => {
  it('GPT-OSS-20B experts are fused 3-D parameters: gate_up_proj 32 x 2880 x 5760 with bias', () => {
    const inv = buildInventory(
      { model_type: 'gpt_oss', num_hidden_layers: 24, num_local_experts: 32 },
      { taskType: 'CAUSAL_LM' },
    );
    const gu = find(inv.modules, 'model.layers.0.mlp.experts.gate_up_proj');
    assert.deepEqual(
      [gu.isParameter, gu.fusedExperts, gu.inFeatures, gu.outFeatures, gu.weightParams, gu.biasParams],
      [true, { experts: 32 }, 2880, 5760, 32 * 2880 * 5760, 32 * 5760],
    );
    // GptOssForCausalLM is in the transformers 4.57.6 / 5.12.1 oracle; its sequence-classification head is not.
    assert.equal(inv.unverified, undefined);
    assert.match(
      buildInventory({ model_type: 'gpt_oss' }, { taskType: 'SEQ_CLS' }).unverified ?? '',
      /GptOssForSequenceClassification is not in the PEFT oracle/,
    );
  });
  it('Qwen3 attention has per-head q_norm/k_norm of head_dim', () => {
    const inv = buildInventory(
      { model_type: 'qwen3', hidden_size: 1024, num_attention_heads: 16, num_key_value_heads: 8 },
      { taskType: 'CAUSAL_LM' },
    );
    assert.equal(find(inv.modules, 'model.layers.0.self_attn.q_norm').inFeatures, 128);
    assert.equal(find(inv.modules, 'model.layers.0.self_attn.k_proj').outFeatures, 1024);
  });
  it('Qwen2-MoE (transformers 4.x): layers in mlp_only_layers get a dense MLP, the others 60 experts + shared expert', () => {
    const inv = buildInventory(
      { model_type: 'qwen2_moe', num_hidden_layers: 2, mlp_only_layers: [1] },
      { taskType: 'CAUSAL_LM', transformersVersion: '4.57.6' },
    );
    const experts = (i: number) =>
      inv.modules.filter(
        (m) => m.name.startsWith(`model.layers.${i}.mlp.experts.`) && m.name.endsWith('down_proj'),
      ).length;
    assert.deepEqual([experts(0), experts(1)], [60, 0]);
    assert.equal(find(inv.modules, 'model.layers.1.mlp.down_proj').inFeatures, 5632);
    assert.equal(find(inv.modules, 'model.layers.0.mlp.shared_expert_gate').outFeatures, 1);
  });
  it('OLMo-2 q_norm spans all heads (not per head) and k_norm the KV width; no input_layernorm', () => {
    const inv = buildInventory({ model_type: 'olmo2', num_key_value_heads: 8 }, { taskType: 'CAUSAL_LM' });
    assert.deepEqual(
      [
        find(inv.modules, 'model.layers.0.self_attn.q_norm').inFeatures,
        find(inv.modules, 'model.layers.0.self_attn.k_norm').inFeatures,
      ],
      [4096, 1024],
    );
    assert.ok(!inv.modules.some((m) => m.name.endsWith('input_layernorm')));
  });
  it('StarCoder2 projections carry biases unless use_bias is false', () => {
    const on = buildInventory({ model_type: 'starcoder2' }, { taskType: 'CAUSAL_LM' });
    const off = buildInventory({ model_type: 'starcoder2', use_bias: false }, { taskType: 'CAUSAL_LM' });
    assert.deepEqual(
      [
        find(on.modules, 'model.layers.0.mlp.c_fc').biasParams,
        find(off.modules, 'model.layers.0.mlp.c_fc').biasParams,
      ],
      [12288, 0],
    );
    assert.equal(find(on.modules, 'lm_head').tiedTo, 'model.embed_tokens');
  });
  it('DeepSeek-V3 defaults: MLA projections, 3 dense layers, 256 routed + 1 shared expert; 671,026,404,352 params', () => {
    const inv = buildInventory({ model_type: 'deepseek_v3' }, { taskType: 'CAUSAL_LM' });
    assert.deepEqual(
      [
        find(inv.modules, 'model.layers.0.self_attn.q_b_proj').outFeatures,
        find(inv.modules, 'model.layers.0.self_attn.kv_a_proj_with_mqa').outFeatures,
      ],
      [128 * 192, 576],
    );
    assert.ok(!inv.modules.some((m) => m.name.startsWith('model.layers.2.mlp.experts.')));
    assert.equal(find(inv.modules, 'model.layers.3.mlp.shared_experts.up_proj').outFeatures, 2048);
    // The commonly cited 671,026,419,200 also holds the router's e_score_correction_bias, which
    // transformers registers as a buffer: 58 MoE layers x 256 = 14,848 fewer parameters here.
    assert.equal(inv.baseParams, 671026419200 - 58 * 256);
  });
  it('a head the oracle did not see is labelled, the backbone still built', () => {
    const inv = buildInventory(GPT2, { taskType: 'TOKEN_CLS' });
    assert.equal(inv.modelClass, 'GPT2ForTokenClassification');
    assert.match(inv.unverified ?? '', /GPT2ForTokenClassification is not in the PEFT oracle/);
  });
  it('a head transformers does not have for the family is refused with the available ones', () => {
    assert.throws(
      () => buildInventory(GPT2, { taskType: 'SEQ_2_SEQ_LM' }),
      /no AutoModelForSeq2SeqLM head here \(available: .*GPT2LMHeadModel/,
    );
  });
});

describe('inventory: masked-LM heads (architectures[0] of the published BERT-family configs)', () => {
  // Totals as torch's numel() gives for these classes: decoder weight tied to the word embeddings,
  // decoder bias shared with the head's own `bias` parameter in BERT and RoBERTa.
  it('BertForMaskedLM: 109,514,298 with cls.predictions.decoder as the tied output layer', () => {
    const inv = buildInventory({ model_type: 'bert', architectures: ['BertForMaskedLM'] });
    const dec = find(inv.modules, 'cls.predictions.decoder');
    assert.deepEqual(
      [dec.tiedTo, dec.isOutputLayer, dec.biasParams],
      ['bert.embeddings.word_embeddings', true, 0],
    );
    assert.equal(find(inv.modules, 'cls.predictions').otherParams, 30522);
    assert.equal(inv.baseParams, 109514298);
  });
  it('RobertaForMaskedLM (roberta-base): 124,697,433', () => {
    const inv = buildInventory({
      model_type: 'roberta',
      max_position_embeddings: 514,
      type_vocab_size: 1,
      architectures: ['RobertaForMaskedLM'],
    });
    assert.equal(inv.baseParams, 124697433);
  });
  it('DistilBertForMaskedLM: 66,985,530 (DistilBertConfig defaults: 6 layers)', () => {
    const inv = buildInventory({ model_type: 'distilbert', architectures: ['DistilBertForMaskedLM'] });
    assert.equal(inv.baseParams, 66985530);
    assert.equal(inv.head, 'masked_lm');
  });
});

describe('inventory: MoE expert layouts', () => {
  const MIXTRAL: HfConfig = { model_type: 'mixtral', num_local_experts: 8 };
  it('Mixtral in the transformers v5 fused layout keeps the oracle total (46,702,792,704) with 3-D expert tensors', () => {
    const inv = buildInventory(MIXTRAL, { taskType: 'CAUSAL_LM', transformersVersion: '5.12.1' });
    assert.equal(inv.baseParams, 46702792704);
    const gu = find(inv.modules, 'model.layers.0.mlp.experts.gate_up_proj');
    assert.deepEqual(
      [gu.isParameter, gu.paramShape, gu.fusedExperts],
      [true, [8, 28672, 4096], { experts: 8 }],
    );
    assert.equal(find(inv.modules, 'model.layers.0.mlp.gate').kind, 'Other');
    assert.ok(!inv.modules.some((m) => m.name.includes('block_sparse_moe')));
    assert.equal(inv.transformers?.v5, true);
  });
  it('transformers 4.x (the oracle 4.47) keeps per-expert modules; no version means the newest (5.17.0, fused)', () => {
    const v4 = buildInventory(MIXTRAL, { taskType: 'CAUSAL_LM', transformersVersion: '4.47.0.dev0' });
    assert.equal(v4.modules.filter((m) => m.fusedExperts).length, 0);
    assert.equal(v4.unverified, undefined);
    const dflt = buildInventory(MIXTRAL, { taskType: 'CAUSAL_LM' });
    assert.deepEqual(
      [dflt.transformers?.version, dflt.modules.filter((m) => m.fusedExperts).length],
      ['5.17.0', 64],
    );
    assert.equal(
      buildInventory(MIXTRAL, {
        taskType: 'CAUSAL_LM',
        transformersVersion: '5.12.1',
        expertLayout: 'modules',
      }).modules.filter((m) => m.fusedExperts).length,
      0,
    );
  });
  it('Qwen3-MoE: both layouts count the same parameters', () => {
    const cfg: HfConfig = { model_type: 'qwen3_moe', num_hidden_layers: 4, mlp_only_layers: [3] };
    const a = buildInventory(cfg, { taskType: 'CAUSAL_LM', transformersVersion: '4.57.6' });
    const b = buildInventory(cfg, { taskType: 'CAUSAL_LM', transformersVersion: '5.12.1' });
    assert.equal(a.baseParams, b.baseParams);
    assert.equal(b.modules.filter((m) => m.isParameter).length, 2 * 3);
  });
  it('an unknown layout is refused', () => {
    assert.throws(
      () => buildInventory(MIXTRAL, { expertLayout: 'sharded' as 'fused' }),
      /expertLayout must be/,
    );
  });
});
