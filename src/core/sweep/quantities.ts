// A sweep's batch size, warm-up and LoRA rank against the laws for the training config it runs. Only
// values the laws in src/core/laws already give are used: batch sizes (Step Law, DeepSeek, Kaplan's
// critical batch, Porian, QLoRA's 16 sequences) and published warm-ups (QLoRA's 3%). For the rank no
// law here gives a value: the comparison says so, with what the laws say about rank instead.
import type { ConfigAnalysis } from '../analysis';
import { placeRange, placementSummary, sweptNamed, type Placement, type SweptRange } from './analysis';

export type SweptQuantity = 'batchSize' | 'warmup' | 'rank';

/** Parameter names (last dotted part) per quantity; per-device batch names are multiplied out to a step. */
const PER_DEVICE_BATCH = [
  'micro_batch_size',
  'per_device_train_batch_size',
  'batch_size',
  'train_micro_batch_size_per_gpu',
];
const GLOBAL_BATCH = ['train_batch_size', 'global_batch_size'];
const WARMUP_RATIO = ['warmup_ratio'];
const WARMUP_STEPS = ['warmup_steps', 'num_warmup_steps'];
const RANK = ['lora_r', 'lora_rank', 'r', 'rank'];

export interface QuantityComparison {
  quantity: SweptQuantity;
  range: SweptRange;
  /** The range in the laws' unit (sequences per optimizer step, share of the steps), and how it was converted. */
  compared?: { min: number; max: number; unit: string; how: string };
  placements: Placement[];
  summary?: string;
  /** Why there is no comparison, in a few words (the lens's title). */
  none?: string;
  /** What the laws say instead, or where a value applies (the tooltip and the hover). */
  note?: string;
}

/** Every swept batch size, warm-up and rank of `cfg`, against the laws of its training config's analysis. */
export function compareQuantities(cfg: Record<string, unknown>, a: ConfigAnalysis): QuantityComparison[] {
  const out: QuantityComparison[] = [];
  const perDevice = sweptNamed(cfg, PER_DEVICE_BATCH);
  const global = perDevice ? undefined : sweptNamed(cfg, GLOBAL_BATCH);
  if (perDevice ?? global) out.push(batchComparison((perDevice ?? global)!, !!perDevice, a));
  const ratio = sweptNamed(cfg, WARMUP_RATIO);
  const steps = ratio ? undefined : sweptNamed(cfg, WARMUP_STEPS);
  if (ratio ?? steps) out.push(warmupComparison((ratio ?? steps)!, !!steps, a));
  const rank = sweptNamed(cfg, RANK);
  if (rank) out.push(rankComparison(rank, a));
  return out;
}

function compare(
  quantity: SweptQuantity,
  range: SweptRange,
  compared: QuantityComparison['compared'],
  refs: Parameters<typeof placeRange>[1],
  none: Pick<QuantityComparison, 'none' | 'note'>,
): QuantityComparison {
  const placements = compared ? placeRange(compared, refs) : [];
  const summary = placementSummary(placements);
  return {
    quantity,
    range,
    ...(compared ? { compared } : {}),
    placements,
    ...(summary ? { summary } : none),
  };
}

/** Per-device values × gradient accumulation × devices = sequences per optimizer step (the laws' batch). */
function batchComparison(range: SweptRange, perDevice: boolean, a: ConfigAnalysis): QuantityComparison {
  const t = a.input?.training ?? {};
  const ga = t.gradientAccumulationSteps ?? 1;
  const devices = t.devices ?? 1;
  const factor = perDevice ? ga * devices : 1;
  const how = perDevice
    ? `per device × ${ga} gradient accumulation × ${devices} device${devices === 1 ? '' : 's'}`
    : 'global batch as swept';
  const refs = a.laws
    .filter((l) => typeof l.batchSizeSequences === 'number' && l.batchSizeSequences > 0)
    .map((l) => ({ law: l.law, title: l.title, value: l.batchSizeSequences as number, applies: l.applies }));
  const compared = { min: range.min * factor, max: range.max * factor, unit: 'sequences per step', how };
  return compare('batchSize', range, compared, refs, {
    none: 'no law here gives a batch size for this model and method',
  });
}

/** Warm-up as a share of the training steps, against QLoRA's published 3% (the only warm-up among the laws). */
function warmupComparison(range: SweptRange, inSteps: boolean, a: ConfigAnalysis): QuantityComparison {
  const maxSteps = a.input?.training.maxSteps;
  // The laws that publish a warm-up (LawResult.warmupRatio): QLoRA's 3% of the steps.
  const refs = a.laws
    .filter((l) => typeof l.warmupRatio === 'number' && l.warmupRatio > 0)
    .map((l) => ({ law: l.law, title: l.title, value: l.warmupRatio as number, applies: l.applies }));
  if (inSteps && !maxSteps)
    return {
      quantity: 'warmup',
      range,
      placements: [],
      none: 'not compared: the training config states no max_steps',
      note: 'QLoRA’s published warm-up is a share of the steps (3%); without max_steps the swept steps are not one',
    };
  const compared = inSteps
    ? {
        min: range.min / maxSteps!,
        max: range.max / maxSteps!,
        unit: 'of the steps',
        how: `steps ÷ ${maxSteps} training steps`,
      }
    : { min: range.min, max: range.max, unit: 'of the steps', how: 'warm-up ratio as swept' };
  return compare('warmup', range, compared, refs, {
    none: 'no law here gives a warm-up for this model and method',
    note: 'QLoRA’s published 3% applies to LoRA fine-tunes; the pre-training laws here fit no warm-up',
  });
}

/** No law recommends a rank: say so, with LoRA Without Regret's rank independence and rsLoRA's scaling. */
function rankComparison(range: SweptRange, a: ConfigAnalysis): QuantityComparison {
  // rsLoRA's own numbers for the training config's rank, as the law table shows them.
  const rslora = a.laws.find((l) => l.law === 'rslora' && l.formula.startsWith('α/r'));
  return {
    quantity: 'rank',
    range,
    placements: [],
    none: 'no law here recommends a LoRA rank',
    note: `LoRA Without Regret finds the best learning rate nearly rank-independent with 1/r scaling and α = 32, and rsLoRA scales by α/√r so that large ranks keep learning${rslora ? ` (the training config's own rank: ${rslora.formula})` : ''}`,
  };
}
