// Ministral 3 text model (model_type "ministral3": Ministral3ForCausalLM, and the language model of Mistral 3
// configs on transformers 5.x). Mistral's module tree (v5.17.0 modeling_ministral3.py:111-126 q/k/v/o
// without bias, :176-184 gate/up/down, :213-220 two RMSNorms a layer, :331-341 embed_tokens, layers,
// norm, :415 lm_head) with Ministral3Config's own defaults. transformers 4.x has no models/ministral3: it
// came with 5.0 (pufanyi/Megatron-Bridge docs/models/vlm/ministral3.md asks for transformers 5.0.0rc0
// "to use the Ministral 3 models"; transformers documents it from v5.0.0rc1, model_doc/ministral3.md).
import { UnsupportedModelError } from '../config';
import type { Family } from '../types';
import { attention, gatedMlp, llamaLike, norms, type LlamaDims, type LlamaLikeDefaults } from './llama';

/** Ministral3Config defaults (v5.17.0 configuration_ministral3.py:74-89). */
export const MINISTRAL3_DEFAULTS: LlamaLikeDefaults = {
  V: 131072,
  h: 4096,
  ff: 14336,
  L: 34,
  nh: 32,
  nkv: 8,
  hd: 128,
  tie: false,
  qkvBias: false,
};

export const MINISTRAL3_WHY =
  'Ministral3Model first appeared in transformers 5.0 (4.x has no models/ministral3)';

const base = llamaLike(['ministral3'], MINISTRAL3_DEFAULTS, 'Ministral3', [
  ...attention('self_attn.'),
  ...gatedMlp('mlp.'),
  ...norms('input_layernorm', 'post_attention_layernorm'),
]);

export const MINISTRAL3: Family<LlamaDims> = {
  ...base,
  atRelease: (r, release) => {
    if (!release.v5) throw new UnsupportedModelError(MINISTRAL3_WHY);
    return r;
  },
};
