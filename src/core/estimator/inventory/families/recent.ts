// Llama-tree decoders that transformers added after 4.47, the oldest layout modelled: a release before the
// first one that ships the model_type is refused, naming that release, rather than counted.
import type { Family } from '../types';
import { requireRelease } from './common';
import { attention, gatedMlp, llamaLike, norms, type LlamaDims } from './llama';

/** The family, refused on releases before `first` ('4.53.0'), where transformers has no such model_type. */
export function sinceRelease(family: Family<LlamaDims>, first: string, where: string): Family<LlamaDims> {
  const [major, minor] = first.split('.').map(Number);
  const check = requireRelease(family.types[0], [major, minor], where);
  return {
    ...family,
    atRelease: (r, release) => {
      check(release);
      return r;
    },
  };
}

/**
 * SmolLM3 (transformers v5.17.0 models/smollm3/modeling_smollm3.py:174-300, :350-360, :435-517; the same
 * tree in 4.57.6): Llama's attention (o_proj biased by attention_bias too) and gated MLP; NoPE layers change
 * only the rotary use, not the modules. Defaults: configuration_smollm3.py:72-95. QA and token heads are the
 * Generic* classes, which keep the backbone under `model` (modeling_layers.py base_model_prefix).
 */
export const SMOLLM3 = sinceRelease(
  llamaLike(
    ['smollm3'],
    {
      V: 128256,
      h: 2048,
      ff: 11008,
      L: 36,
      nh: 16,
      nkv: 4,
      tie: true,
      qkvBias: 'attention_bias',
      mlpBiasField: true,
    },
    'SmolLM3',
    [
      ...attention('self_attn.'),
      ...gatedMlp('mlp.'),
      ...norms('input_layernorm', 'post_attention_layernorm'),
    ],
    { qa: 'model.' },
  ),
  '4.53.0',
  'transformers docs/source/en/model_doc/smollm3.md: "SmolLM3 requires Transformers>=4.53.0"',
);
