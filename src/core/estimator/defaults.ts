// PEFT 0.20.0's default target modules per model_type (utils/constants.py), used when a config
// leaves `target_modules` unset. Data, copied entry for entry; a model_type missing here makes PEFT raise.

export type TargetTable = Readonly<Record<string, readonly string[] | string>>;

const GEMMA4 = String.raw`.*language_model\..*\.(q_proj|v_proj)`;

/** TRANSFORMERS_MODELS_TO_LORA_TARGET_MODULES_MAPPING (also BOFT, HRA, LoHa, LoKr, MiSS, OFT, RandLoRA). */
export const LORA_TARGETS: TargetTable = {
  t5: ['q', 'v'],
  mt5: ['q', 'v'],
  bart: ['q_proj', 'v_proj'],
  gpt2: ['c_attn'],
  bloom: ['query_key_value'],
  'blip-2': ['q', 'v', 'q_proj', 'v_proj'],
  opt: ['q_proj', 'v_proj'],
  gptj: ['q_proj', 'v_proj'],
  gpt_neox: ['query_key_value'],
  gpt_neo: ['q_proj', 'v_proj'],
  bert: ['query', 'value'],
  roberta: ['query', 'value'],
  'xlm-roberta': ['query', 'value'],
  electra: ['query', 'value'],
  'deberta-v2': ['query_proj', 'value_proj'],
  deberta: ['in_proj'],
  layoutlm: ['query', 'value'],
  llama: ['q_proj', 'v_proj'],
  llama4: ['q_proj', 'v_proj'],
  chatglm: ['query_key_value'],
  gpt_bigcode: ['c_attn'],
  mpt: ['Wqkv'],
  RefinedWebModel: ['query_key_value'],
  RefinedWeb: ['query_key_value'],
  falcon: ['query_key_value'],
  btlm: ['c_proj', 'c_attn'],
  codegen: ['qkv_proj'],
  mistral: ['q_proj', 'v_proj'],
  mixtral: ['q_proj', 'v_proj'],
  stablelm: ['q_proj', 'v_proj'],
  phi: ['q_proj', 'v_proj', 'fc1', 'fc2'],
  gemma: ['q_proj', 'v_proj'],
  gemma2: ['q_proj', 'v_proj'],
  gemma3_text: ['q_proj', 'v_proj'],
  gemma4: GEMMA4,
  qwen2: ['q_proj', 'v_proj'],
  qwen3: ['q_proj', 'v_proj'],
  nemotron_h: ['q_proj', 'k_proj', 'v_proj', 'o_proj'],
  rwkv: ['key', 'value', 'receptance', 'output'],
  rwkv7: ['r_proj', 'k_proj', 'v_proj', 'o_proj', 'key', 'value'],
};

/** FourierFT and C3A: LoRA's table with GPT-2/GPT-BigCode moved to the MLP projection. */
export const FOURIERFT_TARGETS: TargetTable = {
  ...LORA_TARGETS,
  gpt_bigcode: ['mlp.c_proj'],
  gpt2: ['mlp.c_proj'],
};

/** VeRA and SHiRA: LoRA's table with Phi limited to q/v (fc1/fc2 have other shapes). */
export const VERA_TARGETS: TargetTable = { ...LORA_TARGETS, phi: ['q_proj', 'v_proj'] };

export const LN_TUNING_TARGETS: TargetTable = {
  llama: ['input_layernorm', 'post_attention_layernorm', 'norm'],
  bloom: ['input_layernorm', 'post_attention_layernorm', 'ln_f'],
  llava: [
    'multi_modal_projector',
    'input_layernorm',
    'post_attention_layernorm',
    'norm',
    'embed_tokens',
    'lm_head',
  ],
  t5: ['layer_norm', 'final_layer_norm'],
  mt5: ['layer_norm', 'final_layer_norm'],
  bart: ['self_attn_layer_norm', 'encoder_attn_layer_norm', 'final_layer_norm'],
  gpt2: ['ln_1', 'ln_2', 'ln_f'],
  'blip-2': ['layernorm', 'LayerNorm', 'final_layer_norm', 'self_attn_layer_norm'],
  gptj: ['ln_1', 'ln_f'],
  falcon: ['input_layernorm', 'post_attention_layernorm', 'ln_f'],
  mistral: ['input_layernorm', 'post_attention_layernorm', 'norm'],
  phi: ['input_layernorm', 'final_layernorm'],
  gemma: ['input_layernorm', 'post_attention_layernorm', 'norm'],
  gemma2: [
    'input_layernorm',
    'post_attention_layernorm',
    'pre_feedforward_layernorm',
    'post_feedforward_layernorm',
    'norm',
  ],
  gemma3_text: [
    'input_layernorm',
    'post_attention_layernorm',
    'pre_feedforward_layernorm',
    'post_feedforward_layernorm',
    'norm',
  ],
  qwen2: ['post_attention_layernorm'],
  qwen3: ['post_attention_layernorm'],
};

export const IA3_TARGETS: TargetTable = {
  t5: ['k', 'v', 'wo'],
  mt5: ['k', 'v', 'wi_1'],
  gpt2: ['c_attn', 'mlp.c_proj'],
  bloom: ['query_key_value', 'mlp.dense_4h_to_h'],
  roberta: ['key', 'value', 'output.dense'],
  opt: ['q_proj', 'k_proj', 'fc2'],
  gptj: ['q_proj', 'v_proj', 'fc_out'],
  gpt_neox: ['query_key_value', 'dense_4h_to_h'],
  gpt_neo: ['q_proj', 'v_proj', 'c_proj'],
  bart: ['q_proj', 'v_proj', 'fc2'],
  gpt_bigcode: ['c_attn', 'mlp.c_proj'],
  llama: ['k_proj', 'v_proj', 'down_proj'],
  llama4: ['q_proj', 'v_proj', 'down_proj'],
  mistral: ['k_proj', 'v_proj', 'down_proj'],
  mixtral: ['k_proj', 'v_proj', 'w2'],
  bert: ['key', 'value', 'output.dense'],
  'deberta-v2': ['key_proj', 'value_proj', 'output.dense'],
  deberta: ['in_proj', 'output.dense'],
  RefinedWebModel: ['query_key_value', 'dense_4h_to_h'],
  RefinedWeb: ['query_key_value', 'dense_4h_to_h'],
  falcon: ['query_key_value', 'dense_4h_to_h'],
  phi: ['q_proj', 'v_proj', 'fc2'],
  gemma: ['q_proj', 'v_proj', 'down_proj'],
  gemma2: ['q_proj', 'v_proj', 'down_proj'],
  gemma3_text: ['q_proj', 'v_proj', 'down_proj'],
  qwen2: ['q_proj', 'v_proj', 'down_proj'],
  qwen3: ['q_proj', 'v_proj', 'down_proj'],
};

export const IA3_FEEDFORWARD: TargetTable = {
  t5: ['wo'],
  mt5: [],
  gpt2: ['mlp.c_proj'],
  bloom: ['mlp.dense_4h_to_h'],
  roberta: ['output.dense'],
  opt: ['fc2'],
  gptj: ['fc_out'],
  gpt_neox: ['dense_4h_to_h'],
  gpt_neo: ['c_proj'],
  bart: ['fc2'],
  gpt_bigcode: ['mlp.c_proj'],
  llama: ['down_proj'],
  llama4: ['down_proj'],
  mistral: ['down_proj'],
  mixtral: ['w2'],
  bert: ['output.dense'],
  'deberta-v2': ['output.dense'],
  deberta: ['output.dense'],
  RefinedWeb: ['dense_4h_to_h'],
  RefinedWebModel: ['dense_4h_to_h'],
  falcon: ['dense_4h_to_h'],
  phi: ['fc2'],
  gemma: ['down_proj'],
  gemma2: ['down_proj'],
  gemma3_text: ['down_proj'],
  qwen2: ['down_proj'],
  qwen3: ['down_proj'],
};

const SIX_T5 = ['q', 'k', 'v', 'o', 'wi', 'wo'];
const SEVEN_MT5 = ['q', 'k', 'v', 'o', 'wi_0', 'wi_1', 'wo'];
const SIX_BART = ['q_proj', 'k_proj', 'v_proj', 'out_proj', 'fc1', 'fc2'];
const QV = ['q_proj', 'v_proj'];

/** AdaLoRA's own table (RoBERTa and DeBERTa-v2 also take `dense`). */
export const ADALORA_TARGETS: TargetTable = {
  t5: SIX_T5,
  mt5: SEVEN_MT5,
  bart: SIX_BART,
  gpt2: ['c_attn'],
  bloom: ['query_key_value'],
  opt: SIX_BART,
  gptj: QV,
  gpt_neox: ['query_key_value'],
  gpt_neo: QV,
  llama: QV,
  llama4: QV,
  bert: ['query', 'value'],
  roberta: ['query', 'key', 'value', 'dense'],
  'deberta-v2': ['query_proj', 'key_proj', 'value_proj', 'dense'],
  gpt_bigcode: ['c_attn'],
  deberta: ['in_proj'],
  gemma: QV,
  gemma2: QV,
  gemma3_text: QV,
  gemma4: GEMMA4,
  qwen2: QV,
  qwen3: QV,
  nemotron_h: ['q_proj', 'k_proj', 'v_proj', 'o_proj'],
};

export const VBLORA_TARGETS: TargetTable = {
  ...ADALORA_TARGETS,
  roberta: ['query', 'value'],
};
