// ViT: the embeddings module owns cls_token and position_embeddings directly; patches come from a
// Conv2d; ViTForImageClassification builds ViTModel without its pooler.
import { bool, div, int, requirePositive, UnsupportedModelError } from '../config';
import { layerNorm, linear } from '../tpl';
import type { BaseDims, Family, HfConfig } from '../types';
import { headLinear } from './common';

export interface VitDims extends BaseDims {
  ff: number;
  patches: number;
  patch: number;
  channels: number;
  qkvBias: boolean;
  maskToken: boolean;
}

/** image_size / patch_size may be an int or a [height, width] pair. */
function pair(cfg: HfConfig, key: string, dflt: number): [number, number] {
  const v = cfg[key];
  if (Array.isArray(v) && v.length === 2)
    return [int({ [key]: v[0] }, key, dflt), int({ [key]: v[1] }, key, dflt)];
  const n = int(cfg, key, dflt);
  return [n, n];
}

function resolveVit(cfg: HfConfig, numLabels: number): VitDims {
  const h = int(cfg, 'hidden_size', 768);
  const nh = int(cfg, 'num_attention_heads', 12);
  const [ih, iw] = pair(cfg, 'image_size', 224);
  const [ph, pw] = pair(cfg, 'patch_size', 16);
  requirePositive({ hidden_size: h, num_attention_heads: nh, patch_size: ph * pw });
  if (ph !== pw)
    throw new UnsupportedModelError(`ViT with non-square patches (${ph}x${pw}) is not supported`);
  const r: VitDims = {
    h,
    nh,
    nkv: nh,
    hd: div(h, nh, 'head_dim'),
    L: int(cfg, 'num_hidden_layers', 12),
    V: 0,
    tie: false,
    numLabels,
    encDec: false,
    flags: {},
    ff: int(cfg, 'intermediate_size', 3072),
    patches: Math.floor(ih / ph) * Math.floor(iw / pw),
    patch: ph,
    channels: int(cfg, 'num_channels', 3),
    qkvBias: bool(cfg, 'qkv_bias', true),
    maskToken: false,
  };
  return r;
}

const h = (r: VitDims) => r.h;
const ff = (r: VitDims) => r.ff;
const qb = (r: VitDims) => r.qkvBias;

export const VIT: Family<VitDims> = {
  types: ['vit'],
  resolve: resolveVit,
  backbone: [
    // Direct parameters of ViTEmbeddings: cls_token (1, 1, h) and position_embeddings (1, patches + 1, h).
    {
      name: 'embeddings',
      kind: 'Other',
      in: h,
      out: h,
      weight: () => 0,
      other: (r) => r.h + (r.patches + 1) * r.h,
    },
    {
      name: 'embeddings.patch_embeddings.projection',
      kind: 'Conv2d',
      in: (r) => r.channels,
      out: h,
      bias: true,
      weight: (r) => r.h * r.channels * r.patch * r.patch,
    },
    {
      path: 'encoder.layer',
      count: (r) => r.L,
      modules: [
        linear('attention.attention.query', h, h, qb),
        linear('attention.attention.key', h, h, qb),
        linear('attention.attention.value', h, h, qb),
        linear('attention.output.dense', h, h, true),
        linear('intermediate.dense', h, ff, true),
        linear('output.dense', ff, h, true),
        layerNorm('layernorm_before', h),
        layerNorm('layernorm_after', h),
      ],
    },
    layerNorm('layernorm', h),
    linear('pooler.dense', h, h, true, { when: (r) => r.flags.pooler === true }),
  ],
  heads: {
    image_cls: {
      cls: 'ViTForImageClassification',
      prefix: 'vit.',
      modules: [{ ...headLinear<VitDims>('classifier'), when: (r) => r.numLabels > 0 }],
      flags: { pooler: false },
    },
    base: { cls: 'ViTModel', prefix: '', flags: { pooler: true } },
  },
};
