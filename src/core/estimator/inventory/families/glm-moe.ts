// GLM-4.5 / GLM-4.5-Air / GLM-4.6 / GLM-4.7 (model_type glm4_moe; transformers >= 4.54 (model_doc: added
// 2025-07-21), 4.57.6 and 5.17.0
// read here): Llama attention with q/k/v biases from attention_bias and an o_proj without one
// (v5.17.0 models/glm4_moe/modeling_glm4_moe.py:199-212), optional q_norm/k_norm (use_qk_norm), the first
// first_k_dense_replace layers dense (:412) and DeepSeek-V3's routed + shared expert block after them.
// Defaults from Glm4MoeConfig (configuration_glm4_moe.py:90-117).
import { bool } from '../config';
import { rmsNorm } from '../tpl';
import type { Family, ModTpl } from '../types';
import {
  firstDenseSparse,
  moeBackbone,
  sharedExpertMlp,
  sharedExperts,
  type SharedMoeDims,
} from './deepseek';
import { attention, norms, resolveLlamaLike, type LlamaDims } from './llama';
import { onlyHeads, since } from './mla';

interface GlmMoeDims extends SharedMoeDims {
  qkNorm: boolean;
}

const hd = (r: GlmMoeDims) => r.hd;
const layer: ModTpl<GlmMoeDims>[] = [
  ...attention('self_attn.'),
  rmsNorm<GlmMoeDims>('self_attn.q_norm', hd, { when: (r) => r.qkNorm }),
  rmsNorm<GlmMoeDims>('self_attn.k_norm', hd, { when: (r) => r.qkNorm }),
  ...sharedExpertMlp<GlmMoeDims>(),
  ...norms('input_layernorm', 'post_attention_layernorm'),
];

export const GLM4_MOE: Family<GlmMoeDims> = {
  types: ['glm4_moe'],
  resolve: (cfg, n) => {
    const base: LlamaDims = resolveLlamaLike(
      cfg,
      {
        V: 151552,
        h: 4096,
        ff: 10944,
        L: 46,
        nh: 96,
        nkv: 8,
        tie: false,
        qkvBias: 'attention_bias',
        experts: { count: ['n_routed_experts'], dflt: 128, ffKey: 'moe_intermediate_size', ffDflt: 1408 },
      },
      n,
    );
    return {
      ...base,
      oBias: false,
      qkNorm: bool(cfg, 'use_qk_norm', false),
      shared: sharedExperts(cfg, 1),
      sparse: firstDenseSparse(cfg, base.L, 1),
    };
  },
  backbone: moeBackbone(layer),
  heads: onlyHeads<GlmMoeDims>('Glm4Moe', ['causal_lm', 'base']),
  atRelease: since(4, 54, 'Glm4MoeForCausalLM (model_type glm4_moe)'),
};
