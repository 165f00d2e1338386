// Catalog: Llama 3.2 Vision (mllama) and Llama 4 (llama4) vision-language models. Shape fields only,
// each value as the published config.json has it. Every entry is pinned by the parameter total the
// Hugging Face Hub reports for its safetensors (test/unit/catalog-vlm-llama.test.ts), so a wrong shape
// field would show. The base repos (no -Instruct) publish the same architecture and are aliases.
import type { CatalogEntry } from './types';

const hf = (id: string): string => `https://huggingface.co/${id}/blob/main/config.json`;

const LLAMA4_VISION = {
  hidden_size: 1408,
  image_size: 336,
  intermediate_size: 5632,
  model_type: 'llama4_vision_model',
  multi_modal_projector_bias: false,
  num_attention_heads: 16,
  num_channels: 3,
  num_hidden_layers: 34,
  patch_size: 14,
  pixel_shuffle_ratio: 0.5,
  projector_input_dim: 4096,
  projector_output_dim: 4096,
  vision_output_dim: 4096,
};

function llama4(experts: number, step: number) {
  return {
    architectures: ['Llama4ForConditionalGeneration'],
    model_type: 'llama4',
    text_config: {
      attention_bias: false,
      head_dim: 128,
      hidden_size: 5120,
      interleave_moe_layer_step: step,
      intermediate_size: 8192,
      intermediate_size_mlp: 16384,
      model_type: 'llama4_text',
      num_attention_heads: 40,
      num_hidden_layers: 48,
      num_key_value_heads: 8,
      num_local_experts: experts,
      vocab_size: 202048,
    },
    tie_word_embeddings: false,
    vision_config: LLAMA4_VISION,
  };
}

export const VLM_LLAMA_MODELS: readonly CatalogEntry[] = [
  {
    id: 'meta-llama/Llama-3.2-11B-Vision-Instruct',
    aliases: [
      'llama-3.2-11b-vision-instruct',
      'llama-3.2-11b-vision',
      'meta-llama/Llama-3.2-11B-Vision',
      'llama3.2-11b-vision',
    ],
    family: 'Llama 3.2 Vision',
    source: hf('meta-llama/Llama-3.2-11B-Vision-Instruct'),
    readFrom:
      'vision_config as a public llama.cpp porting note prints the published file; text_config as public test copies of Llama-3.2-11B-Vision give it (cross_attention_layers confirmed by a script reading the checkpoint; rope_scaling and rope_theta as public verbatim text_config copies print them, the constants of convert_mllama_weights_to_hf.py in transformers); total 10,670,220,835 (Hub safetensors metadata, as a public benchmark script lists it)',
    config: {
      architectures: ['MllamaForConditionalGeneration'],
      model_type: 'mllama',
      text_config: {
        cross_attention_layers: [3, 8, 13, 18, 23, 28, 33, 38],
        hidden_size: 4096,
        intermediate_size: 14336,
        model_type: 'mllama_text_model',
        num_attention_heads: 32,
        num_hidden_layers: 40,
        num_key_value_heads: 8,
        // transformers 4.x MllamaRotaryEmbedding reads rope_scaling['rope_type'] (v4.57.6
        // modeling_mllama.py:731): the conversion script's constant (convert_mllama_weights_to_hf.py).
        rope_scaling: {
          factor: 8.0,
          high_freq_factor: 4.0,
          low_freq_factor: 1.0,
          original_max_position_embeddings: 8192,
          rope_type: 'llama3',
        },
        rope_theta: 500000.0,
        tie_word_embeddings: false,
        vocab_size: 128256,
      },
      vision_config: {
        attention_heads: 16,
        hidden_size: 1280,
        image_size: 560,
        intermediate_size: 5120,
        max_num_tiles: 4,
        model_type: 'mllama_vision_model',
        num_channels: 3,
        num_global_layers: 8,
        num_hidden_layers: 32,
        patch_size: 14,
        supported_aspect_ratios: [
          [1, 1],
          [1, 2],
          [1, 3],
          [1, 4],
          [2, 1],
          [2, 2],
          [3, 1],
          [4, 1],
        ],
        vision_output_dim: 7680,
      },
    },
  },
  {
    id: 'meta-llama/Llama-4-Scout-17B-16E-Instruct',
    aliases: [
      'llama-4-scout-17b-16e-instruct',
      'llama-4-scout-17b-16e',
      'llama-4-scout',
      'meta-llama/Llama-4-Scout-17B-16E',
    ],
    family: 'Llama 4',
    source: hf('meta-llama/Llama-4-Scout-17B-16E-Instruct'),
    readFrom:
      'a public printout of the Llama-4-Scout-17B-16E Llama4Config; total 108,641,793,536 (Hub safetensors, as public model registry scripts list it)',
    config: llama4(16, 1),
  },
  {
    id: 'meta-llama/Llama-4-Maverick-17B-128E-Instruct',
    aliases: [
      'llama-4-maverick-17b-128e-instruct',
      'llama-4-maverick-17b-128e',
      'llama-4-maverick',
      'meta-llama/Llama-4-Maverick-17B-128E',
    ],
    family: 'Llama 4',
    source: hf('meta-llama/Llama-4-Maverick-17B-128E-Instruct'),
    readFrom:
      "Scout's widths with 128 experts on every second layer (interleave_moe_layer_step 2), as a public test copy of the Maverick config gives them; total 401,583,781,376 (the parameter count a hosting provider's billing export lists for Llama 4 Maverick)",
    config: llama4(128, 2),
  },
];
