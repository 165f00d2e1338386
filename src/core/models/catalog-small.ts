// Catalog: small models people fine-tune on one GPU (SmolLM2, Qwen2.5-0.5B). Values copied from a public
// copy of each published config.json named in `readFrom`; fields not seen there are left out rather than
// guessed, and token ids are left out as in the other catalog files.
import type { CatalogEntry } from './types';

const hf = (id: string): string => `https://huggingface.co/${id}/blob/main/config.json`;

const smollm2 = (hidden: number, inter: number, layers: number, heads: number, kv: number) => ({
  architectures: ['LlamaForCausalLM'],
  model_type: 'llama',
  attention_bias: false,
  hidden_act: 'silu',
  hidden_size: hidden,
  intermediate_size: inter,
  max_position_embeddings: 8192,
  mlp_bias: false,
  num_attention_heads: heads,
  num_hidden_layers: layers,
  num_key_value_heads: kv,
  rms_norm_eps: 1e-5,
  rope_theta: 100000,
  tie_word_embeddings: true,
  vocab_size: 49152,
});

export const SMALL_MODELS: readonly CatalogEntry[] = [
  {
    id: 'HuggingFaceTB/SmolLM2-135M',
    aliases: ['smollm2-135m'],
    family: 'SmolLM2',
    source: hf('HuggingFaceTB/SmolLM2-135M'),
    readFrom:
      'mlc-ai/mlc-llm model_preset.py preset "smollm2_135m" (verbatim config.json); a public SmolLM2-135M port quoting the same fields from the published config.json',
    config: smollm2(576, 1536, 30, 9, 3),
  },
  {
    id: 'HuggingFaceTB/SmolLM2-360M',
    aliases: ['smollm2-360m'],
    family: 'SmolLM2',
    source: hf('HuggingFaceTB/SmolLM2-360M'),
    readFrom:
      'mlc-ai/mlc-llm model_preset.py preset "smollm2_360m" (verbatim config.json); a public printout of HuggingFaceTB/SmolLM2-360M (hidden 960, intermediate 2560, 32 layers, 15 heads, tied, vocab 49,152, 361,821,120 parameters)',
    config: smollm2(960, 2560, 32, 15, 5),
  },
  {
    id: 'HuggingFaceTB/SmolLM2-1.7B',
    aliases: ['smollm2-1.7b'],
    family: 'SmolLM2',
    source: hf('HuggingFaceTB/SmolLM2-1.7B'),
    readFrom:
      'mlc-ai/mlc-llm model_preset.py preset "smollm2_1_7b" (verbatim config.json); the shape fields agree with Sakalti/hamachi-1.7B config.json, which names HuggingFaceTB/SmolLM2-1.7B in _name_or_path',
    config: { ...smollm2(2048, 8192, 24, 32, 32), rope_theta: 130000 },
  },
  {
    id: 'Qwen/Qwen2.5-0.5B',
    aliases: ['qwen2.5-0.5b'],
    family: 'Qwen2.5',
    source: hf('Qwen/Qwen2.5-0.5B'),
    readFrom:
      'config.json of osllmai-community/Qwen2.5-0.5B and artificialguybr/QWEN-2.5-0.5B-Synthia-I on the Hub, which name Qwen/Qwen2.5-0.5B in _name_or_path',
    config: {
      architectures: ['Qwen2ForCausalLM'],
      model_type: 'qwen2',
      hidden_act: 'silu',
      hidden_size: 896,
      intermediate_size: 4864,
      max_position_embeddings: 32768,
      max_window_layers: 24,
      num_attention_heads: 14,
      num_hidden_layers: 24,
      num_key_value_heads: 2,
      rms_norm_eps: 1e-6,
      rope_theta: 1000000.0,
      sliding_window: null,
      tie_word_embeddings: true,
      use_sliding_window: false,
      vocab_size: 151936,
    },
  },
];
