// GPT-style decoders whose backbone sits under `transformer.` / `gpt_neox.`: GPT-2 (Conv1D layers),
// GPT-J, GPT-NeoX (Pythia), BLOOM. Defaults from each *Config class in transformers 4.47.
import { bool, div, int, optInt, requirePositive } from '../config';
import { conv1d, embedding, layerNorm, linear } from '../tpl';
import type { BaseDims, Family, HfConfig } from '../types';
import { decoderHeads } from './common';

export interface GptDims extends BaseDims {
  ff: number;
  nPos: number;
  bias: boolean;
  cross: boolean;
}

interface GptDefaults {
  V: number;
  h: number;
  L: number;
  nh: number;
  tie: boolean;
  nPos?: number;
  ff?: number;
}

/** Reads GPT-style fields under both their own names and the canonical ones (attribute_map). */
function resolveGpt(
  cfg: HfConfig,
  d: GptDefaults,
  numLabels: number,
  ffKeys: string[],
  biasKey?: string,
): GptDims {
  const h = int(cfg, ['n_embd', 'hidden_size', 'n_embed'], d.h);
  const nh = int(cfg, ['n_head', 'num_attention_heads'], d.nh);
  const ff = optInt(cfg, ffKeys) ?? d.ff ?? 4 * h;
  const r: GptDims = {
    h,
    nh,
    nkv: nh,
    hd: div(h, nh, 'head_dim = hidden_size // num_attention_heads'),
    L: int(cfg, ['n_layer', 'num_hidden_layers'], d.L),
    V: int(cfg, 'vocab_size', d.V),
    tie: bool(cfg, 'tie_word_embeddings', d.tie),
    numLabels,
    encDec: false,
    flags: {},
    ff,
    nPos: int(cfg, ['n_positions', 'max_position_embeddings'], d.nPos ?? 0),
    bias: biasKey ? bool(cfg, biasKey, true) : true,
    cross: bool(cfg, 'add_cross_attention', false),
  };
  requirePositive({ hidden_size: h, num_attention_heads: nh, vocab_size: r.V });
  return r;
}

const h = (r: GptDims) => r.h;
const ff = (r: GptDims) => r.ff;
const V = (r: GptDims) => r.V;

export const GPT2: Family<GptDims> = {
  types: ['gpt2'],
  resolve: (cfg, n) =>
    resolveGpt(cfg, { V: 50257, h: 768, L: 12, nh: 12, tie: true, nPos: 1024 }, n, ['n_inner']),
  backbone: [
    embedding('wte', V, h),
    embedding('wpe', (r) => r.nPos, h),
    {
      path: 'h',
      count: (r) => r.L,
      modules: [
        layerNorm('ln_1', h),
        conv1d('attn.c_attn', h, (r) => 3 * r.h),
        conv1d('attn.c_proj', h, h),
        layerNorm('ln_2', h),
        // add_cross_attention: GPT2Attention(is_cross_attention) = c_attn (h -> 2h), q_attn, c_proj; then its norm.
        { ...conv1d<GptDims>('crossattention.c_attn', h, (r) => 2 * r.h), when: (r) => r.cross },
        { ...conv1d<GptDims>('crossattention.q_attn', h, h), when: (r) => r.cross },
        { ...conv1d<GptDims>('crossattention.c_proj', h, h), when: (r) => r.cross },
        layerNorm('ln_cross_attn', h, true, { when: (r) => r.cross }),
        conv1d('mlp.c_fc', h, ff),
        conv1d('mlp.c_proj', ff, h),
      ],
    },
    layerNorm('ln_f', h),
  ],
  heads: {
    ...decoderHeads<GptDims>('GPT2', 'wte', { prefix: 'transformer.', tokenName: 'classifier' }),
    causal_lm: {
      cls: 'GPT2LMHeadModel',
      prefix: 'transformer.',
      modules: [linear('lm_head', h, V, false, { tie: '{p}wte', tieWhen: (r) => r.tie, output: true })],
    },
  },
};

export const GPTJ: Family<GptDims> = {
  types: ['gptj'],
  resolve: (cfg, n) =>
    resolveGpt(cfg, { V: 50400, h: 4096, L: 28, nh: 16, tie: false, nPos: 2048 }, n, ['n_inner']),
  backbone: [
    embedding('wte', V, h),
    {
      path: 'h',
      count: (r) => r.L,
      modules: [
        layerNorm('ln_1', h),
        linear('attn.k_proj', h, h),
        linear('attn.v_proj', h, h),
        linear('attn.q_proj', h, h),
        linear('attn.out_proj', h, h),
        linear('mlp.fc_in', h, ff, true),
        linear('mlp.fc_out', ff, h, true),
      ],
    },
    layerNorm('ln_f', h),
  ],
  heads: decoderHeads<GptDims>('GPTJ', 'wte', {
    prefix: 'transformer.',
    lmBias: true,
    qaOut: (r) => r.numLabels,
    noTokenCls: true,
  }),
};

export const GPT_NEOX: Family<GptDims> = {
  types: ['gpt_neox'],
  resolve: (cfg, n) =>
    resolveGpt(
      cfg,
      { V: 50432, h: 6144, L: 44, nh: 64, tie: false, ff: 24576 },
      n,
      ['intermediate_size'],
      'attention_bias',
    ),
  backbone: [
    embedding('embed_in', V, h),
    {
      path: 'layers',
      count: (r) => r.L,
      modules: [
        layerNorm('input_layernorm', h),
        layerNorm('post_attention_layernorm', h),
        linear(
          'attention.query_key_value',
          h,
          (r) => 3 * r.h,
          (r) => r.bias,
        ),
        linear('attention.dense', h, h, (r) => r.bias),
        linear('mlp.dense_h_to_4h', h, ff, true),
        linear('mlp.dense_4h_to_h', ff, h, true),
      ],
    },
    layerNorm('final_layer_norm', h),
  ],
  heads: decoderHeads<GptDims>('GPTNeoX', 'embed_in', {
    prefix: 'gpt_neox.',
    lmName: 'embed_out',
    tokenName: 'classifier',
  }),
};

export const BLOOM: Family<GptDims> = {
  types: ['bloom'],
  resolve: (cfg, n) => resolveGpt(cfg, { V: 250880, h: 64, L: 2, nh: 8, tie: true }, n, []),
  backbone: [
    embedding('word_embeddings', V, h),
    layerNorm('word_embeddings_layernorm', h),
    {
      path: 'h',
      count: (r) => r.L,
      modules: [
        layerNorm('input_layernorm', h),
        linear('self_attention.query_key_value', h, (r) => 3 * r.h, true),
        linear('self_attention.dense', h, h, true),
        layerNorm('post_attention_layernorm', h),
        linear('mlp.dense_h_to_4h', h, (r) => 4 * r.h, true),
        linear('mlp.dense_4h_to_h', (r) => 4 * r.h, h, true),
      ],
    },
    layerNorm('ln_f', h),
  ],
  heads: decoderHeads<GptDims>('Bloom', 'word_embeddings', {
    prefix: 'transformer.',
    tokenName: 'classifier',
  }),
};
