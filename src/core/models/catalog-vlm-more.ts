// Catalog: PaliGemma, LLaVA-NeXT, SmolVLM2 and GLM (ChatGLM remote code and transformers' GlmForCausalLM). Shape
// fields only, each value as published; where the published config.json was not readable here, the
// values come from the transformers conversion script that wrote it (named in readFrom). Every entry is
// pinned by its parameter count in test/unit/catalog-vlm-more.test.ts against a published figure.
import { VLM_MODELS } from './catalog-vlm';
import type { CatalogEntry } from './types';

const hf = (id: string): string => `https://huggingface.co/${id}/blob/main/config.json`;

const siglip224 = {
  hidden_size: 1152,
  intermediate_size: 4304,
  model_type: 'siglip_vision_model',
  num_attention_heads: 16,
  num_hidden_layers: 27,
  num_image_tokens: 256,
  patch_size: 14,
  projection_dim: 2048,
  projector_hidden_act: 'gelu_fast',
  vision_use_head: false,
};

/**
 * CLIP ViT-L/14-336, the tower LlavaNextConfig builds by default (configuration_llava_next.py, 4.57.6) and
 * the one llava-1.5-7b-hf publishes: taken from that entry so the two cannot drift apart.
 */
const clipL336 = VLM_MODELS.find((e) => e.id === 'llava-hf/llava-1.5-7b-hf')!.config.vision_config;

const llavaNext = (text: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  architectures: ['LlavaNextForConditionalGeneration'],
  model_type: 'llava_next',
  image_token_index: 32000,
  projector_hidden_act: 'gelu',
  text_config: text,
  use_image_newline_parameter: true,
  vision_config: clipL336,
  vision_feature_layer: -2,
  vision_feature_select_strategy: 'default',
  ...extra,
});

const chatglm = (layers: number, vocab: number, eps: number) => ({
  architectures: ['ChatGLMModel'],
  model_type: 'chatglm',
  add_bias_linear: false,
  add_qkv_bias: true,
  apply_residual_connection_post_layernorm: false,
  ffn_hidden_size: 13696,
  hidden_size: 4096,
  kv_channels: 128,
  layernorm_epsilon: eps,
  multi_query_attention: true,
  multi_query_group_num: 2,
  num_attention_heads: 32,
  num_layers: layers,
  padded_vocab_size: vocab,
  post_layer_norm: true,
  rmsnorm: true,
  tie_word_embeddings: false,
});

export const VLM_MORE_MODELS: readonly CatalogEntry[] = [
  {
    id: 'google/paligemma-3b-pt-224',
    aliases: ['paligemma-3b', 'paligemma-3b-pt-224', 'paligemma-3b-224'],
    family: 'PaliGemma',
    source: hf('google/paligemma-3b-pt-224'),
    readFrom:
      'public verbatim copies of the PaliGemma 3B config.json (a RoboVLMs model note; colpali-v1.2-merged in a transformers conversion script); total 2,923,466,480 (a public module-tree dump of PaliGemmaForConditionalGeneration)',
    config: {
      architectures: ['PaliGemmaForConditionalGeneration'],
      model_type: 'paligemma',
      hidden_size: 2048,
      image_token_index: 257152,
      projection_dim: 2048,
      text_config: {
        hidden_size: 2048,
        intermediate_size: 16384,
        model_type: 'gemma',
        num_attention_heads: 8,
        num_hidden_layers: 18,
        num_image_tokens: 256,
        num_key_value_heads: 1,
        vocab_size: 257216,
      },
      vision_config: siglip224,
      vocab_size: 257216,
    },
  },
  {
    id: 'google/paligemma2-3b-pt-224',
    aliases: ['paligemma2-3b', 'paligemma2-3b-pt-224', 'paligemma-2-3b'],
    family: 'PaliGemma',
    source: hf('google/paligemma2-3b-pt-224'),
    readFrom:
      'transformers convert_paligemma2_weights_to_hf.py (variant 2b: Gemma 2 2B text model, projection_dim = text hidden 2304) with the vocabulary padded to 257216 as for PaliGemma 1; total 3,032,242,416 (a public dump of paligemma2-3b-mix-224, the same architecture)',
    config: {
      architectures: ['PaliGemmaForConditionalGeneration'],
      model_type: 'paligemma',
      hidden_size: 2304,
      image_token_index: 257152,
      projection_dim: 2304,
      text_config: {
        head_dim: 256,
        hidden_size: 2304,
        intermediate_size: 9216,
        model_type: 'gemma2',
        num_attention_heads: 8,
        num_hidden_layers: 26,
        num_key_value_heads: 4,
        query_pre_attn_scalar: 256,
        vocab_size: 257216,
      },
      vision_config: { ...siglip224, projection_dim: 2304, hidden_act: 'gelu_pytorch_tanh' },
    },
  },
  {
    id: 'llava-hf/llava-v1.6-mistral-7b-hf',
    aliases: ['llava-v1.6-mistral-7b', 'llava-1.6-mistral-7b', 'llava-next-mistral-7b'],
    family: 'LLaVA-NeXT',
    source: hf('llava-hf/llava-v1.6-mistral-7b-hf'),
    readFrom:
      'a public verbatim copy (TensorRT-LLM LlavaNext test, which notes 24 vision layers for the full model); total 7,566,747,648 = Mistral-7B (7,241,732,096) + the 64 added vocabulary rows twice + the CLIP tower and projector of llava-1.5-7b-hf + image_newline',
    config: llavaNext({
      architectures: ['MistralForCausalLM'],
      intermediate_size: 14336,
      max_position_embeddings: 32768,
      model_type: 'mistral',
      num_key_value_heads: 8,
      rms_norm_eps: 1e-5,
      rope_theta: 1000000.0,
      sliding_window: null,
      vocab_size: 32064,
    }),
  },
  {
    id: 'llava-hf/llava-v1.6-vicuna-7b-hf',
    aliases: ['llava-v1.6-vicuna-7b', 'llava-1.6-vicuna-7b', 'llava-next-vicuna-7b'],
    family: 'LLaVA-NeXT',
    source: hf('llava-hf/llava-v1.6-vicuna-7b-hf'),
    readFrom:
      'transformers convert_llava_next_weights_to_hf.py (lmsys/vicuna-7b-v1.5 text config, default CLIP tower, vocabulary padded to 32064); total 7,063,431,168 = llava-1.5-7b-hf (7,063,427,072, same tower, projector and Llama-2-7B shape) + image_newline (4,096)',
    config: llavaNext(
      {
        architectures: ['LlamaForCausalLM'],
        max_position_embeddings: 4096,
        model_type: 'llama',
        rms_norm_eps: 1e-5,
        vocab_size: 32064,
      },
      { tie_word_embeddings: false },
    ),
  },
  {
    id: 'HuggingFaceTB/SmolVLM2-500M-Video-Instruct',
    aliases: ['smolvlm2-500m', 'smolvlm2-500m-video-instruct', 'smolvlm2-500m-video'],
    family: 'SmolVLM',
    source: hf('HuggingFaceTB/SmolVLM2-500M-Video-Instruct'),
    readFrom:
      'a public verbatim copy of the config.json (an offline-cache builder of a SmolVLA test suite); vision depth and width from SmolVLMVisionConfig defaults (12 layers, intermediate 3072); total 507,482,304 (public reports of the Hub API count)',
    config: {
      architectures: ['SmolVLMForConditionalGeneration'],
      model_type: 'smolvlm',
      image_token_id: 49190,
      scale_factor: 4,
      text_config: {
        head_dim: 64,
        hidden_size: 960,
        intermediate_size: 2560,
        max_position_embeddings: 8192,
        model_type: 'llama',
        num_attention_heads: 15,
        num_hidden_layers: 32,
        num_key_value_heads: 5,
        rms_norm_eps: 1e-5,
        rope_theta: 100000,
        vocab_size: 49280,
      },
      tie_word_embeddings: false,
      vision_config: {
        hidden_size: 768,
        image_size: 512,
        model_type: 'smolvlm_vision',
        num_attention_heads: 12,
        patch_size: 16,
      },
      vocab_size: 49280,
    },
  },
  {
    id: 'THUDM/chatglm3-6b',
    aliases: ['chatglm3-6b', 'chatglm3'],
    family: 'ChatGLM',
    source: hf('THUDM/chatglm3-6b'),
    readFrom:
      'a public verbatim copy of chatglm3-6b config.json (czk1997/chatglm3-copy); total 6,243,584,000 (a public torchinfo summary of ChatGLMForConditionalGeneration)',
    config: chatglm(28, 65024, 1e-5),
  },
  {
    id: 'THUDM/glm-4-9b-chat',
    aliases: ['glm-4-9b-chat', 'glm4-9b-chat'],
    family: 'ChatGLM',
    source: hf('THUDM/glm-4-9b-chat'),
    readFrom:
      'glm-4-9b-chat config.json as a public LLaMA-Factory training log prints it; total 9,399,951,360 (the GLM-4 demo prints "9399951360 (9.4B) parameters")',
    config: chatglm(40, 151552, 1.5625e-7),
  },
  {
    id: 'THUDM/glm-4-9b-chat-hf',
    aliases: ['glm-4-9b-chat-hf'],
    family: 'GLM',
    source: hf('THUDM/glm-4-9b-chat-hf'),
    readFrom:
      'transformers convert_glm_weights_to_hf.py convert_config applied to the published glm-4-9b-chat config.json (every tensor renamed one to one, loaded strict); total 9,399,951,360 as glm-4-9b-chat',
    config: {
      architectures: ['GlmForCausalLM'],
      model_type: 'glm',
      attention_bias: true,
      head_dim: 128,
      hidden_size: 4096,
      intermediate_size: 13696,
      num_attention_heads: 32,
      num_hidden_layers: 40,
      num_key_value_heads: 2,
      rms_norm_eps: 1.5625e-7,
      tie_word_embeddings: false,
      vocab_size: 151552,
    },
  },
];
