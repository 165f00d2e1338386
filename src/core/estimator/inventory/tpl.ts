// Short constructors for module templates, so family tables read like the transformers modules.
import type { ModTpl, ModuleKind } from './types';

type N<R> = (r: R) => number;
type B<R> = boolean | ((r: R) => boolean);

export function linear<R>(
  name: string,
  inF: N<R>,
  outF: N<R>,
  bias: B<R> = false,
  extra: Partial<ModTpl<R>> = {},
): ModTpl<R> {
  return { name, kind: 'Linear', in: inF, out: outF, bias, ...extra };
}

/** transformers' GPT-2 style Conv1D(nf, nx): weight (nx, nf), bias nf; in = nx, out = nf. */
export function conv1d<R>(name: string, nx: N<R>, nf: N<R>): ModTpl<R> {
  return { name, kind: 'Conv1D', in: nx, out: nf, bias: true };
}

export function embedding<R>(name: string, num: N<R>, dim: N<R>, extra: Partial<ModTpl<R>> = {}): ModTpl<R> {
  return { name, kind: 'Embedding', in: num, out: dim, ...extra };
}

function norm<R>(
  kind: ModuleKind,
  name: string,
  dim: N<R>,
  bias: B<R>,
  extra: Partial<ModTpl<R>>,
): ModTpl<R> {
  return { name, kind, in: dim, out: dim, bias, ...extra };
}

/** RMSNorm-style: one weight vector, no bias (Llama, Gemma, T5LayerNorm). */
export function rmsNorm<R>(name: string, dim: N<R>, extra: Partial<ModTpl<R>> = {}): ModTpl<R> {
  return norm('RMSNorm', name, dim, false, extra);
}

/** nn.LayerNorm: weight + bias (bias=False where the config says so). */
export function layerNorm<R>(
  name: string,
  dim: N<R>,
  bias: B<R> = true,
  extra: Partial<ModTpl<R>> = {},
): ModTpl<R> {
  return norm('LayerNorm', name, dim, bias, extra);
}

/** A depthwise nn.Conv1d (groups = channels) as the Mamba mixers use: weight channels x kernel, bias channels. */
export function depthwiseConv1d<R>(name: string, channels: N<R>, kernel: N<R>, bias: B<R>): ModTpl<R> {
  return {
    name,
    kind: 'Other',
    cls: 'Conv1d',
    in: channels,
    out: channels,
    bias,
    weight: (r) => channels(r) * kernel(r),
  };
}
