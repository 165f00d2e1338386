// mergekit merge configurations (`mergekit-yaml FILE OUT`): no training estimate; its own analysis is
// the merge estimate (src/core/merge): the merged model's count, sizes, disk and memory.
import { estimateMerge } from '../merge/estimate';
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
  analyse: (config, ctx) => ({ merge: estimateMerge(config, ctx.resolveModel) }),
  applyKeys: {},
  rules: MERGEKIT_RULES,
  snippetPrefix: 'mlc-merge-',
};
