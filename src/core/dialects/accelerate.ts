// Accelerate launcher config (`accelerate config` → ~/.cache/huggingface/accelerate/default_config.yaml, or
// `accelerate launch --config_file FILE`): read by accelerate's load_config_from_file (yaml.safe_load).
// Validate-only.
import { ACCELERATE_RULES } from '../validate/rulesAccelerate';
import type { DialectPlugin } from './types';

export const accelerate: DialectPlugin<'accelerate'> = {
  id: 'accelerate',
  label: 'Accelerate config',
  detect: {
    fileNames: ['default_config.yaml'],
    fileGlobs: ['accelerate*.yaml', 'accelerate*.yml', 'accelerate*.json'],
    certain: {
      test: (k) => k.top.has('compute_environment') || k.top.has('distributed_type'),
      reason: 'content: `compute_environment` / `distributed_type` (an Accelerate launcher config)',
    },
  },
  schemaId: 'accelerate',
  loader: 'pyyaml',
  applyKeys: {},
  rules: ACCELERATE_RULES,
  snippetPrefix: 'mlc-accelerate-',
};
