// Jamba (model_type jamba): layer i is attention when i % attn_layer_period == attn_layer_offset, else a
// Mamba (v1) mixer; its feed-forward is a sparse MoE when i % expert_layer_period == expert_layer_offset
// (and num_experts > 1), else a gated MLP (transformers v5.17.0 models/jamba/configuration_jamba.py
// :100-117, modeling_jamba.py :707-760). JambaMambaMixer (:441-490): conv1d depthwise over
// mamba_expand * hidden_size channels, in_proj to twice that, x_proj to dt_rank + 2 * d_state, dt_proj
// (with bias) back, A_log [I, d_state] and D [I], out_proj, and RMSNorms over dt, B and C. Experts:
// transformers 4.x a ModuleList of JambaMLP (v4.57.6 modeling_jamba.py :862-863); v5 one JambaExperts
// with fused gate_up_proj / down_proj parameters (v5.17.0 :631-640). The router is an nn.Linear in both.
// PEFT 0.20.0 does not rewrite jamba targets onto the fused experts (jamba has no entry in
// transformers' _MODEL_TO_CONVERSION_PATTERN), so v5 LoRA on gate_proj/up_proj/down_proj reaches only
// the dense feed-forwards. PEFT has no default target_modules for jamba.
import { bool, int, InvalidConfigError } from '../config';
import { embedding, linear, rmsNorm } from '../tpl';
import type { Family, HfConfig, ModTpl } from '../types';
import { decoderHeads } from './common';
import { attention, gatedMlp, resolveLlamaLike, type LlamaDims } from './llama';
import { dtRank, mambaMixer, type MambaMixerDims } from './mamba';
import { fusedExperts } from './moe';

export interface JambaDims extends LlamaDims, MambaMixerDims {
  attnPeriod: number;
  attnOffset: number;
  expertPeriod: number;
  expertOffset: number;
}

type T = ModTpl<JambaDims>;
const h = (r: JambaDims) => r.h;
const isAttn = (r: JambaDims, i: number) => i % r.attnPeriod === r.attnOffset;
const isMamba = (r: JambaDims, i: number) => !isAttn(r, i);
const isMoe = (r: JambaDims, i: number) => r.experts > 1 && i % r.expertPeriod === r.expertOffset;
const dense = (r: JambaDims, i: number) => !isMoe(r, i);
const moeV4 = (r: JambaDims, i: number) => isMoe(r, i) && r.flags.fusedExperts !== true;

function resolveJamba(cfg: HfConfig, numLabels: number): JambaDims {
  const base = resolveLlamaLike(
    cfg,
    {
      V: 65536,
      h: 4096,
      ff: 14336,
      L: 32,
      nh: 32,
      nkv: 8,
      hdDerived: true,
      tie: false,
      qkvBias: false,
      experts: { count: ['num_experts', 'num_local_experts'], dflt: 16 },
    },
    numLabels,
  );
  const attnPeriod = int(cfg, 'attn_layer_period', 8);
  const attnOffset = int(cfg, 'attn_layer_offset', 4);
  if (attnOffset >= attnPeriod)
    throw new InvalidConfigError(
      `jamba: attn_layer_offset (${attnOffset}) must be smaller than attn_layer_period (${attnPeriod})`,
    );
  const expertPeriod = int(cfg, 'expert_layer_period', 2);
  const expertOffset = int(cfg, 'expert_layer_offset', 1);
  // JambaConfig.validate_architecture (transformers v5.17.0 configuration_jamba.py:126-129) raises the same.
  if (expertOffset >= expertPeriod)
    throw new InvalidConfigError(
      `jamba: expert_layer_offset (${expertOffset}) must be smaller than expert_layer_period (${expertPeriod})`,
    );
  return {
    ...base,
    attnPeriod,
    attnOffset,
    expertPeriod,
    expertOffset,
    inner: int(cfg, 'mamba_expand', 2) * base.h,
    // "auto" = math.ceil(hidden_size / 16) (configuration_jamba.py :97).
    dtRank: dtRank(cfg, 'mamba_dt_rank', base.h),
    dState: int(cfg, 'mamba_d_state', 16),
    dConv: int(cfg, 'mamba_d_conv', 4),
    convBias: bool(cfg, 'mamba_conv_bias', true),
    projBias: bool(cfg, 'mamba_proj_bias', false),
  };
}

/** The Mamba mixer plus Jamba's RMSNorms over dt, B and C (JambaMambaMixer :488-490). */
const mixer: T[] = [
  ...mambaMixer<JambaDims>('mamba.'),
  rmsNorm('mamba.dt_layernorm', (r) => r.dtRank),
  rmsNorm('mamba.b_layernorm', (r) => r.dState),
  rmsNorm('mamba.c_layernorm', (r) => r.dState),
];

const layer: T[] = [
  ...attention('self_attn.').map((m) => ({ ...m, when: isAttn })),
  ...mixer.map((m) => ({ ...m, when: m.when ?? isMamba })),
  ...gatedMlp('feed_forward.').map((m) => ({ ...m, when: dense })),
  linear('feed_forward.router', h, (r) => r.experts, false, { when: isMoe }),
  ...gatedMlp('feed_forward.experts.{e}.').map((m) => ({
    ...m,
    when: moeV4,
    repeat: (r: JambaDims) => r.experts,
  })),
  ...fusedExperts<JambaDims>('feed_forward.', (r) => r.ff, isMoe),
  rmsNorm('input_layernorm', h),
  rmsNorm('pre_ff_layernorm', h),
];

export const JAMBA: Family<JambaDims> = {
  types: ['jamba'],
  resolve: resolveJamba,
  backbone: [
    embedding('embed_tokens', (r) => r.V, h),
    { path: 'layers', count: (r) => r.L, modules: layer },
    rmsNorm('final_layernorm', h),
  ],
  heads: decoderHeads<JambaDims>('Jamba', 'embed_tokens', { noTokenCls: true, noQa: true }),
};
