// torchtune recipes (pytorch/torchtune recipes/configs): OmegaConf YAML with `_component_` builders.
import { mapTorchtune } from '../estimator-input/torchtune';
import { TORCHTUNE_RULES } from '../validate/rulesTorchtune';
import { TORCHTUNE_COMPONENT_RULES } from '../validate/rulesTorchtuneComponents';
import type { DialectPlugin } from './types';

export const torchtune: DialectPlugin<'torchtune'> = {
  id: 'torchtune',
  label: 'torchtune recipe',
  detect: {
    certain: { test: (k) => k.any.has('_component_'), reason: 'content: `_component_` dotted paths' },
  },
  schemaId: 'torchtune',
  loader: 'omegaconf',
  toEstimatorInput: mapTorchtune,
  applyKeys: {
    rank: { paths: [['model', 'lora_rank']] },
    alpha: { paths: [['model', 'lora_alpha']] },
    learningRate: { paths: [['optimizer', 'lr']] },
    targetModules: { paths: [['model', 'lora_attn_modules']], list: 'list' },
    sequenceLength: { paths: [['tokenizer', 'max_seq_len']] },
    microBatchSize: { paths: [['batch_size']] },
    gradientAccumulationSteps: { paths: [['gradient_accumulation_steps']] },
  },
  targetModulesKey: ['model', 'lora_attn_modules'],
  rules: [...TORCHTUNE_RULES, ...TORCHTUNE_COMPONENT_RULES],
  snippetPrefix: 'mlc-torchtune-',
};
