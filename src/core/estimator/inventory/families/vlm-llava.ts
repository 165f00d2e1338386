// LLaVA (1.5: LlavaForConditionalGeneration) and Gemma 3 multimodal (Gemma3ForConditionalGeneration):
// a CLIP / SigLIP tower, a projector and a decoder. Shapes from transformers' modeling_llava.py
// (LlavaMultiModalProjector: linear_1 = Linear(vision hidden * feature layers, text hidden,
// bias=multimodal_projector_bias), linear_2 = Linear(text hidden, text hidden)) and modeling_gemma3.py
// (Gemma3MultiModalProjector: mm_input_projection_weight Parameter(vision hidden, text hidden) and
// mm_soft_emb_norm RMSNorm(vision hidden); lm_head tied to embed_tokens per tie_word_embeddings).
// Names: 4.47-4.51 `vision_tower.vision_model.*`, `multi_modal_projector.*`, `language_model.model.*`,
// `language_model.lm_head`; 4.52-4.57 `model.vision_tower.vision_model.*`, `model.multi_modal_projector.*`,
// `model.language_model.*`, `lm_head`; 5.x `model.vision_tower.*` (no `vision_model`), the rest as 4.52
// (reference/transformers-versions.md, observed with PEFT 0.20.0 on 4.57.6 and 5.12.1). Counts equal real PEFT
// on 4.57.6 and 5.17.0 (test/data/oracle/local/llava-*, vlm-llava-*, vlm-gemma3-*).
import { bool, UnsupportedModelError } from '../config';
import { linear, rmsNorm } from '../tpl';
import type { Family, HfConfig, ModTpl, Part } from '../types';
import { GEMMA3_TEXT, LLAMA, MISTRAL, QWEN2, type LlamaDims } from './llama';
import { atLeast, type TransformersRelease } from '../../transformers-version';
import { layoutOf, scoped, subConfig, textConfigOf } from './vlm-common';
import { resolveTower, towerParts, type TowerDims } from './vlm-towers';

export interface LlavaDims extends TowerDims {
  /** The tower's output width entering the projector (hidden size x feature layers). */
  projIn: number;
  projBias: boolean;
  v5: boolean;
}

type T = ModTpl<LlavaDims>;
const h = (r: LlavaDims) => r.h;
const flat = (r: LlavaDims) => r.layout === 'flat';
const nested = (r: LlavaDims) => r.layout === 'nested' && !r.v5;
const v5 = (r: LlavaDims) => r.v5;

/** The decoder parts every text family here shares (embed_tokens, layers, norm), driven by the dims. */
export function textParts(fam: Family<LlamaDims>): Part<LlavaDims>[] {
  return fam.backbone as unknown as Part<LlavaDims>[];
}

function lmHead(embed: string, when: (r: LlavaDims) => boolean, name = 'lm_head'): T {
  return linear<LlavaDims>(name, h, (r) => r.V, false, {
    tie: embed,
    tieWhen: (r) => r.tie,
    output: true,
    when,
  });
}

/** Vision tower, projector and decoder in each release's names. */
export function composite(projector: Part<LlavaDims>[], text: Part<LlavaDims>[]): Part<LlavaDims>[] {
  const tower = towerParts as unknown as Part<LlavaDims>[];
  return [
    ...scoped(tower, 'vision_tower.vision_model.', flat),
    ...scoped(projector, 'multi_modal_projector.', flat),
    ...scoped(text, 'language_model.model.', flat),
    lmHead('language_model.model.embed_tokens', flat, 'language_model.lm_head'),
    ...scoped(tower, 'model.vision_tower.vision_model.', nested),
    ...scoped(tower, 'model.vision_tower.', v5),
    ...scoped(projector, 'model.multi_modal_projector.', (r) => !flat(r)),
    ...scoped(text, 'model.language_model.', (r) => !flat(r)),
    lmHead('model.language_model.embed_tokens', (r) => !flat(r)),
  ];
}

export function atRelease<R extends LlavaDims>(since: [number, number], cls: string) {
  return (r: R, release: TransformersRelease): R => {
    if (!atLeast(release, since[0], since[1]))
      throw new UnsupportedModelError(`${cls} first appeared in transformers ${since.join('.')}`);
    return { ...r, layout: layoutOf(release), v5: release.v5 };
  };
}

export const UNVERIFIED =
  'is not in the PEFT oracle: vision tower, projector and language model read from transformers source' +
  ' (on 5.x the tower is assumed to keep its 4.x modules under its new name)';

// --- LLaVA 1.5 ----------------------------------------------------------------------------------

const TEXT_FAMILIES: Record<string, Family<LlamaDims>> = { llama: LLAMA, mistral: MISTRAL, qwen2: QWEN2 };

function featureLayers(cfg: HfConfig): number {
  const v = cfg.vision_feature_layer;
  return Array.isArray(v) ? v.length : 1;
}

/** LlavaConfig builds CONFIG_MAPPING[text_config.model_type], "llama" when absent (v4.57.6 configuration_llava.py:126-129). */
export function llavaTextType(cfg: HfConfig): string {
  const tc = textConfigOf(cfg);
  return typeof tc.model_type === 'string' ? tc.model_type : 'llama';
}

export function resolveLlava(cfg: HfConfig, numLabels: number): LlavaDims {
  const tc = textConfigOf(cfg);
  const textType = llavaTextType(cfg);
  const fam = TEXT_FAMILIES[textType];
  if (!fam)
    throw new UnsupportedModelError(
      `LLaVA with a "${textType}" language model is not modelled (llama, mistral, qwen2 are)`,
    );
  const vt = resolveTower(subConfig(cfg, 'vision_config'), 'clip_vision_model');
  const r = fam.resolve(tc, numLabels);
  return {
    ...r,
    layout: 'nested',
    v5: true,
    vt,
    projIn: vt.h * featureLayers(cfg),
    projBias: bool(cfg, 'multimodal_projector_bias', true),
  };
}

export const llavaProjector: Part<LlavaDims>[] = [
  linear<LlavaDims>(
    'linear_1',
    (r) => r.projIn,
    h,
    (r) => r.projBias,
  ),
  linear<LlavaDims>('linear_2', h, h, (r) => r.projBias),
];

const LLAVA_HEAD = { cls: 'LlavaForConditionalGeneration', prefix: '' };
export const LLAVA: Family<LlavaDims> = {
  types: ['llava'],
  resolve: resolveLlava,
  backbone: composite(llavaProjector, textParts(LLAMA)),
  heads: { causal_lm: LLAVA_HEAD, seq2seq_lm: LLAVA_HEAD },
  atRelease: atRelease([4, 47], LLAVA_HEAD.cls),
  textType: llavaTextType,
};

// --- Gemma 3 multimodal ---------------------------------------------------------------------------

function resolveGemma3(cfg: HfConfig, numLabels: number): LlavaDims {
  const vt = resolveTower(subConfig(cfg, 'vision_config'), 'siglip_vision_model');
  const r = GEMMA3_TEXT.resolve(textConfigOf(cfg), numLabels);
  return { ...r, layout: 'nested', v5: true, vt, projIn: vt.h, projBias: false };
}

const gemma3Projector: Part<LlavaDims>[] = [
  // mm_input_projection_weight is a direct Parameter (vision hidden x text hidden) of the projector.
  { name: '', kind: 'Other', in: (r) => r.vt.h, out: h, weight: () => 0, other: (r) => r.vt.h * r.h },
  rmsNorm<LlavaDims>('mm_soft_emb_norm', (r) => r.vt.h),
];

const GEMMA3_HEAD = { cls: 'Gemma3ForConditionalGeneration', prefix: '' };
export const GEMMA3: Family<LlavaDims> = {
  types: ['gemma3'],
  resolve: resolveGemma3,
  backbone: composite(gemma3Projector, textParts(GEMMA3_TEXT)),
  heads: { causal_lm: GEMMA3_HEAD, seq2seq_lm: GEMMA3_HEAD },
  atRelease: atRelease([4, 50], GEMMA3_HEAD.cls),
  // Gemma3Config always builds Gemma3TextConfig (v4.57.6 configuration_gemma3.py:317-321).
  textType: () => 'gemma3_text',
};
