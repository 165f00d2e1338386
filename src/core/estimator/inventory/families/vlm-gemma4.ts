// Gemma 4 multimodal (gemma4: Gemma4ForConditionalGeneration, the AutoModelForImageTextToText class):
// model.vision_tower, model.language_model, model.audio_tower, model.embed_vision, model.embed_audio and an
// lm_head tied to the input embedding (transformers v5.17.0 models/gemma4/modeling_gemma4.py:2165-2182,
// :2496-2503). The towers exist only when their sub-config is set (Gemma4Config leaves them None,
// configuration_gemma4.py:343-352). Tower Linears are Gemma4ClippableLinear wrappers holding `.linear`
// (:168-183), so PEFT sees `…q_proj.linear`. Vision tower :579-590, :904-1030; audio tower :249-575, :1899-1920.
import { int, requirePositive } from '../config';
import { linear, rmsNorm } from '../tpl';
import { requireRelease } from './common';
import type { Family, HfConfig, ModTpl, Part } from '../types';
import { scoped, subConfig, textConfigOf } from './vlm-common';
import { GEMMA4_SINCE, GEMMA4_WHY, gemma4TextModel, resolveGemma4Text, type Gemma4TextDims } from './gemma4';

interface VisionDims {
  h: number;
  ff: number;
  L: number;
  nh: number;
  nkv: number;
  hd: number;
  patch: number;
  positions: number;
}

interface AudioDims {
  h: number;
  L: number;
  nh: number;
  out: number;
  c0: number;
  c1: number;
  kernel: number;
}

export interface Gemma4Dims extends Gemma4TextDims {
  vision?: VisionDims;
  audio?: AudioDims;
}

/** Gemma4VisionConfig defaults (configuration_gemma4.py:244-263). */
function readVision(vc: HfConfig): VisionDims {
  const v: VisionDims = {
    h: int(vc, 'hidden_size', 768),
    ff: int(vc, 'intermediate_size', 3072),
    L: int(vc, 'num_hidden_layers', 16),
    nh: int(vc, 'num_attention_heads', 12),
    nkv: int(vc, 'num_key_value_heads', 12),
    hd: int(vc, 'head_dim', 64),
    patch: int(vc, 'patch_size', 16),
    positions: int(vc, 'position_embedding_size', 10240),
  };
  requirePositive({ 'vision_config.hidden_size': v.h, 'vision_config.head_dim': v.hd });
  return v;
}

/** Gemma4AudioConfig defaults (configuration_gemma4.py:54-75). */
function readAudio(ac: HfConfig): AudioDims {
  const ch = Array.isArray(ac.subsampling_conv_channels) ? ac.subsampling_conv_channels : [128, 32];
  const a: AudioDims = {
    h: int(ac, 'hidden_size', 1024),
    L: int(ac, 'num_hidden_layers', 12),
    nh: int(ac, 'num_attention_heads', 8),
    out: int(ac, 'output_proj_dims', 1536),
    c0: int({ c: ch[0] }, 'c', 128),
    c1: int({ c: ch[1] }, 'c', 32),
    kernel: int(ac, 'conv_kernel_size', 5),
  };
  requirePositive({ 'audio_config.hidden_size': a.h, 'audio_config.num_attention_heads': a.nh });
  return a;
}

type D = Gemma4Dims;
type T = ModTpl<D>;
// Shapes are evaluated before `when`, so an absent tower reads zeros (and builds nothing).
const NO_VISION: VisionDims = { h: 0, ff: 0, L: 0, nh: 1, nkv: 0, hd: 0, patch: 0, positions: 0 };
const NO_AUDIO: AudioDims = { h: 0, L: 0, nh: 1, out: 0, c0: 0, c1: 0, kernel: 0 };
const V = (r: D) => r.vision ?? NO_VISION;
const A = (r: D) => r.audio ?? NO_AUDIO;
const vh = (r: D) => V(r).h;
const ah = (r: D) => A(r).h;

/** A Gemma4ClippableLinear: the nn.Linear sits one level down, named `linear`, never with a bias. */
const clip = (name: string, inF: (r: D) => number, outF: (r: D) => number): T =>
  linear(`${name}.linear`, inF, outF, false);

const visionLayer: T[] = [
  clip('self_attn.q_proj', vh, (r) => V(r).nh * V(r).hd),
  clip('self_attn.k_proj', vh, (r) => V(r).nkv * V(r).hd),
  clip('self_attn.v_proj', vh, (r) => V(r).nkv * V(r).hd),
  clip('self_attn.o_proj', (r) => V(r).nh * V(r).hd, vh),
  rmsNorm('self_attn.q_norm', (r) => V(r).hd),
  rmsNorm('self_attn.k_norm', (r) => V(r).hd),
  clip('mlp.gate_proj', vh, (r) => V(r).ff),
  clip('mlp.up_proj', vh, (r) => V(r).ff),
  clip('mlp.down_proj', (r) => V(r).ff, vh),
  ...[
    'input_layernorm',
    'post_attention_layernorm',
    'pre_feedforward_layernorm',
    'post_feedforward_layernorm',
  ].map((n) => rmsNorm<D>(n, vh)),
];

/** Gemma4VisionModel: patch_embedder (2-D position table + input_proj), encoder layers; the pooler owns nothing. */
const visionTower: Part<D>[] = [
  {
    name: 'patch_embedder',
    kind: 'Other',
    in: vh,
    out: vh,
    weight: () => 0,
    other: (r) => 2 * V(r).positions * vh(r),
  },
  linear('patch_embedder.input_proj', (r) => 3 * V(r).patch ** 2, vh),
  { path: 'encoder.layers', count: (r: D) => V(r).L, modules: visionLayer },
];

const feedForward = (pre: string): T[] => [
  clip(`${pre}.ffw_layer_1`, ah, (r) => 4 * ah(r)),
  clip(`${pre}.ffw_layer_2`, (r) => 4 * ah(r), ah),
  rmsNorm(`${pre}.pre_layer_norm`, ah),
  rmsNorm(`${pre}.post_layer_norm`, ah),
];

const audioLayer: T[] = [
  ...feedForward('feed_forward1'),
  ...feedForward('feed_forward2'),
  // per_dim_scale: one value per head dimension (hidden_size // num_attention_heads).
  {
    name: 'self_attn',
    kind: 'Other',
    in: ah,
    out: ah,
    weight: () => 0,
    other: (r) => Math.floor(ah(r) / A(r).nh),
  },
  clip('self_attn.q_proj', ah, ah),
  clip('self_attn.k_proj', ah, ah),
  clip('self_attn.v_proj', ah, ah),
  clip('self_attn.post', ah, ah),
  linear('self_attn.relative_k_proj', ah, ah),
  clip('lconv1d.linear_start', ah, (r) => 2 * ah(r)),
  clip('lconv1d.linear_end', ah, ah),
  {
    name: 'lconv1d.depthwise_conv1d',
    kind: 'Other',
    cls: 'Conv1d',
    in: ah,
    out: ah,
    weight: (r) => ah(r) * A(r).kernel,
  },
  rmsNorm('lconv1d.pre_layer_norm', ah),
  rmsNorm('lconv1d.conv_norm', ah),
  ...['norm_pre_attn', 'norm_post_attn', 'norm_out'].map((n) => rmsNorm<D>(n, ah)),
];

const conv = (name: string, cin: (r: D) => number, cout: (r: D) => number): T => ({
  name,
  kind: 'Conv2d',
  in: cin,
  out: cout,
  weight: (r) => cout(r) * cin(r) * 9,
});

/** Gemma4AudioModel: two conv subsampling stages (bias-free Conv2d, LayerNorm without bias), conformer layers. */
const audioTower: Part<D>[] = [
  conv(
    'subsample_conv_projection.layer0.conv',
    () => 1,
    (r) => A(r).c0,
  ),
  {
    name: 'subsample_conv_projection.layer0.norm',
    kind: 'LayerNorm',
    in: (r) => A(r).c0,
    out: (r) => A(r).c0,
  },
  conv(
    'subsample_conv_projection.layer1.conv',
    (r) => A(r).c0,
    (r) => A(r).c1,
  ),
  {
    name: 'subsample_conv_projection.layer1.norm',
    kind: 'LayerNorm',
    in: (r) => A(r).c1,
    out: (r) => A(r).c1,
  },
  linear('subsample_conv_projection.input_proj_linear', (r) => Math.floor(A(r).c0 / 4) * A(r).c1, ah),
  { path: 'layers', count: (r: D) => A(r).L, modules: audioLayer },
  linear('output_proj', ah, (r) => A(r).out, true),
];

const hasVision = (r: D) => r.vision !== undefined;
const hasAudio = (r: D) => r.audio !== undefined;
const th = (r: D) => r.h;
const EMBED = 'model.language_model.embed_tokens';

export const gemma4Parts: Part<D>[] = [
  ...scoped(visionTower, 'model.vision_tower.', hasVision),
  ...scoped(gemma4TextModel as unknown as Part<D>[], 'model.language_model.', () => true),
  ...scoped(audioTower, 'model.audio_tower.', hasAudio),
  // Gemma4MultimodalEmbedder: its pre-projection norm has no scale, so only the projection owns weights.
  linear('model.embed_vision.embedding_projection', vh, th, false, { when: hasVision }),
  linear('model.embed_audio.embedding_projection', (r) => A(r).out, th, false, { when: hasAudio }),
  linear<D>('lm_head', th, (r) => r.V, false, { tie: EMBED, tieWhen: (r) => r.tie, output: true }),
];

function resolveGemma4(cfg: HfConfig, numLabels: number): Gemma4Dims {
  const r: Gemma4Dims = resolveGemma4Text(textConfigOf(cfg), numLabels);
  const vc = cfg.vision_config;
  const ac = cfg.audio_config;
  if (vc !== undefined && vc !== null) r.vision = readVision(subConfig(cfg, 'vision_config'));
  if (ac !== undefined && ac !== null) r.audio = readAudio(subConfig(cfg, 'audio_config'));
  return r;
}

const since = requireRelease('gemma4', GEMMA4_SINCE, GEMMA4_WHY);
const HEAD = { cls: 'Gemma4ForConditionalGeneration', prefix: '' };

export const GEMMA4: Family<Gemma4Dims> = {
  types: ['gemma4'],
  resolve: resolveGemma4,
  backbone: gemma4Parts,
  heads: { causal_lm: HEAD, seq2seq_lm: HEAD },
  atRelease: (r, release) => {
    since(release);
    return r;
  },
  // Gemma4Config always builds Gemma4TextConfig (configuration_gemma4.py:337-341).
  textType: () => 'gemma4_text',
};
