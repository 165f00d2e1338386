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
