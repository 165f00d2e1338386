// Weights & Biases sweep configurations (`wandb sweep FILE`, `wandb launch-sweep FILE`): validate-only,
// no estimate of its own; its learning-rate range is compared with the laws of the training config it runs.
import { WANDB_SWEEP_RULES } from '../validate/rulesWandbSweep';
import type { DialectPlugin } from './types';

export const wandbSweep: DialectPlugin<'wandb-sweep'> = {
  id: 'wandb-sweep',
  label: 'W&B sweep',
  detect: {
    certain: {
      test: (k) => k.top.has('parameters') && (k.top.has('method') || k.top.has('scheduler')),
      reason: 'content: `method` (or a launch `scheduler`) with `parameters`',
    },
  },
  schemaId: 'wandb-sweep',
  loader: 'pyyaml',
  applyKeys: {},
  rules: WANDB_SWEEP_RULES,
  snippetPrefix: 'mlc-sweep-',
};
