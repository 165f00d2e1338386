// Qwen hybrid decoders: Gated DeltaNet ("linear_attention") layers and gated full-attention layers on the
// config's `layer_types` schedule (else every `full_attention_interval`-th layer is full attention;
// configuration_qwen3_next.py __post_init__, transformers v5.17.0). Qwen3-Next (qwen3_next, text only)
// and the language model of Qwen3.5 / Qwen3.5-MoE (vlm-qwen3.ts) share these layers; they differ in the
// DeltaNet input projections and in the MLP (dense, or routed experts plus a gated shared expert).
// Shapes read from transformers v5.17.0 models/qwen3_next/modeling_qwen3_next.py:237-260 (attention:
// q_proj is 2 * heads * head_dim wide, the second half gates the output), :580-622 (Qwen3NextGatedDeltaNet)
// and models/qwen3_5/modeling_qwen3_5.py:504-547 (Qwen3_5GatedDeltaNet), checked on the meta device.
import { int, InvalidConfigError, requirePositive } from '../config';
import { embedding, linear, rmsNorm } from '../tpl';
import type { Family, HfConfig, ModTpl, Part } from '../types';
import { decoderHeads, requireRelease } from './common';
import { gatedMlp, norms, resolveLlamaLike, type LlamaDims, type LlamaLikeDefaults } from './llama';
import { qwenMoeMlp } from './moe';

/** Gated DeltaNet widths (linear_* fields) and which layers are full attention. */
export interface HybridDims extends LlamaDims {
  /** full[i]: layer i is a full-attention layer; otherwise a Gated DeltaNet layer. */
  full: readonly boolean[];
  kernel: number;
  /** key_dim = linear_num_key_heads * linear_key_head_dim; value_dim likewise with the value heads. */
  keyDim: number;
  valueDim: number;
  vHeads: number;
  vHeadDim: number;
}

type T = ModTpl<HybridDims>;
const h = (r: HybridDims) => r.h;
const isFull = (r: HybridDims, i: number) => r.full[i] === true;
const isLinear = (r: HybridDims, i: number) => r.full[i] !== true;

/** layer_types as the config class leaves them (legacy names remapped), or the interval schedule. */
function fullLayers(cfg: HfConfig, layers: number): boolean[] {
  const types = cfg.layer_types;
  if (types === undefined || types === null) {
    const every = int(cfg, 'full_attention_interval', 4);
    // The config class takes (i + 1) % interval (configuration_qwen3_next.py:132): 0 is a ZeroDivisionError.
    if (every <= 0)
      throw new InvalidConfigError(
        `config.json field "full_attention_interval" must be a positive integer, got ${every}`,
      );
    return Array.from({ length: layers }, (_, i) => (i + 1) % every === 0);
  }
  if (!Array.isArray(types) || types.length < layers)
    throw new InvalidConfigError(`config.json field "layer_types" must list one type per layer (${layers})`);
  // configuration_utils.py _LEGACY_LAYER_TYPE_REMAP: "attention" is full attention, "mamba" is linear.
  return types.slice(0, layers).map((t) => t === 'full_attention' || t === 'attention');
}

/** Llama-like dims plus the Gated DeltaNet widths (defaults: the config classes' linear_* fields). */
export function resolveHybrid(cfg: HfConfig, d: LlamaLikeDefaults, numLabels: number): HybridDims {
  const r = resolveLlamaLike(cfg, d, numLabels);
  const dk = int(cfg, 'linear_key_head_dim', 128);
  const vHeadDim = int(cfg, 'linear_value_head_dim', 128);
  const kHeads = int(cfg, 'linear_num_key_heads', 16);
  const vHeads = int(cfg, 'linear_num_value_heads', 32);
  const kernel = int(cfg, 'linear_conv_kernel_dim', 4);
  requirePositive({
    linear_key_head_dim: dk,
    linear_value_head_dim: vHeadDim,
    linear_conv_kernel_dim: kernel,
  });
  return {
    ...r,
    full: fullLayers(cfg, r.L),
    kernel,
    keyDim: kHeads * dk,
    valueDim: vHeads * vHeadDim,
    vHeads,
    vHeadDim,
  };
}

const convDim = (r: HybridDims) => 2 * r.keyDim + r.valueDim;
const linearOnly = { when: isLinear };

/** The DeltaNet module's own dt_bias and A_log (one per value head) and its depthwise Conv1d (no bias). */
const deltaNetCore: T[] = [
  {
    name: 'linear_attn',
    kind: 'Other',
    in: h,
    out: h,
    weight: () => 0,
    other: (r) => 2 * r.vHeads,
    ...linearOnly,
  },
  {
    name: 'linear_attn.conv1d',
    kind: 'Other',
    in: convDim,
    out: convDim,
    weight: (r) => convDim(r) * r.kernel,
    ...linearOnly,
  },
];
const deltaNetOut: T[] = [
  rmsNorm('linear_attn.norm', (r) => r.vHeadDim, linearOnly),
  linear('linear_attn.out_proj', (r) => r.valueDim, h, false, linearOnly),
];

/** Qwen3-Next: q, k, v and the gate z in one projection; beta and alpha in another. */
const deltaNetNext: T[] = [
  ...deltaNetCore,
  linear('linear_attn.in_proj_qkvz', h, (r) => 2 * r.keyDim + 2 * r.valueDim, false, linearOnly),
  linear('linear_attn.in_proj_ba', h, (r) => 2 * r.vHeads, false, linearOnly),
  ...deltaNetOut,
];

/** Qwen3.5: the same projections split (in_proj_qkv, in_proj_z, in_proj_b, in_proj_a), registered last. */
const deltaNet35: T[] = [
  ...deltaNetCore,
  ...deltaNetOut,
  linear('linear_attn.in_proj_qkv', h, convDim, false, linearOnly),
  linear('linear_attn.in_proj_z', h, (r) => r.valueDim, false, linearOnly),
  linear('linear_attn.in_proj_b', h, (r) => r.vHeads, false, linearOnly),
  linear('linear_attn.in_proj_a', h, (r) => r.vHeads, false, linearOnly),
];

/** Gated attention: q_proj also emits the output gate (2 * heads * head_dim), q_norm/k_norm per head. */
const gatedAttention: T[] = (() => {
  const q = (r: HybridDims) => r.nh * r.hd;
  const kv = (r: HybridDims) => r.nkv * r.hd;
  const on = { when: isFull };
  return [
    linear(
      'self_attn.q_proj',
      h,
      (r) => 2 * q(r),
      (r) => r.qkvBias,
      on,
    ),
    linear('self_attn.k_proj', h, kv, (r) => r.qkvBias, on),
    linear('self_attn.v_proj', h, kv, (r) => r.qkvBias, on),
    linear('self_attn.o_proj', q, h, (r) => r.oBias, on),
    rmsNorm('self_attn.q_norm', (r) => r.hd, on),
    rmsNorm('self_attn.k_norm', (r) => r.hd, on),
  ];
})();

const layerNorms: T[] = norms('input_layernorm', 'post_attention_layernorm');

/** One hybrid decoder layer: token mixer by layer type, then a dense or MoE MLP, then the two norms. */
export function hybridLayer(style: 'next' | '3.5', moe: boolean): T[] {
  const mlp: T[] = moe ? qwenMoeMlp(true) : gatedMlp('mlp.');
  return [...(style === 'next' ? deltaNetNext : deltaNet35), ...gatedAttention, ...mlp, ...layerNorms];
}

/** embed_tokens, the hybrid layers, norm: the text model (Qwen3NextModel / Qwen3_5TextModel). */
export function hybridTextModel<R extends HybridDims>(layer: ModTpl<R>[]): Part<R>[] {
  return [
    embedding<R>('embed_tokens', (r) => r.V, h),
    { path: 'layers', count: (r: R) => r.L, modules: layer },
    rmsNorm<R>('norm', h),
  ];
}

/** Qwen3NextConfig defaults (configuration_qwen3_next.py, transformers v5.17.0; 4.57.6 has the same). */
const NEXT_DEFAULTS: LlamaLikeDefaults = {
  V: 151936,
  h: 2048,
  ff: 5632,
  L: 48,
  nh: 16,
  nkv: 2,
  hd: 256,
  tie: false,
  qkvBias: 'attention_bias',
  experts: {
    count: ['num_experts'],
    dflt: 512,
    ffKey: 'moe_intermediate_size',
    ffDflt: 512,
    sharedFfDflt: 512,
  },
};

const nextSince = requireRelease(
  'qwen3_next',
  [4, 57],
  'the Qwen3-Next checkpoints were written by 4.57.0.dev0; 4.57.6 has models/qwen3_next',
);

/**
 * Qwen3-Next (Qwen3NextForCausalLM). transformers 4.57 keeps one Linear module per expert; 5.x fuses them
 * and PEFT 0.20 converts its v4 expert targets (convert-v5.ts), as for Qwen3-MoE.
 */
export const QWEN3_NEXT: Family<HybridDims> = {
  types: ['qwen3_next'],
  resolve: (cfg, n) => resolveHybrid(cfg, NEXT_DEFAULTS, n),
  backbone: hybridTextModel(hybridLayer('next', true)),
  heads: (() => {
    const hd = decoderHeads<HybridDims>('Qwen3Next', 'embed_tokens');
    delete hd.token_cls;
    delete hd.qa;
    return hd;
  })(),
  atRelease: (r, release) => {
    nextSince(release);
    return r;
  },
};
