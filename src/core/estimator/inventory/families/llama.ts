// Llama-style decoders (LlamaForCausalLM and relatives in transformers 4.47): embed_tokens,
// layers.{i}.{self_attn, mlp, norms}, norm, lm_head. The per-model_type differences are data:
// defaults from each *Config class, bias flags, extra norms, MoE blocks.
import { bool, int, optInt, requirePositive, div } from '../config';
import { embedding, linear, rmsNorm } from '../tpl';
import type { BaseDims, Family, HfConfig, ModTpl } from '../types';
import { decoderHeads } from './common';

export interface LlamaDims extends BaseDims {
  ff: number;
  qkvBias: boolean;
  oBias: boolean;
  mlpBias: boolean;
  experts: number;
  moeFf: number;
  sharedFf: number;
  sparseStep: number;
  mlpOnly: readonly number[];
}

/** transformers' *Config defaults for one model_type (values as in the config class __init__). */
export interface LlamaLikeDefaults {
  V: number;
  h: number;
  ff: number;
  L: number;
  nh: number;
  /** default num_key_value_heads; undefined = num_attention_heads */
  nkv?: number;
  /** default head_dim; undefined = hidden_size // num_attention_heads */
  hd?: number;
  /** config.head_dim is ignored by this model_type's attention (Qwen2 in 4.47 derives it). */
  hdDerived?: boolean;
  tie: boolean;
  /** q/k/v bias: 'attention_bias' reads the config flag (default false); true = always (Qwen2). */
  qkvBias: 'attention_bias' | true | false;
  mlpBiasField?: boolean;
  experts?: { count: string[]; dflt: number; ffKey?: string; ffDflt?: number; sharedFfDflt?: number };
}

function mlpOnlyLayers(cfg: HfConfig): number[] {
  const v = cfg.mlp_only_layers;
  return Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : [];
}

export function resolveLlamaLike(cfg: HfConfig, d: LlamaLikeDefaults, numLabels: number): LlamaDims {
  const h = int(cfg, 'hidden_size', d.h);
  const nh = int(cfg, 'num_attention_heads', d.nh);
  const nkv = int(cfg, 'num_key_value_heads', d.nkv ?? nh);
  const cfgHd = d.hdDerived ? undefined : optInt(cfg, 'head_dim');
  const hd = cfgHd ?? d.hd ?? div(h, nh, 'head_dim = hidden_size // num_attention_heads');
  const r: LlamaDims = {
    h,
    nh,
    nkv,
    hd,
    L: int(cfg, 'num_hidden_layers', d.L),
    V: int(cfg, 'vocab_size', d.V),
    ff: int(cfg, 'intermediate_size', d.ff),
    tie: bool(cfg, 'tie_word_embeddings', d.tie),
    numLabels,
    encDec: false,
    flags: {},
    qkvBias: d.qkvBias === 'attention_bias' ? bool(cfg, 'attention_bias', false) : d.qkvBias,
    oBias: d.qkvBias === 'attention_bias' ? bool(cfg, 'attention_bias', false) : false,
    mlpBias: d.mlpBiasField ? bool(cfg, 'mlp_bias', false) : false,
    experts: d.experts ? int(cfg, d.experts.count, d.experts.dflt) : 0,
    moeFf: d.experts?.ffKey ? int(cfg, d.experts.ffKey, d.experts.ffDflt ?? 0) : 0,
    sharedFf: int(cfg, 'shared_expert_intermediate_size', d.experts?.sharedFfDflt ?? 0),
    sparseStep: int(cfg, 'decoder_sparse_step', 1),
    mlpOnly: mlpOnlyLayers(cfg),
  };
  requirePositive({
    hidden_size: h,
    num_attention_heads: nh,
    num_key_value_heads: nkv,
    head_dim: hd,
    vocab_size: r.V,
  });
  return r;
}

type T = ModTpl<LlamaDims>;
const h = (r: LlamaDims) => r.h;

/** q/k/v/o of one attention block; GQA shrinks k/v to num_key_value_heads * head_dim. */
export function attention(pre: string, qkNorm = false): T[] {
  const q = (r: LlamaDims) => r.nh * r.hd;
  const kv = (r: LlamaDims) => r.nkv * r.hd;
  const mods: T[] = [
    linear(`${pre}q_proj`, h, q, (r) => r.qkvBias),
    linear(`${pre}k_proj`, h, kv, (r) => r.qkvBias),
    linear(`${pre}v_proj`, h, kv, (r) => r.qkvBias),
    linear(`${pre}o_proj`, q, h, (r) => r.oBias),
  ];
  if (qkNorm)
    mods.push(
      rmsNorm(`${pre}q_norm`, (r) => r.hd),
      rmsNorm(`${pre}k_norm`, (r) => r.hd),
    );
  return mods;
}

/** SwiGLU/GeGLU MLP: gate_proj, up_proj, down_proj. */
export function gatedMlp(
  pre: string,
  ff: (r: LlamaDims) => number = (r) => r.ff,
  extra: Partial<T> = {},
): T[] {
  const b = (r: LlamaDims) => r.mlpBias;
  return [
    linear(`${pre}gate_proj`, h, ff, b, extra),
    linear(`${pre}up_proj`, h, ff, b, extra),
    linear(`${pre}down_proj`, ff, h, b, extra),
  ];
}

export const norms = (...names: string[]): T[] => names.map((n) => rmsNorm<LlamaDims>(n, h));

export function llamaBackbone(layer: T[]) {
  return [
    embedding<LlamaDims>('embed_tokens', (r) => r.V, h),
    { path: 'layers', count: (r: LlamaDims) => r.L, modules: layer },
    rmsNorm<LlamaDims>('norm', h),
  ];
}

/** A Llama-like family from its defaults and per-layer module list. */
/**
 * A Llama-like family from its defaults and per-layer module list. `qa` is the attribute the 4.47
 * ForQuestionAnswering class stores the backbone under ('transformer.' for Llama/Qwen2, 'model.' for
 * Mistral/Mixtral); undefined where transformers has no such class.
 */
export function llamaLike(
  types: string[],
  d: LlamaLikeDefaults,
  cls: string,
  layer: T[],
  o: { qa?: string; unverified?: string; tokenName?: string } = {},
): Family<LlamaDims> {
  const heads = decoderHeads<LlamaDims>(cls, 'embed_tokens', {
    qaPrefix: o.qa,
    noQa: !o.qa,
    tokenName: o.tokenName,
  });
  return {
    types,
    unverified: o.unverified,
    resolve: (cfg, n) => resolveLlamaLike(cfg, d, n),
    backbone: llamaBackbone(layer),
    heads,
  };
}

const gemmaNorms = norms(
  'input_layernorm',
  'post_attention_layernorm',
  'pre_feedforward_layernorm',
  'post_feedforward_layernorm',
);
const std = [
  ...attention('self_attn.'),
  ...gatedMlp('mlp.'),
  ...norms('input_layernorm', 'post_attention_layernorm'),
];

export const LLAMA = llamaLike(
  ['llama'],
  { V: 32000, h: 4096, ff: 11008, L: 32, nh: 32, tie: false, qkvBias: 'attention_bias', mlpBiasField: true },
  'Llama',
  std,
  { qa: 'transformer.' },
);

export const MISTRAL = llamaLike(
  ['mistral'],
  { V: 32000, h: 4096, ff: 14336, L: 32, nh: 32, nkv: 8, tie: false, qkvBias: false },
  'Mistral',
  std,
  { qa: 'model.' },
);

export const QWEN2 = llamaLike(
  ['qwen2'],
  { V: 151936, h: 4096, ff: 22016, L: 32, nh: 32, tie: false, qkvBias: true, hdDerived: true },
  'Qwen2',
  std,
  { qa: 'transformer.' },
);

export const GEMMA = llamaLike(
  ['gemma'],
  { V: 256000, h: 3072, ff: 24576, L: 28, nh: 16, nkv: 16, hd: 256, tie: true, qkvBias: 'attention_bias' },
  'Gemma',
  std,
);

export const GEMMA2 = llamaLike(
  ['gemma2'],
  { V: 256000, h: 2304, ff: 9216, L: 26, nh: 8, nkv: 4, hd: 256, tie: true, qkvBias: 'attention_bias' },
  'Gemma2',
  [...attention('self_attn.'), ...gatedMlp('mlp.'), ...gemmaNorms],
);

/** Qwen3 (transformers >= 4.51): Llama layout plus per-head q_norm/k_norm, head_dim 128 by default. */
export const QWEN3 = llamaLike(
  ['qwen3'],
  { V: 151936, h: 4096, ff: 22016, L: 32, nh: 32, hd: 128, tie: false, qkvBias: 'attention_bias' },
  'Qwen3',
  [
    ...attention('self_attn.', true),
    ...gatedMlp('mlp.'),
    ...norms('input_layernorm', 'post_attention_layernorm'),
  ],
  { qa: 'transformer.' },
);

/** Gemma 3 text model (gemma3_text, e.g. gemma-3-1b): Gemma 2 layout plus q_norm/k_norm. */
export const GEMMA3_TEXT = llamaLike(
  ['gemma3_text'],
  { V: 262208, h: 2304, ff: 9216, L: 26, nh: 8, nkv: 4, hd: 256, tie: true, qkvBias: 'attention_bias' },
  'Gemma3',
  [...attention('self_attn.', true), ...gatedMlp('mlp.'), ...gemmaNorms],
  {},
);

/** Phi-3 / Phi-3.5 / Phi-4 (model_type phi3): fused qkv_proj and gate_up_proj, o_proj registered first. */
export const PHI3 = llamaLike(
  ['phi3'],
  { V: 32064, h: 3072, ff: 8192, L: 32, nh: 32, tie: false, qkvBias: false },
  'Phi3',
  [
    linear('self_attn.o_proj', (r) => r.nh * r.hd, h),
    linear('self_attn.qkv_proj', h, (r) => r.nh * r.hd + 2 * r.nkv * r.hd),
    linear('mlp.gate_up_proj', h, (r) => 2 * r.ff),
    linear('mlp.down_proj', (r) => r.ff, h),
    ...norms('input_layernorm', 'post_attention_layernorm'),
  ],
  { tokenName: 'classifier' },
); // 4.47's Phi3ForTokenClassification was copied from MPT: `classifier`
