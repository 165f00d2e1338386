// Llama 4 (Llama4ForConditionalGeneration: Scout, Maverick): a ViT with an unfold-linear patch embedding
// and a pixel-shuffle MLP adapter, a bias-free Linear projector, and a MoE text model. Shapes from
// transformers v4.57.6 models/llama4/modeling_llama4.py: Llama4TextExperts (:46-55) holds the experts
// as fused Parameters gate_up_proj [E, H, 2I] and down_proj [E, I, H] (so PEFT reaches them only through
// target_parameters); Llama4Router (:132-135) subclasses nn.Linear(H, E, bias=False); Llama4TextMoe
// (:147-155) = experts, router, shared_expert (MLP of intermediate_size); layers in config.moe_layers are
// MoE, the others a dense MLP of intermediate_size_mlp (:380-384); attention q/k/v/o with
// attention_bias over config.head_dim (:285, :297-308), qk_norm without weights (:97-110, :310);
// vision (:1004-1031): patch_embedding.linear (C*P*P -> h, no bias, :962-975), class_embedding and
// positional_embedding_vlm Parameters, layernorm_pre/post, model.layers with biased q/k/v/o (:773-776)
// and fc1/fc2 (:826-827), vision_adapter.mlp fc1 (intermediate -> projector_input_dim) and fc2
// (projector_output_dim^2), both bias-free (:682-683); projector linear_1 (vision_output_dim -> hidden,
// bias=False, :697-701); lm_head tied per text tie_word_embeddings (:569). Same module names from 4.51
// (the first release) through 5.x (v5.18.0 modeling_llama4.py:55-63, :141, :1154-1165), and PEFT 0.20
// has no v5 conversion for llama4 (transformers conversion_mapping.py _MODEL_TO_CONVERSION_PATTERN
// lacks it). Defaults: configuration_llama4.py (v4.57.6 :84-105, :292-385). Checked against real PEFT
// 0.20.0 on transformers 4.57.6 and 5.17.0 (test/data/oracle/local/vlm-llama4-*.json).
import { int, requirePositive, UnsupportedModelError } from '../config';
import { embedding, layerNorm, linear, rmsNorm } from '../tpl';
import type { Family, HfConfig, ModTpl, Part } from '../types';
import { atLeast } from '../../transformers-version';
import { attention, gatedMlp, norms, resolveLlamaLike, type LlamaDims } from './llama';
import { readVit, scoped, subConfig, textConfigOf, type VitDims } from './vlm-common';

interface Llama4Vision extends VitDims {
  projIn: number;
  projOut: number;
  out: number;
}

export interface Llama4Dims extends LlamaDims {
  v: Llama4Vision;
  moeLayers: readonly number[];
}

type T = ModTpl<Llama4Dims>;
const h = (r: Llama4Dims) => r.h;
const vh = (r: Llama4Dims) => r.v.h;
const E = (r: Llama4Dims) => r.experts;
const I = (r: Llama4Dims) => r.moeFf;
const moe = (r: Llama4Dims, i: number) => r.moeLayers.includes(i);
const dense = (r: Llama4Dims, i: number) => !moe(r, i);

const experts: T[] = [
  {
    name: 'feed_forward.experts.gate_up_proj',
    kind: 'Other',
    in: h,
    out: (r) => 2 * I(r),
    parameter: true,
    fused: E,
    when: moe,
    weight: (r) => r.experts * r.h * 2 * I(r),
    shape: (r) => [r.experts, r.h, 2 * I(r)],
  },
  {
    name: 'feed_forward.experts.down_proj',
    kind: 'Other',
    in: I,
    out: h,
    parameter: true,
    fused: E,
    when: moe,
    weight: (r) => r.experts * I(r) * r.h,
    shape: (r) => [r.experts, I(r), r.h],
  },
];

const textLayer: T[] = [
  ...attention('self_attn.'),
  ...experts,
  linear('feed_forward.router', h, E, false, { when: moe, cls: 'Llama4Router' }),
  ...gatedMlp('feed_forward.shared_expert.', (r) => r.moeFf).map((t): T => ({ ...t, when: moe })),
  ...gatedMlp('feed_forward.').map((t): T => ({ ...t, when: dense })),
  ...norms('input_layernorm', 'post_attention_layernorm'),
];

const visionLayer: T[] = [
  ...['q_proj', 'k_proj', 'v_proj', 'o_proj'].map((n) => linear(`self_attn.${n}`, vh, vh, true)),
  linear('mlp.fc1', vh, (r) => r.v.ff, true),
  linear('mlp.fc2', (r) => r.v.ff, vh, true),
  layerNorm('input_layernorm', vh),
  layerNorm('post_attention_layernorm', vh),
];

const visionModel: Part<Llama4Dims>[] = [
  linear('patch_embedding.linear', (r) => r.v.channels * r.v.patch * r.v.patch, vh),
  // class_embedding (h) and positional_embedding_vlm (patches x h) are Parameters of the vision model.
  { name: '', kind: 'Other', in: vh, out: vh, weight: () => 0, other: (r) => r.v.h * (1 + r.v.patches) },
  layerNorm('layernorm_pre', vh),
  layerNorm('layernorm_post', vh),
  { path: 'model.layers', count: (r: Llama4Dims) => r.v.L, modules: visionLayer },
  linear(
    'vision_adapter.mlp.fc1',
    (r) => r.v.ff,
    (r) => r.v.projIn,
  ),
  linear(
    'vision_adapter.mlp.fc2',
    (r) => r.v.projOut,
    (r) => r.v.projOut,
  ),
];

const textModel: Part<Llama4Dims>[] = [
  embedding<Llama4Dims>('embed_tokens', (r) => r.V, h),
  { path: 'layers', count: (r: Llama4Dims) => r.L, modules: textLayer },
  rmsNorm<Llama4Dims>('norm', h),
];

const always = () => true;
const backbone: Part<Llama4Dims>[] = [
  ...scoped(visionModel, 'vision_model.', always),
  linear('multi_modal_projector.linear_1', (r) => r.v.out, h),
  ...scoped(textModel, 'language_model.model.', always),
  linear<Llama4Dims>('language_model.lm_head', h, (r) => r.V, false, {
    tie: 'language_model.model.embed_tokens',
    tieWhen: (r) => r.tie,
    output: true,
  }),
];

function moeLayers(tc: HfConfig, L: number): number[] {
  if (Array.isArray(tc.moe_layers)) return tc.moe_layers.filter((x): x is number => typeof x === 'number');
  const step = int(tc, 'interleave_moe_layer_step', 1);
  requirePositive({ 'text_config.interleave_moe_layer_step': step });
  const out: number[] = [];
  for (let i = step - 1; i < L; i += step) out.push(i);
  return out;
}

function resolveVision(vc: HfConfig): Llama4Vision {
  return {
    ...readVit(vc, { h: 768, ff: 5632, L: 34, image: 448 }),
    projIn: int(vc, 'projector_input_dim', 4096),
    projOut: int(vc, 'projector_output_dim', 4096),
    out: int(vc, 'vision_output_dim', 7680),
  };
}

function resolveLlama4(cfg: HfConfig, numLabels: number): Llama4Dims {
  const tc = textConfigOf(cfg);
  const text = resolveLlamaLike(
    tc,
    { V: 202048, h: 5120, ff: 16384, L: 48, nh: 40, nkv: 8, hd: 128, tie: false, qkvBias: 'attention_bias' },
    numLabels,
  );
  return {
    ...text,
    ff: int(tc, 'intermediate_size_mlp', 16384),
    moeFf: int(tc, 'intermediate_size', 8192),
    experts: int(tc, 'num_local_experts', 16),
    v: resolveVision(subConfig(cfg, 'vision_config')),
    moeLayers: moeLayers(tc, text.L),
  };
}

const HEAD = { cls: 'Llama4ForConditionalGeneration', prefix: '' };
export const LLAMA4: Family<Llama4Dims> = {
  types: ['llama4'],
  resolve: resolveLlama4,
  // Llama4Config always builds Llama4TextConfig (v4.57.6 configuration_llama4.py:260).
  textType: () => 'llama4_text',
  backbone,
  heads: { causal_lm: HEAD, seq2seq_lm: HEAD },
  atRelease: (r, release) => {
    if (!atLeast(release, 4, 51))
      throw new UnsupportedModelError(`${HEAD.cls} first appeared in transformers 4.51`);
    return r;
  },
};
