// DeepSeek-V3 / R1 / Moonlight / Kimi-K2 (model_type deepseek_v3, transformers >= 4.51, 4.x layout):
// multi-head latent attention (low-rank q and kv projections with their own RMSNorms), the first
// first_k_dense_replace layers dense, the rest routed experts + shared experts + a TopkRouter whose
// weight is a parameter (its e_score_correction_bias is a buffer). Not in the PEFT oracle.
import { int, optInt } from '../config';
import { embedding, linear, rmsNorm } from '../tpl';
import type { Family, ModTpl } from '../types';
import { decoderHeads } from './common';
import { resolveLlamaLike, type LlamaDims } from './llama';

export interface DeepseekDims extends LlamaDims {
  qLora: number;
  kvLora: number;
  rope: number;
  nope: number;
  v: number;
  shared: number;
  firstDense: number;
}

type T = ModTpl<DeepseekDims>;
const h = (r: DeepseekDims) => r.h;
const qk = (r: DeepseekDims) => r.nope + r.rope;
const dense = (r: DeepseekDims, i: number) => i < r.firstDense;
const moe = (r: DeepseekDims, i: number) => !dense(r, i);
const ab = (r: DeepseekDims) => r.qkvBias;

const attention: T[] = [
  linear('self_attn.q_proj', h, (r) => r.nh * qk(r), false, { when: (r) => r.qLora === 0 }),
  linear('self_attn.q_a_proj', h, (r) => r.qLora, ab, { when: (r) => r.qLora > 0 }),
  rmsNorm('self_attn.q_a_layernorm', (r) => r.qLora, { when: (r) => r.qLora > 0 }),
  linear(
    'self_attn.q_b_proj',
    (r) => r.qLora,
    (r) => r.nh * qk(r),
    false,
    { when: (r) => r.qLora > 0 },
  ),
  linear('self_attn.kv_a_proj_with_mqa', h, (r) => r.kvLora + r.rope, ab),
  rmsNorm('self_attn.kv_a_layernorm', (r) => r.kvLora),
  linear(
    'self_attn.kv_b_proj',
    (r) => r.kvLora,
    (r) => r.nh * (r.nope + r.v),
  ),
  linear('self_attn.o_proj', (r) => r.nh * r.v, h, ab),
];

/** DeepseekV3MLP: gate_proj, up_proj, down_proj without biases. */
function swiglu(pre: string, ff: (r: DeepseekDims) => number, extra: Partial<T>): T[] {
  return [
    linear(`${pre}gate_proj`, h, ff, false, extra),
    linear(`${pre}up_proj`, h, ff, false, extra),
    linear(`${pre}down_proj`, ff, h, false, extra),
  ];
}

const fused = (r: DeepseekDims) => r.flags.fusedExperts === true;
const moeV4 = (r: DeepseekDims, i: number) => moe(r, i) && !fused(r);
const moeV5 = (r: DeepseekDims, i: number) => moe(r, i) && fused(r);
const E = (r: DeepseekDims) => r.experts;

/**
 * transformers 4.x: experts is a ModuleList of DeepseekV3MLP. transformers 5: one experts module holding
 * gate_up_proj [E, 2*I, H] and down_proj [E, H, I] (the qwen2_moe conversion pattern deepseek_v3 shares:
 * experts.*.gate_proj/up_proj merged on dim 0, concatenated on dim 1; transformers conversion_mapping.py).
 * The router (DeepseekV3TopkRouter, a parameter, not nn.Linear) and the shared experts are the same in both.
 */
const mlp: T[] = [
  ...swiglu('mlp.', (r) => r.ff, { when: dense }),
  ...swiglu('mlp.experts.{e}.', (r) => r.moeFf, { when: moeV4, repeat: E }),
  {
    name: 'mlp.experts.gate_up_proj',
    kind: 'Other',
    in: (r) => 2 * r.moeFf,
    out: h,
    parameter: true,
    fused: E,
    when: moeV5,
    weight: (r) => r.experts * 2 * r.moeFf * r.h,
    shape: (r) => [r.experts, 2 * r.moeFf, r.h],
  },
  {
    name: 'mlp.experts.down_proj',
    kind: 'Other',
    in: h,
    out: (r) => r.moeFf,
    parameter: true,
    fused: E,
    when: moeV5,
    weight: (r) => r.experts * r.h * r.moeFf,
    shape: (r) => [r.experts, r.h, r.moeFf],
  },
  { name: 'mlp.gate', kind: 'Other', in: h, out: E, when: moe },
  ...swiglu('mlp.shared_experts.', (r) => r.moeFf * r.shared, { when: moe }),
];

export const DEEPSEEK_V3: Family<DeepseekDims> = {
  types: ['deepseek_v3'],
  resolve: (cfg, n) => {
    const base = resolveLlamaLike(
      cfg,
      {
        V: 129280,
        h: 7168,
        ff: 18432,
        L: 61,
        nh: 128,
        tie: false,
        qkvBias: 'attention_bias',
        experts: { count: ['n_routed_experts'], dflt: 256, ffKey: 'moe_intermediate_size', ffDflt: 2048 },
      },
      n,
    );
    const rope = int(cfg, 'qk_rope_head_dim', 64);
    // DeepseekV3Config sets head_dim = qk_rope_head_dim (what PEFT's prefix tuning reads); MLA's own
    // widths come from the qk_nope/qk_rope/v head dims below, not from head_dim.
    return {
      ...base,
      hd: rope,
      qLora: optInt(cfg, 'q_lora_rank') ?? (cfg.q_lora_rank === null ? 0 : 1536),
      kvLora: int(cfg, 'kv_lora_rank', 512),
      rope,
      nope: int(cfg, 'qk_nope_head_dim', 128),
      v: int(cfg, 'v_head_dim', 128),
      shared: int(cfg, 'n_shared_experts', 1),
      firstDense: int(cfg, 'first_k_dense_replace', 3),
    };
  },
  backbone: [
    embedding('embed_tokens', (r) => r.V, h),
    {
      path: 'layers',
      count: (r) => r.L,
      modules: [...attention, ...mlp, rmsNorm('input_layernorm', h), rmsNorm('post_attention_layernorm', h)],
    },
    rmsNorm('norm', h),
  ],
  heads: decoderHeads<DeepseekDims>('DeepseekV3', 'embed_tokens', { noQa: true }),
};
