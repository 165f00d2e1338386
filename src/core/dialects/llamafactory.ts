// LLaMA-Factory (hiyouga/LLaMA-Factory), the classic layout: OmegaConf-loaded YAML into HfArgumentParser (schemas/llamafactory.schema.json x-loader).
import { mapLlamaFactory } from '../estimator-input/llamafactory';
import { LLAMAFACTORY_RULES } from '../validate/rulesLlamaFactory';
import { LLAMAFACTORY_RULES_2 } from '../validate/rulesLlamaFactory2';
import { LLAMAFACTORY_LAUNCH_RULES } from '../validate/rulesLlamaFactoryLaunch';
import { TRAINING_ARGS_RULES } from '../validate/rulesTrainingArgs';
import { HF_TRAINER_APPLY_KEYS } from './hf-trainer';
import type { DialectPlugin } from './types';

export const llamafactory: DialectPlugin<'llamafactory'> = {
  id: 'llamafactory',
  label: 'LLaMA-Factory',
  detect: {
    markers: {
      finetuning_type: 4,
      stage: 3,
      template: 3,
      lora_target: 3,
      plot_loss: 3,
      cutoff_len: 2,
      overwrite_cache: 2,
      quantization_bit: 2,
      max_samples: 2,
      preprocessing_num_workers: 1,
      ddp_timeout: 1,
      do_train: 1,
    },
  },
  schemaId: 'llamafactory',
  loader: 'omegaconf',
  toEstimatorInput: mapLlamaFactory,
  applyKeys: {
    ...HF_TRAINER_APPLY_KEYS,
    rank: { paths: [['lora_rank']] },
    alpha: { paths: [['lora_alpha']] },
    targetModules: { paths: [['lora_target']], list: 'csv' },
    sequenceLength: { paths: [['cutoff_len']] },
  },
  targetModulesKey: ['lora_target'],
  rules: [
    ...LLAMAFACTORY_RULES,
    ...LLAMAFACTORY_RULES_2,
    ...LLAMAFACTORY_LAUNCH_RULES,
    ...TRAINING_ARGS_RULES,
  ],
  snippetPrefix: 'mlc-llamafactory-',
};
