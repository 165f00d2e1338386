// Catalog: vision-language models (Gemma 3 multimodal, Qwen2-VL, Qwen2.5-VL, LLaVA 1.5) and the text
// models users of the dialects' examples name (DeepSeek-R1-Distill-Qwen, OLMo-2 7B). Shape fields only,
// each value as the published config.json has it. Every entry is also pinned by its parameter count:
// the model built from these fields has exactly the total the Hugging Face Hub reports for the published
// safetensors (test/unit/catalog-vlm.test.ts), so a wrong shape field would show.
import type { CatalogEntry } from './types';

const hf = (id: string): string => `https://huggingface.co/${id}/blob/main/config.json`;

const siglip = {
  hidden_size: 1152,
  image_size: 896,
  intermediate_size: 4304,
  model_type: 'siglip_vision_model',
  num_attention_heads: 16,
  num_hidden_layers: 27,
  patch_size: 14,
  vision_use_head: false,
};

function gemma3(text: Record<string, unknown>) {
  return {
    architectures: ['Gemma3ForConditionalGeneration'],
    model_type: 'gemma3',
    mm_tokens_per_image: 256,
    text_config: { model_type: 'gemma3_text', rope_scaling: { factor: 8.0, rope_type: 'linear' }, ...text },
    vision_config: siglip,
  };
}

const qwen2Text = {
  hidden_size: 3584,
  intermediate_size: 18944,
  max_position_embeddings: 32768,
  num_attention_heads: 28,
  num_hidden_layers: 28,
  num_key_value_heads: 4,
  rms_norm_eps: 1e-6,
  rope_theta: 1000000.0,
  tie_word_embeddings: false,
  vocab_size: 152064,
};

const qwen25 = (hidden: number, inter: number, layers: number, heads: number, kv: number, vocab: number) => ({
  architectures: ['Qwen2ForCausalLM'],
  model_type: 'qwen2',
  hidden_size: hidden,
  intermediate_size: inter,
  num_attention_heads: heads,
  num_hidden_layers: layers,
  num_key_value_heads: kv,
  rms_norm_eps: 1e-6,
  tie_word_embeddings: false,
  vocab_size: vocab,
});

const HUB_TOTAL =
  'shape fields of the published config.json; the built model equals the Hub safetensors total';

export const VLM_MODELS: readonly CatalogEntry[] = [
  {
    id: 'google/gemma-3-4b-it',
    aliases: ['gemma-3-4b', 'gemma-3-4b-it', 'gemma3-4b'],
    family: 'Gemma3',
    source: hf('google/gemma-3-4b-it'),
    readFrom:
      'a public verbatim copy of gemma-3-4b-it config.json in a C# port test; total 4,300,079,472 (Hub safetensors, as listed by a public model registry script)',
    config: gemma3({
      hidden_size: 2560,
      intermediate_size: 10240,
      num_hidden_layers: 34,
      sliding_window: 1024,
    }),
  },
  {
    id: 'google/gemma-3-12b-it',
    aliases: ['gemma-3-12b', 'gemma-3-12b-it', 'gemma3-12b'],
    family: 'Gemma3',
    source: hf('google/gemma-3-12b-it'),
    readFrom:
      'a public verbatim copy (Gemma3Config(**{...}) of the unsloth-fixed gemma-3-12b-it config.json in an LTX-2 text-encoder loader); total 12,187,325,040 (Hub safetensors)',
    config: gemma3({
      head_dim: 256,
      hidden_size: 3840,
      intermediate_size: 15360,
      num_attention_heads: 16,
      num_hidden_layers: 48,
      num_key_value_heads: 8,
      query_pre_attn_scalar: 256,
      sliding_window: 1024,
      vocab_size: 262208,
    }),
  },
  {
    id: 'google/gemma-3-27b-it',
    aliases: ['gemma-3-27b', 'gemma-3-27b-it', 'gemma3-27b'],
    family: 'Gemma3',
    source: hf('google/gemma-3-27b-it'),
    readFrom: `${HUB_TOTAL} 27,432,406,640 (a public registry script lists it; a public test copy shows the same text_config widths)`,
    config: gemma3({
      head_dim: 128,
      hidden_size: 5376,
      intermediate_size: 21504,
      num_attention_heads: 32,
      num_hidden_layers: 62,
      num_key_value_heads: 16,
      query_pre_attn_scalar: 168,
      sliding_window: 1024,
    }),
  },
  {
    id: 'Qwen/Qwen2-VL-7B-Instruct',
    aliases: ['qwen2-vl-7b', 'qwen2-vl-7b-instruct'],
    family: 'Qwen2-VL',
    source: hf('Qwen/Qwen2-VL-7B-Instruct'),
    readFrom: `${HUB_TOTAL} 8,291,375,616`,
    config: {
      architectures: ['Qwen2VLForConditionalGeneration'],
      model_type: 'qwen2_vl',
      ...qwen2Text,
      rope_scaling: { type: 'mrope', mrope_section: [16, 24, 24] },
      vision_config: {
        depth: 32,
        embed_dim: 1280,
        mlp_ratio: 4,
        num_heads: 16,
        in_chans: 3,
        hidden_size: 3584,
        patch_size: 14,
        spatial_merge_size: 2,
        temporal_patch_size: 2,
      },
    },
  },
  {
    id: 'Qwen/Qwen2.5-VL-7B-Instruct',
    aliases: ['qwen2.5-vl-7b', 'qwen2.5-vl-7b-instruct'],
    family: 'Qwen2.5-VL',
    source: hf('Qwen/Qwen2.5-VL-7B-Instruct'),
    readFrom: `${HUB_TOTAL} 8,292,166,656`,
    config: {
      architectures: ['Qwen2_5_VLForConditionalGeneration'],
      model_type: 'qwen2_5_vl',
      ...qwen2Text,
      rope_scaling: { type: 'mrope', mrope_section: [16, 24, 24] },
      vision_config: {
        depth: 32,
        hidden_act: 'silu',
        hidden_size: 1280,
        intermediate_size: 3420,
        num_heads: 16,
        in_chans: 3,
        out_hidden_size: 3584,
        patch_size: 14,
        spatial_merge_size: 2,
        temporal_patch_size: 2,
        window_size: 112,
        fullatt_block_indexes: [7, 15, 23, 31],
      },
    },
  },
  {
    id: 'llava-hf/llava-1.5-7b-hf',
    aliases: ['llava-1.5-7b', 'llava-1.5-7b-hf', 'llava-v1.5-7b'],
    family: 'LLaVA',
    source: hf('llava-hf/llava-1.5-7b-hf'),
    readFrom: `${HUB_TOTAL} 7,063,427,072`,
    config: {
      architectures: ['LlavaForConditionalGeneration'],
      model_type: 'llava',
      projector_hidden_act: 'gelu',
      text_config: {
        architectures: ['LlamaForCausalLM'],
        max_position_embeddings: 4096,
        model_type: 'llama',
        rms_norm_eps: 1e-5,
        vocab_size: 32064,
      },
      tie_word_embeddings: false,
      vision_config: {
        hidden_size: 1024,
        image_size: 336,
        intermediate_size: 4096,
        model_type: 'clip_vision_model',
        num_attention_heads: 16,
        num_hidden_layers: 24,
        patch_size: 14,
        projection_dim: 768,
      },
      vision_feature_layer: -2,
      vision_feature_select_strategy: 'default',
      vocab_size: 32064,
    },
  },
  // DeepSeek-R1 (arXiv 2501.12948) distilled into Qwen2.5 bases: 1.5B from Qwen2.5-Math-1.5B (untied
  // lm_head, so it differs from Qwen2.5-1.5B), 7B from Qwen2.5-Math-7B, 14B / 32B from Qwen2.5-14B / -32B.
  {
    id: 'deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B',
    aliases: ['deepseek-r1-distill-qwen-1.5b', 'r1-distill-qwen-1.5b'],
    family: 'DeepSeek-R1-Distill-Qwen',
    source: hf('deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B'),
    readFrom: `${HUB_TOTAL} 1,777,088,000`,
    config: qwen25(1536, 8960, 28, 12, 2, 151936),
  },
  {
    id: 'deepseek-ai/DeepSeek-R1-Distill-Qwen-7B',
    aliases: ['deepseek-r1-distill-qwen-7b', 'r1-distill-qwen-7b'],
    family: 'DeepSeek-R1-Distill-Qwen',
    source: hf('deepseek-ai/DeepSeek-R1-Distill-Qwen-7B'),
    readFrom: `${HUB_TOTAL} 7,615,616,512`,
    config: qwen25(3584, 18944, 28, 28, 4, 152064),
  },
  {
    id: 'deepseek-ai/DeepSeek-R1-Distill-Qwen-14B',
    aliases: ['deepseek-r1-distill-qwen-14b', 'r1-distill-qwen-14b'],
    family: 'DeepSeek-R1-Distill-Qwen',
    source: hf('deepseek-ai/DeepSeek-R1-Distill-Qwen-14B'),
    readFrom: `${HUB_TOTAL} 14,770,033,664`,
    config: qwen25(5120, 13824, 48, 40, 8, 152064),
  },
  {
    id: 'deepseek-ai/DeepSeek-R1-Distill-Qwen-32B',
    aliases: ['deepseek-r1-distill-qwen-32b', 'r1-distill-qwen-32b'],
    family: 'DeepSeek-R1-Distill-Qwen',
    source: hf('deepseek-ai/DeepSeek-R1-Distill-Qwen-32B'),
    readFrom: `${HUB_TOTAL} 32,763,876,352`,
    config: qwen25(5120, 27648, 64, 40, 8, 152064),
  },
  {
    id: 'allenai/OLMo-2-1124-7B',
    aliases: ['olmo-2-7b', 'olmo-2-1124-7b', 'olmo2-7b'],
    family: 'OLMo-2',
    source: hf('allenai/OLMo-2-1124-7B'),
    readFrom:
      'Olmo2Config defaults (transformers configuration_olmo2.py: hidden 4096, intermediate 11008, 32 layers, 32 heads) with the published vocab_size 100352 and rope_theta 500000; total 7,298,617,344 (Hub safetensors)',
    config: {
      architectures: ['Olmo2ForCausalLM'],
      model_type: 'olmo2',
      attention_bias: false,
      hidden_act: 'silu',
      hidden_size: 4096,
      intermediate_size: 11008,
      max_position_embeddings: 4096,
      num_attention_heads: 32,
      num_hidden_layers: 32,
      num_key_value_heads: 32,
      rms_norm_eps: 1e-6,
      rope_theta: 500000,
      tie_word_embeddings: false,
      vocab_size: 100352,
    },
  },
];
