// A W&B sweep's report: the runs a grid makes, the training config the sweep runs (named in its
// `command` / `program`, or chosen by the user), the swept learning rate against the laws for that
// training config, and the tokens all runs consume. Pure: reading the training config and analysing
// it are injected (the io layer's bounded reader; the pipeline's own analysis).
import type { ConfigAnalysis } from '../analysis';
import {
  gridRunCount,
  placeAgainstLaws,
  placementSummary,
  sweepTokens,
  sweptLearningRate,
  trainingConfigArgument,
  type LawPlacement,
  type SweptRange,
} from './analysis';
import { compareQuantities, type QuantityComparison } from './quantities';

/** A file a config names, as the io layer read it (relative to the config's folder, inside the roots). */
export type RelatedFile = { path: string; text: string } | { path: string; error: string };

export interface SweepContext {
  readRelated?: (path: string) => RelatedFile;
  /** The training config the user chose (setting `mlConfig.sweep.trainingConfig`, CLI `--training-config`). */
  chosenTrainingConfig?: string;
  /** Analyses the training config's text with the same pipeline (undefined: not a training config). */
  analyseText: (text: string, fileName: string) => ConfigAnalysis | undefined;
}

export interface SweepTokens {
  perRun: number;
  total: number;
  formula: string;
}

export interface SweepReport {
  method: string;
  /** Runs of a grid sweep (undefined for random / bayes, which run until stopped or run_cap). */
  grid?: { runs: number; capped: boolean };
  runCap?: number;
  learningRate?: SweptRange;
  /** The training config: where it was named, and its path as written. */
  training?: { path: string; from: 'command' | 'program' | 'setting'; resolved?: string };
  /** The training config's analysis (model, laws, training shape); the panel draws the band on its law chart. */
  trainingAnalysis?: ConfigAnalysis;
  placements: LawPlacement[];
  summary?: string;
  /** A swept batch size, warm-up or LoRA rank against the same laws (empty without a training config). */
  quantities: QuantityComparison[];
  tokens?: SweepTokens;
  problems: string[];
}

const count = (n: number): string => n.toLocaleString('en-US');

export function analyseSweep(config: Record<string, unknown>, ctx: SweepContext): SweepReport {
  const report: SweepReport = {
    method: typeof config.method === 'string' ? config.method : '?',
    placements: [],
    quantities: [],
    problems: [],
  };
  const grid = gridRunCount(config);
  if (grid) report.grid = grid;
  if (typeof config.run_cap === 'number' && config.run_cap > 0) report.runCap = config.run_cap;
  report.learningRate = sweptLearningRate(config);
  const named = trainingConfigArgument(config);
  const path = ctx.chosenTrainingConfig || named;
  if (!path) {
    report.problems.push(
      'no training config found in `command` / `program`; choose one (setting mlConfig.sweep.trainingConfig) to compare with the laws',
    );
    return report;
  }
  const from = ctx.chosenTrainingConfig
    ? 'setting'
    : Array.isArray(config.command) && config.command.includes(path)
      ? 'command'
      : config.program === path
        ? 'program'
        : 'command';
  report.training = { path, from };
  const file = ctx.readRelated?.(path);
  if (!file) {
    report.problems.push(`training config ${path} was not read (no file access here)`);
    return report;
  }
  if ('error' in file) {
    report.problems.push(`training config ${path}: ${file.error}`);
    return report;
  }
  report.training.resolved = file.path;
  const analysis = ctx.analyseText(file.text, file.path);
  if (!analysis) {
    report.problems.push(`${path} is not a training config ML Config Lens reads`);
    return report;
  }
  report.trainingAnalysis = analysis;
  if (report.learningRate) {
    report.placements = placeAgainstLaws(report.learningRate, analysis.laws);
    report.summary = placementSummary(report.placements);
    if (report.placements.length === 0)
      report.problems.push(
        `no law gives a learning rate for ${path}${analysis.problems[0] ? ` (${analysis.problems[0]})` : ''}`,
      );
  }
  report.quantities = compareQuantities(config, analysis);
  const tokens = runTokens(analysis, report.grid?.runs ?? report.runCap);
  if (tokens) report.tokens = tokens;
  return report;
}

/** Tokens one run trains on (steps × sequences per step × sequence length) and all runs together. */
function runTokens(a: ConfigAnalysis, runs: number | undefined): SweepTokens | undefined {
  const t = a.input?.training;
  if (!t || runs === undefined) return undefined;
  const sequences = t.microBatchSize
    ? t.microBatchSize * (t.gradientAccumulationSteps ?? 1) * (t.devices ?? 1)
    : undefined;
  const perRun = sweepTokens(1, t.maxSteps, sequences, t.sequenceLength);
  if (perRun === undefined || sequences === undefined) return undefined;
  const total = runs * perRun;
  return {
    perRun,
    total,
    formula: `${count(runs)} runs × ${count(t.maxSteps as number)} steps × ${count(sequences)} sequences × ${count(t.sequenceLength as number)} tokens = ${count(total)} tokens`,
  };
}
