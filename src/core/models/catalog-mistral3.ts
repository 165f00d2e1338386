// Catalog: Mistral 3 (Mistral3ForConditionalGeneration: Pixtral tower, patch-merger projector, Mistral text
// model). Shape fields only, each value as published.
import type { CatalogEntry } from './types';

export const MISTRAL3_MODELS: readonly CatalogEntry[] = [
  {
    id: 'mistralai/Mistral-Small-3.1-24B-Instruct-2503',
    aliases: ['mistral-small-3.1-24b-instruct-2503', 'mistral-small-3.1-24b', 'mistral-small-3.1'],
    family: 'Mistral 3',
    source: 'https://huggingface.co/mistralai/Mistral-Small-3.1-24B-Instruct-2503/blob/main/config.json',
    readFrom:
      'NVIDIA/TensorRT-LLM tests/unittest/_torch/modeling/test_modeling_mistral.py fixture mistral_small_3_1_24b_config (the published config.json, transformers_version 4.50.0.dev0, with num_hidden_layers cut to 4 "from the original 40"); the text fields equal the Mistral3Config defaults that cite this checkpoint (transformers v4.57.6 configuration_mistral3.py:115-132)',
    config: {
      architectures: ['Mistral3ForConditionalGeneration'],
      model_type: 'mistral3',
      image_token_index: 10,
      multimodal_projector_bias: false,
      projector_hidden_act: 'gelu',
      spatial_merge_size: 2,
      text_config: {
        head_dim: 128,
        hidden_act: 'silu',
        hidden_size: 5120,
        intermediate_size: 32768,
        max_position_embeddings: 131072,
        model_type: 'mistral',
        num_attention_heads: 32,
        num_hidden_layers: 40,
        num_key_value_heads: 8,
        rms_norm_eps: 1e-5,
        rope_theta: 1000000000.0,
        sliding_window: null,
        vocab_size: 131072,
      },
      vision_config: {
        head_dim: 64,
        hidden_act: 'silu',
        hidden_size: 1024,
        image_size: 1540,
        intermediate_size: 4096,
        model_type: 'pixtral',
        num_attention_heads: 16,
        num_channels: 3,
        num_hidden_layers: 24,
        patch_size: 14,
        rope_theta: 10000.0,
      },
      vision_feature_layer: -1,
    },
  },
];
