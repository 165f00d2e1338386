// Catalog: Gemma 4 (model_type gemma4, Gemma4ForConditionalGeneration). Shape fields only, each value as
// the published config.json has it, read from the public copies named in readFrom. Each entry is pinned by
// its parameter total (test/unit/catalog-gemma4.test.ts), which equals the count of the released weights
// that public records give. Left out: the pretrained google/gemma-4-26B-A4B and google/gemma-4-31B (no
// public copy of their own config.json was found) and gemma-4-12B (model_type gemma4_unified, not modelled).
import type { CatalogEntry } from './types';

const hf = (id: string): string => `https://huggingface.co/${id}/blob/main/config.json`;

/** layer_types as the releases write them: every `every`-th layer full attention, the rest sliding. */
const layerTypes = (layers: number, every: number): string[] =>
  Array.from({ length: layers }, (_, i) => ((i + 1) % every === 0 ? 'full_attention' : 'sliding_attention'));

/** The vision tower of the 26B-A4B and 31B releases (one NaViT-style tower, no audio tower). */
const largeVision = {
  head_dim: 72,
  hidden_size: 1152,
  intermediate_size: 4304,
  model_type: 'gemma4_vision',
  num_attention_heads: 16,
  num_hidden_layers: 27,
  num_key_value_heads: 16,
  patch_size: 16,
  position_embedding_size: 10240,
};

function gemma4(text: Record<string, unknown>, vision: Record<string, unknown>, audio: unknown = null) {
  return {
    architectures: ['Gemma4ForConditionalGeneration'],
    audio_config: audio,
    model_type: 'gemma4',
    text_config: {
      global_head_dim: 512,
      head_dim: 256,
      model_type: 'gemma4_text',
      tie_word_embeddings: true,
      vocab_size: 262144,
      vocab_size_per_layer_input: 262144,
      ...text,
    },
    tie_word_embeddings: true,
    vision_config: vision,
  };
}

export const GEMMA4_MODELS: readonly CatalogEntry[] = [
  {
    id: 'google/gemma-4-E2B-it',
    aliases: ['gemma-4-e2b-it', 'gemma-4-e2b'],
    family: 'Gemma4',
    source: hf('google/gemma-4-E2B-it'),
    readFrom:
      'a public verbatim copy of the E2B config.json (text, vision and audio) in a Rust config-parser test; total 5,104,297,504 = the transformers 5.6.2 meta-model count a public training plan records for google/gemma-4-E2B-it@3e22461f',
    config: gemma4(
      {
        attention_k_eq_v: false,
        hidden_size: 1536,
        hidden_size_per_layer_input: 256,
        intermediate_size: 6144,
        layer_types: layerTypes(35, 5),
        num_attention_heads: 8,
        num_global_key_value_heads: null,
        num_hidden_layers: 35,
        num_key_value_heads: 1,
        num_kv_shared_layers: 20,
        use_double_wide_mlp: true,
      },
      {
        head_dim: 64,
        hidden_size: 768,
        intermediate_size: 3072,
        model_type: 'gemma4_vision',
        num_attention_heads: 12,
        num_hidden_layers: 16,
        num_key_value_heads: 12,
        patch_size: 16,
        position_embedding_size: 10240,
      },
      {
        conv_kernel_size: 5,
        hidden_size: 1024,
        model_type: 'gemma4_audio',
        num_attention_heads: 8,
        num_hidden_layers: 12,
        output_proj_dims: 1536,
        subsampling_conv_channels: [128, 32],
      },
    ),
  },
  {
    id: 'google/gemma-4-26B-A4B-it',
    aliases: ['gemma-4-26b-a4b-it', 'gemma-4-26b-a4b'],
    family: 'Gemma4',
    source: hf('google/gemma-4-26B-A4B-it'),
    readFrom:
      'text_config: a public verbatim copy of an NVFP4 re-quantization of gemma-4-26B-A4B-it (C++ test header); vision_config: public copies checked against the release; total 25,805,933,872 = total_parameters of the published model.safetensors.index.json',
    config: gemma4(
      {
        attention_k_eq_v: true,
        enable_moe_block: true,
        hidden_size: 2816,
        hidden_size_per_layer_input: 0,
        intermediate_size: 2112,
        layer_types: layerTypes(30, 6),
        moe_intermediate_size: 704,
        num_attention_heads: 16,
        num_experts: 128,
        num_global_key_value_heads: 2,
        num_hidden_layers: 30,
        num_key_value_heads: 8,
        num_kv_shared_layers: 0,
        top_k_experts: 8,
        use_double_wide_mlp: false,
      },
      largeVision,
    ),
  },
  {
    id: 'google/gemma-4-31B-it',
    aliases: ['gemma-4-31b-it', 'gemma-4-31b'],
    family: 'Gemma4',
    source: hf('google/gemma-4-31B-it'),
    readFrom:
      'text_config: a public verbatim copy of nvidia/Gemma-4-31B-IT-NVFP4 config.json @ 4135a98a (C++ test header); vision_config: public copies checked against the release; total 31,273,086,512 = the meta-model count a public training plan records for google/gemma-4-31B-it@842da379',
    config: gemma4(
      {
        attention_k_eq_v: true,
        enable_moe_block: false,
        hidden_size: 5376,
        hidden_size_per_layer_input: 0,
        intermediate_size: 21504,
        layer_types: layerTypes(60, 6),
        num_attention_heads: 32,
        num_global_key_value_heads: 4,
        num_hidden_layers: 60,
        num_key_value_heads: 16,
        num_kv_shared_layers: 0,
        use_double_wide_mlp: false,
      },
      largeVision,
    ),
  },
];
