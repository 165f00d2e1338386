// From a training config's shape (micro-batch, accumulation, devices, steps/epochs) to the laws'
// inputs: global batch in sequences and tokens, training tokens D, and where each number came from.
import type { Regime } from './types';

export interface TrainingShape {
  microBatch?: number;
  gradAccum?: number;
  devices?: number;
  seqLen?: number;
  maxSteps?: number;
  epochs?: number;
  /** Tokens in one pass over the dataset (needed for epochs → tokens). */
  datasetTokens?: number;
  /** A token count the user gives directly; wins over steps and epochs. */
  tokens?: number;
  learningRate?: number;
  regime?: Regime;
}

export type TokensSource = 'user' | 'steps' | 'epochs';

export interface ShapeLawInputs {
  seqLen?: number;
  /** micro_batch × grad_accum × devices. */
  globalBatchSequences?: number;
  batchTokens?: number;
  tokens?: number;
  tokensSource?: TokensSource;
  currentLearningRate?: number;
  regime?: Regime;
  /** How each number was derived, for display next to the result. */
  notes: string[];
}

function pos(x: number | undefined): x is number {
  return typeof x === 'number' && Number.isFinite(x) && x > 0;
}

/** Global batch = micro_batch × grad_accum × devices (missing accumulation/devices count as 1). */
export function globalBatchSequences(s: TrainingShape): number | undefined {
  if (!pos(s.microBatch)) return undefined;
  return s.microBatch * (pos(s.gradAccum) ? s.gradAccum : 1) * (pos(s.devices) ? s.devices : 1);
}

/** Tokens D: the user's value, else max_steps × global batch × seq_len, else epochs × dataset tokens. */
function trainingTokens(
  s: TrainingShape,
  batchTokens: number | undefined,
): { tokens?: number; source?: TokensSource; note?: string } {
  if (pos(s.tokens)) return { tokens: s.tokens, source: 'user', note: `D = ${s.tokens} tokens (given)` };
  if (pos(s.maxSteps) && pos(batchTokens)) {
    return {
      tokens: s.maxSteps * batchTokens,
      source: 'steps',
      note: `D = max_steps × batch tokens = ${s.maxSteps} × ${batchTokens} = ${s.maxSteps * batchTokens} (assumes full, packed sequences: an upper bound)`,
    };
  }
  if (pos(s.epochs) && pos(s.datasetTokens)) {
    return {
      tokens: s.epochs * s.datasetTokens,
      source: 'epochs',
      note: `D = epochs × dataset tokens = ${s.epochs} × ${s.datasetTokens} = ${s.epochs * s.datasetTokens}`,
    };
  }
  return {};
}

export function trainingShapeToLawInputs(s: TrainingShape): ShapeLawInputs {
  const notes: string[] = [];
  const seqs = globalBatchSequences(s);
  const batchTokens = seqs !== undefined && pos(s.seqLen) ? seqs * s.seqLen : undefined;
  if (seqs !== undefined) {
    notes.push(
      `global batch = micro_batch × grad_accum × devices = ${s.microBatch} × ${pos(s.gradAccum) ? s.gradAccum : 1} × ${pos(s.devices) ? s.devices : 1} = ${seqs} sequences` +
        (batchTokens !== undefined ? ` × ${s.seqLen} = ${batchTokens} tokens` : ''),
    );
  }
  const t = trainingTokens(s, batchTokens);
  notes.push(
    t.note ??
      "D (training tokens) unknown: needs max_steps with the batch shape, epochs with the dataset's token count, or a given token count",
  );
  return {
    seqLen: pos(s.seqLen) ? s.seqLen : undefined,
    globalBatchSequences: seqs,
    batchTokens,
    tokens: t.tokens,
    tokensSource: t.source,
    currentLearningRate: pos(s.learningRate) ? s.learningRate : undefined,
    regime: s.regime,
    notes,
  };
}
