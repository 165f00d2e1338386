// Phi-1/1.5/2 (model_type phi): LayerNorm (not RMSNorm), biased q/k/v/dense and fc1/fc2, a biased
// lm_head, optional per-head q/k LayerNorms (qk_layernorm).
import { bool, div, int, requirePositive } from '../config';
import { embedding, layerNorm, linear } from '../tpl';
import type { BaseDims, Family, HfConfig } from '../types';
import { decoderHeads } from './common';

export interface PhiDims extends BaseDims {
  ff: number;
  qkNorm: boolean;
}

function resolvePhi(cfg: HfConfig, numLabels: number): PhiDims {
  const h = int(cfg, 'hidden_size', 2048);
  const nh = int(cfg, 'num_attention_heads', 32);
  const r: PhiDims = {
    h,
    nh,
    nkv: int(cfg, 'num_key_value_heads', nh),
    hd: div(h, nh, 'head_dim'),
    L: int(cfg, 'num_hidden_layers', 24),
    V: int(cfg, 'vocab_size', 51200),
    tie: bool(cfg, 'tie_word_embeddings', false),
    numLabels,
    encDec: false,
    flags: {},
    ff: int(cfg, 'intermediate_size', 8192),
    qkNorm: bool(cfg, 'qk_layernorm', false),
  };
  requirePositive({ hidden_size: h, num_attention_heads: nh, vocab_size: r.V, num_key_value_heads: r.nkv });
  return r;
}

const h = (r: PhiDims) => r.h;
const kv = (r: PhiDims) => r.nkv * r.hd;

export const PHI: Family<PhiDims> = {
  types: ['phi'],
  resolve: resolvePhi,
  backbone: [
    embedding('embed_tokens', (r) => r.V, h),
    {
      path: 'layers',
      count: (r) => r.L,
      modules: [
        linear('self_attn.q_proj', h, (r) => r.nh * r.hd, true),
        linear('self_attn.k_proj', h, kv, true),
        linear('self_attn.v_proj', h, kv, true),
        linear('self_attn.dense', (r) => r.nh * r.hd, h, true),
        layerNorm('self_attn.q_layernorm', (r) => r.hd, true, { when: (r) => r.qkNorm }),
        layerNorm('self_attn.k_layernorm', (r) => r.hd, true, { when: (r) => r.qkNorm }),
        linear('mlp.fc1', h, (r) => r.ff, true),
        linear('mlp.fc2', (r) => r.ff, h, true),
        layerNorm('input_layernorm', h),
      ],
    },
    layerNorm('final_layernorm', h),
  ],
  heads: decoderHeads<PhiDims>('Phi', 'embed_tokens', { lmBias: true, tokenName: 'classifier', noQa: true }),
};
