// Llama-derived decoders read from transformers source (>= 4.47) and checked against PEFT 0.20.0 on
// transformers 4.57.6 and 5.12.1 (test/data/oracle/transformers): Granite (Llama's module tree), OLMo-2
// (q/k norms over the full projection, norms after each block), StarCoder2 (biased projections,
// c_fc/c_proj MLP, LayerNorm).
import { bool } from '../config';
import { decoderHeads } from './common';
import { embedding, layerNorm, linear, rmsNorm } from '../tpl';
import type { Family, ModTpl } from '../types';
import { attention, gatedMlp, llamaLike, norms, resolveLlamaLike, type LlamaDims } from './llama';

const h = (r: LlamaDims) => r.h;

/** IBM Granite 3.x: LlamaForCausalLM's modules; the multipliers in its config scale activations only. */
export const GRANITE = llamaLike(
  ['granite'],
  { V: 32000, h: 4096, ff: 11008, L: 32, nh: 32, tie: false, qkvBias: 'attention_bias', mlpBiasField: true },
  'Granite',
  [...attention('self_attn.'), ...gatedMlp('mlp.'), ...norms('input_layernorm', 'post_attention_layernorm')],
  {},
);

/** OLMo-2: q_norm / k_norm are RMSNorms over num_heads*head_dim and num_kv_heads*head_dim. */
/** OLMo-2's layer (OLMo-3 keeps it: transformers v5.17.0 models/olmo3/modeling_olmo3.py:150-163, :219-237). */
export const OLMO2_LAYER: ModTpl<LlamaDims>[] = [
  ...attention('self_attn.'),
  rmsNorm('self_attn.q_norm', (r) => r.nh * r.hd),
  rmsNorm('self_attn.k_norm', (r) => r.nkv * r.hd),
  ...gatedMlp('mlp.'),
  ...norms('post_attention_layernorm', 'post_feedforward_layernorm'),
];

export const OLMO2 = llamaLike(
  ['olmo2'],
  { V: 50304, h: 4096, ff: 11008, L: 32, nh: 32, tie: false, qkvBias: 'attention_bias' },
  'Olmo2',
  OLMO2_LAYER,
  {},
);
// Olmo2ForSequenceClassification: absent in transformers 4.57.6, present in 5.12.1 (PEFT 0.20.0 oracle runs).
OLMO2.heads.seq_cls = { ...OLMO2.heads.seq_cls!, v5Only: 'absent in transformers 4.57.6, present in 5.12.1' };

const sc2Layer: ModTpl<LlamaDims>[] = [
  ...attention('self_attn.'),
  linear(
    'mlp.c_fc',
    h,
    (r) => r.ff,
    (r) => r.mlpBias,
  ),
  linear(
    'mlp.c_proj',
    (r) => r.ff,
    h,
    (r) => r.mlpBias,
  ),
  layerNorm('input_layernorm', h),
  layerNorm('post_attention_layernorm', h),
];

/** StarCoder2: every projection biased when use_bias (default true), LayerNorms, tied lm_head by default. */
export const STARCODER2: Family<LlamaDims> = {
  types: ['starcoder2'],
  resolve: (cfg, n) => {
    const r = resolveLlamaLike(
      cfg,
      { V: 49152, h: 3072, ff: 12288, L: 30, nh: 24, nkv: 2, tie: true, qkvBias: true },
      n,
    );
    const b = bool(cfg, 'use_bias', true);
    return { ...r, qkvBias: b, oBias: b, mlpBias: b };
  },
  backbone: [
    embedding('embed_tokens', (r) => r.V, h),
    { path: 'layers', count: (r) => r.L, modules: sc2Layer },
    layerNorm('norm', h),
  ],
  heads: decoderHeads<LlamaDims>('Starcoder2', 'embed_tokens', { noQa: true }),
};
