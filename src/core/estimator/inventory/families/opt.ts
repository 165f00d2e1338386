// OPT (model.decoder.*): optional project_in/out when word_embed_proj_dim != hidden_size, learned
// positions with OPT's offset of 2, final_layer_norm only with do_layer_norm_before (opt-350m has none).
import { bool, div, int, optInt, requirePositive } from '../config';
import { embedding, layerNorm, linear } from '../tpl';
import type { BaseDims, Family, HfConfig, ModTpl } from '../types';
import { decoderHeads } from './common';

export interface OptDims extends BaseDims {
  ff: number;
  proj: number;
  maxPos: number;
  bias: boolean;
  affine: boolean;
  finalNorm: boolean;
}

function resolveOpt(cfg: HfConfig, numLabels: number): OptDims {
  const h = int(cfg, 'hidden_size', 768);
  const nh = int(cfg, 'num_attention_heads', 12);
  const r: OptDims = {
    h,
    nh,
    nkv: nh,
    hd: div(h, nh, 'head_dim'),
    L: int(cfg, 'num_hidden_layers', 12),
    V: int(cfg, 'vocab_size', 50272),
    tie: bool(cfg, 'tie_word_embeddings', true),
    numLabels,
    encDec: false,
    flags: {},
    ff: int(cfg, 'ffn_dim', 3072),
    proj: optInt(cfg, 'word_embed_proj_dim') ?? h,
    maxPos: int(cfg, 'max_position_embeddings', 2048),
    bias: bool(cfg, 'enable_bias', true),
    affine: bool(cfg, 'layer_norm_elementwise_affine', true),
    finalNorm: bool(cfg, 'do_layer_norm_before', true) && !bool(cfg, '_remove_final_layer_norm', false),
  };
  requirePositive({ hidden_size: h, num_attention_heads: nh, vocab_size: r.V });
  return r;
}

type T = ModTpl<OptDims>;
const h = (r: OptDims) => r.h;
const b = (r: OptDims) => r.bias;
/** elementwise_affine=False leaves a LayerNorm with no parameters at all. */
const ln = (name: string): T => layerNorm(name, h, true, { when: (r) => r.affine });

export const OPT: Family<OptDims> = {
  types: ['opt'],
  resolve: resolveOpt,
  backbone: [
    embedding(
      'embed_tokens',
      (r) => r.V,
      (r) => r.proj,
    ),
    embedding('embed_positions', (r) => r.maxPos + 2, h),
    linear('project_out', h, (r) => r.proj, false, { when: (r) => r.proj !== r.h }),
    linear('project_in', (r) => r.proj, h, false, { when: (r) => r.proj !== r.h }),
    layerNorm('final_layer_norm', h, true, { when: (r) => r.finalNorm && r.affine }),
    {
      path: 'layers',
      count: (r) => r.L,
      modules: [
        linear('self_attn.k_proj', h, h, b),
        linear('self_attn.v_proj', h, h, b),
        linear('self_attn.q_proj', h, h, b),
        linear('self_attn.out_proj', h, h, b),
        ln('self_attn_layer_norm'),
        linear('fc1', h, (r) => r.ff, b),
        linear('fc2', (r) => r.ff, h, b),
        ln('final_layer_norm'),
      ],
    },
  ],
  heads: {
    ...decoderHeads<OptDims>('OPT', 'embed_tokens', {
      prefix: 'model.decoder.',
      lmIn: (r) => r.proj,
      scoreIn: (r) => r.proj,
      noTokenCls: true,
    }),
    base: { cls: 'OPTModel', prefix: 'decoder.' },
  },
};
