// Falcon (transformer.h.*): fused query_key_value whose width depends on new_decoder_architecture /
// multi_query, and one or two LayerNorms per block depending on parallel_attn.
import { bool, div, int, optInt, requirePositive } from '../config';
import { embedding, layerNorm, linear } from '../tpl';
import type { BaseDims, Family, HfConfig } from '../types';
import { decoderHeads } from './common';

export interface FalconDims extends BaseDims {
  ff: number;
  qkvOut: number;
  bias: boolean;
  norms: 'serial' | 'two' | 'one';
}

function resolveFalcon(cfg: HfConfig, numLabels: number): FalconDims {
  const h = int(cfg, 'hidden_size', 4544);
  const nh = int(cfg, 'num_attention_heads', 71);
  const hd = div(h, nh, 'head_dim');
  const newArch = bool(cfg, 'new_decoder_architecture', false);
  const multiQuery = bool(cfg, 'multi_query', true);
  const kvHeads = optInt(cfg, 'num_kv_heads') ?? nh;
  // FalconAttention: new architecture = grouped KV heads; else multi-query = one shared K/V head.
  const nkv = newArch ? kvHeads : multiQuery ? 1 : nh;
  const parallel = bool(cfg, 'parallel_attn', true);
  const lnPar = optInt(cfg, 'num_ln_in_parallel_attn') ?? (newArch ? 2 : 1);
  const r: FalconDims = {
    h,
    nh,
    nkv,
    hd,
    L: int(cfg, 'num_hidden_layers', 32),
    V: int(cfg, 'vocab_size', 65024),
    tie: bool(cfg, 'tie_word_embeddings', true),
    numLabels,
    encDec: false,
    flags: {},
    ff: optInt(cfg, 'ffn_hidden_size') ?? 4 * h,
    qkvOut: (nh + 2 * nkv) * hd,
    bias: bool(cfg, 'bias', false),
    norms: !parallel ? 'serial' : lnPar === 2 ? 'two' : 'one',
  };
  if (!newArch && !multiQuery) r.qkvOut = 3 * h;
  requirePositive({ hidden_size: h, num_attention_heads: nh, vocab_size: r.V });
  return r;
}

const h = (r: FalconDims) => r.h;
const b = (r: FalconDims) => r.bias;

export const FALCON: Family<FalconDims> = {
  types: ['falcon'],
  resolve: resolveFalcon,
  backbone: [
    embedding('word_embeddings', (r) => r.V, h),
    {
      path: 'h',
      count: (r) => r.L,
      modules: [
        linear('self_attention.query_key_value', h, (r) => r.qkvOut, b),
        linear('self_attention.dense', h, h, b),
        linear('mlp.dense_h_to_4h', h, (r) => r.ff, b),
        linear('mlp.dense_4h_to_h', (r) => r.ff, h, b),
        layerNorm('post_attention_layernorm', h, true, { when: (r) => r.norms === 'serial' }),
        layerNorm('input_layernorm', h, true, { when: (r) => r.norms !== 'two' }),
        layerNorm('ln_attn', h, true, { when: (r) => r.norms === 'two' }),
        layerNorm('ln_mlp', h, true, { when: (r) => r.norms === 'two' }),
      ],
    },
    layerNorm('ln_f', h),
  ],
  heads: decoderHeads<FalconDims>('Falcon', 'word_embeddings', {
    prefix: 'transformer.',
    tokenName: 'classifier',
  }),
};
