// Pure pre-training formulas (peak LR, batch size, compute) with their constants as data.
// Each function names the paper and equation it implements; units are in the names and comments.

/**
 * Step Law (arXiv 2503.04715). We ship the released tool's constants: the mean of the 1000 bootstrap
 * fits in step-law/steplaw data/1004_fitted_lr_bs_scaling_model_parameters.csv, as code/fit_tool.py
 * predicts with them (log-space means). The paper prints them rounded (1.79, −0.713, 0.307; 0.58, 0.571);
 * the two differ by ≈1.8% in η at N 1e9, D 1e11. Both sets are here; STEP_LAW is the one recommended.
 */
export interface StepLawConstants {
  name: string;
  lrCoef: number;
  lrExpN: number;
  lrExpD: number;
  bsCoef: number;
  bsExpD: number;
}

export const STEP_LAW_REPO: StepLawConstants = {
  name: 'released tool (bootstrap means, step-law/steplaw @32a8f4c)',
  lrCoef: Math.exp(0.5863077907399267),
  lrExpN: -0.7129222911869904,
  lrExpD: 0.30749095041206964,
  bsCoef: Math.exp(-0.5435421736103339),
  bsExpD: 0.5709443646895044,
};

export const STEP_LAW_PAPER: StepLawConstants = {
  name: 'paper (rounded)',
  lrCoef: 1.79,
  lrExpN: -0.713,
  lrExpD: 0.307,
  bsCoef: 0.58,
  bsExpD: 0.571,
};

export const STEP_LAW = STEP_LAW_REPO;

/** Step Law peak LR; N = non-embedding params, D = tokens. */
export function stepLawLearningRate(nonEmbeddingParams: number, tokens: number, k = STEP_LAW): number {
  return k.lrCoef * nonEmbeddingParams ** k.lrExpN * tokens ** k.lrExpD;
}

/** Step Law optimal batch size in tokens (the fit regresses bs·seq_len); depends on D only. */
export function stepLawBatchTokens(tokens: number, k = STEP_LAW): number {
  return k.bsCoef * tokens ** k.bsExpD;
}

/** DeepSeek LLM (arXiv 2401.02954) §3.1 Eq. 1 and §3.2 Eq. 4 constants. */
export const DEEPSEEK = {
  lrCoef: 0.3118,
  lrExp: -0.125,
  bsCoef: 0.292,
  bsExp: 0.3271,
  mCoef: 0.1715,
  mExp: 0.5243,
  dCoef: 5.8316,
  dExp: 0.4757,
};

/** DeepSeek non-embedding FLOPs/token, §3.2 Eq. 2: M = 72·n_layer·d_model² + 12·n_layer·d_model·l_seq. */
export function deepSeekFlopsPerToken(nLayer: number, dModel: number, seqLen: number): number {
  return 72 * nLayer * dModel ** 2 + 12 * nLayer * dModel * seqLen;
}

/**
 * The same M from the real weight matrices: 6·N_matrices + 12·n_layer·d_model·l_seq. Equals Eq. 2 for
 * MHA with an 8/3·d FFN; differs for GQA or other FFN widths (DeepSeek 67B: 4.33e11 vs 4.97e11).
 */
export function flopsPerTokenFromParams(
  nonEmbeddingParams: number,
  nLayer: number,
  dModel: number,
  seqLen: number,
): number {
  return 6 * nonEmbeddingParams + 12 * nLayer * dModel * seqLen;
}

/** DeepSeek peak LR from compute C = M·D in FLOPs (Eq. 1). */
export function deepSeekLearningRate(computeFlops: number): number {
  return DEEPSEEK.lrCoef * computeFlops ** DEEPSEEK.lrExp;
}

/** DeepSeek optimal batch in tokens (Eq. 1; the unit is inferred from Table 2, see formulas.md §1.2). */
export function deepSeekBatchTokens(computeFlops: number): number {
  return DEEPSEEK.bsCoef * computeFlops ** DEEPSEEK.bsExp;
}

/** DeepSeek model/data split (Eq. 4): M_opt in FLOPs/token, D_opt in tokens. */
export function deepSeekAllocation(computeFlops: number): { flopsPerToken: number; tokens: number } {
  return {
    flopsPerToken: DEEPSEEK.mCoef * computeFlops ** DEEPSEEK.mExp,
    tokens: DEEPSEEK.dCoef * computeFlops ** DEEPSEEK.dExp,
  };
}

/** Power Scheduler (arXiv 2408.13359 v2): the WSD fit a 4.6 (§3.2), and the scheduler's own a 4, η_max 0.02 (§4). */
export const POWER = { wsdA: 4.6, schedulerA: 4, b: -0.51, etaMax: 0.02 };

/** η_opt = β·a·T^b with β = batch in sequences and T = tokens (μP base LR). */
export function powerLearningRate(
  batchSequences: number,
  tokens: number,
  a = POWER.wsdA,
  b = POWER.b,
): number {
  return batchSequences * a * tokens ** b;
}

/** The Power scheduler's LR after T tokens: min(η_max, β·4·T^−0.51) (§4 Eq. 7). */
export function powerSchedulerLearningRate(batchSequences: number, tokens: number): number {
  return Math.min(POWER.etaMax, powerLearningRate(batchSequences, tokens, POWER.schedulerA));
}

/** Kaplan et al. (arXiv 2001.08361) App. D.6 Eq. D.1 (natural log) and §1.2 Eqs. 1.1, 1.2, 1.4. */
export const KAPLAN = {
  lr0: 0.003239,
  lrSlope: -0.0001395,
  bStar: 2e8,
  alphaB: 0.21,
  nC: 8.8e13,
  alphaN: 0.076,
  dC: 5.4e13,
  alphaD: 0.095,
};

/** Kaplan's LR rule of thumb; linear in ln N, so it reaches zero at N ≈ 1.21e10 and turns negative beyond. */
export function kaplanLearningRate(nonEmbeddingParams: number): number {
  return KAPLAN.lr0 + KAPLAN.lrSlope * Math.log(nonEmbeddingParams);
}

/** The N at which Eq. D.1 reaches zero (1.2126e10). */
export const KAPLAN_LR_ZERO_N = Math.exp(-KAPLAN.lr0 / KAPLAN.lrSlope);

/** Kaplan critical batch B_crit(L) = B_star · L^(−1/α_B) in tokens, L in nats/token (Eq. 1.4). */
export function kaplanCriticalBatchTokens(lossNats: number): number {
  return KAPLAN.bStar / lossNats ** (1 / KAPLAN.alphaB);
}

/** Kaplan L(N) = (N_c/N)^α_N, the converged loss of a non-embedding size N (Eq. 1.1), nats. */
export function kaplanLossOfParams(nonEmbeddingParams: number): number {
  return (KAPLAN.nC / nonEmbeddingParams) ** KAPLAN.alphaN;
}

/** Kaplan L(D) = (D_c/D)^α_D (Eq. 1.2), nats. */
export function kaplanLossOfTokens(tokens: number): number {
  return (KAPLAN.dC / tokens) ** KAPLAN.alphaD;
}

/** Porian et al. (arXiv 2406.19146) rounded fits from their released plotting code; sequences of 2048. */
export const PORIAN = { n0: 1.08e8, bs0: 160, lr0: 0.0047, seqLen: 2048 };

export function porianBatchSequences(params: number): number {
  return PORIAN.bs0 * (params / PORIAN.n0) ** (2 / 3);
}

export function porianLearningRate(params: number): number {
  return PORIAN.lr0 * (params / PORIAN.n0) ** (-1 / 3);
}
