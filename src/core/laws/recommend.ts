// recommend(): every law applied to one training setup, with range checks, regime handling
// (pre-training laws on fine-tuning are context, not the recommendation) and the LR comparison.
import { BESIROGLU_DEF, CHINCHILLA_DEF, MUP_DEF, PORIAN_DEF, REWARM_DEF } from './context-laws';
import {
  BIDERMAN_DEF,
  LORA_DEF,
  LORA_PLUS_DEF,
  LORA_WITHOUT_REGRET_DEF,
  QLORA_DEF,
  RSLORA_DEF,
} from './finetune-laws';
import { ratioWords, sig } from './format';
import { DEEPSEEK_DEF, KAPLAN_DEF, POWER_DEF, STEP_LAW_DEF } from './pretrain-laws';
import {
  REGIME_LABELS,
  type LawDefinition,
  type LawInputs,
  type LawResult,
  type LawValue,
  type OutOfRange,
  type RangeCheck,
} from './types';

/** Every law, in display order: pre-training LR/batch laws first, then allocation, then fine-tuning guidance. */
export const LAWS: readonly LawDefinition[] = [
  STEP_LAW_DEF,
  DEEPSEEK_DEF,
  POWER_DEF,
  KAPLAN_DEF,
  PORIAN_DEF,
  CHINCHILLA_DEF,
  BESIROGLU_DEF,
  MUP_DEF,
  LORA_WITHOUT_REGRET_DEF,
  QLORA_DEF,
  LORA_DEF,
  LORA_PLUS_DEF,
  RSLORA_DEF,
  BIDERMAN_DEF,
  REWARM_DEF,
];

export function findLaw(id: string): LawDefinition | undefined {
  return LAWS.find((l) => l.id === id);
}

/** Inside = every bound checked and satisfied; null when the law has no range or an input is missing. */
export function checkRange(law: LawDefinition, v: LawValue): RangeCheck {
  const outOfRange: OutOfRange[] = [];
  let missing = law.fittedRange.length === 0;
  for (const b of law.fittedRange) {
    const x = v.rangeInputs[b.input];
    if (x === undefined) missing = true;
    else if (x < b.min || x > b.max)
      outOfRange.push({ input: b.input, value: x, min: b.min, max: b.max, unit: b.unit });
  }
  return { inside: outOfRange.length > 0 ? false : missing ? null : true, outOfRange };
}

function rangeWarning(o: OutOfRange): string {
  return `${sig(o.value)} ${o.unit} is outside the fitted range ${sig(o.min)}–${sig(o.max)}: extrapolation.`;
}

function regimeWarning(law: LawDefinition, inputs: LawInputs): string {
  const fitted = law.regimes.map((r) => REGIME_LABELS[r]).join(' / ');
  return `${law.title} was derived for ${fitted}; for ${REGIME_LABELS[inputs.regime]} it is context, not a recommendation.`;
}

function comparison(law: LawDefinition, lr: number | null, current: number | undefined): string | null {
  if (lr === null || current === undefined || !(current > 0)) return null;
  return `${ratioWords(current, lr)} ${law.title}'s ${law.lrNoun}`;
}

export function applyLaw(law: LawDefinition, inputs: LawInputs): LawResult {
  const v = law.evaluate(inputs);
  const inRange = checkRange(law, v);
  const applies = law.regimes.includes(inputs.regime) ? 'recommendation' : 'context';
  const warnings = [
    ...(applies === 'context' ? [regimeWarning(law, inputs)] : []),
    ...v.warnings,
    ...inRange.outOfRange.map(rangeWarning),
    ...(law.unverified ? ["Unverified: a constant here was not checked against the paper's own text."] : []),
  ];
  return {
    law: law.id,
    title: law.title,
    source: law.source,
    learningRate: v.learningRate,
    batchSizeTokens: v.batchSizeTokens,
    batchSizeSequences: v.batchSizeSequences,
    warmupRatio: v.warmupRatio ?? null,
    formula: v.formula,
    inRange,
    warnings,
    notes: [...v.notes, ...law.guidance],
    applies,
    unverified: law.unverified,
    evidence: law.evidence,
    comparison: comparison(law, v.learningRate, inputs.currentLearningRate),
    currentRatio:
      v.learningRate !== null &&
      inputs.currentLearningRate !== undefined &&
      inputs.currentLearningRate > 0 &&
      v.learningRate > 0
        ? inputs.currentLearningRate / v.learningRate
        : null,
  };
}

/** Apply every law; recommendations first (stable within each group), context after. */
export function recommend(inputs: LawInputs): LawResult[] {
  const results = LAWS.map((law) => applyLaw(law, inputs));
  return [
    ...results.filter((r) => r.applies === 'recommendation'),
    ...results.filter((r) => r.applies === 'context'),
  ];
}
