// Rules corpus for transformers 5.17.0 TrainingArguments (rulesTrainingArgs*.ts, ledger/transformers.json),
// written as TRL configs (TRL configs subclass TrainingArguments): per rule a config TrainingArguments
// refuses or warns on, the key the finding marks (`at`), and `accept`: the change after which it is accepted.
const trl = (extra) => ({ model_name_or_path: 'Qwen/Qwen2.5-0.5B', dataset_name: 'trl-lib/Capybara', learning_rate: 0.00002, output_dir: 'out', ...extra });
const fsdp = (extra) => trl({ fsdp: 'full_shard auto_wrap', ...extra });

export const TRAINING_ARGS = [
  { rule: 'hf-eval-steps-needs-logging-steps', severity: 'error', config: trl({ eval_strategy: 'steps', logging_strategy: 'epoch', logging_steps: 0 }), at: 'eval_strategy', accept: { eval_steps: 100 } },
  { rule: 'hf-eval-steps-from-logging', severity: 'warning', config: trl({ eval_strategy: 'steps', eval_steps: 0 }), at: 'eval_steps', accept: { eval_steps: 100 } },
  { rule: 'hf-do-eval-overridden', severity: 'warning', config: trl({ do_eval: false, eval_strategy: 'epoch' }), at: 'do_eval', accept: { do_eval: true } },
  { rule: 'hf-logging-steps-zero', severity: 'error', config: trl({ logging_steps: 0 }), at: 'logging_steps', accept: { logging_steps: 10 } },
  { rule: 'hf-steps-not-integer', severity: 'error', config: trl({ save_steps: 2.5 }), at: 'save_steps', accept: { save_steps: 500 } },
  { rule: 'load-best-model-strategy-mismatch', severity: 'error', config: trl({ load_best_model_at_end: true, eval_strategy: 'epoch' }), at: 'load_best_model_at_end', accept: { save_strategy: 'epoch' } },
  { rule: 'hf-load-best-save-steps-multiple', severity: 'error', config: trl({ load_best_model_at_end: true, eval_strategy: 'steps', eval_steps: 300, save_steps: 500 }), at: 'save_steps', accept: { save_steps: 600 } },
  { rule: 'hf-full-eval-fp16-and-bf16', severity: 'error', config: trl({ fp16_full_eval: true, bf16_full_eval: true }), at: 'fp16_full_eval', accept: { fp16_full_eval: false } },
  { rule: 'plateau-scheduler-without-eval', severity: 'error', config: trl({ lr_scheduler_type: 'reduce_lr_on_plateau' }), at: 'lr_scheduler_type', accept: { eval_strategy: 'epoch' } },
  { rule: 'hf-prefetch-needs-workers', severity: 'error', config: trl({ dataloader_prefetch_factor: 2 }), at: 'dataloader_prefetch_factor', accept: { dataloader_num_workers: 4 } },
  { rule: 'hf-torch-empty-cache-steps', severity: 'error', config: trl({ torch_empty_cache_steps: 0 }), at: 'torch_empty_cache_steps', accept: { torch_empty_cache_steps: 4 } },
  { rule: 'hf-torch-compile-implied', severity: 'warning', config: trl({ torch_compile: false, torch_compile_mode: 'max-autotune' }), at: 'torch_compile', accept: { torch_compile: true } },
  { rule: 'hf-cpu-no-pin-memory', severity: 'warning', config: trl({ use_cpu: true, dataloader_pin_memory: true }), at: 'dataloader_pin_memory', accept: { dataloader_pin_memory: false } },
  { rule: 'hf-fsdp-legacy-option', severity: 'warning', config: trl({ fsdp: 'full_shard' }), at: 'fsdp', accept: { fsdp: null } },
  { rule: 'hf-fsdp-unknown-option', severity: 'error', config: trl({ fsdp: 'full_shard offload_params' }), at: 'fsdp', accept: { fsdp: null } },
  { rule: 'hf-fsdp-strategy-needs-fsdp1', severity: 'error', config: trl({ fsdp: 'hybrid_shard' }), at: 'fsdp', accept: { fsdp: null } },
  { rule: 'hf-fsdp-gradient-checkpointing', severity: 'warning', config: fsdp({ gradient_checkpointing: true }), at: 'gradient_checkpointing', accept: { fsdp: null } },
  { rule: 'hf-fsdp-xla-grad-ckpt', severity: 'warning', config: fsdp({ fsdp_config: { xla_fsdp_grad_ckpt: true } }), at: 'fsdp_config.xla_fsdp_grad_ckpt', accept: { fsdp_config: { activation_checkpointing: true } } },
  { rule: 'hf-fsdp-auto-wrap-policy', severity: 'error', config: fsdp({ fsdp_config: { auto_wrap_policy: 'TRANSFORMER_WRAP' } }), at: 'fsdp_config.auto_wrap_policy', accept: { fsdp_config: { auto_wrap_policy: 'TRANSFORMER_BASED_WRAP' } } },
  { rule: 'hf-fsdp1-deprecated', severity: 'warning', config: fsdp({ fsdp_config: { version: 1 } }), at: 'fsdp_config.version', accept: { fsdp_config: { version: 2 } } },
  { rule: 'hf-fsdp-config-values', severity: 'error', config: fsdp({ fsdp_config: { cpu_ram_efficient_loading: 'maybe' } }), at: 'fsdp_config.cpu_ram_efficient_loading', accept: { fsdp_config: { cpu_ram_efficient_loading: true } } },
  { rule: 'hf-accelerator-config-keys', severity: 'error', config: trl({ accelerator_config: { split_batch: true } }), at: 'accelerator_config.split_batch', accept: { accelerator_config: { split_batches: true } } },
  { rule: 'hf-dict-field-json', severity: 'error', config: trl({ lr_scheduler_kwargs: "{'min_lr': 1e-6}" }), at: 'lr_scheduler_kwargs', accept: { lr_scheduler_kwargs: { min_lr: 0.000001 } } },
];
