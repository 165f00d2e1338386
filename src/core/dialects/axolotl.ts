// Axolotl (axolotl-ai-cloud/axolotl): one YAML read by PyYAML into AxolotlInputConfig.
import { mapAxolotl } from '../estimator-input/axolotl';
import { AXOLOTL_RULES } from '../validate/rulesAxolotl';
import { AXOLOTL_LAUNCH_RULES } from '../validate/rulesAxolotlLaunch';
import { AXOLOTL_LEDGER_ALL } from '../validate/rulesAxolotlLedgerAll';
import { AXOLOTL_TRAINING_ARGS_RULES } from '../validate/rulesAxolotlTrainingArgs';
import type { DialectPlugin } from './types';

export const axolotl: DialectPlugin<'axolotl'> = {
  id: 'axolotl',
  label: 'Axolotl',
  detect: {
    markers: {
      base_model: 4,
      sequence_len: 3,
      lora_target_linear: 3,
      sample_packing: 3,
      micro_batch_size: 2,
      datasets: 2,
      adapter: 2,
      lora_r: 2,
      num_epochs: 2,
      val_set_size: 2,
      dataset_prepared_path: 2,
      special_tokens: 1,
      wandb_project: 1,
    },
  },
  schemaId: 'axolotl',
  loader: 'pyyaml',
  toEstimatorInput: mapAxolotl,
  applyKeys: {
    rank: { paths: [['lora_r']] },
    alpha: { paths: [['lora_alpha']] },
    learningRate: { paths: [['learning_rate']] },
    targetModules: { paths: [['lora_target_modules']], list: 'list' },
    sequenceLength: { paths: [['sequence_len']] },
    microBatchSize: { paths: [['micro_batch_size']] },
    gradientAccumulationSteps: { paths: [['gradient_accumulation_steps']] },
  },
  targetModulesKey: ['lora_target_modules'],
  rules: [...AXOLOTL_RULES, ...AXOLOTL_LAUNCH_RULES, ...AXOLOTL_LEDGER_ALL, ...AXOLOTL_TRAINING_ARGS_RULES],
  snippetPrefix: 'mlc-axolotl-',
};
