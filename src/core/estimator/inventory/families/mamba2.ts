// The Mamba-2 mixer as Falcon-H1 and Nemotron-H build it (transformers v5.17.0 FalconH1Mixer
// modeling_falcon_h1.py:588-657, NemotronHMamba2Mixer modeling_nemotron_h.py:364-414): a depthwise conv1d
// over intermediate + 2 * groups * d_state channels, in_proj to intermediate + conv channels + heads,
// dt_bias, A_log and D one per head (the mixer's own parameters), an optional gated RMSNorm over the
// intermediate size, and out_proj back to hidden.
import { depthwiseConv1d, linear, rmsNorm } from '../tpl';
import type { BaseDims, ModTpl } from '../types';

export interface Mamba2Dims extends BaseDims {
  /** Mixer intermediate size (heads * head_dim). */
  ssm: number;
  ssmHeads: number;
  groups: number;
  dState: number;
  dConv: number;
  convBias: boolean;
  inBias: boolean;
  outBias: boolean;
  gatedNorm: boolean;
}

/** The mixer's modules under `name` (e.g. 'mamba', 'mixer'), present in the layers `when` holds. */
export function mamba2Mixer<R extends Mamba2Dims>(
  name: string,
  when?: (r: R, i: number) => boolean,
): ModTpl<R>[] {
  const h = (r: R) => r.h;
  const conv = (r: R) => r.ssm + 2 * r.groups * r.dState;
  const gated = (r: R, i: number) => r.gatedNorm && (when?.(r, i) ?? true);
  const mods: ModTpl<R>[] = [
    { name, kind: 'Other', in: h, out: h, weight: () => 0, other: (r) => 3 * r.ssmHeads, when },
    depthwiseConv1d(
      `${name}.conv1d`,
      conv,
      (r) => r.dConv,
      (r) => r.convBias,
    ),
    linear(
      `${name}.in_proj`,
      h,
      (r) => r.ssm + conv(r) + r.ssmHeads,
      (r) => r.inBias,
    ),
    rmsNorm(`${name}.norm`, (r: R) => r.ssm, { when: gated }),
    linear(
      `${name}.out_proj`,
      (r) => r.ssm,
      h,
      (r) => r.outBias,
    ),
  ];
  // The norm carries its own condition; the others exist where the mixer does.
  return mods.map((m) => (m.when === undefined && when ? { ...m, when } : m));
}
