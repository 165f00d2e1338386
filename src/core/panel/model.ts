// computePanelModel: the panel's controls and a resolved model config in, every number the panel
// shows out (parameters, memory, learning rates, chart series). The controls are what-if overrides
// of the config's own estimator input, and the numbers come from the same analyzeInput the editor
// and the CLI use. Pure and total: what cannot be computed becomes a line in `problems`.
import { analyzeInput, type ConfigAnalysis } from '../analysis';
import { messageOf, safe } from '../analysis/problems';
import type { ParameterEstimate } from '../estimator';
import type { EstimatorInput, PeftConfig, TrainingShape } from '../estimator-input/types';
import type { LawResult } from '../laws';
import type { ModelConfigJson, ResolvedModel } from '../models/types';
import { lawChart } from './curves';
import { seedInputs, trainingShapeOf } from './inputs';
import { shardingChoiceOf, shardingFromChoice } from './sharding';
import { panelMemory } from './memory';
import { peftFromInputs } from './methods';
import type { LawRow, PanelInputs, PanelModel, PanelParams, SweepBand } from './types';

export interface PanelContext {
  /** The resolved config.json of inputs.modelRef, or undefined when it could not be found. */
  model?: { config: ModelConfigJson; label: string };
  /** Why the model is missing, shown to the user. */
  modelProblem?: string;
  /** The config's own estimator input (its PEFT config, extra targets, attention, loss...); the controls override it. */
  input?: EstimatorInput;
  /** The config's typed value (the regime reads it: continued pre-training). */
  config?: Record<string, unknown>;
  /** Without `input`: the config's PEFT config, task type and labels. */
  basePeft?: PeftConfig;
  taskType?: string | null;
  numLabels?: number;
  /** A sweep's learning-rate range, drawn on the law chart. */
  sweepBand?: SweepBand;
}

/** The config's input with the panel's controls applied: model, method, rank, targets, training shape. */
export function whatIfInput(inputs: PanelInputs, ctx: PanelContext): EstimatorInput {
  const base: EstimatorInput = ctx.input ?? {
    dialect: 'peft',
    peft: ctx.basePeft ?? { peft_type: 'LORA' },
    taskType: ctx.taskType === undefined ? 'CAUSAL_LM' : ctx.taskType,
    ...(ctx.numLabels !== undefined ? { numLabels: ctx.numLabels } : {}),
    training: {},
    notes: [],
  };
  // Only what the user changed in the controls overrides the config: a control still at the value the
  // config seeded it with leaves the config's own (richer) reading alone, e.g. its precision semantics.
  const seeded = ctx.input
    ? (trainingShapeOf(seedInputs({ uri: '', input: ctx.input })) as Record<string, unknown>)
    : {};
  const controls = Object.fromEntries(
    Object.entries(trainingShapeOf(inputs)).filter(
      ([k, v]) => v !== undefined && JSON.stringify(v) !== JSON.stringify(seeded[k]),
    ),
  ) as TrainingShape;
  const training: TrainingShape = { ...base.training, ...controls };
  // Sharding likewise: a choice other than what the config (or its linked DeepSpeed file) reads as replaces it.
  const choice = inputs.training.sharding;
  if (choice !== undefined && choice !== shardingChoiceOf(base.training.sharding)) {
    const s = shardingFromChoice(choice, base.training.sharding);
    if (s) training.sharding = s;
    else delete training.sharding;
  }
  return {
    ...base,
    modelRef: inputs.modelRef,
    peft: peftFromInputs(inputs, base.peft, base.taskType),
    training,
  };
}

export function computePanelModel(inputs: PanelInputs, ctx: PanelContext): PanelModel {
  const problems: string[] = [];
  const out: PanelModel = {
    modelRef: inputs.modelRef,
    modelLabel: ctx.model?.label ?? inputs.modelRef,
    params: null,
    memory: null,
    laws: [],
    lawChart: null,
    effectiveBatch: effectiveBatch(inputs),
    merge: null,
    problems,
  };
  let input: EstimatorInput;
  try {
    input = whatIfInput(inputs, ctx);
  } catch (err) {
    problems.push(messageOf(err));
    return out;
  }
  if (!ctx.model) problems.push(ctx.modelProblem ?? `model '${inputs.modelRef}' was not found`);
  const model: ResolvedModel | undefined = ctx.model && {
    config: ctx.model.config,
    kind: 'file',
    location: ctx.model.label,
  };
  const analysis = analyzeInput(input, ctx.config ?? {}, {
    dialect: input.dialect,
    modelOverride: inputs.modelRef,
    resolveModel: () => model,
    lawOverrides: inputs.training.tokens !== undefined ? { tokens: inputs.training.tokens } : undefined,
  });
  if (model) problems.push(...analysis.problems);
  const shown = fromAnalysis(analysis, problems);
  if (shown.lawChart && ctx.sweepBand) shown.lawChart.band = ctx.sweepBand;
  return { ...out, ...shown };
}

function fromAnalysis(
  a: ConfigAnalysis,
  problems: string[],
): Pick<PanelModel, 'params' | 'memory' | 'laws' | 'lawChart'> {
  const memory = a.memoryInput
    ? safe(
        () =>
          panelMemory(
            a.memoryInput!,
            a.memoryNotes.slice(0, a.memoryNotes.length - (a.memory?.notes.length ?? 0)),
          ),
        problems,
      )
    : undefined;
  const chart = a.model && a.lawInputs ? safe(() => lawChart(a.lawInputs!), problems) : undefined;
  return {
    params: a.estimate ? paramsOf(a.estimate) : null,
    memory: memory ?? null,
    laws: a.laws.map(lawRow),
    lawChart: chart ?? null,
  };
}

function paramsOf(e: ParameterEstimate): PanelParams {
  const byKind = Object.entries(e.breakdown.byKind)
    .map(([kind, params]) => ({ kind, params }))
    .sort((a, b) => b.params - a.params);
  return {
    trainable: e.trainableParams,
    total: e.totalParams,
    percent: e.trainablePercent,
    method: e.method,
    basis: e.basis,
    byKind,
    warnings: e.warnings,
  };
}

export function lawRow(r: LawResult): LawRow {
  return {
    id: r.law,
    title: r.title,
    arxiv: r.source.arxiv,
    url: r.source.url,
    learningRate: r.learningRate,
    batchSizeTokens: r.batchSizeTokens,
    formula: r.formula,
    applies: r.applies,
    unverified: r.unverified,
    inRange: r.inRange.inside,
    comparison: r.comparison,
    warnings: r.warnings,
  };
}

function effectiveBatch(inputs: PanelInputs): PanelModel['effectiveBatch'] {
  const t = inputs.training;
  if (!t.microBatchSize) return null;
  const sequences = t.microBatchSize * (t.gradientAccumulationSteps ?? 1) * (t.devices ?? 1);
  return { sequences, tokens: t.sequenceLength ? sequences * t.sequenceLength : null };
}
