// Small builders shared by the law tables, so each law's evaluate() stays a few lines.
import { sig } from './format';
import type { LawInputs, LawValue } from './types';

/** A law that could not be evaluated: says which inputs it needs, values null. */
export function needs(what: string): LawValue {
  return {
    learningRate: null,
    batchSizeTokens: null,
    batchSizeSequences: null,
    formula: `needs ${what}`,
    rangeInputs: {},
    warnings: [],
    notes: [],
  };
}

export function value(partial: Partial<LawValue> & { formula: string }): LawValue {
  return {
    learningRate: null,
    batchSizeTokens: null,
    batchSizeSequences: null,
    rangeInputs: {},
    warnings: [],
    notes: [],
    ...partial,
  };
}

/** Batch in sequences from tokens when the sequence length is known. */
export function toSequences(batchTokens: number | null, seqLen: number | undefined): number | null {
  return batchTokens !== null && seqLen ? batchTokens / seqLen : null;
}

/** The config's global batch in sequences, when batch tokens and sequence length are both known. */
export function batchSequencesOf(i: LawInputs): number | undefined {
  return i.batchTokens && i.seqLen ? i.batchTokens / i.seqLen : undefined;
}

/** "1.107e6 tokens (540.8 sequences of 2048)" */
export function batchWords(tokens: number, seqLen: number | undefined): string {
  return seqLen
    ? `${sig(tokens)} tokens (${sig(tokens / seqLen)} sequences of ${seqLen})`
    : `${sig(tokens)} tokens`;
}

export function positive(x: number | undefined): x is number {
  return typeof x === 'number' && Number.isFinite(x) && x > 0;
}
