// Falcon-H1 (model_type falcon_h1): every decoder layer runs a Mamba-2 mixer and attention side by side,
// then a gated MLP. Shapes from transformers v5.17.0 models/falcon_h1/modeling_falcon_h1.py (same module
// tree in v4.57.6): FalconH1Mixer :588-657 (conv1d over intermediate + 2 * groups * d_state channels,
// depthwise; in_proj to intermediate + conv_dim + heads; dt_bias, A_log, D one per head; the gated
// RMSNorm only when mamba_rms_norm), FalconH1Attention :180-205, FalconH1MLP :825-834, decoder layer
// :864-881, model :1016-1030, lm head :1111-1121. Defaults from configuration_falcon_h1.py :60-121.
import { bool, int, InvalidConfigError, optInt, UnsupportedModelError } from '../config';
import { embedding, rmsNorm } from '../tpl';
import type { Family, HfConfig, ModTpl } from '../types';
import { atLeast, type TransformersRelease } from '../../transformers-version';
import { decoderHeads } from './common';
import { attention, gatedMlp, norms, resolveLlamaLike, type LlamaDims } from './llama';
import { mamba2Mixer, type Mamba2Dims } from './mamba2';

/** Mamba-2 mixer: intermediate size mamba_d_ssm, else mamba_expand * hidden_size. */
export interface FalconH1Dims extends LlamaDims, Mamba2Dims {}

type T = ModTpl<FalconH1Dims>;
const h = (r: FalconH1Dims) => r.h;

function resolveFalconH1(cfg: HfConfig, numLabels: number): FalconH1Dims {
  // Attention and MLP as Llama's: head_dim = getattr(config, "head_dim", hidden // heads) (:187), biases
  // from attention_bias and mlp_bias.
  const defaults = { V: 128000, h: 4096, ff: 14336, L: 32, nh: 32, nkv: 8, tie: false } as const;
  const base = resolveLlamaLike(
    cfg,
    { ...defaults, qkvBias: 'attention_bias', mlpBiasField: true },
    numLabels,
  );
  const ssmHeads = int(cfg, 'mamba_n_heads', 128);
  const ssm =
    optInt(cfg, 'mamba_d_ssm') ?? (cfg.mamba_d_ssm === null ? int(cfg, 'mamba_expand', 2) * base.h : 1024);
  // FalconH1Config.__post_init__ / validate_architecture (:97-129): "auto" = intermediate // heads, and
  // heads * d_head must equal the mixer's intermediate size.
  const auto = cfg.mamba_d_head === undefined || cfg.mamba_d_head === null || cfg.mamba_d_head === 'auto';
  const head = auto ? Math.floor(ssm / Math.max(1, ssmHeads)) : int(cfg, 'mamba_d_head', 0);
  if (ssmHeads < 1 || head * ssmHeads !== ssm) {
    throw new InvalidConfigError(
      `falcon_h1: mamba_n_heads (${ssmHeads}) x mamba_d_head (${head}) must equal the mixer size ${ssm}; transformers refuses this config`,
    );
  }
  return {
    ...base,
    ssm,
    ssmHeads,
    groups: int(cfg, 'mamba_n_groups', 1),
    dState: int(cfg, 'mamba_d_state', 256),
    dConv: int(cfg, 'mamba_d_conv', 4),
    convBias: bool(cfg, 'mamba_conv_bias', true),
    inBias: bool(cfg, 'mamba_proj_bias', false),
    outBias: bool(cfg, 'projectors_bias', false),
    gatedNorm: bool(cfg, 'mamba_rms_norm', false),
  };
}

/** Registration order of FalconH1DecoderLayer: feed_forward, mamba, self_attn, the two norms. */
const layer: T[] = [
  ...gatedMlp('feed_forward.'),
  ...mamba2Mixer<FalconH1Dims>('mamba'),
  ...attention('self_attn.'),
  ...norms('input_layernorm', 'pre_ff_layernorm'),
];

/** falcon_h1 first shipped in transformers 4.53.0 (unsloth PR #2912 gates its import on >= 4.53.0). */
function atRelease(r: FalconH1Dims, release: TransformersRelease): FalconH1Dims {
  if (!atLeast(release, 4, 53))
    throw new UnsupportedModelError(
      `model_type "falcon_h1" (FalconH1ForCausalLM) first appeared in transformers 4.53.0; transformers ${release.version} does not have it`,
    );
  return r;
}

export const FALCON_H1: Family<FalconH1Dims> = {
  types: ['falcon_h1'],
  resolve: resolveFalconH1,
  atRelease,
  backbone: [
    embedding('embed_tokens', (r) => r.V, h),
    { path: 'layers', count: (r) => r.L, modules: layer },
    rmsNorm('final_layernorm', h),
  ],
  heads: decoderHeads<FalconH1Dims>('FalconH1', 'embed_tokens', {
    noSeqCls: true,
    noTokenCls: true,
    noQa: true,
  }),
};
