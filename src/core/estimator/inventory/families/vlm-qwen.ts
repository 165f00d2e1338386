// Qwen2-VL and Qwen2.5-VL (Qwen2VLForConditionalGeneration, Qwen2_5_VLForConditionalGeneration): a
// ViT (`visual`: Conv3d patch embedding, `blocks`, `merger`) in front of a Qwen2 decoder. Shapes read
// from transformers' modeling_qwen2_vl.py (PatchEmbed: Conv3d bias=False; VisionAttention: qkv and proj
// with bias; VisionMlp fc1/fc2; PatchMerger: ln_q + Linear(E*m^2, E*m^2) + Linear(E*m^2, hidden)) and
// modeling_qwen2_5_vl.py (RMSNorm norm1/norm2/ln_q, gated MLP with bias=True), text attention with
// q/k/v bias and head_dim = hidden_size // num_attention_heads. Defaults: configuration_qwen2_vl.py /
// configuration_qwen2_5_vl.py (Qwen2VLVisionConfig, Qwen2_5_VLVisionConfig, *TextConfig).
// Names: transformers 4.47-4.51 `visual.*`, `model.layers.*`, `lm_head`; >= 4.52 (and 5.x)
// `model.visual.*`, `model.language_model.layers.*`, `lm_head`. Checked against real PEFT 0.20.0 on
// transformers 4.57.6 and 5.17.0 (test/data/oracle/local/vlm-qwen-*.json, tied 3B and untied 7B); the
// 4.47-4.51 names are read from source.
import { int, requirePositive } from '../config';
import { embedding, layerNorm, linear, rmsNorm } from '../tpl';
import type { Family, HfConfig, ModTpl, Part } from '../types';
import { attention, gatedMlp, norms, resolveLlamaLike } from './llama';
import { byLayout, layoutOf, numField, scoped, subConfig, textConfigOf, type VlmDims } from './vlm-common';

export interface QwenVision {
  /** embed_dim (Qwen2-VL) / hidden_size (Qwen2.5-VL) of the vision blocks */
  e: number;
  depth: number;
  /** vision MLP width: int(embed_dim * mlp_ratio) (Qwen2-VL) / intermediate_size (Qwen2.5-VL) */
  ff: number;
  channels: number;
  temporal: number;
  patch: number;
  merge: number;
  /** merger output = the language model's hidden size (vision_config.hidden_size / out_hidden_size) */
  out: number;
}

export interface QwenVlDims extends VlmDims {
  v: QwenVision;
}

type T = ModTpl<QwenVlDims>;
const e = (r: QwenVlDims) => r.v.e;
const mergedIn = (r: QwenVlDims) => r.v.e * r.v.merge * r.v.merge;

const textLayer: ModTpl<QwenVlDims>[] = [
  ...attention('self_attn.'),
  ...gatedMlp('mlp.'),
  ...norms('input_layernorm', 'post_attention_layernorm'),
];

const textModel: Part<QwenVlDims>[] = [
  embedding<QwenVlDims>(
    'embed_tokens',
    (r) => r.V,
    (r) => r.h,
  ),
  { path: 'layers', count: (r: QwenVlDims) => r.L, modules: textLayer },
  rmsNorm<QwenVlDims>('norm', (r) => r.h),
];

/** Conv3d(channels, e, kernel = stride = [temporal, patch, patch], bias=False). */
const patchEmbed: T = {
  name: 'patch_embed.proj',
  kind: 'Conv3d',
  in: (r) => r.v.channels,
  out: e,
  weight: (r) => r.v.e * r.v.channels * r.v.temporal * r.v.patch * r.v.patch,
};

function visual(block: T[], norm: (name: string) => T): Part<QwenVlDims>[] {
  return [
    patchEmbed,
    { path: 'blocks', count: (r: QwenVlDims) => r.v.depth, modules: block },
    norm('merger.ln_q'),
    linear('merger.mlp.0', mergedIn, mergedIn, true),
    linear('merger.mlp.2', mergedIn, (r) => r.v.out, true),
  ];
}

const qwen2Block: T[] = [
  layerNorm('norm1', e),
  layerNorm('norm2', e),
  linear('attn.qkv', e, (r) => 3 * r.v.e, true),
  linear('attn.proj', e, e, true),
  linear('mlp.fc1', e, (r) => r.v.ff, true),
  linear('mlp.fc2', (r) => r.v.ff, e, true),
];

const qwen25Block: T[] = [
  rmsNorm('norm1', e),
  rmsNorm('norm2', e),
  linear('attn.qkv', e, (r) => 3 * r.v.e, true),
  linear('attn.proj', e, e, true),
  linear('mlp.gate_proj', e, (r) => r.v.ff, true),
  linear('mlp.up_proj', e, (r) => r.v.ff, true),
  linear('mlp.down_proj', (r) => r.v.ff, e, true),
];

function lmHead(embed: string): T {
  return linear<QwenVlDims>(
    'lm_head',
    (r) => r.h,
    (r) => r.V,
    false,
    {
      tie: embed,
      tieWhen: (r) => r.tie,
      output: true,
    },
  );
}

function backbone(vis: Part<QwenVlDims>[]): Part<QwenVlDims>[] {
  return byLayout<QwenVlDims>(
    [
      ...scoped(vis, 'visual.', () => true),
      ...scoped(textModel, 'model.', () => true),
      lmHead('model.embed_tokens'),
    ],
    [
      ...scoped(vis, 'model.visual.', () => true),
      ...scoped(textModel, 'model.language_model.', () => true),
      lmHead('model.language_model.embed_tokens'),
    ],
  );
}

/** Text defaults of Qwen2VLTextConfig / Qwen2_5_VLTextConfig (the 72B shape) with derived head_dim. */
const TEXT_DEFAULTS = {
  V: 152064,
  h: 8192,
  ff: 29568,
  L: 80,
  nh: 64,
  nkv: 8,
  tie: false,
  qkvBias: true,
  hdDerived: true,
} as const;

function resolveText(cfg: HfConfig, numLabels: number) {
  return { ...resolveLlamaLike(textConfigOf(cfg), TEXT_DEFAULTS, numLabels), layout: 'nested' as const };
}

function resolveQwen2Vl(cfg: HfConfig, numLabels: number): QwenVlDims {
  const vc = subConfig(cfg, 'vision_config');
  const ev = int(vc, 'embed_dim', 1280);
  const v: QwenVision = {
    e: ev,
    depth: int(vc, 'depth', 32),
    ff: Math.floor(ev * numField(vc, 'mlp_ratio', 4)),
    channels: int(vc, 'in_channels', 3),
    temporal: int(vc, 'temporal_patch_size', 2),
    patch: int(vc, 'patch_size', 14),
    merge: int(vc, 'spatial_merge_size', 2),
    out: int(vc, 'hidden_size', 3584),
  };
  requirePositive({ 'vision_config.embed_dim': v.e, 'vision_config.num_heads': int(vc, 'num_heads', 16) });
  return { ...resolveText(cfg, numLabels), v };
}

function resolveQwen25Vl(cfg: HfConfig, numLabels: number): QwenVlDims {
  const vc = subConfig(cfg, 'vision_config');
  const v: QwenVision = {
    e: int(vc, 'hidden_size', 3584),
    depth: int(vc, 'depth', 32),
    ff: int(vc, 'intermediate_size', 3420),
    channels: int(vc, 'in_channels', 3),
    temporal: int(vc, 'temporal_patch_size', 2),
    patch: int(vc, 'patch_size', 14),
    merge: int(vc, 'spatial_merge_size', 2),
    out: int(vc, 'out_hidden_size', 3584),
  };
  requirePositive({ 'vision_config.hidden_size': v.e, 'vision_config.num_heads': int(vc, 'num_heads', 16) });
  return { ...resolveText(cfg, numLabels), v };
}

function family(
  types: string[],
  cls: string,
  resolve: Family<QwenVlDims>['resolve'],
  vis: Part<QwenVlDims>[],
) {
  const head = { cls: `${cls}ForConditionalGeneration`, prefix: '' };
  const fam: Family<QwenVlDims> = {
    types,
    resolve,
    // Qwen2VLConfig / Qwen2_5_VLConfig build their *TextConfig (v4.57.6 configuration_qwen2_vl.py:165,
    // configuration_qwen2_5_vl.py:176); 4.47-4.51 configs are flat, with the same num_key_value_heads.
    textType: () => `${types[0]}_text`,
    backbone: backbone(vis),
    // The checkpoint's architectures[0] (…ForConditionalGeneration) and PEFT's CAUSAL_LM build the same class.
    heads: { causal_lm: head, seq2seq_lm: head },
    atRelease: (r, release) => ({ ...r, layout: layoutOf(release) }),
  };
  return fam;
}

export const QWEN2_VL = family(
  ['qwen2_vl'],
  'Qwen2VL',
  resolveQwen2Vl,
  visual(qwen2Block, (n) => layerNorm(n, e)),
);
export const QWEN2_5_VL = family(
  ['qwen2_5_vl'],
  'Qwen2_5_VL',
  resolveQwen25Vl,
  visual(qwen25Block, (n) => rmsNorm(n, e)),
);
