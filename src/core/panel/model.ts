// computePanelModel: the panel's controls and a resolved model config in, every number the panel
// shows out (parameters, memory, learning rates, chart series). Pure and total: what cannot be
// computed becomes a line in `problems`, never an exception.
import { estimateParameters, type ParameterEstimate } from '../estimator';
import type { PeftConfig } from '../estimator-input/types';
import { modelParamsForLaws, recommend, regimeOfPeftType, trainingShapeToLawInputs, type LawInputs, type LawResult, type Regime } from '../laws';
import { memoryPlanFor } from '../estimator-input/report';
import type { ModelConfigJson } from '../models/types';
import { lawChart } from './curves';
import { trainingShapeOf } from './inputs';
import { panelMemory } from './memory';
import { findPanelMethod, peftFromInputs } from './methods';
import type { LawRow, PanelInputs, PanelModel, PanelParams } from './types';

export interface PanelContext {
  /** The resolved config.json of inputs.modelRef, or undefined when it could not be found. */
  model?: { config: ModelConfigJson; label: string };
  /** Why the model is missing, shown to the user. */
  modelProblem?: string;
  /** The config's own PEFT config: its other fields are kept when the method is unchanged. */
  basePeft?: PeftConfig;
  taskType?: string | null;
  numLabels?: number;
}

export function computePanelModel(inputs: PanelInputs, ctx: PanelContext): PanelModel {
  const problems: string[] = [];
  const taskType = ctx.taskType === undefined ? 'CAUSAL_LM' : ctx.taskType;
  const method = findPanelMethod(inputs.method);
  const regime: Regime = method ? regimeOfPeftType(method.peftType) : 'lora';
  const out: PanelModel = {
    modelRef: inputs.modelRef, modelLabel: ctx.model?.label ?? inputs.modelRef,
    params: null, memory: null, laws: [], lawChart: null, effectiveBatch: effectiveBatch(inputs), problems,
  };
  if (!ctx.model) {
    problems.push(ctx.modelProblem ?? `model '${inputs.modelRef}' was not found`);
    out.laws = recommend(lawInputs(inputs, regime, undefined)).map(lawRow);
    return out;
  }
  const config = ctx.model.config;
  const opts = { taskType, numLabels: ctx.numLabels };
  const peft = attempt(() => peftFromInputs(inputs, ctx.basePeft, taskType), problems);
  const estimate = peft && attempt(() => estimateParameters(config, peft, opts), problems);
  if (estimate && peft) {
    out.params = paramsOf(estimate);
    const plan = attempt(() => memoryPlanFor(config as Record<string, unknown>, peft, estimate, trainingShapeOf(inputs), opts), problems);
    if (plan) out.memory = attempt(() => panelMemory(plan.input, plan.notes), problems) ?? null;
  }
  const size = attempt(() => modelParamsForLaws(config as Record<string, unknown>), problems);
  const base = lawInputs(inputs, regime, size && {
    totalParams: size.totalParams, nonEmbeddingParams: size.nonEmbeddingParams, nLayer: size.nLayer,
    dModel: size.dModel, vocabSize: size.vocabSize, modelFamily: size.modelType,
  });
  out.laws = recommend(base).map(lawRow);
  out.lawChart = attempt(() => lawChart(base), problems) ?? null;
  return out;
}

function paramsOf(e: ParameterEstimate): PanelParams {
  const byKind = Object.entries(e.breakdown.byKind).map(([kind, params]) => ({ kind, params })).sort((a, b) => b.params - a.params);
  return { trainable: e.trainableParams, total: e.totalParams, percent: e.trainablePercent, method: e.method, basis: e.basis, byKind, warnings: e.warnings };
}

function lawInputs(inputs: PanelInputs, regime: Regime, size: Partial<LawInputs> | undefined): LawInputs {
  const t = inputs.training;
  const shape = trainingShapeToLawInputs({
    microBatch: t.microBatchSize, gradAccum: t.gradientAccumulationSteps, devices: t.devices, seqLen: t.sequenceLength,
    maxSteps: t.maxSteps, tokens: t.tokens, learningRate: t.learningRate, regime,
  });
  const usesRank = findPanelMethod(inputs.method)?.rankField === 'r';
  return {
    ...size, regime, tokens: shape.tokens, batchTokens: shape.batchTokens, seqLen: shape.seqLen,
    currentLearningRate: shape.currentLearningRate,
    loraRank: usesRank ? inputs.rank : undefined,
    loraAlpha: usesRank ? inputs.alpha : undefined,
  };
}

export function lawRow(r: LawResult): LawRow {
  return {
    id: r.law, title: r.title, arxiv: r.source.arxiv, url: r.source.url, learningRate: r.learningRate,
    batchSizeTokens: r.batchSizeTokens, formula: r.formula, applies: r.applies, unverified: r.unverified,
    inRange: r.inRange.inside, comparison: r.comparison, warnings: r.warnings,
  };
}

function effectiveBatch(inputs: PanelInputs): PanelModel['effectiveBatch'] {
  const t = inputs.training;
  if (!t.microBatchSize) return null;
  const sequences = t.microBatchSize * (t.gradientAccumulationSteps ?? 1) * (t.devices ?? 1);
  return { sequences, tokens: t.sequenceLength ? sequences * t.sequenceLength : null };
}

function attempt<T>(fn: () => T, problems: string[]): T | undefined {
  try {
    return fn();
  } catch (err) {
    problems.push((err instanceof Error ? err.message : String(err)).split('\n')[0]);
    return undefined;
  }
}
