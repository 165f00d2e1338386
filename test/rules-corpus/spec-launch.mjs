// Rules corpus for the launch checks of Axolotl 0.18 (067b021), LLaMA-Factory (ff6d4d1) and
// torchtune 0.7 (bd2a0fc): per rule a config the framework refuses or warns on, the key the
// finding marks (`at`, dotted), and `accept`: the change after which the framework accepts it.
const ax = (extra) => ({
  base_model: 'meta-llama/Llama-3.1-8B', datasets: [{ path: 'tatsu-lab/alpaca', type: 'alpaca' }],
  micro_batch_size: 2, gradient_accumulation_steps: 4, num_epochs: 1, learning_rate: 0.0002, output_dir: './out', ...extra,
});
const lf = (extra) => ({
  model_name_or_path: 'meta-llama/Meta-Llama-3-8B-Instruct', stage: 'sft', do_train: true, finetuning_type: 'lora', lora_target: 'all',
  dataset: 'alpaca_en_demo', template: 'llama3', output_dir: 'saves/llama3-8b/lora/sft', bf16: true, ...extra,
});
const tt = (extra) => ({
  output_dir: '/tmp/torchtune/llama3_2_1B/lora',
  model: { _component_: 'torchtune.models.llama3_2.lora_llama3_2_1b', lora_attn_modules: ['q_proj', 'v_proj'], lora_rank: 8, lora_alpha: 16 },
  tokenizer: { _component_: 'torchtune.models.llama3.llama3_tokenizer', path: '/tmp/Llama-3.2-1B-Instruct/original/tokenizer.model' },
  checkpointer: { _component_: 'torchtune.training.FullModelHFCheckpointer', checkpoint_dir: '/tmp/Llama-3.2-1B-Instruct/', checkpoint_files: ['model.safetensors'], output_dir: '/tmp/out', model_type: 'LLAMA3_2' },
  optimizer: { _component_: 'torch.optim.AdamW', lr: 0.0003 },
  batch_size: 4, epochs: 1, ...extra,
});

export const AXOLOTL = [
  { rule: 'ax-save-strategy-save-steps', severity: 'error', config: ax({ save_strategy: 'epoch', save_steps: 500 }), at: 'save_strategy', accept: { save_steps: null } },
  { rule: 'ax-save-steps-saves-per-epoch', severity: 'error', config: ax({ saves_per_epoch: 2, save_steps: 500 }), at: 'saves_per_epoch', accept: { saves_per_epoch: null } },
  { rule: 'ax-eval-strategy-eval-steps', severity: 'error', config: ax({ val_set_size: 0.05, eval_strategy: 'epoch', eval_steps: 100 }), at: 'eval_strategy', accept: { eval_strategy: 'steps' } },
  { rule: 'ax-eval-steps-evals-per-epoch', severity: 'error', config: ax({ val_set_size: 0.05, evals_per_epoch: 4, eval_steps: 100 }), at: 'evals_per_epoch', accept: { eval_steps: null } },
  { rule: 'ax-evals-per-epoch-strategy', severity: 'error', config: ax({ val_set_size: 0.05, evals_per_epoch: 4, eval_strategy: 'epoch' }), at: 'eval_strategy', accept: { eval_strategy: null } },
  { rule: 'ax-bench-eval-needs-steps', severity: 'error', config: ax({ do_bench_eval: true }), at: 'do_bench_eval', accept: { evals_per_epoch: 2 } },
  { rule: 'ax-fsdp-offload-8bit-optimizer', severity: 'error', config: ax({ optimizer: 'paged_adamw_8bit', fsdp_version: 1, fsdp_config: { offload_params: true, auto_wrap_policy: 'TRANSFORMER_BASED_WRAP', transformer_layer_cls_to_wrap: 'LlamaDecoderLayer' } }), at: 'optimizer', accept: { optimizer: 'adamw_torch_fused' } },
  { rule: 'ax-fsdp2-bnb-8bit-optimizer', severity: 'error', config: ax({ optimizer: 'adamw_bnb_8bit', fsdp_version: 2, fsdp_config: { auto_wrap_policy: 'TRANSFORMER_BASED_WRAP', transformer_layer_cls_to_wrap: 'LlamaDecoderLayer' } }), at: 'optimizer', accept: { optimizer: 'adamw_torch_8bit' } },
  { rule: 'ax-tensor-parallel-8bit-optimizer', severity: 'error', config: ax({ optimizer: 'paged_adamw_8bit', tensor_parallel_size: 2 }), at: 'optimizer', accept: { optimizer: 'adamw_torch_fused' } },
  { rule: 'ax-new-tokens-modules-to-save', severity: 'error', config: ax({ adapter: 'lora', lora_r: 16, lora_alpha: 32, lora_target_linear: true, tokens: ['<|tool_call|>'] }), at: 'tokens', accept: { lora_modules_to_save: ['embed_tokens', 'lm_head'] } },
  { rule: 'ax-special-tokens-modules-to-save', severity: 'warning', config: ax({ adapter: 'lora', lora_r: 16, lora_alpha: 32, lora_target_linear: true, special_tokens: { eos_token: '<|my_end|>' } }), at: 'special_tokens', accept: { lora_modules_to_save: ['embed_tokens', 'lm_head'] } },
];

export const LLAMAFACTORY = [
  { rule: 'lf-eval-needs-eval-data', severity: 'error', config: lf({ eval_strategy: 'steps', eval_steps: 500 }), at: 'eval_strategy', accept: { val_size: 0.1 } },
  { rule: 'lf-zero3-incompatible', severity: 'error', config: lf({ use_unsloth: true, deepspeed: 'examples/deepspeed/ds_z3_config.json' }), at: 'use_unsloth', accept: { deepspeed: 'examples/deepspeed/ds_z2_config.json' } },
];

export const TORCHTUNE = [
  { rule: 'tt-utils-moved-to-training', severity: 'error', config: tt({ metric_logger: { _component_: 'torchtune.utils.metric_logging.DiskLogger', log_dir: '/tmp/logs' } }), at: 'metric_logger._component_', accept: { metric_logger: { _component_: 'torchtune.training.metric_logging.DiskLogger', log_dir: '/tmp/logs' } } },
];

const trl = (extra) => ({ model_name_or_path: 'Qwen/Qwen2.5-0.5B', dataset_name: 'trl-lib/Capybara', learning_rate: 0.00002, output_dir: 'out', ...extra });
const grpo = (extra) => trl({ dataset_name: 'trl-lib/DeepMath-103K', beta: 0.0, epsilon_high: 0.28, ...extra });

export const TRL = [
  { rule: 'bf16-and-fp16', severity: 'error', config: trl({ bf16: true, fp16: true }), at: 'fp16', accept: { fp16: false } },
  { rule: 'quantized-model-needs-peft', severity: 'error', config: trl({ load_in_4bit: true, use_peft: false }), at: 'use_peft', accept: { use_peft: true } },
  { rule: 'trl-dpo-loss-weights-length', severity: 'error', config: trl({ loss_type: ['sigmoid', 'bco_pair'], loss_weights: [1.0] }), at: 'loss_weights', accept: { loss_weights: [0.8, 0.2] } },
  { rule: 'trl-pad-token-deprecated', severity: 'warning', config: trl({ pad_token: '<|endoftext|>' }), at: 'pad_token', accept: { pad_token: null } },
  { rule: 'trl-keep-end-deprecated', severity: 'warning', config: trl({ truncation_mode: 'keep_end' }), at: 'truncation_mode', accept: { truncation_mode: 'keep_start' } },
  { rule: 'trl-transformers-paged-deprecated', severity: 'warning', config: grpo({ use_transformers_paged: true }), at: 'use_transformers_paged', accept: { use_transformers_paged: null, use_transformers_continuous_batching: true } },
  { rule: 'trl-importance-sampling-cap-deprecated', severity: 'warning', config: grpo({ vllm_importance_sampling_cap: 3.0 }), at: 'vllm_importance_sampling_cap', accept: { vllm_importance_sampling_cap: null, vllm_importance_sampling_clip_max: 3.0 } },
  { rule: 'trl-importance-sampling-clip-order', severity: 'error', config: grpo({ vllm_importance_sampling_clip_min: 2.0, vllm_importance_sampling_clip_max: 1.5 }), at: 'vllm_importance_sampling_clip_min', accept: { vllm_importance_sampling_clip_min: 0.5 } },
  { rule: 'trl-importance-sampling-truncate-needs-clip', severity: 'error', config: grpo({ vllm_importance_sampling_mode: 'token_truncate' }), at: 'vllm_importance_sampling_mode', accept: { vllm_importance_sampling_clip_max: 2.0 } },
  { rule: 'trl-log-completions-hub-repo', severity: 'error', config: grpo({ log_completions_hub_repo: 'me/completions' }), at: 'log_completions_hub_repo', accept: { log_completions: true } },
  { rule: 'trl-online-rl-sequence-parallel', severity: 'error', config: grpo({ parallelism_config: { cp_size: 2 } }), at: 'parallelism_config.cp_size', accept: { parallelism_config: null } },
  { rule: 'trl-online-rl-auto-find-batch-size', severity: 'error', config: grpo({ auto_find_batch_size: true }), at: 'auto_find_batch_size', accept: { auto_find_batch_size: false } },
  { rule: 'trl-generation-batch-and-steps', severity: 'error', config: grpo({ generation_batch_size: 64, steps_per_generation: 4 }), at: 'steps_per_generation', accept: { steps_per_generation: null } },
  { rule: 'trl-generation-batch-divisible', severity: 'error', config: grpo({ per_device_train_batch_size: 8, generation_batch_size: 20 }), at: 'generation_batch_size', accept: { generation_batch_size: 64 } },
  { rule: 'trl-online-rl-num-generations', severity: 'error', config: grpo({ num_generations: 1 }), at: 'num_generations', accept: { num_generations: 2 } },
  { rule: 'trl-cpo-alphapo-overrides', severity: 'warning', config: trl({ loss_type: 'alphapo', cpo_alpha: 1.0, alpha: 0.25 }), at: 'cpo_alpha', accept: { cpo_alpha: null } },
  { rule: 'trl-single-lora-target-regex', severity: 'error', config: trl({ use_peft: true, lora_r: 16, lora_target_modules: ['q_proj'] }), at: 'lora_target_modules', accept: { lora_target_modules: ['q_proj', 'v_proj'] } },
  { rule: 'trl-datasets-fraction', severity: 'error', config: ({ model_name_or_path: 'Qwen/Qwen2.5-0.5B', learning_rate: 0.00002, per_device_train_batch_size: 4, num_train_epochs: 1, output_dir: 'out', datasets: [{ path: 'trl-lib/Capybara', fraction: 0.7 }, { path: 'trl-lib/tldr' }] }), at: 'datasets', accept: { datasets: [{ path: 'trl-lib/Capybara', fraction: 0.7 }, { path: 'trl-lib/tldr', fraction: 0.3 }] } },
];
