// Nemotron-H / Nemotron 3 (model_type nemotron_h, NemotronHForCausalLM): `model.layers.{i}` is a norm and
// one mixer, chosen per layer by the pattern: Mamba-2 ("M" / linear_attention), attention ("*" /
// full_attention), a non-gated MLP ("-" / mlp) or a MoE ("E" / moe). Shapes from transformers v5.17.0
// models/nemotron_h/modeling_nemotron_h.py: NemotronHMamba2Mixer :364-414 (intermediate = mamba_num_heads *
// mamba_head_dim :371, conv_dim :383, in_proj :394-399, dt_bias/A_log/D one per head, gated norm over the
// intermediate :408, biases from use_bias and use_conv_bias), NemotronHMLP :595-603 (up/down, mlp_bias),
// NemotronHExperts :618-631 (fused up_proj [E, I, in] and down_proj [E, in, I], in = moe_latent_size or
// hidden), NemotronHMoE :680-697 (gate, shared_experts MLP, latent projections when moe_latent_size),
// NemotronHTopkRouter :716-726 (weight [E, hidden]; e_score_correction_bias is a buffer), attention
// :839-842 (q/k/v/o never biased), block :905-912, model :1037-1040, lm head :1115-1121 (_tied_weights_keys
// = {}: never tied). PEFT 0.20.0 does not convert nemotron_h targets onto the fused experts (transformers
// has no _MODEL_TO_CONVERSION_PATTERN entry for it), so up_proj/down_proj reach the shared experts and MLPs.
import { bool, int, InvalidConfigError, optInt, UnsupportedModelError } from '../config';
import { embedding, linear, rmsNorm } from '../tpl';
import type { Family, HfConfig, ModTpl } from '../types';
import { decoderHeads } from './common';
import { attention, resolveLlamaLike, type LlamaDims } from './llama';
import { mamba2Mixer, type Mamba2Dims } from './mamba2';

type Kind = 'linear_attention' | 'full_attention' | 'mlp' | 'moe';

export interface NemotronHDims extends LlamaDims, Mamba2Dims {
  kinds: readonly Kind[];
  latent: number | undefined;
}

type T = ModTpl<NemotronHDims>;
const h = (r: NemotronHDims) => r.h;
const is = (k: Kind) => (r: NemotronHDims, i: number) => r.kinds[i] === k;
const expertIn = (r: NemotronHDims) => r.latent ?? r.h;

/** `_pattern_to_list` (configuration_nemotron_h.py:270-273) and the legacy names remapped at :166-168. */
const PATTERN: Record<string, Kind> = { M: 'linear_attention', E: 'moe', '*': 'full_attention', '-': 'mlp' };
const LEGACY: Record<string, Kind> = { mamba: 'linear_attention', attention: 'full_attention' };

/** layers_block_type (or its alias layer_types) wins; else hybrid_override_pattern; else the default :165. */
function layerKinds(cfg: HfConfig): Kind[] {
  const list = cfg.layers_block_type ?? cfg.layer_types;
  const raw: unknown[] = Array.isArray(list)
    ? list.map((t) => (typeof t === 'string' ? (LEGACY[t] ?? t) : t))
    : typeof cfg.hybrid_override_pattern === 'string'
      ? [...cfg.hybrid_override_pattern].map((c) => PATTERN[c] ?? c)
      : ['linear_attention', 'moe', 'full_attention', 'mlp'];
  const bad = [...new Set(raw.filter((t) => !Object.values(PATTERN).includes(t as Kind)))];
  if (bad.length > 0) {
    // Distinct values only, a few of them, each cut short: the message must not echo the file back.
    const shown = bad.slice(0, 5).map((t) => JSON.stringify(t)?.slice(0, 40) ?? String(t));
    throw new InvalidConfigError(
      `nemotron_h: layer types ${shown.join(', ')}${bad.length > 5 ? ` and ${bad.length - 5} more` : ''} are not one of M, E, *, - (mamba, moe, attention, mlp); transformers refuses this config`,
    );
  }
  return raw as Kind[];
}

/** NemotronHConfig defaults (configuration_nemotron_h.py:87-140); num_hidden_layers is the pattern's length :230-236. */
function resolveNemotronH(cfg: HfConfig, numLabels: number): NemotronHDims {
  const defaults = { V: 131072, h: 4096, ff: 21504, L: 0, nh: 32, nkv: 8, hd: 128, tie: false } as const;
  const base = resolveLlamaLike(
    cfg,
    {
      ...defaults,
      qkvBias: false,
      mlpBiasField: true,
      experts: { count: ['n_routed_experts', 'num_local_experts'], dflt: 8, ffKey: 'moe_intermediate_size' },
    },
    numLabels,
  );
  const kinds = layerKinds(cfg);
  const ssmHeads = int(cfg, 'mamba_num_heads', 128);
  return {
    ...base,
    L: kinds.length,
    tie: false,
    moeFf: int(cfg, 'moe_intermediate_size', 7688),
    sharedFf: int(cfg, 'moe_shared_expert_intermediate_size', 7688),
    kinds,
    ssm: ssmHeads * int(cfg, 'mamba_head_dim', 64),
    ssmHeads,
    // __post_init__ reads the older mamba_* names too (:145-155).
    groups: int(cfg, ['mamba_n_groups', 'n_groups'], 8),
    dState: int(cfg, 'ssm_state_size', 128),
    dConv: int(cfg, ['mamba_d_conv', 'conv_kernel'], 4),
    convBias: bool(cfg, cfg.mamba_conv_bias === undefined ? 'use_conv_bias' : 'mamba_conv_bias', true),
    // use_bias sets both projections' biases (:394-399, :414); the gated norm is always there (:408).
    inBias: bool(cfg, 'use_bias', false),
    outBias: bool(cfg, 'use_bias', false),
    gatedNorm: true,
    latent: optInt(cfg, 'moe_latent_size'),
  };
}

const mamba = is('linear_attention');
const moe = is('moe');
const mlpBias = (r: NemotronHDims) => r.mlpBias;

/** NemotronHMLP: up_proj, relu2, down_proj (no gate). */
const mlp = (pre: string, ff: (r: NemotronHDims) => number, when: T['when']): T[] => [
  linear(`${pre}up_proj`, h, ff, mlpBias, { when }),
  linear(`${pre}down_proj`, ff, h, mlpBias, { when }),
];

const fused = (name: string, out: (r: NemotronHDims) => number, inF: (r: NemotronHDims) => number): T => ({
  name: `mixer.experts.${name}`,
  kind: 'Other',
  in: inF,
  out,
  parameter: true,
  fused: (r) => r.experts,
  when: moe,
  weight: (r) => r.experts * out(r) * inF(r),
  shape: (r) => [r.experts, out(r), inF(r)],
});

const moeBlock: T[] = [
  fused('up_proj', (r) => r.moeFf, expertIn),
  fused('down_proj', expertIn, (r) => r.moeFf),
  { name: 'mixer.gate', kind: 'Other', in: h, out: (r) => r.experts, when: moe },
  ...mlp('mixer.shared_experts.', (r) => r.sharedFf, moe),
  ...[
    linear('mixer.fc1_latent_proj', h, (r) => r.latent ?? 0, mlpBias),
    linear('mixer.fc2_latent_proj', (r) => r.latent ?? 0, h, mlpBias),
  ].map((m) => ({ ...m, when: (r: NemotronHDims, i: number) => moe(r, i) && r.latent !== undefined })),
];

const layer: T[] = [
  rmsNorm('norm', h),
  ...mamba2Mixer<NemotronHDims>('mixer', mamba),
  ...attention('mixer.').map((m) => ({ ...m, when: is('full_attention') })),
  ...mlp('mixer.', (r) => r.ff, is('mlp')),
  ...moeBlock,
];

export const NEMOTRON_H_WHY =
  'model_type "nemotron_h" (NemotronHForCausalLM) first appeared in transformers 5 (4.57.6, the last 4.x release, has no models/nemotron_h; 4.x loads it only as the repository\'s remote code)';

export const NEMOTRON_H: Family<NemotronHDims> = {
  types: ['nemotron_h'],
  resolve: resolveNemotronH,
  atRelease: (r, release) => {
    if (!release.v5) throw new UnsupportedModelError(NEMOTRON_H_WHY);
    return r;
  },
  backbone: [
    embedding('embeddings', (r) => r.V, h),
    { path: 'layers', count: (r) => r.L, modules: layer },
    rmsNorm('norm_f', h),
  ],
  heads: decoderHeads<NemotronHDims>('NemotronH', 'embeddings', {
    noSeqCls: true,
    noTokenCls: true,
    noQa: true,
  }),
};
