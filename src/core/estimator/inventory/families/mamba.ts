// Mamba (model_type mamba, MambaForCausalLM): a stack of MambaBlocks, each an RMSNorm and a selective-scan
// mixer, under `backbone.` (transformers v5.17.0 models/mamba/modeling_mamba.py: MambaMixer :284-330,
// MambaBlock :504-510, MambaModel :613-621, lm_head :708-714 tied to backbone.embeddings; the same tree in
// v4.57.6). MambaConfig sets intermediate_size = expand * hidden_size whatever config.json says and
// time_step_rank "auto" = ceil(hidden_size / 16) (configuration_mamba.py :94-98). The mixer is Jamba's too.
import { bool, int, requirePositive } from '../config';
import { depthwiseConv1d, embedding, linear, rmsNorm } from '../tpl';
import type { BaseDims, Family, HfConfig, ModTpl } from '../types';
import { decoderHeads } from './common';

/** What the Mamba (v1) selective-scan mixer needs. */
export interface MambaMixerDims extends BaseDims {
  inner: number;
  dtRank: number;
  dState: number;
  dConv: number;
  convBias: boolean;
  projBias: boolean;
}

/**
 * MambaMixer / JambaMambaMixer: A_log [I, d_state] and D [I] owned by the mixer, a depthwise conv1d over
 * I channels (a torch Conv1d, which all-linear skips), in_proj to 2 I, x_proj to dt_rank + 2 d_state, dt_proj
 * (always with bias) back to I, out_proj to hidden.
 */
export function mambaMixer<R extends MambaMixerDims>(pre: string): ModTpl<R>[] {
  const I = (r: R) => r.inner;
  const h = (r: R) => r.h;
  return [
    {
      name: pre.slice(0, -1),
      kind: 'Other',
      in: h,
      out: h,
      weight: () => 0,
      other: (r) => I(r) * (r.dState + 1),
    },
    depthwiseConv1d(
      `${pre}conv1d`,
      I,
      (r) => r.dConv,
      (r) => r.convBias,
    ),
    linear(
      `${pre}in_proj`,
      h,
      (r) => 2 * I(r),
      (r) => r.projBias,
    ),
    linear(`${pre}x_proj`, I, (r) => r.dtRank + 2 * r.dState),
    linear(`${pre}dt_proj`, (r) => r.dtRank, I, true),
    linear(`${pre}out_proj`, I, h, (r) => r.projBias),
  ];
}

/** time_step_rank / mamba_dt_rank: "auto" (or absent) = ceil(hidden_size / 16). */
export function dtRank(cfg: HfConfig, key: string, h: number): number {
  const v = cfg[key];
  return v === undefined || v === null || v === 'auto' ? Math.ceil(h / 16) : int(cfg, key, 0);
}

function resolveMamba(cfg: HfConfig, numLabels: number): MambaMixerDims {
  const h = int(cfg, 'hidden_size', 768);
  const r: MambaMixerDims = {
    h,
    L: int(cfg, 'num_hidden_layers', 32),
    V: int(cfg, 'vocab_size', 50280),
    // No attention: the prompt-learning dims PEFT reads fall back to hidden_size.
    nh: 1,
    nkv: 1,
    hd: h,
    tie: bool(cfg, 'tie_word_embeddings', true),
    numLabels,
    encDec: false,
    flags: {},
    inner: int(cfg, 'expand', 2) * h,
    dtRank: dtRank(cfg, 'time_step_rank', h),
    dState: int(cfg, 'state_size', 16),
    dConv: int(cfg, 'conv_kernel', 4),
    convBias: bool(cfg, 'use_conv_bias', true),
    projBias: bool(cfg, 'use_bias', false),
  };
  requirePositive({ hidden_size: h, vocab_size: r.V });
  return r;
}

type T = ModTpl<MambaMixerDims>;
const layer: T[] = [rmsNorm('norm', (r) => r.h), ...mambaMixer<MambaMixerDims>('mixer.')];

export const MAMBA: Family<MambaMixerDims> = {
  types: ['mamba'],
  resolve: resolveMamba,
  backbone: [
    embedding(
      'embeddings',
      (r) => r.V,
      (r) => r.h,
    ),
    { path: 'layers', count: (r) => r.L, modules: layer },
    rmsNorm('norm_f', (r) => r.h),
  ],
  heads: decoderHeads<MambaMixerDims>('Mamba', 'embeddings', {
    prefix: 'backbone.',
    noSeqCls: true,
    noTokenCls: true,
    noQa: true,
  }),
};
