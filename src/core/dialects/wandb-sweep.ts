// Weights & Biases sweep configurations (`wandb sweep FILE`, `wandb launch-sweep FILE`): no training
// estimate; its own analysis (src/core/sweep/report.ts) counts a grid's runs and compares its
// learning-rate range with the laws of the training config it runs.
import { analyseSweep } from '../sweep/report';
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
  analyse: (config, ctx) => ({ sweep: analyseSweep(config, ctx) }),
  applyKeys: {},
  rules: WANDB_SWEEP_RULES,
  snippetPrefix: 'mlc-sweep-',
};
