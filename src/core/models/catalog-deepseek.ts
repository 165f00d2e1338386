// Catalog: DeepSeek-V3 and the releases that share its published config.json shape. These checkpoints
// ship FP8 weights, so unlike the other entries the config keeps `quantization_config`: the model facts
// (src/core/analysis/modelFacts.ts) read it to warn that transformers cannot fine-tune them as shipped.
// The estimator ignores it (a parameter count does not depend on the storage dtype).
//
// Parameter count: the model built from these fields has 671,026,404,352 parameters (the PEFT oracle's
// base_total for deepseek-ai/DeepSeek-V3 at transformers 4.57.6). DeepSeek's README gives "671B of the
// Main Model weights" and 685B on the Hub, the other 14B being the Multi-Token Prediction module
// (layer 61), which transformers' DeepseekV3ForCausalLM does not build (num_hidden_layers is 61).
//
// Left out, because no verbatim copy of their config.json was found to compare: DeepSeek-V3-Base,
// DeepSeek-V3-0324, DeepSeek-R1-Zero, DeepSeek-R1-0528, DeepSeek-V3.1 (its FP8 scales are ue8m0). Searched
// again (code, pages and docs corpora, stored repositories): only their README_WEIGHTS.md (which names the
// quantization_config field but is not the file), model cards, prose descriptions and field-scrambled page
// copies turned up; none is the config.json whose shape fields and quantization_config a variant must match.
import type { CatalogEntry, CatalogVariant } from './types';

/**
 * The published FP8 block quantization: e4m3 weights in 128x128 blocks with dynamic activation scales,
 * as DeepSeek documents it (github.com/deepseek-ai/DeepSeek-V3 README_WEIGHTS.md, "FP8 Configuration").
 */
const DEEPSEEK_FP8 = {
  activation_scheme: 'dynamic',
  fmt: 'e4m3',
  quant_method: 'fp8',
  weight_block_size: [128, 128],
};

export const DEEPSEEK_MODELS: readonly CatalogEntry[] = [
  {
    id: 'deepseek-ai/DeepSeek-V3',
    aliases: ['deepseek-v3'],
    family: 'DeepSeek-V3',
    source: 'https://huggingface.co/deepseek-ai/DeepSeek-V3/blob/main/config.json',
    readFrom:
      'shape fields as the PEFT oracle case deepseek-v3 records them (hf_reference deepseek-ai/DeepSeek-V3); quantization_config from DeepSeek README_WEIGHTS.md',
    config: {
      architectures: ['DeepseekV3ForCausalLM'],
      model_type: 'deepseek_v3',
      hidden_act: 'silu',
      hidden_size: 7168,
      intermediate_size: 18432,
      moe_intermediate_size: 2048,
      num_hidden_layers: 61,
      num_nextn_predict_layers: 1,
      num_attention_heads: 128,
      num_key_value_heads: 128,
      n_routed_experts: 256,
      n_shared_experts: 1,
      num_experts_per_tok: 8,
      first_k_dense_replace: 3,
      moe_layer_freq: 1,
      n_group: 8,
      topk_group: 4,
      norm_topk_prob: true,
      routed_scaling_factor: 2.5,
      q_lora_rank: 1536,
      kv_lora_rank: 512,
      qk_nope_head_dim: 128,
      qk_rope_head_dim: 64,
      v_head_dim: 128,
      vocab_size: 129280,
      max_position_embeddings: 163840,
      rms_norm_eps: 1e-6,
      rope_theta: 10000,
      attention_bias: false,
      tie_word_embeddings: false,
      quantization_config: DEEPSEEK_FP8,
    },
  },
];

export const DEEPSEEK_VARIANTS: readonly CatalogVariant[] = [
  {
    id: 'deepseek-ai/DeepSeek-R1',
    base: 'deepseek-ai/DeepSeek-V3',
    names: ['deepseek-r1'],
    readFrom:
      'two public verbatim copies of deepseek-ai/DeepSeek-R1 config.json (a model-notes README and a parameter-counter test), both with the same quantization_config',
  },
];
