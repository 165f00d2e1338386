// Pre-training LR / batch laws as data: citation, formula, units, fitted range, regime, evaluate().
import { coef, sig } from './format';
import { batchSequencesOf, batchWords, needs, positive, toSequences, value } from './law-helpers';
import {
  DEEPSEEK,
  KAPLAN,
  KAPLAN_LR_ZERO_N,
  POWER,
  STEP_LAW,
  STEP_LAW_PAPER,
  deepSeekAllocation,
  deepSeekBatchTokens,
  deepSeekFlopsPerToken,
  deepSeekLearningRate,
  flopsPerTokenFromParams,
  kaplanCriticalBatchTokens,
  kaplanLearningRate,
  kaplanLossOfParams,
  powerLearningRate,
  powerSchedulerLearningRate,
  stepLawBatchTokens,
  stepLawLearningRate,
} from './pretrain-formulas';
import { SOURCES } from './sources';
import type { LawDefinition, LawInputs } from './types';

const LR_UNIT = 'peak learning rate (dimensionless, per optimizer step)';

export const STEP_LAW_DEF: LawDefinition = {
  id: 'step-law',
  lrNoun: 'optimum',
  title: 'Step Law',
  source: SOURCES.stepLaw,
  formulaDisplay: 'η = 1.7973 · N^−0.71292 · D^0.30749;  B = 0.58069 · D^0.57094 tokens',
  constants: {
    lrCoef: STEP_LAW.lrCoef,
    lrExpN: STEP_LAW.lrExpN,
    lrExpD: STEP_LAW.lrExpD,
    bsCoef: STEP_LAW.bsCoef,
    bsExpD: STEP_LAW.bsExpD,
  },
  units: {
    learningRate: LR_UNIT,
    batchSize: 'tokens per step (sequences = tokens / seq_len)',
    inputs: 'N non-embedding params (attention + FFN matrices), D tokens',
  },
  fittedRangeText:
    'dense models, N 2.147e8–1.074e9 non-embedding params, D 4e9–1e11 tokens, seq_len 2048, AdamW, final LR 1e-5',
  fittedRange: [
    { input: 'nonEmbeddingParams', min: 2.147e8, max: 1.074e9, unit: 'non-embedding params' },
    { input: 'tokens', min: 4e9, max: 1e11, unit: 'tokens' },
  ],
  regimes: ['pretrain'],
  evidence: 'code',
  unverified: false,
  guidance: [],
  evaluate(i: LawInputs) {
    const N = i.nonEmbeddingParams,
      D = i.tokens;
    if (!positive(N) || !positive(D)) return needs('N (non-embedding parameters) and D (training tokens)');
    const k = STEP_LAW;
    const lr = stepLawLearningRate(N, D),
      bt = stepLawBatchTokens(D);
    const paperLr = stepLawLearningRate(N, D, STEP_LAW_PAPER),
      paperB = stepLawBatchTokens(D, STEP_LAW_PAPER);
    return value({
      learningRate: lr,
      batchSizeTokens: bt,
      batchSizeSequences: toSequences(bt, i.seqLen),
      formula:
        `η = ${coef(k.lrCoef, 5)} · (${sig(N)})^${coef(k.lrExpN, 5)} · (${sig(D)})^${coef(k.lrExpD, 5)} = ${sig(lr)}; ` +
        `B = ${coef(k.bsCoef, 5)} · (${sig(D)})^${coef(k.bsExpD, 5)} = ${batchWords(bt, i.seqLen)}`,
      rangeInputs: { nonEmbeddingParams: N, tokens: D },
      notes: [
        `Constants: ${k.name}. The paper's rounded form (1.79, −0.713, 0.307; 0.58, 0.571, as quoted secondhand) gives η ${sig(paperLr)} and B ${sig(paperB)} tokens.`,
        'Fitted with a schedule ending at a fixed minimum LR of 1e-5.',
      ],
    });
  },
};

/** DeepSeek's C = M·D when the architecture is known, else the 6·N·D approximation (warned). */
function deepSeekCompute(i: LawInputs): { C: number; how: string; approx: boolean } | null {
  if (!positive(i.tokens)) return null;
  if (positive(i.nLayer) && positive(i.dModel) && positive(i.seqLen)) {
    const M = deepSeekFlopsPerToken(i.nLayer, i.dModel, i.seqLen);
    return {
      C: M * i.tokens,
      approx: false,
      how: `M = 72·${i.nLayer}·${i.dModel}² + 12·${i.nLayer}·${i.dModel}·${i.seqLen} = ${sig(M)} FLOPs/token; C = M·D = ${sig(M)} · ${sig(i.tokens)} = ${sig(M * i.tokens)} FLOPs`,
    };
  }
  if (positive(i.nonEmbeddingParams)) {
    const C = 6 * i.nonEmbeddingParams * i.tokens;
    return {
      C,
      approx: true,
      how: `C ≈ 6·N·D = 6 · ${sig(i.nonEmbeddingParams)} · ${sig(i.tokens)} = ${sig(C)} FLOPs`,
    };
  }
  return null;
}

/** Eq. 2 assumes MHA and an 8/3·d FFN; when the real matrices differ by >5%, show their M too. */
function realArchitectureNote(i: LawInputs, C: number): string[] {
  if (
    !positive(i.nonEmbeddingParams) ||
    !positive(i.nLayer) ||
    !positive(i.dModel) ||
    !positive(i.seqLen) ||
    !positive(i.tokens)
  )
    return [];
  const eq2 = C / i.tokens;
  const real = flopsPerTokenFromParams(i.nonEmbeddingParams, i.nLayer, i.dModel, i.seqLen);
  if (Math.abs(real / eq2 - 1) <= 0.05) return [];
  const Cr = real * i.tokens;
  return [
    `Eq. 2 assumes MHA and an FFN of 8/3·d_model; this model's matrices give M = 6·N + 12·n_layer·d_model·l_seq = ${sig(real)} FLOPs/token, ` +
      `C ${sig(Cr)}, η ${sig(deepSeekLearningRate(Cr))}, B ${sig(deepSeekBatchTokens(Cr))} tokens.`,
  ];
}

export const DEEPSEEK_DEF: LawDefinition = {
  id: 'deepseek',
  lrNoun: 'optimum',
  title: 'DeepSeek LLM',
  source: SOURCES.deepSeek,
  formulaDisplay:
    'η = 0.3118 · C^−0.1250;  B = 0.2920 · C^0.3271 tokens;  C = M·D, M = 72·n_layer·d_model² + 12·n_layer·d_model·l_seq',
  constants: { ...DEEPSEEK },
  units: {
    learningRate: LR_UNIT,
    batchSize: 'tokens per step (paper names no unit; Table 2 implies tokens)',
    inputs: 'C in FLOPs from M (non-embedding FLOPs/token) × D tokens',
  },
  fittedRangeText:
    'compute budgets 1e17–2e19 FLOPs (validated at 1e20); near-optimal band = within 0.25% of the best loss',
  fittedRange: [{ input: 'computeFlops', min: 1e17, max: 2e19, unit: 'FLOPs' }],
  regimes: ['pretrain'],
  evidence: 'paper',
  unverified: false,
  guidance: [],
  evaluate(i: LawInputs) {
    const c = deepSeekCompute(i);
    if (!c)
      return needs(
        'D (training tokens) and either n_layer, d_model, seq_len or N (non-embedding parameters)',
      );
    const lr = deepSeekLearningRate(c.C),
      bt = deepSeekBatchTokens(c.C),
      alloc = deepSeekAllocation(c.C);
    return value({
      learningRate: lr,
      batchSizeTokens: bt,
      batchSizeSequences: toSequences(bt, i.seqLen),
      formula: `${c.how}; η = 0.3118 · (${sig(c.C)})^−0.125 = ${sig(lr)}; B = 0.2920 · (${sig(c.C)})^0.3271 = ${batchWords(bt, i.seqLen)}`,
      rangeInputs: { computeFlops: c.C },
      warnings: c.approx
        ? [
            "n_layer/d_model/seq_len unknown: C approximated as 6·N·D (drops DeepSeek's attention term 12·n_layer·d_model·l_seq).",
          ]
        : [],
      notes: [
        `At this C, DeepSeek's allocation (Eq. 4) is M_opt ${sig(alloc.flopsPerToken)} FLOPs/token and D_opt ${sig(alloc.tokens)} tokens.`,
        ...realArchitectureNote(i, c.C),
      ],
    });
  },
};

export const POWER_DEF: LawDefinition = {
  id: 'power-scheduler',
  lrNoun: 'optimum',
  title: 'Power Scheduler',
  source: SOURCES.power,
  formulaDisplay:
    'η_opt = β · a · T^b, a = 4.6, b = −0.51 (WSD fit; the Power scheduler itself uses a = 4, capped at η_max = 0.02)',
  constants: { ...POWER },
  units: {
    learningRate: 'μP base learning rate (dimensionless, per step)',
    batchSize: 'β in sequences (seq 4096 in the paper)',
    inputs: 'β batch in sequences, T tokens',
  },
  fittedRangeText: 'μP models 12M–121M, WSD schedule, T 2e9–2.56e11 tokens, β 16–512 sequences of 4096',
  fittedRange: [
    { input: 'tokens', min: 2e9, max: 2.56e11, unit: 'tokens' },
    { input: 'batchSequences', min: 16, max: 512, unit: 'sequences' },
  ],
  regimes: ['pretrain'],
  evidence: 'paper',
  unverified: false,
  guidance: [
    'The constants are for μP models: hidden matrices use η / m_width (m_width = d_model / 256 in the search models).',
  ],
  evaluate(i: LawInputs) {
    const beta = batchSequencesOf(i),
      T = i.tokens;
    if (!positive(beta) || !positive(T))
      return needs('the global batch (tokens and seq_len) and T (training tokens)');
    const lr = powerLearningRate(beta, T);
    return value({
      learningRate: lr,
      formula: `η = ${sig(beta)} · 4.6 · (${sig(T)})^−0.51 = ${sig(lr)}`,
      rangeInputs: { tokens: T, batchSequences: beta },
      notes: [
        `The Power scheduler's own setting (a = 4, η_max 0.02) gives ${sig(powerSchedulerLearningRate(beta, T))} at the end of training.`,
      ],
    });
  },
};

export const KAPLAN_DEF: LawDefinition = {
  id: 'kaplan',
  lrNoun: 'rule of thumb',
  title: 'Kaplan et al.',
  source: SOURCES.kaplan,
  formulaDisplay: 'LR(N) = 0.003239 − 0.0001395 · ln N;  B_crit(L) = 2e8 / L^(1/0.21) tokens',
  constants: { ...KAPLAN },
  units: {
    learningRate: LR_UNIT,
    batchSize: 'critical batch in tokens (L in nats/token)',
    inputs: 'N non-embedding params; L training loss in nats',
  },
  fittedRangeText:
    'N 768–1.5e9 non-embedding params, D 22M–23B tokens, n_ctx 1024, WebText2; B_crit measured on 3M and 85M models',
  fittedRange: [{ input: 'nonEmbeddingParams', min: 768, max: 1.5e9, unit: 'non-embedding params' }],
  regimes: ['pretrain'],
  evidence: 'paper',
  unverified: false,
  guidance: [],
  evaluate(i: LawInputs) {
    const N = i.nonEmbeddingParams;
    if (!positive(N)) return needs('N (non-embedding parameters)');
    const lr = kaplanLearningRate(N);
    const L = positive(i.lossNats) ? i.lossNats : kaplanLossOfParams(N);
    const lSource = positive(i.lossNats)
      ? 'given loss'
      : `L(N) = (8.8e13 / ${sig(N)})^0.076, Kaplan's converged loss at this size`;
    const bt = kaplanCriticalBatchTokens(L);
    const warnings = [
      `Kaplan's losses are nats/token on WebText2 with GPT-2's tokenizer; B_crit uses ${lSource}.`,
    ];
    if (lr <= 0)
      warnings.unshift(
        `LR(N) = ${sig(lr)} ≤ 0: Eq. D.1 is linear in ln N and turns negative above ${sig(KAPLAN_LR_ZERO_N)} params; no learning rate given.`,
      );
    else if (N > 1e10)
      warnings.unshift(
        `The paper says this formula breaks down above 1e10 params (it reaches zero at ${sig(KAPLAN_LR_ZERO_N)}).`,
      );
    return value({
      learningRate: lr > 0 ? lr : null,
      batchSizeTokens: bt,
      batchSizeSequences: toSequences(bt, i.seqLen),
      formula: `LR = 0.003239 − 0.0001395 · ln(${sig(N)}) = ${sig(lr)}; B_crit = 2e8 / ${sig(L)}^(1/0.21) = ${batchWords(bt, i.seqLen)}`,
      rangeInputs: { nonEmbeddingParams: N },
      warnings,
    });
  },
};
