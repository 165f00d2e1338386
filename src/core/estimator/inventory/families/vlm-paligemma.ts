// PaliGemma (PaliGemmaForConditionalGeneration) and LLaVA-NeXT (LlavaNextForConditionalGeneration): a
// CLIP / SigLIP tower, a projector and a decoder, in LLaVA's per-release names (vlm-llava.ts composite).
// Shapes read from transformers v4.57.6:
// - modeling_paligemma.py:89-92 PaliGemmaMultiModalProjector: linear = Linear(vision hidden,
//   vision_config.projection_dim, bias=True); configuration_paligemma.py:124 copies the top-level
//   projection_dim (default 2048, :84) into vision_config; the text model is AutoModel.from_config
//   (text_config model_type gemma, or gemma2 for PaliGemma 2), lm_head tied per tie_word_embeddings
//   (Gemma's default True; PaliGemmaConfig's own default True on 5.x, configuration_paligemma.py:60).
// - modeling_llava_next.py:198-216 LlavaNextMultiModalProjector (LLaVA's linear_1/linear_2) and :263
//   image_newline = Parameter(text hidden) on LlavaNextModel (4.47-4.51: on the task model itself, the
//   convert script maps `language_model.model.image_newline` to `image_newline`).
// Both checked against real PEFT 0.20.0 on transformers 4.57.6 and 5.17.0 (test/data/oracle/local/
// vlm-paligemma-*.json, vlm-llava-next-*.json); the 4.47-4.51 names are read from source.
import { UnsupportedModelError } from '../config';
import { linear } from '../tpl';
import type { Family, HfConfig, Part } from '../types';
import { GEMMA, GEMMA2, LLAMA } from './llama';
import { scoped, subConfig, textConfigOf } from './vlm-common';
import { resolveTower } from './vlm-towers';
import {
  atRelease,
  composite,
  llavaProjector,
  llavaTextType,
  resolveLlava,
  textParts,
  type LlavaDims,
} from './vlm-llava';

// --- PaliGemma ---------------------------------------------------------------------------------------

interface PaliDims extends LlavaDims {
  gemma2: boolean;
  projOut: number;
}

const PALI_TEXT = { gemma: GEMMA, gemma2: GEMMA2 } as const;

/** The tower PaliGemmaConfig builds when config.json has no vision_config (configuration_paligemma.py:97-106). */
const PALI_VISION: HfConfig = {
  intermediate_size: 4096,
  hidden_size: 1152,
  patch_size: 14,
  image_size: 224,
  num_hidden_layers: 27,
  num_attention_heads: 16,
  vision_use_head: false,
};

/** PaliGemmaConfig's text model type, "gemma" when text_config names none. */
function paliTextType(cfg: HfConfig): string {
  const tc = textConfigOf(cfg);
  return typeof tc.model_type === 'string' ? tc.model_type : 'gemma';
}

function resolvePaliGemma(cfg: HfConfig, numLabels: number): PaliDims {
  const tc = textConfigOf(cfg);
  const type = paliTextType(cfg);
  if (type !== 'gemma' && type !== 'gemma2')
    throw new UnsupportedModelError(
      `PaliGemma with a "${type}" language model is not modelled (gemma, gemma2 are)`,
    );
  const vt = resolveTower(
    cfg.vision_config ? subConfig(cfg, 'vision_config') : PALI_VISION,
    'siglip_vision_model',
  );
  const r = PALI_TEXT[type].resolve(tc, numLabels);
  const projOut = typeof cfg.projection_dim === 'number' ? cfg.projection_dim : 2048;
  return {
    ...r,
    layout: 'nested',
    v5: true,
    vt,
    projIn: vt.h,
    projBias: true,
    gemma2: type === 'gemma2',
    projOut,
  };
}

const paliProjector: Part<PaliDims>[] = [
  linear<PaliDims>(
    'linear',
    (r) => r.vt.h,
    (r) => r.projOut,
    true,
  ),
];

const paliText: Part<PaliDims>[] = [
  ...scoped(textParts(GEMMA) as Part<PaliDims>[], '', (r) => !r.gemma2),
  ...scoped(textParts(GEMMA2) as Part<PaliDims>[], '', (r) => r.gemma2),
];

const PALI_HEAD = { cls: 'PaliGemmaForConditionalGeneration', prefix: '' };
export const PALIGEMMA: Family<PaliDims> = {
  types: ['paligemma'],
  resolve: resolvePaliGemma,
  textType: paliTextType,
  backbone: composite(paliProjector as Part<LlavaDims>[], paliText as Part<LlavaDims>[]) as Part<PaliDims>[],
  heads: { causal_lm: PALI_HEAD, seq2seq_lm: PALI_HEAD },
  atRelease: atRelease<PaliDims>([4, 41], PALI_HEAD.cls),
};

// --- LLaVA-NeXT --------------------------------------------------------------------------------------

const newline = (r: LlavaDims) => r.h;
/** image_newline: a bare Parameter of the task model (4.47-4.51) or of LlavaNextModel (>= 4.52). */
const imageNewline: Part<LlavaDims>[] = [
  {
    name: 'image_newline',
    kind: 'Other',
    in: newline,
    out: newline,
    weight: () => 0,
    other: newline,
    parameter: true,
    when: (r: LlavaDims) => r.layout === 'flat',
  },
  ...scoped<LlavaDims>(
    [{ name: '', kind: 'Other', in: newline, out: newline, weight: () => 0, other: newline }],
    'model.',
    (r: LlavaDims) => r.layout === 'nested',
  ),
];

/** The tower LlavaNextConfig builds when config.json has no vision_config (configuration_llava_next.py:125-135). */
const NEXT_VISION: HfConfig = {
  intermediate_size: 4096,
  hidden_size: 1024,
  patch_size: 14,
  image_size: 336,
  num_hidden_layers: 24,
  num_attention_heads: 16,
};

const NEXT_HEAD = { cls: 'LlavaNextForConditionalGeneration', prefix: '' };
export const LLAVA_NEXT: Family<LlavaDims> = {
  types: ['llava_next'],
  // The text families and the projector are LLaVA's; only image_newline is added.
  textType: llavaTextType,
  resolve: (cfg, n) => resolveLlava(cfg.vision_config ? cfg : { ...cfg, vision_config: NEXT_VISION }, n),
  backbone: [...composite(llavaProjector, textParts(LLAMA)), ...imageNewline],
  heads: { causal_lm: NEXT_HEAD, seq2seq_lm: NEXT_HEAD },
  atRelease: atRelease([4, 39], NEXT_HEAD.cls),
};
