// Rules corpus for the model facts (src/core/analysis/modelFacts.ts), for Axolotl 0.18 (067b021): an FP8
// checkpoint from the catalog (transformers refuses to fine-tune it as shipped) and a tokenizer published
// without a pad token (Axolotl warns and pads with EOS). `at` is the key whose value names the model.
const ax = (base_model, extra) => ({
  base_model, datasets: [{ path: 'tatsu-lab/alpaca', type: 'alpaca' }], adapter: 'lora', lora_r: 16, lora_alpha: 32,
  lora_target_linear: true, micro_batch_size: 1, gradient_accumulation_steps: 4, num_epochs: 1, learning_rate: 0.0002,
  output_dir: './out', ...extra,
});

export const MODEL_FACTS = [
  { rule: 'checkpoint-fp8', severity: 'error', config: ax('deepseek-ai/DeepSeek-V3', {}), at: 'base_model', accept: { model_quantization_config: 'FineGrainedFP8Config', model_quantization_config_kwargs: { dequantize: true } } },
  { rule: 'tokenizer-no-pad-token', severity: 'warning', config: ax('meta-llama/Llama-3.1-8B', {}), at: 'base_model', accept: { special_tokens: { pad_token: '<|finetune_right_pad_id|>' } } },
];
