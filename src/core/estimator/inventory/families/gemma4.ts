// Gemma 4 text model (gemma4_text: Gemma4ForCausalLM, and the language model of Gemma4ForConditionalGeneration).
// Read from transformers v5.17.0 models/gemma4/modeling_gemma4.py: full-attention layers use their own
// head_dim / KV heads (Gemma4TextConfig.__post_init__ turns global_head_dim / num_global_key_value_heads into
// per_layer_config, configuration_gemma4.py:183-198); the last num_kv_shared_layers layers reuse earlier
// K/V and own no k_proj/v_proj/k_norm (:1181-1208); attention_k_eq_v drops v_proj on full layers (:1175,
// :1202); shared layers double the MLP when use_double_wide_mlp (:1061-1069, note `> 0` there); per-layer
// embeddings (PLE) add two Linears and a norm per layer (:1369-1374) and a packed table (:1589-1604); the MoE
// block sits beside the dense MLP (:1376-1382, Gemma4TextRouter :1318-1329, Gemma4TextExperts :1279-1288).
import { bool, int, InvalidConfigError, requirePositive } from '../config';
import { embedding, linear, rmsNorm } from '../tpl';
import type { Family, HfConfig, ModTpl, Part } from '../types';
import { decoderHeads, requireRelease } from './common';
import { resolveLlamaLike, type LlamaDims, type LlamaLikeDefaults } from './llama';

export interface Gemma4TextDims extends LlamaDims {
  /** full[i]: layer i is a full-attention layer (global head_dim / KV heads). */
  full: readonly boolean[];
  globalHd: number;
  globalKv: number;
  kEqV: boolean;
  /** First layer that reuses earlier K/V (num_hidden_layers - num_kv_shared_layers). */
  firstShared: number;
  doubleWide: boolean;
  /** hidden_size_per_layer_input (0: no per-layer embeddings) and its vocabulary. */
  ple: number;
  pleV: number;
  moe: boolean;
}

/** Gemma4TextConfig defaults (configuration_gemma4.py:139-171, transformers v5.17.0). */
const DEFAULTS: LlamaLikeDefaults = {
  V: 262144,
  h: 2304,
  ff: 9216,
  L: 30,
  nh: 8,
  nkv: 4,
  hd: 256,
  tie: true,
  qkvBias: 'attention_bias',
};

/** Gemma4TextConfig is a strict dataclass: an int field given null fails validation in v5.17.0. */
function strictInt(cfg: HfConfig, key: string, dflt: number): number {
  if (cfg[key] === null)
    throw new InvalidConfigError(`config.json field "${key}" must be an integer, got null`);
  return int(cfg, key, dflt);
}

/** layer_types, defaulting to 5 sliding : 1 full; the last layer is forced to full attention. */
function fullLayers(cfg: HfConfig, layers: number): boolean[] {
  const types = cfg.layer_types;
  if (types !== undefined && types !== null && (!Array.isArray(types) || types.length < layers))
    throw new InvalidConfigError(`config.json field "layer_types" must list one type per layer (${layers})`);
  const list = Array.isArray(types) ? types.slice(0, layers) : [];
  const full = Array.from({ length: layers }, (_, i) =>
    list.length ? list[i] === 'full_attention' : (i + 1) % 6 === 0,
  );
  if (layers > 0) full[layers - 1] = true;
  return full;
}

export function resolveGemma4Text(cfg: HfConfig, numLabels: number): Gemma4TextDims {
  const r = resolveLlamaLike(cfg, DEFAULTS, numLabels);
  const kEqV = bool(cfg, 'attention_k_eq_v', false);
  const globalHd = int(cfg, 'global_head_dim', 512);
  const ngkv = cfg.num_global_key_value_heads;
  const globalKv =
    kEqV && ngkv !== undefined && ngkv !== null ? int(cfg, 'num_global_key_value_heads', 0) : r.nkv;
  const moe = bool(cfg, 'enable_moe_block', false);
  requirePositive({ global_head_dim: globalHd, num_global_key_value_heads: globalKv });
  if (cfg.per_layer_config !== undefined)
    throw new InvalidConfigError(
      'config.json field "per_layer_config" is not read; give global_head_dim instead',
    );
  return {
    ...r,
    full: fullLayers(cfg, r.L),
    globalHd,
    globalKv,
    kEqV,
    firstShared: r.L - int(cfg, 'num_kv_shared_layers', 0),
    doubleWide: bool(cfg, 'use_double_wide_mlp', false),
    ple: strictInt(cfg, 'hidden_size_per_layer_input', 256),
    pleV: int(cfg, 'vocab_size_per_layer_input', 262144),
    moe,
    // PEFT's prefix: the base head_dim unless a full layer's is larger (utils/other.py:1205-1213).
    prefixKv: globalHd > r.hd ? globalHd * globalKv : r.hd * r.nkv,
    experts: moe ? int(cfg, 'num_experts', 0) : 0,
    moeFf: moe ? int(cfg, 'moe_intermediate_size', 0) : 0,
  };
}

type R = Gemma4TextDims;
type T = ModTpl<R>;
const h = (r: R) => r.h;
const isFull = (r: R, i: number) => r.full[i] === true;
const isSliding = (r: R, i: number) => r.full[i] !== true;
const owns = (r: R, i: number) => !(i >= r.firstShared && r.firstShared >= 0);
const hasV = (r: R, i: number) => owns(r, i) && !(r.kEqV && isFull(r, i));
const wide = (r: R, i: number) => r.doubleWide && i >= r.firstShared && r.firstShared > 0;
const withPle = { when: (r: R) => r.ple > 0 };
const withMoe = { when: (r: R) => r.moe };

/** Attention of one layer kind: q, q_norm, [k_norm, k, v], o (registration order, :1189-1212). */
function attention(kind: (r: R, i: number) => boolean, hd: (r: R) => number, kv: (r: R) => number): T[] {
  const b = (r: R) => r.qkvBias;
  const on = (extra: (r: R, i: number) => boolean = () => true) => ({
    when: (r: R, i: number) => kind(r, i) && extra(r, i),
  });
  const q = (r: R) => r.nh * hd(r);
  const k = (r: R) => kv(r) * hd(r);
  return [
    linear('self_attn.q_proj', h, q, b, on()),
    rmsNorm('self_attn.q_norm', hd, on()),
    rmsNorm('self_attn.k_norm', hd, on(owns)),
    linear('self_attn.k_proj', h, k, b, on(owns)),
    linear('self_attn.v_proj', h, k, b, on(hasV)),
    linear('self_attn.o_proj', q, h, b, on()),
  ];
}

function mlp(double: boolean): T[] {
  const ff = (r: R) => r.ff * (double ? 2 : 1);
  const on = { when: (r: R, i: number) => wide(r, i) === double };
  return [
    linear('mlp.gate_proj', h, ff, false, on),
    linear('mlp.up_proj', h, ff, false, on),
    linear('mlp.down_proj', ff, h, false, on),
  ];
}

const E = (r: R) => r.experts;
/**
 * Router (its own scale and per_expert_scale, a proj Linear) and the fused experts, then three norms.
 * Gemma 4 exists only in transformers 5, so its experts are always fused (moe.ts's fusedExperts gates them on
 * the v5 layout flag, which an expertLayout option could turn off).
 */
const moeBlock: T[] = [
  {
    name: 'router',
    kind: 'Other',
    in: h,
    out: E,
    weight: () => 0,
    other: (r) => r.h + r.experts,
    ...withMoe,
  },
  linear('router.proj', h, E, false, withMoe),
  {
    name: 'experts.gate_up_proj',
    kind: 'Other',
    in: (r) => 2 * r.moeFf,
    out: h,
    parameter: true,
    fused: E,
    weight: (r) => r.experts * 2 * r.moeFf * r.h,
    shape: (r) => [r.experts, 2 * r.moeFf, r.h],
    ...withMoe,
  },
  {
    name: 'experts.down_proj',
    kind: 'Other',
    in: h,
    out: (r) => r.moeFf,
    parameter: true,
    fused: E,
    weight: (r) => r.experts * r.h * r.moeFf,
    shape: (r) => [r.experts, r.h, r.moeFf],
    ...withMoe,
  },
  ...['post_feedforward_layernorm_1', 'post_feedforward_layernorm_2', 'pre_feedforward_layernorm_2'].map(
    (n) => rmsNorm<R>(n, h, withMoe),
  ),
];

const layer: T[] = [
  ...attention(
    isSliding,
    (r) => r.hd,
    (r) => r.nkv,
  ),
  ...attention(
    isFull,
    (r) => r.globalHd,
    (r) => r.globalKv,
  ),
  ...mlp(false),
  ...mlp(true),
  ...[
    'input_layernorm',
    'post_attention_layernorm',
    'pre_feedforward_layernorm',
    'post_feedforward_layernorm',
  ].map((n) => rmsNorm<R>(n, h)),
  linear('per_layer_input_gate', h, (r) => r.ple, false, withPle),
  linear('per_layer_projection', (r) => r.ple, h, false, withPle),
  rmsNorm('post_per_layer_input_norm', h, withPle),
  ...moeBlock,
];

/** Gemma4TextModel: embed_tokens, layers, norm, then the packed per-layer embedding table and projection. */
export const gemma4TextModel: Part<R>[] = [
  embedding<R>('embed_tokens', (r) => r.V, h),
  { path: 'layers', count: (r: R) => r.L, modules: layer },
  rmsNorm<R>('norm', h),
  embedding<R>(
    'embed_tokens_per_layer',
    (r) => r.pleV,
    (r) => r.L * r.ple,
    withPle,
  ),
  linear('per_layer_model_projection', h, (r) => r.L * r.ple, false, withPle),
  rmsNorm('per_layer_projection_norm', (r) => r.ple, withPle),
];

/**
 * Gemma 4's first release: the published configs were written by transformers 5.5.0.dev0 (their
 * "transformers_version", quoted in google-gemma/cookbook#415); 4.57.6 has no models/gemma4.
 */
export const GEMMA4_SINCE: [number, number] = [5, 5];
export const GEMMA4_WHY =
  'the published Gemma 4 configs were written by 5.5.0.dev0; 4.57.6 has no models/gemma4';

const textSince = requireRelease('gemma4_text', GEMMA4_SINCE, GEMMA4_WHY);

/** Gemma4ForCausalLM (AutoModelForCausalLM for gemma4_text) and the bare Gemma4TextModel. */
export const GEMMA4_TEXT: Family<R> = {
  types: ['gemma4_text'],
  resolve: resolveGemma4Text,
  backbone: gemma4TextModel,
  heads: (() => {
    const all = decoderHeads<R>('Gemma4', 'embed_tokens');
    return { causal_lm: all.causal_lm, base: { cls: 'Gemma4TextModel', prefix: '' } };
  })(),
  atRelease: (r, release) => {
    textSince(release);
    return r;
  },
};
