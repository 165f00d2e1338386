// DeepSpeed config (ds_config.json): read by deepspeed.runtime.config.DeepSpeedConfig (hjson) or handed to
// it by the HF Trainer / Accelerate, which fill "auto" values. Validate-only: no estimate of its own; a
// training config that links it takes its ZeRO stage and offload devices.
import { DEEPSPEED_RULES } from '../validate/rulesDeepSpeed';
import type { DialectPlugin, SniffedKeys } from './types';

/** Top-level content only DeepSpeed files have. */
export const looksLikeDeepSpeed = (k: SniffedKeys): boolean =>
  k.top.has('zero_optimization') ||
  k.top.has('train_micro_batch_size_per_gpu') ||
  ((k.top.has('fp16') || k.top.has('bf16')) &&
    (k.any.has('loss_scale_window') || k.any.has('initial_scale_power')));

export const deepspeed: DialectPlugin<'deepspeed'> = {
  id: 'deepspeed',
  label: 'DeepSpeed config',
  detect: {
    fileGlobs: ['ds_config*.json', '*zero*.json', 'deepspeed*.json', 'ds_z*.json'],
    certain: {
      test: looksLikeDeepSpeed,
      reason:
        'content: DeepSpeed keys (`zero_optimization` / `train_micro_batch_size_per_gpu` / fp16 loss scaling)',
    },
  },
  schemaId: 'deepspeed',
  loader: 'json',
  applyKeys: {},
  rules: DEEPSPEED_RULES,
  snippetPrefix: 'mlc-deepspeed-',
};
