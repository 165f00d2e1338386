// LLaMA-Factory v1 layout (src/llamafactory/v1): `model_class`, `peft_config: {name, r, ...}`.
import { mapLlamaFactory } from '../estimator-input/llamafactory';
import { LLAMAFACTORY_V1_RULES } from '../validate/rulesLlamaFactory';
import { LLAMAFACTORY_LAUNCH_RULES } from '../validate/rulesLlamaFactoryLaunch';
import type { DialectPlugin } from './types';

export const llamafactoryV1: DialectPlugin<'llamafactory-v1'> = {
  id: 'llamafactory-v1',
  label: 'LLaMA-Factory v1',
  detect: {
    markers: {
      model_class: 3,
      dist_config: 3,
      kernel_config: 3,
      train_dataset: 3,
      peft_config: 3,
      quant_config: 2,
      sample_backend: 3,
      batching_strategy: 2,
      init_config: 2,
    },
  },
  schemaId: 'llamafactory-v1',
  loader: 'omegaconf',
  // The classic mapper reads the v1 `peft_config` block too.
  toEstimatorInput: (config) => ({ ...mapLlamaFactory(config), dialect: 'llamafactory-v1' }),
  applyKeys: {
    rank: { paths: [['peft_config', 'r']] },
    alpha: { paths: [['peft_config', 'lora_alpha']] },
    targetModules: { paths: [['peft_config', 'target_modules']], list: 'list' },
  },
  targetModulesKey: ['peft_config', 'target_modules'],
  rules: [...LLAMAFACTORY_V1_RULES, ...LLAMAFACTORY_LAUNCH_RULES],
};
