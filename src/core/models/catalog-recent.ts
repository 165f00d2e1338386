// Catalog: models newer than the oracle's transformers (Qwen3 dense and MoE, Qwen1.5/2 MoE, more Qwen2.5
// sizes, Gemma 3 text, Phi-4, gpt-oss, Llama 3.3, OLMo-2 13B, Mistral-Nemo). Each value is copied from a public copy of the published
// config.json named in `readFrom`; fields not seen there are left out rather than guessed.
// Not included because no copy of the published config.json was found: the multimodal Gemma 3 sizes
// (4B+, Gemma3ForConditionalGeneration). Phi-3.5-mini-instruct is a verified variant (catalog-variants.ts).
import type { CatalogEntry } from './types';

const LLM_PROF = 'citsjtu2020/LLM-Prof sglang/Model_Config.md (verbatim config.json copies)';
const hf = (id: string): string => `https://huggingface.co/${id}/blob/main/config.json`;

const qwen3 = (hidden: number, inter: number, layers: number, heads: number, tied: boolean) => ({
  architectures: ['Qwen3ForCausalLM'], model_type: 'qwen3', attention_bias: false, head_dim: 128,
  hidden_act: 'silu', hidden_size: hidden, intermediate_size: inter, max_position_embeddings: 40960,
  max_window_layers: layers, num_attention_heads: heads, num_hidden_layers: layers, num_key_value_heads: 8,
  rms_norm_eps: 1e-6, rope_theta: 1000000, sliding_window: null, tie_word_embeddings: tied,
  use_sliding_window: false, vocab_size: 151936,
});

const qwen25 = (hidden: number, inter: number, layers: number, heads: number, kv: number, eps: number) => ({
  architectures: ['Qwen2ForCausalLM'], model_type: 'qwen2', hidden_act: 'silu', hidden_size: hidden,
  intermediate_size: inter, max_position_embeddings: 131072, max_window_layers: layers,
  num_attention_heads: heads, num_hidden_layers: layers, num_key_value_heads: kv, rms_norm_eps: eps,
  rope_theta: 1000000.0, sliding_window: 131072, tie_word_embeddings: false, use_sliding_window: false,
  vocab_size: 152064,
});

export const RECENT_MODELS: readonly CatalogEntry[] = [
  {
    id: 'Qwen/Qwen3-0.6B', aliases: ['qwen3-0.6b'], family: 'Qwen3', source: hf('Qwen/Qwen3-0.6B'),
    readFrom: 'two public verbatim copies of Qwen/Qwen3-0.6B config.json (a model-notes README and a source comment)',
    config: qwen3(1024, 3072, 28, 16, true),
  },
  {
    id: 'Qwen/Qwen3-4B', aliases: ['qwen3-4b'], family: 'Qwen3', source: hf('Qwen/Qwen3-4B'), readFrom: LLM_PROF,
    config: qwen3(2560, 9728, 36, 32, true),
  },
  {
    id: 'Qwen/Qwen3-8B', aliases: ['qwen3-8b'], family: 'Qwen3', source: hf('Qwen/Qwen3-8B'), readFrom: LLM_PROF,
    config: qwen3(4096, 12288, 36, 32, false),
  },
  {
    id: 'Qwen/Qwen3-14B', aliases: ['qwen3-14b'], family: 'Qwen3', source: hf('Qwen/Qwen3-14B'), readFrom: LLM_PROF,
    config: qwen3(5120, 17408, 40, 40, false),
  },
  {
    id: 'Qwen/Qwen3-32B', aliases: ['qwen3-32b'], family: 'Qwen3', source: hf('Qwen/Qwen3-32B'), readFrom: LLM_PROF,
    config: qwen3(5120, 25600, 64, 64, false),
  },
  {
    id: 'Qwen/Qwen3-30B-A3B', aliases: ['qwen3-30b-a3b', 'qwen3-moe-30b-a3b'], family: 'Qwen3 MoE',
    source: hf('Qwen/Qwen3-30B-A3B'), readFrom: LLM_PROF,
    config: {
      architectures: ['Qwen3MoeForCausalLM'], model_type: 'qwen3_moe', attention_bias: false, decoder_sparse_step: 1,
      head_dim: 128, hidden_act: 'silu', hidden_size: 2048, intermediate_size: 6144, max_position_embeddings: 40960,
      max_window_layers: 48, mlp_only_layers: [], moe_intermediate_size: 768, norm_topk_prob: true,
      num_attention_heads: 32, num_experts: 128, num_experts_per_tok: 8, num_hidden_layers: 48, num_key_value_heads: 4,
      rms_norm_eps: 1e-6, rope_theta: 1000000.0, router_aux_loss_coef: 0.001, sliding_window: null,
      tie_word_embeddings: false, use_sliding_window: false, vocab_size: 151936,
    },
  },
  {
    id: 'Qwen/Qwen2.5-3B', aliases: ['qwen2.5-3b'], family: 'Qwen2.5', source: hf('Qwen/Qwen2.5-3B'), readFrom: LLM_PROF,
    config: {
      ...qwen25(2048, 11008, 36, 16, 2, 1e-6),
      max_position_embeddings: 32768, sliding_window: 32768, tie_word_embeddings: true, vocab_size: 151936,
    },
  },
  {
    id: 'Qwen/Qwen2.5-14B', aliases: ['qwen2.5-14b'], family: 'Qwen2.5', source: hf('Qwen/Qwen2.5-14B'), readFrom: LLM_PROF,
    config: qwen25(5120, 13824, 48, 40, 8, 1e-5),
  },
  {
    id: 'Qwen/Qwen2.5-32B', aliases: ['qwen2.5-32b'], family: 'Qwen2.5', source: hf('Qwen/Qwen2.5-32B'), readFrom: LLM_PROF,
    config: qwen25(5120, 27648, 64, 40, 8, 1e-5),
  },
  {
    id: 'google/gemma-3-1b-it', aliases: ['gemma-3-1b', 'gemma-3-1b-it', 'gemma3-1b'], family: 'Gemma 3',
    source: hf('google/gemma-3-1b-it'), readFrom: 'Liwink/gemma-jax models/README.md (config.json of gemma-3-1b-it)',
    config: {
      architectures: ['Gemma3ForCausalLM'], model_type: 'gemma3_text', attention_bias: false,
      attn_logit_softcapping: null, final_logit_softcapping: null, head_dim: 256, hidden_activation: 'gelu_pytorch_tanh',
      hidden_size: 1152, intermediate_size: 6912, max_position_embeddings: 32768, num_attention_heads: 4,
      num_hidden_layers: 26, num_key_value_heads: 1, query_pre_attn_scalar: 256, rms_norm_eps: 1e-6,
      rope_local_base_freq: 10000, rope_theta: 1000000, sliding_window: 512, sliding_window_pattern: 6,
      vocab_size: 262144,
    },
  },
  {
    id: 'microsoft/phi-4', aliases: ['phi-4', 'phi4'], family: 'Phi-4', source: hf('microsoft/phi-4'),
    readFrom: 'a verbatim (annotated) copy of microsoft/phi-4 config.json in a public notes repository',
    config: {
      architectures: ['Phi3ForCausalLM'], model_type: 'phi3', attention_bias: false, hidden_act: 'silu',
      hidden_size: 5120, intermediate_size: 17920, max_position_embeddings: 16384, num_attention_heads: 40,
      num_hidden_layers: 40, num_key_value_heads: 10, original_max_position_embeddings: 16384, pad_token_id: 100257,
      rms_norm_eps: 1e-5, rope_scaling: null, rope_theta: 250000, sliding_window: null, tie_word_embeddings: false,
      vocab_size: 100352,
    },
  },
  {
    id: 'Qwen/Qwen1.5-MoE-A2.7B-Chat', aliases: ['qwen1.5-moe-a2.7b', 'qwen2-moe-a2.7b'],
    family: 'Qwen2 MoE', source: hf('Qwen/Qwen1.5-MoE-A2.7B-Chat'),
    readFrom: 'a public planner test fixture quoting Qwen/Qwen1.5-MoE-A2.7B-Chat config.json; eps/rope from a second copy',
    config: {
      architectures: ['Qwen2MoeForCausalLM'], model_type: 'qwen2_moe', decoder_sparse_step: 1, hidden_size: 2048,
      intermediate_size: 5632, max_position_embeddings: 32768, max_window_layers: 21, moe_intermediate_size: 1408,
      norm_topk_prob: false, num_attention_heads: 16, num_experts: 60, num_experts_per_tok: 4, num_hidden_layers: 24,
      num_key_value_heads: 16, rms_norm_eps: 1e-6, rope_theta: 1000000.0, shared_expert_intermediate_size: 5632,
      sliding_window: 32768, tie_word_embeddings: false, use_sliding_window: false, vocab_size: 151936,
    },
  },
  {
    id: 'openai/gpt-oss-20b', aliases: ['gpt-oss-20b'], family: 'gpt-oss', source: hf('openai/gpt-oss-20b'),
    readFrom: 'EchoCog/gpt-oss-20b config.json (a repo snapshot; its quantization_config differs and is left out here)',
    config: {
      architectures: ['GptOssForCausalLM'], model_type: 'gpt_oss', attention_bias: true, experts_per_token: 4, head_dim: 64,
      hidden_act: 'silu', hidden_size: 2880, initial_context_length: 4096, intermediate_size: 2880,
      layer_types: Array.from({ length: 24 }, (_, i) => (i % 2 === 0 ? 'sliding_attention' : 'full_attention')),
      max_position_embeddings: 131072, num_attention_heads: 64, num_experts_per_tok: 4, num_hidden_layers: 24,
      num_key_value_heads: 8, num_local_experts: 32, rms_norm_eps: 1e-5,
      rope_scaling: { beta_fast: 32.0, beta_slow: 1.0, factor: 32.0, original_max_position_embeddings: 4096, rope_type: 'yarn', truncate: false },
      rope_theta: 150000, router_aux_loss_coef: 0.9, sliding_window: 128, swiglu_limit: 7.0, tie_word_embeddings: false,
      vocab_size: 201088,
    },
  },
  {
    id: 'meta-llama/Llama-3.3-70B-Instruct', aliases: ['llama-3.3-70b', 'llama-3.3-70b-instruct', 'llama3.3-70b'],
    family: 'Llama 3.3', source: hf('meta-llama/Llama-3.3-70B-Instruct'),
    readFrom: 'oumi-ai/oumi configs/recipes/llama3_3/README.md (sizes, vocab, weight tying as published)',
    config: {
      architectures: ['LlamaForCausalLM'], model_type: 'llama', hidden_size: 8192, intermediate_size: 28672,
      num_hidden_layers: 80, num_attention_heads: 64, num_key_value_heads: 8, vocab_size: 128256,
      max_position_embeddings: 131072, tie_word_embeddings: false,
    },
  },
  {
    id: 'allenai/OLMo-2-1124-13B', aliases: ['olmo-2-13b', 'olmo-2-1124-13b', 'olmo2-13b'], family: 'OLMo-2',
    source: hf('allenai/OLMo-2-1124-13B'),
    readFrom: 'mauer4/Attention-From-Scratch weights/allenai/OLMo-2-1124-13B/config.json @381a295f (a downloaded copy, beside its model.safetensors.index.json)',
    config: {
      architectures: ['Olmo2ForCausalLM'], model_type: 'olmo2', attention_bias: false, hidden_act: 'silu', hidden_size: 5120,
      intermediate_size: 13824, max_position_embeddings: 4096, num_attention_heads: 40, num_hidden_layers: 40,
      num_key_value_heads: 40, rms_norm_eps: 1e-6, rope_scaling: null, rope_theta: 500000, tie_word_embeddings: false,
      vocab_size: 100352,
    },
  },
  {
    id: 'mistralai/Mistral-Nemo-Base-2407', aliases: ['mistral-nemo-base-2407', 'mistral-nemo-12b', 'mistral-nemo'], family: 'Mistral-Nemo',
    source: hf('mistralai/Mistral-Nemo-Base-2407'),
    readFrom: 'kevinstephano/thunder_model_blocks thunder_model_blocks/mistral/mistral_config.py (the config.json as AutoConfig.from_pretrained read it, transformers 4.43.3)',
    config: {
      architectures: ['MistralForCausalLM'], model_type: 'mistral', head_dim: 128, hidden_act: 'silu', hidden_size: 5120,
      intermediate_size: 14336, max_position_embeddings: 128000, num_attention_heads: 32, num_hidden_layers: 40,
      num_key_value_heads: 8, rms_norm_eps: 1e-5, rope_theta: 1000000.0, sliding_window: null, tie_word_embeddings: false,
      vocab_size: 131072,
    },
  },
];
