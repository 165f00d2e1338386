// DeepSeek-V3 / R1 / Moonlight / Kimi-K2 (model_type deepseek_v3, transformers >= 4.51, 4.x layout):
// multi-head latent attention (low-rank q and kv projections with their own RMSNorms), the first
// first_k_dense_replace layers dense, the rest routed experts + shared experts + a TopkRouter whose
// weight is a parameter (its e_score_correction_bias is a buffer). DeepSeek-V2 and GLM-4.7-Flash
// (families/mla.ts) build the same layer from other defaults; GLM-4.5 (families/glm-moe.ts) keeps the MoE
// block under Llama attention.
import { int, optInt } from '../config';
import { embedding, linear, rmsNorm } from '../tpl';
import type { Family, HfConfig, ModTpl } from '../types';
import { decoderHeads } from './common';
import { gatedMlp, resolveLlamaLike, type LlamaDims, type LlamaLikeDefaults } from './llama';

/** A decoder whose layers are dense or routed-expert MoE with shared experts (DeepseekV3MoE's shape). */
export interface SharedMoeDims extends LlamaDims {
  /** n_shared_experts; 0 when the config sets it to null (DeepSeek-V2 in transformers 4.x then has none). */
  shared: number;
  /** Layer i is a MoE layer (else a dense MLP). */
  sparse: readonly boolean[];
}

export interface DeepseekDims extends SharedMoeDims {
  qLora: number;
  kvLora: number;
  rope: number;
  nope: number;
  v: number;
}

type T = ModTpl<DeepseekDims>;
const h = (r: LlamaDims) => r.h;
const qk = (r: DeepseekDims) => r.nope + r.rope;
const ab = (r: DeepseekDims) => r.qkvBias;
const hD = (r: DeepseekDims) => r.h;

const attention: T[] = [
  linear('self_attn.q_proj', hD, (r) => r.nh * qk(r), false, { when: (r) => r.qLora === 0 }),
  linear('self_attn.q_a_proj', hD, (r) => r.qLora, ab, { when: (r) => r.qLora > 0 }),
  rmsNorm('self_attn.q_a_layernorm', (r) => r.qLora, { when: (r) => r.qLora > 0 }),
  linear(
    'self_attn.q_b_proj',
    (r) => r.qLora,
    (r) => r.nh * qk(r),
    false,
    { when: (r) => r.qLora > 0 },
  ),
  linear('self_attn.kv_a_proj_with_mqa', hD, (r) => r.kvLora + r.rope, ab),
  rmsNorm('self_attn.kv_a_layernorm', (r) => r.kvLora),
  linear(
    'self_attn.kv_b_proj',
    (r) => r.kvLora,
    (r) => r.nh * (r.nope + r.v),
  ),
  linear('self_attn.o_proj', (r) => r.nh * r.v, hD, ab),
];

/**
 * The MLP of one layer. transformers 4.x: experts is a ModuleList of MLPs. transformers 5: one experts
 * module holding gate_up_proj [E, 2*I, H] and down_proj [E, H, I] (the qwen2_moe conversion pattern these
 * share: experts.*.gate_proj/up_proj merged on dim 0, concatenated on dim 1; transformers
 * conversion_mapping.py). The router (a TopkRouter parameter, not nn.Linear) and the shared experts are
 * the same in both. MLP biases follow mlp_bias where the config class has it (DeepSeek-V2), else none.
 */
export function sharedExpertMlp<R extends SharedMoeDims>(): ModTpl<R>[] {
  const fused = (r: R) => r.flags.fusedExperts === true;
  const moe = (r: R, i: number) => r.sparse[i] === true;
  const dense = (r: R, i: number) => !moe(r, i);
  const moeV4 = (r: R, i: number) => moe(r, i) && !fused(r);
  const moeV5 = (r: R, i: number) => moe(r, i) && fused(r);
  const E = (r: R) => r.experts;
  const mlp = (pre: string, ff: (r: R) => number, extra: Partial<ModTpl<R>>) =>
    gatedMlp(pre, ff as (r: LlamaDims) => number, extra as Partial<ModTpl<LlamaDims>>) as ModTpl<R>[];
  return [
    ...mlp('mlp.', (r) => r.ff, { when: dense }),
    ...mlp('mlp.experts.{e}.', (r) => r.moeFf, { when: moeV4, repeat: E }),
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
    ...mlp('mlp.shared_experts.', (r) => r.moeFf * r.shared, { when: (r, i) => moe(r, i) && r.shared > 0 }),
  ];
}

/** Layers from first_k_dense_replace on are MoE (DeepseekV3DecoderLayer, Glm4MoeDecoderLayer). */
export function firstDenseSparse(cfg: HfConfig, L: number, dflt: number): boolean[] {
  const k = int(cfg, 'first_k_dense_replace', dflt);
  return Array.from({ length: L }, (_, i) => i >= k);
}

/** n_shared_experts, 0 when the config sets it to null. */
export function sharedExperts(cfg: HfConfig, dflt: number): number {
  return cfg.n_shared_experts === null ? 0 : int(cfg, 'n_shared_experts', dflt);
}

/** What differs between the MLA families: the config class defaults. */
export interface MlaDefaults {
  base: LlamaLikeDefaults;
  qLora: number;
  kvLora: number;
  rope: number;
  nope: number;
  v: number;
  shared: number;
  /** Which layers are MoE, from the config (first_k_dense_replace or mlp_layer_types). */
  sparse(cfg: HfConfig, L: number): boolean[];
}

export function resolveMla(cfg: HfConfig, d: MlaDefaults, n: number): DeepseekDims {
  const base = resolveLlamaLike(cfg, d.base, n);
  const rope = int(cfg, 'qk_rope_head_dim', d.rope);
  // The config classes set head_dim = qk_rope_head_dim (what PEFT's prefix tuning reads); MLA's own
  // widths come from the qk_nope/qk_rope/v head dims below, not from head_dim.
  return {
    ...base,
    hd: rope,
    qLora: optInt(cfg, 'q_lora_rank') ?? (cfg.q_lora_rank === null ? 0 : d.qLora),
    kvLora: int(cfg, 'kv_lora_rank', d.kvLora),
    rope,
    nope: int(cfg, 'qk_nope_head_dim', d.nope),
    v: int(cfg, 'v_head_dim', d.v),
    shared: sharedExperts(cfg, d.shared),
    sparse: d.sparse(cfg, base.L),
  };
}

export const mlaLayer: T[] = [
  ...attention,
  ...sharedExpertMlp<DeepseekDims>(),
  rmsNorm('input_layernorm', h),
  rmsNorm('post_attention_layernorm', h),
];

/** embed_tokens, layers, norm: the backbone every family here shares. */
export function moeBackbone<R extends LlamaDims>(layer: ModTpl<R>[]) {
  return [
    embedding<R>('embed_tokens', (r) => r.V, h),
    { path: 'layers', count: (r: R) => r.L, modules: layer },
    rmsNorm<R>('norm', h),
  ];
}

export const DEEPSEEK_V3: Family<DeepseekDims> = {
  types: ['deepseek_v3'],
  resolve: (cfg, n) =>
    resolveMla(
      cfg,
      {
        base: {
          V: 129280,
          h: 7168,
          ff: 18432,
          L: 61,
          nh: 128,
          tie: false,
          qkvBias: 'attention_bias',
          experts: { count: ['n_routed_experts'], dflt: 256, ffKey: 'moe_intermediate_size', ffDflt: 2048 },
        },
        qLora: 1536,
        kvLora: 512,
        rope: 64,
        nope: 128,
        v: 128,
        shared: 1,
        sparse: (cfg, L) => firstDenseSparse(cfg, L, 3),
      },
      n,
    ),
  backbone: moeBackbone(mlaLayer),
  heads: decoderHeads<DeepseekDims>('DeepseekV3', 'embed_tokens', { noQa: true }),
};
