// Llama 3.2 Vision (MllamaForConditionalGeneration): a tiled ViT with a local and a gated global encoder,
// one Linear projector, and a Llama text model whose `cross_attention_layers` are cross-attention blocks.
// Shapes from transformers v4.57.6 models/mllama/modeling_mllama.py: precomputed aspect-ratio embeddings
// (:103-113, Embedding(max_aspect_ratio_id + 1, tiles * h) + gate), gated position embedding (:126-144,
// gate + Parameter(patches, h) + tile Embedding), vision attention q/k/v/o without bias (:230-233), fc1/fc2
// with bias (:169-170), encoder layer LayerNorms and gate_attn/gate_ffn when gated (:286-291); vision model
// (:959-980) Conv2d bias=False, class_embedding, layernorm_pre/post, `transformer` (num_hidden_layers) and
// `global_transformer` (num_global_layers, gated); text cross-attention (:404-410) q/k/v/o + q_norm/k_norm
// over head_dim = hidden // heads (:399, :518), cross layer gates (:682, :686); embed_tokens has vocab + 8
// rows (:1148); projector Linear(vision_output_dim, hidden, bias=True) (:1413-1417).
// Names: 4.47-4.51 `vision_model.*`, `language_model.model.*`, `language_model.lm_head`,
// `multi_modal_projector` (the old keys v4.57.6 :1541-1546 converts); >= 4.52 under `model.` with `lm_head`.
// transformers 5 (v5.18.0 modeling_mllama.py:1401) no longer ties lm_head; 4.x ties it when the text
// config says so. Defaults: configuration_mllama.py (v4.57.6 :94-117, :136-138, :249-271). Counts equal real
// PEFT on 4.57.6 and 5.17.0 (test/data/oracle/local/vlm-mllama-*).
import { int } from '../config';
import { embedding, layerNorm, linear, rmsNorm } from '../tpl';
import type { Family, HfConfig, ModTpl, Part } from '../types';
import { attention, gatedMlp, norms, resolveLlamaLike } from './llama';
import {
  byLayout,
  layoutOf,
  readVit,
  scoped,
  subConfig,
  textConfigOf,
  type VitDims,
  type VlmDims,
} from './vlm-common';

interface MllamaVision extends VitDims {
  G: number;
  tiles: number;
  /** max_aspect_ratio_id = len(supported_aspect_ratios) */
  ratios: number;
  out: number;
}

export interface MllamaDims extends VlmDims {
  v: MllamaVision;
  cross: readonly number[];
  v5: boolean;
}

type T = ModTpl<MllamaDims>;
const vh = (r: MllamaDims) => r.v.h;
const h = (r: MllamaDims) => r.h;
const isCross = (r: MllamaDims, i: number) => r.cross.includes(i);
const isSelf = (r: MllamaDims, i: number) => !isCross(r, i);
/** `n` scalar gates owned by the layer itself (name '' = the layer module). */
const gates = (n: number, when?: T['when']): T => ({
  name: '',
  kind: 'Other',
  in: () => 1,
  out: () => 1,
  weight: () => 0,
  other: () => n,
  when,
});

const visionLayer = (gated: boolean): T[] => [
  linear('self_attn.q_proj', vh, vh),
  linear('self_attn.k_proj', vh, vh),
  linear('self_attn.v_proj', vh, vh),
  linear('self_attn.o_proj', vh, vh),
  linear('mlp.fc1', vh, (r) => r.v.ff, true),
  linear('mlp.fc2', (r) => r.v.ff, vh, true),
  layerNorm('input_layernorm', vh),
  layerNorm('post_attention_layernorm', vh),
  ...(gated ? [gates(2)] : []),
];

/** Direct Parameters of a module (gates, class embedding), listed under the module's own name. */
const own = (name: string, n: (r: MllamaDims) => number): T => ({ ...gates(0), name, other: n });

/** MllamaPrecomputedAspectRatioEmbedding(is_gated=True): a gate and Embedding(ratios + 1, tiles * h). */
const ratioEmbedding = (pre: string): T[] => [
  own(pre, () => 1),
  embedding(
    `${pre}.embedding`,
    (r: MllamaDims) => r.v.ratios + 1,
    (r) => r.v.tiles * r.v.h,
  ),
];

const visionModel: Part<MllamaDims>[] = [
  {
    name: 'patch_embedding',
    kind: 'Conv2d',
    in: (r) => r.v.channels,
    out: vh,
    weight: (r) => r.v.h * r.v.channels * r.v.patch * r.v.patch,
  },
  own('', vh), // class_embedding
  own('gated_positional_embedding', (r) => 1 + r.v.patches * r.v.h), // gate + embedding
  embedding(
    'gated_positional_embedding.tile_embedding',
    (r: MllamaDims) => r.v.ratios + 1,
    (r) => r.v.tiles * r.v.patches * r.v.h,
  ),
  ...ratioEmbedding('pre_tile_positional_embedding'),
  ...ratioEmbedding('post_tile_positional_embedding'),
  layerNorm('layernorm_pre', vh),
  layerNorm('layernorm_post', vh),
  { path: 'transformer.layers', count: (r: MllamaDims) => r.v.L, modules: visionLayer(false) },
  { path: 'global_transformer.layers', count: (r: MllamaDims) => r.v.G, modules: visionLayer(true) },
];

const textLayer: T[] = [
  ...attention('self_attn.').map((t) => ({ ...t, when: isSelf })),
  ...attention('cross_attn.', true).map((t) => ({ ...t, when: isCross })),
  gates(2, isCross), // cross_attn_attn_gate and cross_attn_mlp_gate: one module, one entry
  ...gatedMlp('mlp.'),
  ...norms('input_layernorm', 'post_attention_layernorm'),
];

const textModel: Part<MllamaDims>[] = [
  embedding<MllamaDims>('embed_tokens', (r) => r.V + 8, h),
  { path: 'layers', count: (r: MllamaDims) => r.L, modules: textLayer },
  rmsNorm<MllamaDims>('norm', h),
];

const projector = linear<MllamaDims>('', (r) => r.v.out, h, true);

function lmHead(embed: string): T {
  return linear<MllamaDims>('lm_head', h, (r) => r.V, false, {
    tie: embed,
    tieWhen: (r) => r.tie && !r.v5,
    output: true,
  });
}

function backbone(): Part<MllamaDims>[] {
  const proj = [projector];
  return byLayout<MllamaDims>(
    [
      ...scoped(visionModel, 'vision_model.', () => true),
      ...scoped(textModel, 'language_model.model.', () => true),
      ...scoped(proj, 'multi_modal_projector.', () => true),
      { ...lmHead('language_model.model.embed_tokens'), name: 'language_model.lm_head' },
    ],
    [
      ...scoped(visionModel, 'model.vision_model.', () => true),
      ...scoped(textModel, 'model.language_model.', () => true),
      ...scoped(proj, 'model.multi_modal_projector.', () => true),
      lmHead('model.language_model.embed_tokens'),
    ],
  );
}

function cross(tc: HfConfig): number[] {
  const v = tc.cross_attention_layers;
  if (v === undefined || v === null) return [3, 8, 13, 18, 23, 28, 33, 38];
  return Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : [];
}

function resolveMllama(cfg: HfConfig, numLabels: number): MllamaDims {
  const tc = textConfigOf(cfg);
  const text = resolveLlamaLike(
    tc,
    { V: 128256, h: 4096, ff: 14336, L: 40, nh: 32, nkv: 8, tie: false, qkvBias: false, hdDerived: true },
    numLabels,
  );
  const vc = subConfig(cfg, 'vision_config');
  const v: MllamaVision = {
    ...readVit(vc, { h: 1280, ff: 5120, L: 32, image: 448 }),
    G: int(vc, 'num_global_layers', 8),
    tiles: int(vc, 'max_num_tiles', 4),
    ratios: Array.isArray(vc.supported_aspect_ratios) ? vc.supported_aspect_ratios.length : 8,
    out: int(vc, 'vision_output_dim', 7680),
  };
  return { ...text, layout: 'nested', v, cross: cross(tc), v5: true };
}

const HEAD = { cls: 'MllamaForConditionalGeneration', prefix: '' };
export const MLLAMA: Family<MllamaDims> = {
  types: ['mllama'],
  resolve: resolveMllama,
  backbone: backbone(),
  heads: { causal_lm: HEAD, seq2seq_lm: HEAD },
  atRelease: (r, release) => ({ ...r, layout: layoutOf(release), v5: release.v5 }),
  // MllamaConfig always builds MllamaTextConfig (v4.57.6 configuration_mllama.py:362-366).
  textType: () => 'mllama_text_model',
};
