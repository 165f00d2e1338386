// The panel on a W&B sweep: it shows the training config the sweep runs (its model, memory and laws)
// and draws the sweep's learning-rate range as a band on the law chart.
import type { ConfigAnalysis } from '../analysis';
import type { SweepBand } from './types';

/** The analysis the panel works from: a sweep's training config (with the sweep kept), else `a` itself. */
export function panelAnalysis(a: ConfigAnalysis | undefined): ConfigAnalysis | undefined {
  const training = a?.sweep?.trainingAnalysis;
  return training ? { ...training, sweep: a.sweep } : a;
}

/** The swept learning-rate range as a band on the law chart, with a label the legend shows. */
export function sweepBand(a: ConfigAnalysis | undefined): SweepBand | undefined {
  const r = a?.sweep?.learningRate;
  if (!r) return undefined;
  return {
    min: r.min,
    max: r.max,
    label: `sweep ${r.name}${r.distribution ? ` (${r.distribution})` : ''}`,
  };
}
