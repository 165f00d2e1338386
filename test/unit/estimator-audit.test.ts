// Option combinations the oracle's visible cases leave out, checked against PEFT 0.20.0's source
// (tag a5526d2). Every expected number is derived by hand from the shapes PEFT builds; the comment
// beside each one shows the arithmetic and where in PEFT the rule lives.
import * as assert from 'node:assert/strict';
import { EstimateError, estimateParameters, previewTargets } from '../../src/core/estimator';
import { readTestJson } from '../support/shared';

interface OracleModel extends Record<string, unknown> {
  name: string;
  auto_class: string;
  full_ft_params: number;
}
const models: OracleModel[] = readTestJson<{ models: OracleModel[] }>('oracle/models.json').models;

function model(name: string): { cfg: Record<string, unknown>; autoClass: string; base: number } {
  const m = models.find((x) => x.name === name);
  if (!m) throw new Error(`no oracle model ${name}`);
  const {
    name: _n,
    hf_reference: _h,
    auto_class: _a,
    resolved_config: _r,
    full_ft_params: _f,
    embedding_params: _e,
    lm_head_tied: _t,
    ...cfg
  } = m;
  return { cfg, autoClass: m.auto_class, base: m.full_ft_params };
}

function counts(name: string, peft: Record<string, unknown>): { trainable: number; total: number } {
  const m = model(name);
  const e = estimateParameters(m.cfg, peft, { autoClass: m.autoClass });
  return { trainable: e.trainableParams, total: e.totalParams };
}

const refuses = (name: string, peft: Record<string, unknown>, message: RegExp) =>
  assert.throws(
    () => counts(name, peft),
    (e: unknown) => e instanceof EstimateError && message.test(e.message),
  );

const BERT_QV_R8 = 24 * 8 * (768 + 768); // 12 layers x {query, value}, r (in + out) = 294,912

describe('estimator audit: task heads (peft_model.py PeftModelFor*.__init__)', () => {
  it('TOKEN_CLS adds classifier/score after injection: all-linear wraps the head, then PEFT raises TypeError', () => {
    refuses(
      'bert-base-uncased:token_cls9',
      { peft_type: 'LORA', task_type: 'TOKEN_CLS', target_modules: 'all-linear' },
      /modules_to_save.*classifier.*TypeError/,
    );
  });
  it('TOKEN_CLS all-linear preview includes the classifier (no SEQ_CLS-style head exclusion)', () => {
    const m = model('bert-base-uncased:token_cls9');
    const names = previewTargets(m.cfg, 'all-linear', { taskType: 'TOKEN_CLS', autoClass: m.autoClass });
    assert.ok(names.includes('classifier'));
    assert.equal(names.length, 12 * 6 + 1); // 6 Linear per layer + classifier (BertForTokenClassification has no pooler)
  });
  it('QUESTION_ANS trains a copy of qa_outputs: 294,912 + 768*2+2', () => {
    const e = counts('bert-base-uncased:qa', {
      peft_type: 'LORA',
      task_type: 'QUESTION_ANS',
      r: 8,
      target_modules: ['query', 'value'],
    });
    const head = 768 * 2 + 2; // qa_outputs Linear(768, 2) with bias
    assert.deepEqual(e, {
      trainable: BERT_QV_R8 + head,
      total: model('bert-base-uncased:qa').base + BERT_QV_R8 + head,
    });
  });
  it('QUESTION_ANS with all-linear wraps qa_outputs first, so the later ModulesToSaveWrapper raises', () => {
    refuses(
      'bert-base-uncased:qa',
      { peft_type: 'LORA', task_type: 'QUESTION_ANS', target_modules: 'all-linear' },
      /qa_outputs.*TypeError/,
    );
  });
  it('TRAINABLE_TOKENS has no modules_to_save field: TOKEN_CLS/QUESTION_ANS iterate None and raise', () => {
    refuses(
      'bert-base-uncased:qa',
      { peft_type: 'TRAINABLE_TOKENS', task_type: 'QUESTION_ANS', token_indices: [1, 2] },
      /NoneType/,
    );
    refuses(
      'bert-base-uncased:token_cls9',
      { peft_type: 'TRAINABLE_TOKENS', task_type: 'TOKEN_CLS', token_indices: [1] },
      /NoneType/,
    );
  });
});

describe('estimator audit: prompt learning config resolution (utils/other.py _prepare_prompt_learning_config)', () => {
  it('num_transformer_submodules=1 on T5 seq2seq keeps one set of virtual tokens: 20*768', () => {
    const peft = {
      peft_type: 'PROMPT_TUNING',
      task_type: 'SEQ_2_SEQ_LM',
      num_virtual_tokens: 20,
      num_transformer_submodules: 1,
    };
    assert.equal(counts('t5-base', peft).trainable, 20 * 768);
  });
  it('P-tuning honours num_transformer_submodules=2 on a decoder: embedding 40*768 + MLP 768->128->128->768', () => {
    const mlp = 768 * 128 + 128 + (128 * 128 + 128) + (128 * 768 + 768);
    const peft = {
      peft_type: 'P_TUNING',
      task_type: 'CAUSAL_LM',
      num_virtual_tokens: 20,
      encoder_hidden_size: 128,
      num_transformer_submodules: 2,
    };
    assert.equal(counts('gpt2', peft).trainable, 40 * 768 + mlp);
  });
  it('prefix tuning: a user token_dim is overwritten under GQA (llama stores head_dim: 128*32), derived on Qwen2 (512//14 * 2)', () => {
    const peft = {
      peft_type: 'PREFIX_TUNING',
      task_type: 'CAUSAL_LM',
      num_virtual_tokens: 20,
      token_dim: 512,
    };
    assert.equal(counts('llama-2-7b', peft).trainable, 20 * 32 * 2 * (128 * 32));
    assert.equal(counts('qwen2-0.5b', peft).trainable, 20 * 24 * 2 * (Math.floor(512 / 14) * 2));
    assert.equal(counts('gpt2', peft).trainable, 20 * 12 * 2 * 512); // no num_key_value_heads: token_dim as given
  });
  it('DistilBERT: to_dict() has dim/n_heads, not hidden_size, so PEFT asks for token_dim', () => {
    refuses(
      'distilbert-base-uncased',
      { peft_type: 'PROMPT_TUNING', task_type: 'SEQ_CLS', num_virtual_tokens: 20 },
      /token_dim/,
    );
    refuses(
      'distilbert-base-uncased',
      { peft_type: 'PREFIX_TUNING', task_type: 'SEQ_CLS', token_dim: 768 },
      /num_attention_heads/,
    );
  });
  it('DistilBERT with token_dim and heads given: 20*768 + pre_classifier and classifier copies (bare suffix "classifier")', () => {
    const peft = {
      peft_type: 'PROMPT_TUNING',
      task_type: 'SEQ_CLS',
      num_virtual_tokens: 20,
      token_dim: 768,
      num_attention_heads: 12,
    };
    const heads = 768 * 768 + 768 + (768 * 2 + 2); // pre_classifier + classifier
    assert.equal(counts('distilbert-base-uncased', peft).trainable, 20 * 768 + heads);
  });
});

describe('estimator audit: per-module patterns and init modes', () => {
  it('FourierFT n_frequency_pattern (re.match(".*\\.{key}$")): 32*100 for q_proj + 32*50 for v_proj', () => {
    const peft = {
      peft_type: 'FOURIERFT',
      n_frequency: 100,
      target_modules: ['q_proj', 'v_proj'],
      n_frequency_pattern: { v_proj: 50 },
    };
    assert.equal(counts('llama-2-7b', peft).trainable, 32 * 100 + 32 * 50);
  });
  it('C3A block_size_pattern: kernel (out/b, in/b, b) = 4096*4096/b per module', () => {
    const peft = {
      peft_type: 'C3A',
      block_size: 256,
      target_modules: ['q_proj', 'v_proj'],
      block_size_pattern: { q_proj: 128 },
    };
    assert.equal(counts('llama-2-7b', peft).trainable, 32 * (32 * 32 * 128) + 32 * (16 * 16 * 256));
  });
  it('MiSS init_weights="mini": miss_block is r x mini_r = 64*4 per module', () => {
    const peft = {
      peft_type: 'MISS',
      r: 64,
      mini_r: 4,
      init_weights: 'mini',
      target_modules: ['q_proj', 'v_proj'],
    };
    assert.equal(counts('llama-2-7b', peft).trainable, 64 * 64 * 4);
  });
  it('MiSS init_weights="bat": (out/r) x r x r, the same count as r x out, but r must divide in and out', () => {
    const peft = { peft_type: 'MISS', r: 64, init_weights: 'bat', target_modules: ['q_proj', 'v_proj'] };
    assert.equal(counts('llama-2-7b', peft).trainable, 64 * (4096 / 64) * 64 * 64);
    refuses('llama-2-7b', { ...peft, r: 48 }, /\[r, r\] blocks/);
  });
});

describe('estimator audit: Conv2d layers (ViT patch projection, Conv2d(3, 768, k=16))', () => {
  // LoKr: factorization(3) = (1, 3), factorization(768) = (24, 32); w1 full = 24*1; r=4 < 32/2 so w2 is low rank.
  it('LoKr with use_effective_conv2d: w1 24 + t2 4*4*16*16 + w2_a 4*32 + w2_b 4*3', () => {
    const peft = { peft_type: 'LOKR', r: 4, target_modules: ['projection'], use_effective_conv2d: true };
    assert.equal(counts('vit-base-patch16-224', peft).trainable, 24 + 4 * 4 * 256 + 4 * 32 + 4 * 3);
  });
  it('LoKr without it: w1 24 + w2_a 32*4 + w2_b 4*(3*16*16)', () => {
    const peft = { peft_type: 'LOKR', r: 4, target_modules: ['projection'] };
    assert.equal(counts('vit-base-patch16-224', peft).trainable, 24 + 32 * 4 + 4 * 3 * 256);
  });
  it('LoHa with use_effective_conv2d: 2 x (t 4*4*16*16 + a 4*768 + b 4*3)', () => {
    const peft = { peft_type: 'LOHA', r: 4, target_modules: ['projection'], use_effective_conv2d: true };
    assert.equal(counts('vit-base-patch16-224', peft).trainable, 2 * (4 * 4 * 256 + 4 * 768 + 4 * 3));
  });
  it('DoRA on Conv2d: lora_A conv 3->4 (k16) + lora_B 1x1 4->768 + magnitude 768', () => {
    const peft = { peft_type: 'LORA', r: 4, target_modules: ['projection'], use_dora: true };
    assert.equal(counts('vit-base-patch16-224', peft).trainable, 4 * 3 * 256 + 4 * 768 + 768);
  });
  it('OFT on Conv2d rotates in*k*k = 768 inputs: 48 blocks of 16*15/2', () => {
    const peft = { peft_type: 'OFT', r: 0, oft_block_size: 16, target_modules: ['projection'] };
    assert.equal(counts('vit-base-patch16-224', peft).trainable, 48 * 120);
  });
});

describe('estimator audit: layer_replication (tuners_utils.py replicate_layers)', () => {
  it('BERT SEQ_CLS: bert.encoder.layer is found; ranges [0,2)+[1,3) give 4 layers of q/v LoRA + the classifier copy', () => {
    const peft = {
      peft_type: 'LORA',
      task_type: 'SEQ_CLS',
      r: 8,
      target_modules: ['query', 'value'],
      layer_replication: [
        [0, 2],
        [1, 3],
      ],
    };
    assert.equal(counts('bert-base-uncased', peft).trainable, 4 * 2 * 8 * 1536 + (768 * 2 + 2));
  });
  it('GPT-2, OPT and RoBERTa keep their stack where replicate_layers does not look: PEFT raises', () => {
    const lora = { peft_type: 'LORA', r: 8, layer_replication: [[0, 2]] };
    refuses('gpt2', { ...lora, task_type: 'CAUSAL_LM' }, /transformer\.h/);
    refuses('opt-125m', { ...lora, task_type: 'CAUSAL_LM' }, /model\.decoder\.layers/);
    refuses('roberta-base', { ...lora, task_type: 'SEQ_CLS' }, /roberta\.encoder\.layer/);
  });
  it('the bare GPT2Model keeps h at the top and is replicated: 4 copies of c_attn LoRA 8*(768+2304)', () => {
    const peft = {
      peft_type: 'LORA',
      task_type: 'FEATURE_EXTRACTION',
      r: 8,
      target_modules: ['c_attn'],
      layer_replication: [
        [0, 2],
        [0, 2],
      ],
    };
    assert.equal(counts('gpt2:base', peft).trainable, 4 * 8 * (768 + 2304));
  });
});

describe('estimator audit: LoRA variants (lora/layer.py lora_variants, resolve_lora_variant)', () => {
  const qv = { peft_type: 'LORA', task_type: 'CAUSAL_LM', r: 8, target_modules: ['q_proj', 'v_proj'] };
  it('MiCA freezes lora_B: trains 64 modules x 8*4096 (A), total still adds 64 x 8*(4096+4096)', () => {
    const e = counts('llama-2-7b', { ...qv, init_lora_weights: 'mica' });
    assert.deepEqual(e, { trainable: 64 * 8 * 4096, total: model('llama-2-7b').base + 64 * 8 * 8192 });
  });
  it('MiCA with DoRA, or on a Conv2d (no mica variant there), is an invalid variant combination', () => {
    refuses('llama-2-7b', { ...qv, init_lora_weights: 'mica', use_dora: true }, /variant combination/);
    refuses(
      'vit-base-patch16-224',
      { peft_type: 'LORA', r: 4, target_modules: ['projection'], init_lora_weights: 'mica' },
      /variant combination/,
    );
  });
  it('aLoRA adds no parameters on Linear (64 x 8*8192) but is not a variant of Embedding', () => {
    assert.equal(counts('llama-2-7b', { ...qv, alora_invocation_tokens: [1, 2] }).trainable, 64 * 8 * 8192);
    refuses(
      'llama-2-7b',
      { ...qv, target_modules: ['embed_tokens'], alora_invocation_tokens: [1, 2] },
      /variant combination/,
    );
  });
  it('block-diagonal LoRA changes shapes this estimator does not count: refused, not guessed', () => {
    refuses('llama-2-7b', { ...qv, use_bdlora: { nblocks: 2 } }, /does not count/);
  });
});

describe('estimator audit: config checks (LoraConfig.__post_init__)', () => {
  it('init_lora_weights: loftq needs loftq_config, lora_bias needs True/False, orthogonal needs an even rank', () => {
    const qv = { peft_type: 'LORA', task_type: 'CAUSAL_LM', target_modules: ['q_proj', 'v_proj'] };
    refuses('llama-2-7b', { ...qv, r: 8, init_lora_weights: 'loftq' }, /loftq_config/);
    refuses(
      'llama-2-7b',
      { ...qv, r: 8, init_lora_weights: 'pissa', lora_bias: true },
      /only supported with init_lora_weights=True or False/,
    );
    refuses('llama-2-7b', { ...qv, r: 7, init_lora_weights: 'orthogonal' }, /even/);
    assert.equal(
      counts('llama-2-7b', { ...qv, r: 8, init_lora_weights: 'orthogonal' }).trainable,
      64 * 8 * 8192,
    );
  });
  it('an empty layers_pattern list is falsy in Python: no "layers_to_transform must also be specified" error', () => {
    const peft = {
      peft_type: 'LORA',
      task_type: 'CAUSAL_LM',
      r: 8,
      target_modules: ['q_proj', 'v_proj'],
      layers_pattern: [],
    };
    assert.equal(counts('llama-2-7b', peft).trainable, 64 * 8 * 8192);
    refuses('llama-2-7b', { ...peft, layers_pattern: ['layers'] }, /layers_to_transform/);
  });
});

describe('estimator audit: heads PEFT does not find (suffix "classifier"/"score" only)', () => {
  it('T5 SEQ_CLS: T5ForSequenceClassification calls its head classification_head, so PEFT leaves it frozen', () => {
    const m = model('t5-base');
    const e = estimateParameters(m.cfg, { peft_type: 'LORA', r: 8 }, { taskType: 'SEQ_CLS' });
    const head = 768 * 768 + 768 + (768 * 2 + 2); // classification_head.dense + out_proj (num_labels 2)
    const lora = (12 * 2 + 12 * 4) * 8 * 1536; // q, v: encoder self-attn, decoder self- and cross-attn
    assert.deepEqual(
      [e.baseParams, e.trainableParams, e.totalParams],
      [m.base + head, lora, m.base + head + lora],
    );
  });
});
