// BART: model.shared plus per-stack embed_tokens tied to it, learned positions with BART's offset
// of 2, layernorm_embedding after each stack's layers, lm_head tied to shared (final_logits_bias is
// a buffer, not a parameter).
import { bool, div, int, requirePositive } from '../config';
import { embedding, layerNorm, linear } from '../tpl';
import type { BaseDims, Family, HfConfig, ModTpl } from '../types';
import { headLinear, lmHead } from './common';

export interface BartDims extends BaseDims {
  Ld: number;
  ffE: number;
  ffD: number;
  maxPos: number;
}

function resolveBart(cfg: HfConfig, numLabels: number): BartDims {
  const h = int(cfg, ['d_model', 'hidden_size'], 1024);
  const nh = int(cfg, ['encoder_attention_heads', 'num_attention_heads'], 16);
  const r: BartDims = {
    h,
    nh,
    nkv: nh,
    hd: div(h, nh, 'head_dim'),
    L: int(cfg, ['encoder_layers', 'num_hidden_layers'], 12),
    Ld: int(cfg, 'decoder_layers', 12),
    V: int(cfg, 'vocab_size', 50265),
    tie: bool(cfg, 'tie_word_embeddings', true),
    numLabels,
    encDec: true,
    flags: {},
    ffE: int(cfg, 'encoder_ffn_dim', 4096),
    ffD: int(cfg, 'decoder_ffn_dim', 4096),
    maxPos: int(cfg, 'max_position_embeddings', 1024),
  };
  requirePositive({ d_model: h, encoder_attention_heads: nh, vocab_size: r.V });
  return r;
}

type T = ModTpl<BartDims>;
const h = (r: BartDims) => r.h;

function attention(pre: string): T[] {
  return ['k_proj', 'v_proj', 'q_proj', 'out_proj'].map((n) => linear<BartDims>(`${pre}.${n}`, h, h, true));
}

function stackEmbeddings(stack: string): T[] {
  return [
    embedding(`${stack}.embed_tokens`, (r) => r.V, h, { tie: '{p}shared' }),
    embedding(`${stack}.embed_positions`, (r) => r.maxPos + 2, h),
  ];
}

export const BART: Family<BartDims> = {
  types: ['bart'],
  resolve: resolveBart,
  backbone: [
    embedding('shared', (r) => r.V, h),
    ...stackEmbeddings('encoder'),
    {
      path: 'encoder.layers',
      count: (r) => r.L,
      modules: [
        ...attention('self_attn'),
        layerNorm('self_attn_layer_norm', h),
        linear('fc1', h, (r) => r.ffE, true),
        linear('fc2', (r) => r.ffE, h, true),
        layerNorm('final_layer_norm', h),
      ],
    },
    layerNorm('encoder.layernorm_embedding', h),
    ...stackEmbeddings('decoder'),
    {
      path: 'decoder.layers',
      count: (r) => r.Ld,
      modules: [
        ...attention('self_attn'),
        layerNorm('self_attn_layer_norm', h),
        ...attention('encoder_attn'),
        layerNorm('encoder_attn_layer_norm', h),
        linear('fc1', h, (r) => r.ffD, true),
        linear('fc2', (r) => r.ffD, h, true),
        layerNorm('final_layer_norm', h),
      ],
    },
    layerNorm('decoder.layernorm_embedding', h),
  ],
  heads: {
    seq2seq_lm: {
      cls: 'BartForConditionalGeneration',
      prefix: 'model.',
      modules: [lmHead<BartDims>('shared')],
    },
    base: { cls: 'BartModel', prefix: '' },
    seq_cls: {
      cls: 'BartForSequenceClassification',
      prefix: 'model.',
      modules: [headLinear('classification_head.dense', h), headLinear('classification_head.out_proj')],
    },
    // BartForQuestionAnswering sets config.num_labels = 2 before building qa_outputs.
    qa: { cls: 'BartForQuestionAnswering', prefix: 'model.', modules: [headLinear('qa_outputs', () => 2)] },
  },
};
