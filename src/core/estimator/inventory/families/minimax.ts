// MiniMax-M2 (model_type minimax_m2; transformers >= 5.0: model_doc added 2026-01-09; 5.17.0 read here): Llama attention without
// biases plus RMSNorms over the whole query and key projections (num_heads * head_dim and
// num_key_value_heads * head_dim wide, v5.17.0 models/minimax_m2/modeling_minimax_m2.py:303-304), and a
// sparse MoE block in every layer stored the transformers 5 way: a TopKRouter `gate` (its
// e_score_correction_bias is a buffer) and fused experts gate_up_proj [E, 2*I, H] / down_proj [E, H, I].
// Defaults from MiniMaxM2Config (configuration_minimax_m2.py:76-97).
import { rmsNorm } from '../tpl';
import type { Family } from '../types';
import { moeBackbone } from './deepseek';
import { attention, norms, resolveLlamaLike, type LlamaDims } from './llama';
import { onlyHeads, since } from './mla';
import { fusedMoe } from './moe';

export const MINIMAX_M2: Family<LlamaDims> = {
  types: ['minimax_m2'],
  resolve: (cfg, n) =>
    resolveLlamaLike(
      cfg,
      {
        V: 200064,
        h: 3072,
        ff: 1536,
        L: 62,
        nh: 48,
        nkv: 8,
        hd: 128,
        tie: false,
        qkvBias: false,
        experts: { count: ['num_local_experts'], dflt: 256 },
      },
      n,
    ),
  backbone: moeBackbone<LlamaDims>([
    ...attention('self_attn.'),
    rmsNorm('self_attn.q_norm', (r) => r.nh * r.hd),
    rmsNorm('self_attn.k_norm', (r) => r.nkv * r.hd),
    ...fusedMoe(
      'mlp.',
      (r) => r.ff,
      () => true,
    ),
    ...norms('input_layernorm', 'post_attention_layernorm'),
  ]),
  heads: onlyHeads<LlamaDims>('MiniMaxM2', ['causal_lm', 'base']),
  atRelease: since(5, 0, 'MiniMaxM2ForCausalLM (model_type minimax_m2)'),
};
