// Catalog: dense decoders of model types added with families/dense.ts and families/mpt.ts (StableLM 2, Arcee
// AFM, MPT), read as catalog-more.ts reads its entries: each value from the public copy named in `readFrom`,
// fields not seen there left to the config class default. OLMo-3, Nemotron-Mini and HunYuan-0.5B have no
// citable config.json copy here and are left out (the README's model list says so).
import type { CatalogEntry, CatalogVariant } from './types';

const hf = (id: string): string => `https://huggingface.co/${id}/blob/main/config.json`;

export const DENSE_MODELS: readonly CatalogEntry[] = [
  {
    id: 'stabilityai/stablelm-2-zephyr-1_6b',
    aliases: ['stablelm-2-zephyr-1_6b', 'stablelm-2-zephyr-1.6b'],
    family: 'StableLM 2',
    source: hf('stabilityai/stablelm-2-zephyr-1_6b'),
    readFrom:
      'mlc-ai/mlc-llm python/mlc_llm/model/model_preset.py preset "stablelm-2-zephyr-1_6b" (a verbatim config.json: StableLmForCausalLM, transformers_version 4.38.0)',
    config: {
      architectures: ['StableLmForCausalLM'],
      model_type: 'stablelm',
      hidden_act: 'silu',
      hidden_size: 2048,
      intermediate_size: 5632,
      layer_norm_eps: 1e-5,
      max_position_embeddings: 4096,
      num_attention_heads: 32,
      num_hidden_layers: 24,
      num_key_value_heads: 32,
      partial_rotary_factor: 0.25,
      rope_theta: 10000,
      tie_word_embeddings: false,
      use_qkv_bias: true,
      vocab_size: 100352,
    },
  },
  {
    id: 'arcee-ai/AFM-4.5B',
    aliases: ['afm-4.5b', 'arcee-afm-4.5b'],
    family: 'Arcee AFM',
    source: hf('arcee-ai/AFM-4.5B'),
    readFrom:
      'a public AWS Neuron port of Arcee (NeuronArceeForCausalLM, "Arcee AFM-4.5B causal LM application head"), whose usage example loads "config from HF config.json dict": hidden 2560, 20 heads, 4 key/value heads, head_dim 128, 36 layers, intermediate 18432, vocab 128004, relu2, no attention or MLP bias, untied',
    config: {
      architectures: ['ArceeForCausalLM'],
      model_type: 'arcee',
      attention_bias: false,
      head_dim: 128,
      hidden_act: 'relu2',
      hidden_size: 2560,
      intermediate_size: 18432,
      max_position_embeddings: 65536,
      mlp_bias: false,
      num_attention_heads: 20,
      num_hidden_layers: 36,
      num_key_value_heads: 4,
      rms_norm_eps: 1e-5,
      rope_theta: 10000.0,
      tie_word_embeddings: false,
      vocab_size: 128004,
    },
  },
  {
    id: 'mosaicml/mpt-7b-instruct',
    aliases: ['mpt-7b-instruct'],
    family: 'MPT',
    source: hf('mosaicml/mpt-7b-instruct'),
    readFrom:
      'a public TVM Relax port\'s notes on MPT-7b-instruct quoting "the original config for the model" (MPTForCausalLM, d_model 4096, 32 heads, 32 layers, expansion_ratio 4, vocab 50432, no_bias, transformers_version 4.28.1); no tie_word_embeddings field, so the tied default applies',
    config: {
      architectures: ['MPTForCausalLM'],
      model_type: 'mpt',
      d_model: 4096,
      expansion_ratio: 4,
      max_seq_len: 2048,
      n_heads: 32,
      n_layers: 32,
      no_bias: true,
      vocab_size: 50432,
    },
  },
];

/** Same-architecture repos of entries in other catalog files, read as catalog-variants.ts reads its own. */
export const DENSE_VARIANTS: readonly CatalogVariant[] = [
  {
    id: 'TinyLlama/TinyLlama_v1.1',
    base: 'TinyLlama/TinyLlama-1.1B-intermediate-step-1431k-3T',
    names: ['tinyllama_v1.1', 'tinyllama-v1.1'],
    readFrom:
      'connorcarpenter15/dynamo lib/llm/tests/data/sample-models/TinyLlama_v1.1/config.json (a copy of its config.json: hidden 2048, intermediate 5632, 22 layers, 32 heads, 4 key/value heads, vocab 32000, untied)',
    differs: 'max_position_embeddings (262144 in that copy)',
  },
];
