// Laws shown beside the main ones: Porian's rounded fits, Chinchilla's 20 tokens/parameter and the
// Besiroglu refit (allocation, no LR), μP transfer and re-warming guidance.
import { chinchillaOptimum, BESIROGLU, CHINCHILLA_TOKENS_PER_PARAM } from './allocation-formulas';
import { coef, count, sig } from './format';
import { batchWords, needs, positive, value } from './law-helpers';
import { PORIAN, porianBatchSequences, porianLearningRate } from './pretrain-formulas';
import { SOURCES } from './sources';
import type { LawDefinition, LawInputs } from './types';

export const PORIAN_DEF: LawDefinition = {
  id: 'porian',
  lrNoun: 'optimum',
  title: 'Porian et al.',
  source: SOURCES.porian,
  formulaDisplay: 'B*(N) = 160 · (N / 1.08e8)^(2/3) sequences of 2048;  η*(N) = 0.0047 · (N / 1.08e8)^(−1/3)',
  constants: { ...PORIAN },
  units: {
    learningRate: 'peak learning rate (AdamW)',
    batchSize: 'sequences of 2048 tokens',
    inputs: 'N = non-embedding + unembedding params',
  },
  fittedRangeText: 'sweeps with 2.5e7 < N < 1.1e8 (released analysis defaults); RefinedWeb and OpenWebText2',
  fittedRange: [
    { input: 'nonEmbeddingParams', min: 2.5e7, max: 1.1e8, unit: 'params (non-embedding + unembedding)' },
  ],
  regimes: ['pretrain'],
  evidence: 'code',
  unverified: false,
  guidance: [],
  evaluate(i: LawInputs) {
    if (!positive(i.nonEmbeddingParams)) return needs('N (non-embedding parameters)');
    const unembed = positive(i.vocabSize) && positive(i.dModel) ? i.vocabSize * i.dModel : 0;
    const N = i.nonEmbeddingParams + unembed;
    const seqs = porianBatchSequences(N),
      lr = porianLearningRate(N);
    return value({
      learningRate: lr,
      batchSizeTokens: seqs * PORIAN.seqLen,
      batchSizeSequences: seqs,
      formula: `N = ${sig(N)}; B* = 160 · (${sig(N)} / 1.08e8)^(2/3) = ${sig(seqs)} sequences (${sig(seqs * PORIAN.seqLen)} tokens); η* = 0.0047 · (${sig(N)} / 1.08e8)^(−1/3) = ${sig(lr)}`,
      rangeInputs: { nonEmbeddingParams: N },
      warnings: unembed
        ? []
        : ['Vocabulary size unknown: N excludes the unembedding matrix that Porian et al. count.'],
    });
  },
};

export const CHINCHILLA_DEF: LawDefinition = {
  id: 'chinchilla',
  lrNoun: 'suggested learning rate',
  title: 'Chinchilla',
  source: SOURCES.chinchilla,
  formulaDisplay: 'D_opt ≈ 20 · N (tokens per parameter, N = all parameters including embeddings)',
  constants: { tokensPerParam: CHINCHILLA_TOKENS_PER_PARAM },
  units: { inputs: 'N total params, D tokens' },
  fittedRangeText: '400+ models, 7e7 to 1.6e10 params, 5e9–5e11 tokens',
  fittedRange: [{ input: 'totalParams', min: 7e7, max: 1.6e10, unit: 'params' }],
  regimes: ['pretrain'],
  evidence: 'paper',
  unverified: false,
  guidance: [
    'Allocation only (no learning rate). Approach-3 constants do not reproduce 20 tokens/parameter; the rule of thumb is used.',
  ],
  evaluate(i: LawInputs) {
    if (!positive(i.totalParams)) return needs('N (total parameters)');
    const Dopt = CHINCHILLA_TOKENS_PER_PARAM * i.totalParams;
    const notes = positive(i.tokens)
      ? [
          `This run: ${sig(i.tokens / i.totalParams)} tokens per parameter (${sig(i.tokens)} / ${count(i.totalParams)}).`,
        ]
      : [];
    return value({
      formula: `D_opt ≈ 20 · ${sig(i.totalParams)} = ${sig(Dopt)} tokens`,
      rangeInputs: { totalParams: i.totalParams },
      notes,
    });
  },
};

export const BESIROGLU_DEF: LawDefinition = {
  id: 'besiroglu',
  lrNoun: 'suggested learning rate',
  title: 'Chinchilla replication (Besiroglu et al.)',
  source: SOURCES.besiroglu,
  formulaDisplay:
    'L = 1.8169 + 482.01/N^0.3478 + 2085.43/D^0.3658;  N_opt = G·(C/6)^0.5126, D_opt = G⁻¹·(C/6)^0.4874, G = 0.1196',
  constants: { E: BESIROGLU.E, A: BESIROGLU.A, B: BESIROGLU.B, alpha: BESIROGLU.alpha, beta: BESIROGLU.beta },
  units: { inputs: 'C = 6·N·D FLOPs with N total params, D tokens' },
  fittedRangeText:
    '240 points digitised from Chinchilla Fig. 4 (models 7e7–1.6e10 params); Chinchilla Approach 2 budgets 6e18–3e21 FLOPs',
  fittedRange: [{ input: 'computeFlops', min: 6e18, max: 3e21, unit: 'FLOPs' }],
  regimes: ['pretrain'],
  evidence: 'code',
  unverified: false,
  guidance: [],
  evaluate(i: LawInputs) {
    if (!positive(i.totalParams) || !positive(i.tokens))
      return needs('N (total parameters) and D (training tokens)');
    const C = 6 * i.totalParams * i.tokens;
    const opt = chinchillaOptimum(C, BESIROGLU);
    return value({
      formula: `C = 6 · ${sig(i.totalParams)} · ${sig(i.tokens)} = ${sig(C)}; N_opt = ${coef(opt.G)} · (C/6)^${coef(opt.a)} = ${sig(opt.params)}, D_opt = ${sig(opt.tokens)} tokens (${sig(opt.tokensPerParam)} per parameter)`,
      rangeInputs: { computeFlops: C },
      notes: [`This run: ${sig(i.tokens / i.totalParams)} tokens per parameter.`],
    });
  },
};

export const MUP_DEF: LawDefinition = {
  id: 'mup',
  lrNoun: 'suggested learning rate',
  title: 'μP transfer',
  source: SOURCES.muP,
  formulaDisplay:
    'Adam: hidden-matrix LR = η_base / width_mult, width_mult = fan_in / base_fan_in; vector-like params keep η_base',
  constants: {},
  units: { learningRate: 'base LR tuned on a small proxy', inputs: 'widths of the proxy and target' },
  fittedRangeText:
    'transfer across width (and, empirically, depth, batch, steps) when the model is parameterised in μP',
  fittedRange: [],
  regimes: ['pretrain'],
  evidence: 'code',
  unverified: false,
  guidance: [
    'Tune η on a narrow proxy model, then reuse it at full width with hidden matrices at η / width_mult (microsoft/mup MuAdam).',
    'Only valid if the model uses μP initialisation and output scaling (MuReadout, attention 1/d); a standard HF model does not.',
  ],
  evaluate: () => value({ formula: 'guidance only (no value)' }),
};

export const REWARM_DEF: LawDefinition = {
  id: 'rewarm',
  lrNoun: 'suggested learning rate',
  title: 'Re-warming for continual pre-training',
  source: SOURCES.rewarm,
  formulaDisplay: 'linear warm-up back to a maximum LR, then cosine decay, on the new data',
  constants: {},
  units: { inputs: 'schedule shape' },
  fittedRangeText: 'Pythia 410M, Pile (300B tokens) → SlimPajama (297B tokens)',
  fittedRange: [],
  regimes: ['continued'],
  evidence: 'paper',
  unverified: false,
  guidance: [
    'Re-warm the learning rate when continuing pre-training on new data: the loss rises at first but downstream loss ends lower, beating training from scratch (abstract).',
    "The paper's maximum-LR grid and the claim that warm-up length matters little were not checked here and are not shown as numbers.",
  ],
  evaluate: (i: LawInputs) =>
    value({
      formula: positive(i.batchTokens)
        ? `guidance only; global batch ${batchWords(i.batchTokens, i.seqLen)}`
        : 'guidance only (no value)',
    }),
};
