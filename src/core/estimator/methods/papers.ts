// Methods that are in neither PEFT nor AdapterHub, counted from their papers' formulas (see
// formulas.md 2.3); labelled 'count from the paper' because no library run confirms them.
import { int } from '../config';
import { LORA_TARGETS } from '../defaults';
import { isLinearLike, trainableOnly, unsupportedModule, type TunerMethod } from '../method';
import type { ModelInventory } from '../types';

const NORMS = new Set(['LayerNorm', 'RMSNorm']);

/** SSF (Lian et al. 2022, arXiv 2210.08823): a scale and a shift of each operation's output dim. */
export const SSF: TunerMethod = {
  peftType: 'SSF',
  label: 'SSF (Lian et al. 2022, arXiv 2210.08823), count from the paper',
  defaults: {},
  targets: null,
  defaultTargets: (inv: ModelInventory) =>
    inv.modules
      .filter((m) => m.layerIndex !== undefined && (isLinearLike(m) || NORMS.has(m.kind)))
      .map((m) => m.name),
  layer(m) {
    if (isLinearLike(m) || NORMS.has(m.kind)) return trainableOnly(2 * m.outFeatures);
    throw unsupportedModule('SSF', m, 'Linear layers and norms');
  },
};

/** SVFit (Sun et al. 2024, arXiv 2409.05926): only the top-r singular values of each matrix train. */
export const SVFIT: TunerMethod = {
  peftType: 'SVFIT',
  label: 'SVFit (Sun et al. 2024, arXiv 2409.05926), count from the paper',
  defaults: { r: 8 },
  targets: LORA_TARGETS,
  layer(m, cfg) {
    if (!isLinearLike(m)) throw unsupportedModule('SVFit', m, 'Linear layers');
    return trainableOnly(Math.min(int(cfg, 'r'), m.inFeatures, m.outFeatures));
  },
};

/** FLoRA (Si et al. 2024, arXiv 2405.14739), 2-D case: A (out x r), core G (r x r), B (r x in). */
export const FLORA: TunerMethod = {
  peftType: 'FLORA',
  label: 'FLoRA (Si et al. 2024, arXiv 2405.14739), count from the paper',
  defaults: { r: 8 },
  targets: LORA_TARGETS,
  layer(m, cfg) {
    if (!isLinearLike(m)) throw unsupportedModule('FLoRA', m, 'Linear layers');
    const r = int(cfg, 'r');
    return trainableOnly(r * (m.inFeatures + m.outFeatures) + r * r);
  },
};
