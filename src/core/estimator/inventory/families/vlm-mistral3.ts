// Mistral 3 (Mistral3ForConditionalGeneration: Mistral Small 3.1 / 3.2, Magistral Small 2509, Ministral 3):
// a Pixtral vision tower, a projector with a patch merger, and a Mistral (or, on 5.x, Ministral 3) language model. Shapes read from
// transformers v4.57.6 (v5.17.0 has the same modules):
// - modeling_pixtral.py:445-455 PixtralVisionModel: patch_conv Conv2d(channels, h, patch, bias=False),
//   ln_pre RMSNorm(h), transformer.layers.N (:321-327) = PixtralAttentionLayer (:271-277): attention_norm,
//   feed_forward.gate/up/down_proj (:240-242, no bias), attention.k/v/q/o_proj (h x h, no bias, :178-181),
//   ffn_norm; the rotary embedding holds a buffer only.
// - modeling_mistral3.py:99-115 Mistral3MultiModalProjector: norm RMSNorm(vision h), patch_merger.merging_layer
//   Linear(vision h * merge^2, vision h, bias=False) (:73), linear_1 Linear(vision h * feature layers,
//   text h), linear_2 Linear(text h, text h), both bias=multimodal_projector_bias (default False).
// - :196-204 Mistral3Model: vision_tower, multi_modal_projector, language_model = AutoModel(text_config);
//   :370-371 lm_head. Names: 4.50-4.51 `vision_tower.*`, `multi_modal_projector.*`, `language_model.model.*`,
//   `language_model.lm_head` (:360-365 _checkpoint_conversion_mapping); >= 4.52 `model.vision_tower.*`,
//   `model.multi_modal_projector.*`, `model.language_model.*`, `lm_head`.
// Tying: 4.x reads the text config's tie_word_embeddings (modeling_utils.py:2994; MistralConfig default
// False); 5.x the top-level one (modeling_utils.py:2479), whose Mistral3Config default is True (v5.17.0
// configuration_mistral3.py:63): a config.json that sets neither ties lm_head on 5.x only.
// Defaults: Mistral3Config builds its own Pixtral and Mistral configs when vision_config / text_config
// are absent (v4.57.6 configuration_mistral3.py:96-132); PixtralVisionConfig defaults (:77-84).
import { bool, int, requirePositive, str, UnsupportedModelError } from '../config';
import { linear, rmsNorm } from '../tpl';
import type { Family, HfConfig, ModTpl, Part } from '../types';
import { MISTRAL } from './llama';
import { MINISTRAL3, MINISTRAL3_WHY } from './ministral3';
import { atLeast, type TransformersRelease } from '../../transformers-version';
import { layoutOf, patchConv, scoped, subConfig, type VlmDims } from './vlm-common';
import { textParts } from './vlm-llava';

interface PixtralDims {
  h: number;
  ff: number;
  L: number;
  channels: number;
  patch: number;
}

interface Mistral3Dims extends VlmDims {
  vt: PixtralDims;
  merge: number;
  projIn: number;
  projBias: boolean;
  textTie: boolean;
  topTie: boolean;
  /** The text model is Ministral3Model (transformers 5.x only). */
  ministral3: boolean;
}

/** The Pixtral config Mistral3Config builds without vision_config (configuration_mistral3.py:97-107). */
const DEFAULT_VISION: HfConfig = {
  hidden_size: 1024,
  intermediate_size: 4096,
  patch_size: 14,
  num_hidden_layers: 24,
};

/** The Mistral config Mistral3Config builds without text_config (configuration_mistral3.py:115-132). */
const DEFAULT_TEXT: HfConfig = {
  model_type: 'mistral',
  head_dim: 128,
  hidden_size: 5120,
  intermediate_size: 32768,
  num_attention_heads: 32,
  num_hidden_layers: 40,
  num_key_value_heads: 8,
  vocab_size: 131072,
};

function readPixtral(vc: HfConfig): PixtralDims {
  const type = str(vc, 'model_type', 'pixtral');
  if (type !== 'pixtral')
    throw new UnsupportedModelError(`Mistral 3 with a "${type}" vision tower is not modelled (pixtral is)`);
  const v: PixtralDims = {
    h: int(vc, 'hidden_size', 1024),
    ff: int(vc, 'intermediate_size', 4096),
    L: int(vc, 'num_hidden_layers', 24),
    channels: int(vc, 'num_channels', 3),
    patch: int(vc, 'patch_size', 16),
  };
  requirePositive({ 'vision_config.hidden_size': v.h, 'vision_config.patch_size': v.patch });
  return v;
}

/** Mistral3Config's text model type: "mistral" when text_config names none (configuration_mistral3.py:112). */
function textType(cfg: HfConfig): string {
  const tc =
    cfg.text_config === undefined || cfg.text_config === null ? DEFAULT_TEXT : subConfig(cfg, 'text_config');
  return typeof tc.model_type === 'string' ? tc.model_type : 'mistral';
}

function resolveText(tc: HfConfig, type: string, numLabels: number) {
  if (type === 'mistral') return MISTRAL.resolve(tc, numLabels);
  if (type === 'ministral3') return MINISTRAL3.resolve(tc, numLabels);
  throw new UnsupportedModelError(
    `Mistral 3 with a "${type}" language model is not modelled (mistral and ministral3 are)`,
  );
}

function resolveMistral3(cfg: HfConfig, numLabels: number): Mistral3Dims {
  const type = textType(cfg);
  const tc = cfg.text_config ? subConfig(cfg, 'text_config') : DEFAULT_TEXT;
  const vt = readPixtral(cfg.vision_config ? subConfig(cfg, 'vision_config') : DEFAULT_VISION);
  const r = resolveText(tc, type, numLabels);
  const layers = Array.isArray(cfg.vision_feature_layer) ? cfg.vision_feature_layer.length : 1;
  return {
    ...r,
    layout: 'nested',
    vt,
    merge: int(cfg, 'spatial_merge_size', 2),
    projIn: vt.h * layers,
    projBias: bool(cfg, 'multimodal_projector_bias', false),
    textTie: r.tie,
    topTie: bool(cfg, 'tie_word_embeddings', true),
    ministral3: type === 'ministral3',
  };
}

type T = ModTpl<Mistral3Dims>;
const vh = (r: Mistral3Dims) => r.vt.h;
const vff = (r: Mistral3Dims) => r.vt.ff;
const h = (r: Mistral3Dims) => r.h;

const pixtralLayer: T[] = [
  rmsNorm('attention_norm', vh),
  linear('feed_forward.gate_proj', vh, vff),
  linear('feed_forward.up_proj', vh, vff),
  linear('feed_forward.down_proj', vff, vh),
  linear('attention.k_proj', vh, vh),
  linear('attention.v_proj', vh, vh),
  linear('attention.q_proj', vh, vh),
  linear('attention.o_proj', vh, vh),
  rmsNorm('ffn_norm', vh),
];

const pixtral: Part<Mistral3Dims>[] = [
  patchConv<Mistral3Dims>('patch_conv', (r) => r.vt),
  rmsNorm('ln_pre', vh),
  { path: 'transformer.layers', count: (r: Mistral3Dims) => r.vt.L, modules: pixtralLayer },
];

const projector: Part<Mistral3Dims>[] = [
  rmsNorm('norm', vh),
  linear('patch_merger.merging_layer', (r) => r.vt.h * r.merge * r.merge, vh),
  linear(
    'linear_1',
    (r) => r.projIn,
    h,
    (r) => r.projBias,
  ),
  linear('linear_2', h, h, (r) => r.projBias),
];

const text = textParts(MISTRAL) as unknown as Part<Mistral3Dims>[];
const flat = (r: Mistral3Dims) => r.layout === 'flat';
const nested = (r: Mistral3Dims) => r.layout === 'nested';

function lmHead(name: string, embed: string, when: (r: Mistral3Dims) => boolean): T {
  return linear<Mistral3Dims>(name, h, (r) => r.V, false, {
    tie: embed,
    tieWhen: (r) => r.tie,
    output: true,
    when,
  });
}

const HEAD = { cls: 'Mistral3ForConditionalGeneration', prefix: '' };
// First release: transformers' model_doc/mistral3.md says "added to Hugging Face Transformers on
// 2025-03-18", shipped in v4.50.0 (mosaicml/llm-foundry#1789 moved to 4.50.0 "for ... gemma3 and mistral3").
const SINCE: [number, number] = [4, 50];
export const MISTRAL3: Family<Mistral3Dims> = {
  types: ['mistral3'],
  resolve: resolveMistral3,
  textType,
  defaultTextConfig: DEFAULT_TEXT,
  backbone: [
    ...scoped(pixtral, 'vision_tower.', flat),
    ...scoped(projector, 'multi_modal_projector.', flat),
    ...scoped(text, 'language_model.model.', flat),
    lmHead('language_model.lm_head', 'language_model.model.embed_tokens', flat),
    ...scoped(pixtral, 'model.vision_tower.', nested),
    ...scoped(projector, 'model.multi_modal_projector.', nested),
    ...scoped(text, 'model.language_model.', nested),
    lmHead('lm_head', 'model.language_model.embed_tokens', nested),
  ],
  heads: { causal_lm: HEAD, seq2seq_lm: HEAD },
  atRelease: (r: Mistral3Dims, release: TransformersRelease): Mistral3Dims => {
    if (!atLeast(release, SINCE[0], SINCE[1]))
      throw new UnsupportedModelError(`${HEAD.cls} first appeared in transformers ${SINCE.join('.')}`);
    if (r.ministral3 && !release.v5)
      throw new UnsupportedModelError(
        `a Mistral 3 config with a "ministral3" language model needs transformers 5.0 or later: ${MINISTRAL3_WHY}`,
      );
    return { ...r, layout: layoutOf(release), tie: release.v5 ? r.topTie : r.textTie };
  },
};
