// Catalog: the Qwen3-VL, Qwen3-Next and Qwen3.5 generation (model_type qwen3_vl, qwen3_vl_moe, qwen3_next,
// qwen3_5). Shape fields only, each value as published, copied from the public copies named in readFrom;
// each entry's parameter total is pinned in test/unit/catalog-qwen-next.test.ts to the count real
// transformers built from the same config (test/data/oracle/local). Qwen3.5 4B/9B/27B and the Qwen3.5-MoE
// releases are left out: no complete public copy of their config.json (text and vision) was found.
import type { CatalogEntry } from './types';

const hf = (id: string): string => `https://huggingface.co/${id}/blob/main/config.json`;

/** The Qwen3-VL vision tower fields every Qwen3-VL / Qwen3.5 config.json publishes. */
const tower = (
  depth: number,
  hidden: number,
  inter: number,
  heads: number,
  out: number,
  deepstack: number[],
) => ({
  deepstack_visual_indexes: deepstack,
  depth,
  hidden_size: hidden,
  in_channels: 3,
  intermediate_size: inter,
  num_heads: heads,
  num_position_embeddings: 2304,
  out_hidden_size: out,
  patch_size: 16,
  spatial_merge_size: 2,
  temporal_patch_size: 2,
});

export const QWEN_NEXT_MODELS: readonly CatalogEntry[] = [
  {
    id: 'Qwen/Qwen3-VL-4B-Instruct',
    aliases: ['qwen3-vl-4b-instruct', 'qwen3-vl-4b'],
    family: 'Qwen3-VL',
    source: hf('Qwen/Qwen3-VL-4B-Instruct'),
    readFrom:
      'modelscope/DiffSynth-Studio WanMLLMEncoder (a verbatim Qwen3VLConfig of the release, transformers_version 4.57.0.dev0); the same values in a public Qwen3-VL-4B text-encoder script naming the repo',
    config: {
      architectures: ['Qwen3VLForConditionalGeneration'],
      model_type: 'qwen3_vl',
      text_config: {
        attention_bias: false,
        head_dim: 128,
        hidden_size: 2560,
        intermediate_size: 9728,
        model_type: 'qwen3_vl_text',
        num_attention_heads: 32,
        num_hidden_layers: 36,
        num_key_value_heads: 8,
        rope_scaling: { mrope_interleaved: true, mrope_section: [24, 20, 20], rope_type: 'default' },
        tie_word_embeddings: true,
        vocab_size: 151936,
      },
      tie_word_embeddings: true,
      vision_config: { model_type: 'qwen3_vl', ...tower(24, 1024, 4096, 16, 2560, [5, 11, 17]) },
    },
  },
  {
    id: 'Qwen/Qwen3-VL-30B-A3B-Instruct',
    aliases: ['qwen3-vl-30b-a3b-instruct', 'qwen3-vl-30b-a3b'],
    family: 'Qwen3-VL MoE',
    source: hf('Qwen/Qwen3-VL-30B-A3B-Instruct'),
    readFrom:
      'a public Rust test fixture transcribing Qwen/Qwen3-VL-30B-A3B-Instruct/config.json at revision 1fc78ad field by field; the text fields agree with a public Swift fixture of the same file',
    config: {
      architectures: ['Qwen3VLMoeForConditionalGeneration'],
      model_type: 'qwen3_vl_moe',
      text_config: {
        attention_bias: false,
        decoder_sparse_step: 1,
        head_dim: 128,
        hidden_size: 2048,
        intermediate_size: 6144,
        mlp_only_layers: [],
        model_type: 'qwen3_vl_moe_text',
        moe_intermediate_size: 768,
        num_attention_heads: 32,
        num_experts: 128,
        num_experts_per_tok: 8,
        num_hidden_layers: 48,
        num_key_value_heads: 4,
        rope_scaling: { mrope_interleaved: true, mrope_section: [24, 20, 20], rope_type: 'default' },
        vocab_size: 151936,
      },
      tie_word_embeddings: false,
      vision_config: { model_type: 'qwen3_vl_moe', ...tower(27, 1152, 4304, 16, 2048, [8, 16, 24]) },
    },
  },
  {
    id: 'Qwen/Qwen3-Next-80B-A3B-Instruct',
    aliases: ['qwen3-next-80b-a3b-instruct', 'qwen3-next-80b-a3b'],
    family: 'Qwen3-Next',
    source: hf('Qwen/Qwen3-Next-80B-A3B-Instruct'),
    readFrom:
      'NVIDIA-NeMo/Megatron-Bridge tests/unit_tests/models/qwen/test_qwen3_next_bridge.py (qwen3_next_80b_a3b_config_dict); the same shape fields in a public C++ test transcribing the release config.json',
    config: {
      architectures: ['Qwen3NextForCausalLM'],
      model_type: 'qwen3_next',
      decoder_sparse_step: 1,
      full_attention_interval: 4,
      head_dim: 256,
      hidden_size: 2048,
      intermediate_size: 5120,
      linear_conv_kernel_dim: 4,
      linear_key_head_dim: 128,
      linear_num_key_heads: 16,
      linear_num_value_heads: 32,
      linear_value_head_dim: 128,
      mlp_only_layers: [],
      moe_intermediate_size: 512,
      num_attention_heads: 16,
      num_experts: 512,
      num_experts_per_tok: 10,
      num_hidden_layers: 48,
      num_key_value_heads: 2,
      shared_expert_intermediate_size: 512,
      tie_word_embeddings: false,
      vocab_size: 151936,
    },
  },
  {
    id: 'Qwen/Qwen3.5-0.8B',
    aliases: ['qwen3.5-0.8b'],
    family: 'Qwen3.5',
    source: hf('Qwen/Qwen3.5-0.8B'),
    // The published text_config lists layer_types; it is exactly the full_attention_interval 4 schedule.
    readFrom:
      'a public agent log printing `curl https://huggingface.co/Qwen/Qwen3.5-0.8B/resolve/main/config.json` in full (transformers_version 4.57.0.dev0)',
    config: {
      architectures: ['Qwen3_5ForConditionalGeneration'],
      model_type: 'qwen3_5',
      text_config: {
        attention_bias: false,
        full_attention_interval: 4,
        head_dim: 256,
        hidden_size: 1024,
        intermediate_size: 3584,
        linear_conv_kernel_dim: 4,
        linear_key_head_dim: 128,
        linear_num_key_heads: 16,
        linear_num_value_heads: 16,
        linear_value_head_dim: 128,
        model_type: 'qwen3_5_text',
        num_attention_heads: 8,
        num_hidden_layers: 24,
        num_key_value_heads: 2,
        tie_word_embeddings: true,
        vocab_size: 248320,
      },
      tie_word_embeddings: true,
      vision_config: { model_type: 'qwen3_5', ...tower(12, 768, 3072, 12, 1024, []) },
    },
  },
];
