// Rules corpus for rulesLlamaFactory2.ts (LLaMA-Factory ff6d4d1, ledger/llamafactory.json): per rule a
// config LLaMA-Factory refuses or warns on, the key the finding marks (`at`), and `accept`: the change
// after which LLaMA-Factory accepts it (null = remove the key).
const lf = (extra, drop = []) => {
  const c = { model_name_or_path: 'meta-llama/Meta-Llama-3-8B-Instruct', stage: 'sft', do_train: true, finetuning_type: 'lora', lora_target: 'all', dataset: 'alpaca_en_demo', template: 'llama3', output_dir: 'saves/llama3-8b/lora/sft', bf16: true, ...extra };
  for (const k of drop) delete c[k];
  return c;
};
const infer = (extra) => ({ model_name_or_path: 'meta-llama/Meta-Llama-3-8B-Instruct', template: 'llama3', ...extra });

export const LLAMAFACTORY_2 = [
  { rule: 'lf-ppo-reward-model-type', severity: 'error', config: lf({ stage: 'ppo', finetuning_type: 'full', reward_model: 'saves/rm', reward_model_type: 'lora' }, ['lora_target']), at: 'reward_model_type', accept: { reward_model_type: 'full' } },
  { rule: 'lf-pissa-stage', severity: 'error', config: lf({ stage: 'kto', pissa_init: true }), at: 'pissa_init', accept: { pissa_init: null } },
  { rule: 'lf-quantization-bits-assert', severity: 'error', config: lf({ stage: 'dpo', ref_model_quantization_bit: 2 }), at: 'ref_model_quantization_bit', accept: { ref_model_quantization_bit: 4 } },
  { rule: 'lf-quantized-adapters', severity: 'error', config: lf({ quantization_bit: 4, upcast_layernorm: true, adapter_name_or_path: 'saves/a,saves/b' }), at: 'adapter_name_or_path', accept: { adapter_name_or_path: 'saves/a' } },
  { rule: 'lf-ppo-options', severity: 'error', config: lf({ stage: 'ppo', do_train: false, reward_model: 'saves/rm' }), at: 'do_train', accept: { do_train: true } },
  { rule: 'lf-predict-compute-accuracy', severity: 'error', config: lf({ val_size: 0.1, predict_with_generate: true, compute_accuracy: true }), at: 'compute_accuracy', accept: { compute_accuracy: null } },
  { rule: 'lf-quantization-device-map-train', severity: 'error', config: lf({ quantization_bit: 4, upcast_layernorm: true, quantization_device_map: 'auto' }), at: 'quantization_device_map', accept: { quantization_device_map: null } },
  { rule: 'lf-galore-deepspeed', severity: 'error', config: lf({ finetuning_type: 'full', pure_bf16: true, use_galore: true, deepspeed: 'examples/deepspeed/ds_z2_config.json' }, ['lora_target']), at: 'use_galore', accept: { deepspeed: null } },
  { rule: 'lf-infer-backend-train', severity: 'error', config: lf({ infer_backend: 'vllm' }), at: 'infer_backend', accept: { infer_backend: 'huggingface' } },
  { rule: 'lf-vllm-infer', severity: 'error', config: infer({ infer_backend: 'vllm', quantization_bit: 4 }), at: 'quantization_bit', accept: { quantization_bit: null } },
  { rule: 'lf-fp8-all-gather', severity: 'warning', config: lf({ fp8_enable_fsdp_float8_all_gather: true }), at: 'fp8_enable_fsdp_float8_all_gather', accept: { fp8: true } },
  { rule: 'lf-resize-vocab-additional-target', severity: 'warning', config: lf({ resize_vocab: true }), at: 'resize_vocab', accept: { additional_target: 'embed_tokens,lm_head' } },
  { rule: 'lf-galore-mixed-precision', severity: 'warning', config: lf({ finetuning_type: 'full', use_galore: true }, ['lora_target']), at: 'use_galore', accept: { pure_bf16: true } },
  { rule: 'lf-eval-quantized', severity: 'warning', config: lf({ do_train: false, do_eval: true, eval_dataset: 'alpaca_en_demo', quantization_bit: 4 }), at: 'quantization_bit', accept: { quantization_bit: null } },
  { rule: 'lf-dpo-eval-ref-model', severity: 'warning', config: lf({ stage: 'dpo', do_train: false, do_eval: true, eval_dataset: 'dpo_en_demo' }), at: 'stage', accept: { ref_model: 'saves/ref' } },
  { rule: 'lf-remove-unused-columns', severity: 'warning', config: lf({ remove_unused_columns: true }), at: 'remove_unused_columns', accept: { remove_unused_columns: null } },
  { rule: 'lf-swanlab-report-to', severity: 'warning', config: lf({ use_swanlab: true, report_to: 'swanlab' }), at: 'report_to', accept: { report_to: 'none' } },
  { rule: 'lf-resume-stage', severity: 'warning', config: lf({ stage: 'rm', finetuning_type: 'full', resume_from_checkpoint: 'saves/ckpt' }, ['lora_target']), at: 'resume_from_checkpoint', accept: { resume_from_checkpoint: null } },
  { rule: 'lf-rm-ppo-lora-resume', severity: 'warning', config: lf({ stage: 'rm', resume_from_checkpoint: 'saves/ckpt' }), at: 'resume_from_checkpoint', accept: { resume_from_checkpoint: null } },
  { rule: 'lf-trackio', severity: 'error', config: lf({ report_to: 'trackio', run_name: 'r1', project: '' }), at: 'project', accept: { project: 'my-project' } },
  { rule: 'lf-trackio-space-id', severity: 'warning', config: lf({ report_to: 'trackio', run_name: 'r1', trackio_space_id: 'myspace' }), at: 'trackio_space_id', accept: { trackio_space_id: 'org/myspace' } },
  { rule: 'lf-streaming-val-size', severity: 'error', config: lf({ streaming: true, max_steps: 1000, val_size: 0.1 }), at: 'val_size', accept: { val_size: 100 } },
  { rule: 'lf-interleave-probs-length', severity: 'error', config: lf({ dataset: 'alpaca_en_demo,glaive_toolcall_en_demo', mix_strategy: 'interleave_under', interleave_probs: '0.5,0.3,0.2' }), at: 'interleave_probs', accept: { interleave_probs: '0.5,0.5' } },
  { rule: 'lf-neat-packing-packing', severity: 'warning', config: lf({ neat_packing: true, packing: false }), at: 'packing', accept: { packing: null } },
  { rule: 'lf-video-pixels', severity: 'error', config: lf({ video_max_pixels: 1000, video_min_pixels: 2000 }), at: 'video_max_pixels', accept: { video_min_pixels: 256 } },
  { rule: 'lf-export-quantization-dataset', severity: 'error', config: infer({ export_dir: 'output/llama3_gptq', export_quantization_bit: 4 }), at: 'export_quantization_bit', accept: { export_quantization_dataset: 'data/c4_demo.jsonl' } },
  { rule: 'lf-model-name-required', severity: 'error', config: lf({ model_name_or_path: null }), at: 'model_name_or_path', accept: { model_name_or_path: 'meta-llama/Meta-Llama-3-8B-Instruct' } },
  { rule: 'lf-special-tokens-config', severity: 'warning', config: lf({ init_special_tokens: 'desc_init' }), at: 'init_special_tokens', accept: { init_special_tokens: 'noise_init' } },
  { rule: 'lf-kt-config', severity: 'error', config: lf({ use_kt: true, kt_config: { kt_lora_rank: 8 } }), at: 'kt_config.kt_lora_rank', accept: { kt_config: { kt_model_max_length: 4096 } } },
  { rule: 'lf-kt-options', severity: 'error', config: lf({ use_kt: true, gradient_checkpointing: true }), at: 'gradient_checkpointing', accept: { gradient_checkpointing: null } },
];
