// TRL scripts and transformers TrainingArguments YAML (`trl sft --config x.yaml`, alignment-handbook).
import { mapTrl } from '../estimator-input/trl';
import { OTHER_RULES } from '../validate/rulesOther';
import { TRL_RULES } from '../validate/rulesTrl';
import { TRAINING_ARGS_RULES } from '../validate/rulesTrainingArgs';
import { TRAINING_ARGS_FSDP_RULES } from '../validate/rulesTrainingArgsFsdp';
import { HF_TRAINER_APPLY_KEYS } from './hf-trainer';
import type { DialectPlugin } from './types';

export const trl: DialectPlugin<'trl'> = {
  id: 'trl',
  label: 'TRL / Transformers TrainingArguments',
  detect: {
    markers: {
      use_peft: 3,
      dataset_mixture: 3,
      gradient_checkpointing_kwargs: 2,
      model_name_or_path: 2,
      torch_dtype: 2,
      dataset_name: 2,
      lora_target_modules: 2,
      per_device_train_batch_size: 1,
      num_train_epochs: 1,
      hub_model_id: 1,
      lr_scheduler_type: 1,
    },
  },
  schemaId: 'trl',
  loader: 'pyyaml',
  toEstimatorInput: mapTrl,
  applyKeys: {
    ...HF_TRAINER_APPLY_KEYS,
    rank: { paths: [['lora_r']] },
    alpha: { paths: [['lora_alpha']] },
    targetModules: { paths: [['lora_target_modules']], list: 'list' },
    sequenceLength: { paths: [['max_length'], ['max_seq_length']] },
  },
  targetModulesKey: ['lora_target_modules'],
  rules: [...OTHER_RULES, ...TRL_RULES, ...TRAINING_ARGS_RULES, ...TRAINING_ARGS_FSDP_RULES],
  snippetPrefix: 'mlc-trl-',
};
