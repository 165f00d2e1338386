// Rules corpus for the transformers TrainingArguments checks an Axolotl config reaches through Axolotl's
// trainer builders (rulesAxolotlTrainingArgs.ts, ledger/transformers.json `axolotl`): per rule a config
// whose TrainingArguments the framework refuses, the Axolotl key the finding marks (`at`), and `accept`.
const ax = (extra) => ({
  base_model: 'meta-llama/Llama-3.1-8B', datasets: [{ path: 'tatsu-lab/alpaca', type: 'alpaca' }],
  micro_batch_size: 2, gradient_accumulation_steps: 4, num_epochs: 1, learning_rate: 0.0002, output_dir: './out', ...extra,
});
const spec = (rule, config, at, accept, severity = 'error') => ({ rule, severity, config, at, accept });
const withEval = { val_set_size: 0.05 };

export const AXOLOTL_TRAINING_ARGS = [
  spec('hf-strategy-value', ax({ save_strategy: 'epochs' }), 'save_strategy', { save_strategy: 'epoch' }),
  spec('hf-eval-steps-needs-logging-steps', ax({ ...withEval, eval_strategy: 'steps', logging_steps: 0 }), 'logging_steps', { logging_steps: 10 }),
  spec('hf-logging-steps-zero', ax({ logging_steps: 0 }), 'logging_steps', { logging_steps: 10 }),
  spec('hf-steps-not-integer', ax({ ...withEval, eval_steps: 12.5 }), 'eval_steps', { eval_steps: 12 }),
  spec('plateau-scheduler-without-eval', ax({ lr_scheduler: 'reduce_lr_on_plateau' }), 'lr_scheduler', { ...withEval, evals_per_epoch: 4 }),
  spec('hf-prefetch-needs-workers', ax({ dataloader_prefetch_factor: 2 }), 'dataloader_prefetch_factor', { dataloader_num_workers: 2 }),
  spec('hf-torch-empty-cache-steps', ax({ torch_empty_cache_steps: -1 }), 'torch_empty_cache_steps', { torch_empty_cache_steps: 100 }),
  // Values the builders change without a word (rulesAxolotlBuilders.ts): warnings.
  spec('ax-warmup-steps-one', ax({ warmup_steps: 1 }), 'warmup_steps', { warmup_steps: 2 }, 'warning'),
  spec('ax-eval-without-eval-set', ax({ eval_steps: 50 }), 'eval_steps', withEval, 'warning'),
  spec('ax-load-best-dropped', ax({ ...withEval, load_best_model_at_end: true, eval_steps: 50 }), 'load_best_model_at_end', { save_steps: 100 }, 'warning'),
  spec('hf-accelerator-config-keys', ax({ accelerator_config: { split_batch: true } }), 'accelerator_config.split_batch', { accelerator_config: { split_batches: true } }),
  // FSDP (rulesAxolotlTrainingArgsFsdp.ts): base.py:684-686 passes fsdp_config and the deprecated fsdp list.
  spec('hf-fsdp-gradient-checkpointing', ax({ gradient_checkpointing: true, fsdp_version: 2, fsdp_config: { offload_params: true } }), 'gradient_checkpointing', { gradient_checkpointing: false }, 'warning'),
  spec('hf-fsdp-strategy-needs-fsdp1', ax({ fsdp: ['hybrid_shard', 'auto_wrap'] }), 'fsdp', { fsdp: ['full_shard', 'auto_wrap'] }),
  spec('hf-fsdp-unknown-option', ax({ fsdp_version: 2, fsdp_config: { offload_params: true }, fsdp: ['full-shard'] }), 'fsdp', { fsdp: null }),
];
