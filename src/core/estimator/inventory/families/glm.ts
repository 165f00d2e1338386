// GLM-4 in two spellings.
// - `glm` (GlmForCausalLM, transformers >= 4.46, e.g. THUDM/glm-4-9b-chat-hf): transformers v4.57.6
//   modeling_glm.py GlmAttention (:159-174: q/k/v Linear with bias=attention_bias, o_proj without bias,
//   head_dim from config), GlmMLP (:52-53: fused gate_up_proj = Linear(h, 2 * intermediate), down_proj),
//   GlmDecoderLayer (:283-287: self_attn, mlp, input_layernorm, post_attention_layernorm), GlmModel
//   (:350-354), GlmForCausalLM lm_head (:432); heads from modeling_layers.py GenericForSequenceClassification
//   (:106 score without bias) and GenericForTokenClassification (:249 score with bias); no QA class.
//   Defaults: configuration_glm.py:104-123 (vocab 151552, hidden 4096, intermediate 13696, 40 layers,
//   32 heads, 2 key/value heads, head_dim 128, attention_bias True, untied).
// - `chatglm` (remote code of THUDM/chatglm2-6b, chatglm3-6b, glm-4-9b-chat; modeling_chatglm.py as
//   published, read from a verbatim copy of chatglm3-6b's at czk1997/chatglm3-copy@00f2a120):
//   ChatGLMForConditionalGeneration.transformer = ChatGLMModel: embedding.word_embeddings
//   (padded_vocab_size x h), encoder.layers.N (GLMBlock: input_layernorm, self_attention.query_key_value =
//   Linear(h, heads * kv_channels + 2 * kv_channels * groups, bias=add_bias_linear or add_qkv_bias),
//   self_attention.dense (bias=add_bias_linear), post_attention_layernorm, mlp.dense_h_to_4h =
//   Linear(h, 2 * ffn_hidden_size), mlp.dense_4h_to_h), encoder.final_layernorm (post_layer_norm), and
//   output_layer = Linear(h, padded_vocab_size, bias=False). RMSNorm (weight only) when rmsnorm, else
//   LayerNorm. The class defines no lm_head, so get_output_embeddings() is None
//   (transformers modeling_utils.py:1863-1872) and PEFT's all-linear keeps output_layer; nothing is tied.
//   Its config class is remote code too, so every shape field must be in config.json (no defaults here).
import { bool, int, InvalidConfigError, UnsupportedModelError } from '../config';
import { embedding, layerNorm, linear, rmsNorm } from '../tpl';
import type { BaseDims, Family, HfConfig, ModTpl } from '../types';
import { decoderHeads, headLinear } from './common';
import { llamaBackbone, norms, resolveLlamaLike, type LlamaDims } from './llama';

const hid = (r: BaseDims) => r.h;

// --- glm (transformers) ------------------------------------------------------------------------------

const GLM_DEFAULTS = {
  V: 151552,
  h: 4096,
  ff: 13696,
  L: 40,
  nh: 32,
  nkv: 2,
  hd: 128,
  tie: false,
  qkvBias: false,
} as const;

const glmLayer: ModTpl<LlamaDims>[] = [
  linear<LlamaDims>(
    'self_attn.q_proj',
    hid,
    (r) => r.nh * r.hd,
    (r) => r.qkvBias,
  ),
  linear<LlamaDims>(
    'self_attn.k_proj',
    hid,
    (r) => r.nkv * r.hd,
    (r) => r.qkvBias,
  ),
  linear<LlamaDims>(
    'self_attn.v_proj',
    hid,
    (r) => r.nkv * r.hd,
    (r) => r.qkvBias,
  ),
  linear<LlamaDims>('self_attn.o_proj', (r) => r.nh * r.hd, hid),
  linear<LlamaDims>('mlp.gate_up_proj', hid, (r) => 2 * r.ff),
  linear<LlamaDims>('mlp.down_proj', (r) => r.ff, hid),
  ...norms('input_layernorm', 'post_attention_layernorm'),
];

export const GLM: Family<LlamaDims> = {
  types: ['glm'],
  unverified:
    'GlmForCausalLM is not in the PEFT oracle: its modules were read from transformers source (modeling_glm.py)',
  // attention_bias defaults to True in GlmConfig (unlike Llama's False).
  resolve: (cfg, n) => ({
    ...resolveLlamaLike(cfg, GLM_DEFAULTS, n),
    qkvBias: bool(cfg, 'attention_bias', true),
  }),
  backbone: llamaBackbone(glmLayer),
  heads: decoderHeads<LlamaDims>('Glm', 'embed_tokens', { noQa: true }),
};

// --- chatglm (remote code) ---------------------------------------------------------------------------

export interface ChatGlmDims extends BaseDims {
  ff: number;
  qkvOut: number;
  qkvBias: boolean;
  linearBias: boolean;
  rms: boolean;
  finalNorm: boolean;
}

function required(cfg: HfConfig, key: string): number {
  if (cfg[key] === undefined || cfg[key] === null)
    throw new InvalidConfigError(
      `ChatGLM's config class is remote code: config.json must give "${key}" (no default is assumed)`,
    );
  return int(cfg, key, 0);
}

function flag(cfg: HfConfig, key: string): boolean {
  if (cfg[key] === undefined || cfg[key] === null)
    throw new InvalidConfigError(
      `ChatGLM's config class is remote code: config.json must give "${key}" (no default is assumed)`,
    );
  return bool(cfg, key, false);
}

function resolveChatGlm(cfg: HfConfig, numLabels: number): ChatGlmDims {
  if (cfg.padded_vocab_size === undefined)
    throw new UnsupportedModelError(
      'ChatGLM without padded_vocab_size (the first ChatGLM-6B) is not modelled; ChatGLM2/3 and GLM-4 are',
    );
  const h = required(cfg, 'hidden_size');
  const nh = required(cfg, 'num_attention_heads');
  const hd = required(cfg, 'kv_channels');
  const nkv = flag(cfg, 'multi_query_attention') ? required(cfg, 'multi_query_group_num') : nh;
  return {
    h,
    L: required(cfg, 'num_layers'),
    nh,
    nkv,
    hd,
    V: required(cfg, 'padded_vocab_size'),
    tie: false,
    numLabels,
    encDec: false,
    flags: {},
    ff: required(cfg, 'ffn_hidden_size'),
    qkvOut: nh * hd + 2 * hd * nkv,
    linearBias: flag(cfg, 'add_bias_linear'),
    qkvBias: flag(cfg, 'add_bias_linear') || flag(cfg, 'add_qkv_bias'),
    rms: flag(cfg, 'rmsnorm'),
    finalNorm: flag(cfg, 'post_layer_norm'),
  };
}

type C = ModTpl<ChatGlmDims>;
const lb = (r: ChatGlmDims) => r.linearBias;
/** RMSNorm (weight only) or LayerNorm (weight and bias), as GLMBlock picks LayerNormFunc. */
function glmNorm(name: string, extra: Partial<C> = {}): C[] {
  return [
    rmsNorm<ChatGlmDims>(name, hid, { ...extra, when: (r) => r.rms && (extra.when?.(r, -1) ?? true) }),
    layerNorm<ChatGlmDims>(name, hid, true, {
      ...extra,
      when: (r) => !r.rms && (extra.when?.(r, -1) ?? true),
    }),
  ];
}

const chatGlmLayer: C[] = [
  ...glmNorm('input_layernorm'),
  linear<ChatGlmDims>(
    'self_attention.query_key_value',
    hid,
    (r) => r.qkvOut,
    (r) => r.qkvBias,
  ),
  linear<ChatGlmDims>('self_attention.dense', (r) => r.nh * r.hd, hid, lb),
  ...glmNorm('post_attention_layernorm'),
  linear<ChatGlmDims>('mlp.dense_h_to_4h', hid, (r) => 2 * r.ff, lb),
  linear<ChatGlmDims>('mlp.dense_4h_to_h', (r) => r.ff, hid, lb),
];

const CHATGLM_CLS = 'ChatGLMForConditionalGeneration';
const lmHead = { cls: CHATGLM_CLS, prefix: 'transformer.' };
export const CHATGLM: Family<ChatGlmDims> = {
  types: ['chatglm'],
  unverified: `${CHATGLM_CLS} is remote code (modeling_chatglm.py of the model repo), not in transformers or the PEFT oracle: modules read from its published source`,
  resolve: resolveChatGlm,
  backbone: [
    embedding<ChatGlmDims>('embedding.word_embeddings', (r) => r.V, hid),
    { path: 'encoder.layers', count: (r: ChatGlmDims) => r.L, modules: chatGlmLayer },
    ...glmNorm('encoder.final_layernorm', { when: (r) => r.finalNorm }),
    linear<ChatGlmDims>('output_layer', hid, (r) => r.V),
  ],
  // auto_map sends AutoModel, AutoModelForCausalLM and AutoModelForSeq2SeqLM to the same class.
  heads: {
    causal_lm: lmHead,
    seq2seq_lm: lmHead,
    base: lmHead,
    seq_cls: {
      cls: 'ChatGLMForSequenceClassification',
      prefix: 'transformer.',
      modules: [headLinear<ChatGlmDims>('classifier_head')],
    },
  },
};
