// Methods that retrain existing weights: LN tuning (Zhao et al. 2023, arXiv 2312.11420) trains a copy
// of each matched module; trainable tokens retrains selected embedding rows (a PEFT feature, no paper).
import { LN_TUNING_TARGETS } from '../defaults';
import { trainableOnly, type TunerMethod } from '../method';
import { EstimateError } from '../types';

export const LN_TUNING: TunerMethod = {
  peftType: 'LN_TUNING',
  label: 'LN tuning (Zhao et al. 2023, arXiv 2312.11420)',
  defaults: {},
  targets: LN_TUNING_TARGETS,
  copiesModule: true,
  // The copy's size is the matched module's whole subtree; inject.ts computes it.
  layer: () => trainableOnly(0),
};

/** The number of token rows; PEFT keeps one delta row per listed index. */
export function tokenCount(indices: unknown, field: string): number {
  if (!Array.isArray(indices) || !indices.every((i) => Number.isInteger(i) && i >= 0)) {
    throw new EstimateError(`\`${field}\` must be a list of token ids (non-negative integers).`);
  }
  return indices.length;
}

export const TRAINABLE_TOKENS: TunerMethod = {
  peftType: 'TRAINABLE_TOKENS',
  label: 'Trainable tokens (PEFT feature, selected embedding rows)',
  defaults: {},
  targets: null,
  noModulesToSave: true,
  validate(cfg) {
    tokenCount(cfg.token_indices, 'token_indices');
  },
  layer(m, cfg) {
    const n = tokenCount(cfg.token_indices, 'token_indices');
    if (m.kind === 'Embedding') return trainableOnly(n * m.outFeatures);
    if (m.kind === 'Linear') return trainableOnly(n * m.inFeatures);
    throw new EstimateError(
      `Trainable tokens need an Embedding or Linear module; "${m.name}" is a ${m.kind}.`,
    );
  },
};
