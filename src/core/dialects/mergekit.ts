// mergekit merge configurations (`mergekit-yaml FILE OUT`): validate-only here; the merge estimate
// (src/core/merge) counts the merged model.
import { MERGEKIT_RULES } from '../validate/rulesMergekit';
import type { DialectPlugin } from './types';

export const mergekit: DialectPlugin<'mergekit'> = {
  id: 'mergekit',
  label: 'mergekit merge',
  detect: {
    certain: { test: (k) => k.top.has('merge_method'), reason: 'content: `merge_method` key' },
  },
  schemaId: 'mergekit',
  loader: 'pyyaml',
  applyKeys: {},
  rules: MERGEKIT_RULES,
  snippetPrefix: 'mlc-merge-',
};
