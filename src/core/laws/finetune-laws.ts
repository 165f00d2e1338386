// Fine-tuning guidance as data: LoRA Without Regret (with tinker-cookbook's formula), QLoRA, LoRA,
// LoRA+, rsLoRA, Biderman et al. These are published settings and advice, not fitted scaling laws.
import { coef, count, sig } from './format';
import { needs, positive, value } from './law-helpers';
import {
  LORA_PLUS_RATIO,
  QLORA,
  TINKER,
  loraScaling,
  qloraLearningRate,
  rsLoraScaling,
  tinkerFamily,
  tinkerLoraLearningRate,
} from './finetune-formulas';
import { SOURCES } from './sources';
import type { LawDefinition, LawInputs } from './types';

export const LORA_WITHOUT_REGRET_DEF: LawDefinition = {
  id: 'lora-without-regret',
  lrNoun: 'suggested learning rate',
  title: 'LoRA Without Regret',
  source: SOURCES.loraWithoutRegret,
  formulaDisplay:
    'LR_LoRA = 5e-5 · 10 · (2000 / hidden_size)^p, p = 0.781 (Llama), 0.0775 (Qwen); LR_full = LR_LoRA / 10',
  constants: {
    base: TINKER.base,
    loraOverFull: TINKER.loraOverFull,
    refHidden: TINKER.refHidden,
    pLlama: 0.781,
    pQwen: 0.0775,
  },
  units: {
    learningRate: 'peak learning rate (dimensionless, per step)',
    inputs: 'hidden_size and model family',
  },
  fittedRangeText: 'Llama-3 and Qwen3 models, Tulu-3 / OpenThoughts-3 SFT sweeps (LoRA rank 1–512)',
  fittedRange: [],
  regimes: ['lora', 'full'],
  evidence: 'code',
  unverified: false,
  guidance: [
    'Optimal LoRA LR ≈ 10× the full fine-tuning LR (≈15× for very short runs); with α = 32 and 1/r scaling it barely depends on rank.',
    'Apply LoRA to all layers, MLP/MoE included; LoRA tolerates large batches less well than full fine-tuning.',
  ],
  evaluate(i: LawInputs) {
    const family = tinkerFamily(i.modelFamily);
    if (!positive(i.dModel) || !family)
      return needs('hidden_size and a Llama or Qwen model family (the formula has exponents for those only)');
    const lora = tinkerLoraLearningRate(i.dModel, family);
    const full = i.regime === 'full';
    const lr = full ? lora / TINKER.loraOverFull : lora;
    const p = TINKER.exponents[family];
    return value({
      learningRate: lr,
      formula:
        `LR_LoRA = 5e-5 · 10 · (2000 / ${i.dModel})^${coef(p, 3)} = ${sig(lora)}` +
        (full ? `; full fine-tuning = LR_LoRA / 10 = ${sig(lr)}` : ''),
      notes: [
        'tinker-cookbook replaced this formula by a per-model table on 2026-08-19; the number is from the 2025-11-10 version.',
      ],
    });
  },
};

export const QLORA_DEF: LawDefinition = {
  id: 'qlora',
  lrNoun: 'published learning rate',
  title: 'QLoRA',
  source: SOURCES.qlora,
  formulaDisplay:
    'lr 2e-4 (7B, 13B) or 1e-4 (33B, 65B); 16 sequences per step; constant schedule, 3% warm-up; r 64, α 16, all linear layers',
  constants: { ...QLORA },
  units: {
    learningRate: 'learning rate (constant schedule)',
    batchSize: 'sequences per step',
    inputs: 'N total params',
  },
  fittedRangeText:
    'LLaMA 7B–65B, Guanaco (OASST1) scripts; the 2e10 switch point between 13B and 33B is ours',
  fittedRange: [{ input: 'totalParams', min: 6.5e9, max: 6.6e10, unit: 'params' }],
  regimes: ['lora'],
  evidence: 'code',
  unverified: false,
  guidance: ['max_grad_norm 0.3, weight decay 0, dropout 0.1 (7B) / 0.05 (13B+), Adam β2 0.999.'],
  evaluate(i: LawInputs) {
    if (!positive(i.totalParams)) return needs('N (total parameters)');
    const lr = qloraLearningRate(i.totalParams);
    const seqs = QLORA.batchSequences;
    return value({
      learningRate: lr,
      batchSizeSequences: seqs,
      batchSizeTokens: positive(i.seqLen) ? seqs * i.seqLen : null,
      warmupRatio: QLORA.warmupRatio,
      formula:
        `${count(i.totalParams)} params ${i.totalParams >= QLORA.largeFromParams ? '≥' : '<'} 2e10 → lr ${sig(lr)}; batch 16 sequences` +
        (positive(i.seqLen) ? ` × ${i.seqLen} = ${sig(seqs * i.seqLen)} tokens` : ''),
      rangeInputs: { totalParams: i.totalParams },
    });
  },
};

function scalingNote(i: LawInputs): string[] {
  if (!positive(i.loraAlpha) || !positive(i.loraRank)) return [];
  return [
    `Your adapter: α/r = ${sig(loraScaling(i.loraAlpha, i.loraRank))}; rsLoRA α/√r = ${sig(rsLoraScaling(i.loraAlpha, i.loraRank))}.`,
  ];
}

export const LORA_DEF: LawDefinition = {
  id: 'lora',
  lrNoun: 'suggested learning rate',
  title: 'LoRA',
  source: SOURCES.lora,
  formulaDisplay: 'ΔW = (α / r) · B·A',
  constants: {},
  units: { inputs: 'rank r, alpha α' },
  fittedRangeText: 'RoBERTa, DeBERTa, GPT-2, GPT-3 175B',
  fittedRange: [],
  regimes: ['lora'],
  evidence: 'code',
  unverified: false,
  guidance: [
    'Published settings: RoBERTa-base MNLI lr 5e-4 (r 8, α 16, batch 128); GPT-2 M E2E lr 2e-4 (r 4, α 32, batch 8). Examples, not a law.',
  ],
  evaluate: (i: LawInputs) => value({ formula: 'guidance only (no value)', notes: scalingNote(i) }),
};

export const RSLORA_DEF: LawDefinition = {
  id: 'rslora',
  lrNoun: 'suggested learning rate',
  title: 'rsLoRA',
  source: SOURCES.rsLora,
  formulaDisplay: 'scaling γ = α / √r instead of α / r (PEFT use_rslora=True)',
  constants: {},
  units: { inputs: 'rank r, alpha α' },
  fittedRangeText: 'ranks 4–2048 on Llama-2',
  fittedRange: [],
  regimes: ['lora'],
  evidence: 'code',
  unverified: false,
  guidance: [
    'With α/r scaling, large ranks shrink the update and learn slowly; α/√r keeps the LR meaningful as r grows.',
  ],
  evaluate(i: LawInputs) {
    if (!positive(i.loraAlpha) || !positive(i.loraRank)) return needs('lora_alpha and r');
    return value({
      formula: `α/r = ${i.loraAlpha}/${i.loraRank} = ${sig(loraScaling(i.loraAlpha, i.loraRank))}; α/√r = ${i.loraAlpha}/√${i.loraRank} = ${sig(rsLoraScaling(i.loraAlpha, i.loraRank))}`,
    });
  },
};

export const LORA_PLUS_DEF: LawDefinition = {
  id: 'lora-plus',
  lrNoun: 'suggested learning rate',
  title: 'LoRA+',
  source: SOURCES.loraPlus,
  formulaDisplay: 'η_B = λ · η_A, λ = 16 (2^4) as a starting point',
  constants: { ratio: LORA_PLUS_RATIO },
  units: { learningRate: 'η_B for the B matrices (η_A = your learning rate)', inputs: 'η_A' },
  fittedRangeText: "GPT-2, RoBERTa, Llama-7B; authors' scripts use λ 10–80",
  fittedRange: [],
  regimes: ['lora'],
  evidence: 'unverified',
  unverified: true,
  guidance: [
    "λ ≥ 1, model- and task-dependent, larger for harder tasks; set η_A about 2× below a vanilla-LoRA LR (authors' README).",
    'PEFT: create_loraplus_optimizer(lr=η_A, loraplus_lr_ratio=λ).',
    "λ = 16 as the paper's default is only confirmed by secondary summaries here; the authors' own scripts use 10 (GPT-2) and 80 (RoBERTa).",
  ],
  evaluate(i: LawInputs) {
    if (!positive(i.currentLearningRate)) return needs('your learning rate (η_A)');
    const etaB = LORA_PLUS_RATIO * i.currentLearningRate;
    return value({
      formula: `η_B = 16 · ${sig(i.currentLearningRate)} = ${sig(etaB)} (B matrices; A keeps ${sig(i.currentLearningRate)})`,
    });
  },
};

export const BIDERMAN_DEF: LawDefinition = {
  id: 'biderman',
  lrNoun: 'suggested learning rate',
  title: 'LoRA Learns Less and Forgets Less',
  source: SOURCES.biderman,
  formulaDisplay: 'best practices: highest stable LR, target all modules, α = 2r',
  constants: {},
  units: { inputs: 'none' },
  fittedRangeText:
    'Llama-2-7B, code and math; instruction fine-tuning (~100K pairs) and continued pre-training (~20B tokens)',
  fittedRange: [],
  regimes: ['lora'],
  evidence: 'secondary',
  unverified: false,
  guidance: [
    'Use LoRA for instruction fine-tuning rather than continued pre-training; pick the highest LR that trains stably.',
    "Target all modules (all > MLP > attention) and set α = 2r. The paper's optimal LR values are not shown (unchecked here).",
  ],
  evaluate(i: LawInputs) {
    const warnings =
      i.regime === 'lora' && positive(i.tokens) && i.tokens >= 1e9
        ? [
            `${sig(i.tokens)} tokens looks like continued pre-training, where LoRA learned markedly less than full fine-tuning.`,
          ]
        : [];
    return value({ formula: 'guidance only (no value)', warnings, notes: scalingNote(i) });
  },
};
