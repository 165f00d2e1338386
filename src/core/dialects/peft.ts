// PEFT adapter_config.json (huggingface/peft PeftConfig.save_pretrained), or the same keys in YAML.
import { mapPeft } from '../estimator-input/peft';
import { OTHER_RULES } from '../validate/rulesOther';
import { PEFT_RULES } from '../validate/rulesPeftAll';
import type { DialectPlugin } from './types';

export const peft: DialectPlugin<'peft'> = {
  id: 'peft',
  label: 'PEFT adapter config',
  detect: {
    fileNames: ['adapter_config.json'],
    certain: { test: (k) => k.top.has('peft_type'), reason: 'content: `peft_type` key' },
  },
  schemaId: 'peft',
  loader: 'json',
  toEstimatorInput: mapPeft,
  applyKeys: {
    rank: { paths: [['r']] },
    alpha: { paths: [['lora_alpha']] },
    targetModules: { paths: [['target_modules']], list: 'list' },
  },
  targetModulesKey: ['target_modules'],
  rules: [...OTHER_RULES, ...PEFT_RULES],
  snippetPrefix: 'mlc-peft-',
};
