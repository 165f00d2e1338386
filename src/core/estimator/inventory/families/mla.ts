// Multi-head latent attention decoders besides DeepSeek-V3 (families/deepseek.ts), built from the same
// layer with their own config defaults:
// - DeepSeek-V2 / V2-Lite / V2.5 (deepseek_v2; transformers >= 4.54: its model_doc says added 2025-07-09,
//   after 4.53; 4.57.6 and 5.17.0 read here):
//   DeepseekV2Config defaults (v5.17.0 models/deepseek_v2/configuration_deepseek_v2.py:76-120), MLP
//   biases from mlp_bias (modeling_deepseek_v2.py:146-148), no shared experts when n_shared_experts is
//   null in 4.x (v4.57.6 modeling_deepseek_v2.py:110).
// - GLM-4.7-Flash (glm4_moe_lite; transformers >= 5.0: transformers PR #43031, model_doc added
//   2026-01-13): Glm4MoeLiteConfig defaults (v5.17.0 configuration_glm4_moe_lite.py:83-116); which layers are MoE comes from mlp_layer_types, by default
//   every layer but the first (:118-121), not from first_k_dense_replace (modeling_glm4_moe_lite.py:518).
import { atLeast, type TransformersRelease } from '../../transformers-version';
import { UnsupportedModelError } from '../config';
import type { BaseDims, Family, HfConfig, HeadKind, HeadSpec } from '../types';
import { decoderHeads } from './common';
import {
  firstDenseSparse,
  mlaLayer,
  moeBackbone,
  resolveMla,
  type DeepseekDims,
  type MlaDefaults,
} from './deepseek';

/** Refuses a release older than the first one with this model type. */
export function since<R>(major: number, minor: number, what: string) {
  return (r: R, release: TransformersRelease): R => {
    if (!atLeast(release, major, minor))
      throw new UnsupportedModelError(
        `${what} first appeared in transformers ${major}.${minor}; transformers ${release.version} does not have it`,
      );
    return r;
  };
}

/** Only the heads a family's modeling file defines (e.g. CausalLM + bare model). */
export function onlyHeads<R extends BaseDims>(
  cls: string,
  kinds: HeadKind[],
): Partial<Record<HeadKind, HeadSpec<R>>> {
  const all = decoderHeads<R>(cls, 'embed_tokens');
  return Object.fromEntries(kinds.map((k) => [k, all[k]])) as Partial<Record<HeadKind, HeadSpec<R>>>;
}

const V2: MlaDefaults = {
  base: {
    V: 102400,
    h: 4096,
    ff: 11008,
    L: 32,
    nh: 32,
    tie: false,
    qkvBias: 'attention_bias',
    mlpBiasField: true,
    experts: { count: ['n_routed_experts'], dflt: 64, ffKey: 'moe_intermediate_size', ffDflt: 1407 },
  },
  qLora: 1536,
  kvLora: 512,
  rope: 64,
  nope: 128,
  v: 128,
  shared: 2,
  sparse: (cfg, L) => firstDenseSparse(cfg, L, 0),
};

/** DeepSeek-V2: ForCausalLM, ForSequenceClassification and the bare model in 4.57.6 and 5.17.0. */
export const DEEPSEEK_V2: Family<DeepseekDims> = {
  types: ['deepseek_v2'],
  resolve: (cfg, n) => resolveMla(cfg, V2, n),
  backbone: moeBackbone(mlaLayer),
  heads: onlyHeads('DeepseekV2', ['causal_lm', 'seq_cls', 'base']),
  atRelease: since(4, 54, 'DeepseekV2ForCausalLM (model_type deepseek_v2)'),
};

function liteSparse(cfg: HfConfig, L: number): boolean[] {
  const types = cfg.mlp_layer_types;
  if (Array.isArray(types)) return Array.from({ length: L }, (_, i) => types[i] === 'sparse');
  return Array.from({ length: L }, (_, i) => i > 0);
}

const LITE: MlaDefaults = {
  base: {
    V: 154880,
    h: 2048,
    ff: 10240,
    L: 47,
    nh: 20,
    nkv: 20,
    tie: false,
    qkvBias: 'attention_bias',
    experts: { count: ['n_routed_experts'], dflt: 64, ffKey: 'moe_intermediate_size', ffDflt: 1536 },
  },
  qLora: 768,
  kvLora: 512,
  rope: 64,
  nope: 192,
  v: 256,
  shared: 1,
  sparse: liteSparse,
};

/** GLM-4.7-Flash: Glm4MoeLiteForCausalLM and the bare model only (v5.17.0 modeling_glm4_moe_lite.py). */
export const GLM4_MOE_LITE: Family<DeepseekDims> = {
  types: ['glm4_moe_lite'],
  resolve: (cfg, n) => resolveMla(cfg, LITE, n),
  backbone: moeBackbone(mlaLayer),
  heads: onlyHeads('Glm4MoeLite', ['causal_lm', 'base']),
  atRelease: since(5, 0, 'Glm4MoeLiteForCausalLM (model_type glm4_moe_lite)'),
};
