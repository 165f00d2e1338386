// Rules corpus for the torchtune component checks (rulesTorchtuneComponents.ts, ledger/torchtune.json,
// torchtune 0.7.0 = bd2a0fc): per rule a recipe config torchtune refuses, the key the finding marks
// (`at`), and `accept`: the change after which it is accepted. Unknown sections are used where the
// schema's own error on a known section would already tell the same mistake.
const tt = (extra) => ({
  output_dir: '/tmp/torchtune/llama3_2_1B/lora',
  model: { _component_: 'torchtune.models.llama3_2.lora_llama3_2_1b', lora_attn_modules: ['q_proj', 'v_proj'], lora_rank: 8, lora_alpha: 16 },
  tokenizer: { _component_: 'torchtune.models.llama3.llama3_tokenizer', path: '/tmp/Llama-3.2-1B-Instruct/original/tokenizer.model' },
  batch_size: 4, epochs: 1, ...extra,
});
const sched = (extra) => ({ _component_: 'torchtune.training.lr_schedulers.get_cosine_schedule_with_warmup', ...extra });

export const TORCHTUNE_COMPONENTS = [
  { rule: 'tt-component-unknown', severity: 'error', config: tt({ extra_scheduler: { _component_: 'torchtune.modules.get_cosine_schedule_with_warmup', num_warmup_steps: 10 } }), at: 'extra_scheduler._component_', accept: { extra_scheduler: { _component_: 'torchtune.training.lr_schedulers.get_cosine_schedule_with_warmup', num_warmup_steps: 10 } } },
  { rule: 'tt-component-unknown-kwarg', severity: 'error', config: tt({ extra_scheduler: sched({ num_warmup_step: 100 }) }), at: 'extra_scheduler.num_warmup_step', accept: { extra_scheduler: sched({ num_warmup_steps: 100 }) } },
  { rule: 'tt-component-missing-kwarg', severity: 'error', config: tt({ tokenizer: { _component_: 'torchtune.models.llama3.llama3_tokenizer', max_seq_len: 2048 } }), at: 'tokenizer._component_', accept: { tokenizer: { _component_: 'torchtune.models.llama3.llama3_tokenizer', path: '/tmp/tokenizer.model', max_seq_len: 2048 } } },
  { rule: 'tt-config-key', severity: 'error', config: tt({ config: 'lora.yaml' }), at: 'config', accept: { config: null } },
];
