// Shared types of the scaling-law recommender: what goes in (a training shape, parameter counts),
// what each law is (data: citation, units, fitted range, regime) and what comes out per law.

/** The four training regimes the laws distinguish; a law only *recommends* inside its own regimes. */
export type Regime = 'pretrain' | 'continued' | 'full' | 'lora';

export const REGIMES: readonly Regime[] = ['pretrain', 'continued', 'full', 'lora'];

export const REGIME_LABELS: Record<Regime, string> = {
  pretrain: 'pre-training from scratch',
  continued: 'continued pre-training',
  full: 'full fine-tuning',
  lora: 'LoRA-family fine-tuning',
};

/** How a constant or claim was checked (formulas.md evidence tags); 'unverified' ones are labelled in output. */
export type Evidence = 'paper' | 'code' | 'data' | 'secondary' | 'unverified';

export interface Source {
  title: string;
  /** arXiv id, or null for a blog post (then `version` dates the text cited). */
  arxiv: string | null;
  url: string;
  version?: string;
}

/** Everything a law may read. Counts are plain numbers; every field is optional, each law says what it needs. */
export interface LawInputs {
  /** All parameters including embeddings and lm_head (Chinchilla's N). */
  totalParams?: number;
  /** Attention + MLP weight matrices of the blocks; no embeddings, norms or biases (Step Law's / Kaplan's N). */
  nonEmbeddingParams?: number;
  /** Training tokens D. */
  tokens?: number;
  /** Global batch in tokens (sequences x sequence length). */
  batchTokens?: number;
  seqLen?: number;
  regime: Regime;
  /** The config's current peak learning rate, compared against each law's value. */
  currentLearningRate?: number;
  nLayer?: number;
  dModel?: number;
  vocabSize?: number;
  /** HF `model_type` ('llama', 'qwen2', ...): the tinker-cookbook formula depends on the family. */
  modelFamily?: string;
  /** Training loss in nats/token for Kaplan's critical batch (default: Kaplan's converged L(N)). */
  lossNats?: number;
  loraRank?: number;
  loraAlpha?: number;
}

export type InputName = keyof LawInputs | 'computeFlops' | 'batchSequences';

/** One bound of a law's fitted range; `min`/`max` inclusive. */
export interface RangeBound {
  input: InputName;
  min: number;
  max: number;
  unit: string;
}

export interface OutOfRange {
  input: InputName;
  value: number;
  min: number;
  max: number;
  unit: string;
}

export interface RangeCheck {
  /** null when the law has no fitted range over the given inputs, or an input it needs is missing. */
  inside: boolean | null;
  outOfRange: OutOfRange[];
}

/** What a law's evaluate() computes; the registry adds citation, range and regime handling. */
export interface LawValue {
  learningRate: number | null;
  batchSizeTokens: number | null;
  batchSizeSequences: number | null;
  /** Warm-up as a share of the training steps, for the laws that publish one (QLoRA's 3%). */
  warmupRatio?: number;
  /** The formula with the user's numbers substituted (or why it could not be evaluated). */
  formula: string;
  /** Inputs used for the range check (may include derived ones such as compute C). */
  rangeInputs: Partial<Record<InputName, number>>;
  warnings: string[];
  notes: string[];
}

export interface LawDefinition {
  id: string;
  title: string;
  source: Source;
  /** What the law's LR is, in the comparison sentence: 'optimum', 'rule of thumb', 'published learning rate'. */
  lrNoun: string;
  /** The formula as printed, with symbols. */
  formulaDisplay: string;
  constants: Record<string, number>;
  units: { learningRate?: string; batchSize?: string; inputs: string };
  /** The fitted range in words (for hovers/docs) and as checkable bounds. */
  fittedRangeText: string;
  fittedRange: readonly RangeBound[];
  /** Regimes where the law's value is a recommendation; elsewhere it is context. */
  regimes: readonly Regime[];
  evidence: Evidence;
  unverified: boolean;
  /** Guidance lines always shown with the law (fine-tuning papers give advice, not formulas). */
  guidance: readonly string[];
  evaluate(inputs: LawInputs): LawValue;
}

export interface LawResult {
  law: string;
  title: string;
  source: Source;
  learningRate: number | null;
  batchSizeTokens: number | null;
  batchSizeSequences: number | null;
  /** Warm-up as a share of the steps, or null when the law publishes none. */
  warmupRatio: number | null;
  formula: string;
  inRange: RangeCheck;
  warnings: string[];
  notes: string[];
  applies: 'recommendation' | 'context';
  unverified: boolean;
  evidence: Evidence;
  /** "3.1x above Step Law's optimum", or null without a current LR or a law LR. */
  comparison: string | null;
  /** The file's learning rate over this law's (3.1 = 3.1x above), or null; text is made from this number. */
  currentRatio: number | null;
}
