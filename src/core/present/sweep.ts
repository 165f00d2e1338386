// A sweep's report in words for the CodeLens, the hover and the CLI: the runs a grid makes, the tokens
// all runs consume, and the swept learning rate against each law for the training config it runs.
import type { SweepReport } from '../sweep/report';
import type { LawPlacement } from '../sweep/analysis';
import { escapeMarkdownText, escapeThemeIcons, inlineCode } from './markdown';
import { learningRate } from './units';
import { compactCount } from './counts';
import type { LensLine } from './merge';

const ratio = (x: number): string =>
  x >= 10 ? String(Math.round(x)) : x >= 0.1 ? x.toPrecision(2) : x.toExponential(1);

/** "2.00e-6 – 2.00e-5" (a single value when min = max). */
export function sweepRangeText(r: { min: number; max: number }): string {
  return r.min === r.max ? learningRate(r.min) : `${learningRate(r.min)} – ${learningRate(r.max)}`;
}

export function placementLine(p: LawPlacement): string {
  const tag = p.applies === 'context' ? ' (pre-training law, context)' : '';
  const where =
    p.position === 'below'
      ? `the range lies ${ratio(1 / p.highRatio)}–${ratio(1 / p.lowRatio)}× below it`
      : p.position === 'above'
        ? `the range lies ${ratio(p.lowRatio)}–${ratio(p.highRatio)}× above it`
        : 'the range contains it';
  return `${p.title}: ${learningRate(p.learningRate)}${tag}; ${where}`;
}

export function runsText(s: SweepReport): string {
  if (s.grid) return `grid: ${s.grid.runs.toLocaleString('en-US')} runs${s.grid.capped ? ' (run_cap)' : ''}`;
  return s.runCap !== undefined
    ? `${s.method}: up to ${s.runCap.toLocaleString('en-US')} runs (run_cap)`
    : `${s.method}: runs until stopped (no run_cap)`;
}

export function sweepLenses(s: SweepReport): LensLine[] {
  const tokens = s.tokens ? ` · ${compactCount(s.tokens.total)} training tokens in all runs` : '';
  const lenses: LensLine[] = [
    {
      title: `$(list-ordered) ${runsText(s)}${tokens}`,
      tooltip: [
        s.tokens?.formula ??
          (s.trainingAnalysis
            ? 'Tokens: the training config does not state steps, batch size and sequence length'
            : 'Tokens: no training config read'),
        ...s.problems,
      ].join('\n'),
    },
  ];
  if (s.learningRate) {
    const where = s.training ? ` (${escapeThemeIcons(s.training.path)})` : '';
    lenses.push({
      title: `$(graph-line) LR ${sweepRangeText(s.learningRate)}: ${s.summary ?? 'no law comparison'}${s.summary ? where : ''}`,
      tooltip: [
        ...(s.training
          ? [`Training config: ${s.training.resolved ?? s.training.path} (from ${s.training.from})`]
          : []),
        ...s.placements.map(placementLine),
        ...(s.placements.length ? [] : s.problems),
      ].join('\n'),
    });
  }
  return lenses;
}

/** Hover lines on the swept learning-rate parameter (Markdown; file text escaped). */
export function sweepLearningRateHover(s: SweepReport): string[] {
  const r = s.learningRate;
  if (!r) return [];
  const lines = [`Swept learning rate: ${sweepRangeText(r)}${r.distribution ? ` (${r.distribution})` : ''}`];
  if (s.summary) {
    const model = s.trainingAnalysis?.modelRef
      ? `, model ${escapeMarkdownText(s.trainingAnalysis.modelRef)}`
      : '';
    lines.push(
      `Against the laws for ${s.training ? inlineCode(s.training.path) : 'the training config'}${model}: **${s.summary}**`,
    );
  } else lines.push(...s.problems.slice(0, 1).map((p) => `No law comparison: ${escapeMarkdownText(p)}`));
  return [
    ...lines,
    ...s.placements.map((p) => {
      const law = s.trainingAnalysis?.laws.find((l) => l.law === p.law);
      const src = law?.source.arxiv ? ` ([arXiv ${law.source.arxiv}](${law.source.url}))` : '';
      return `${placementLine(p)}${src}`;
    }),
  ];
}

/** The hover's live lines for a key of a sweep: the law comparison on the swept learning rate (and inside it). */
export function sweepEffects(path: readonly string[], s: SweepReport): string[] {
  const lr = s.learningRate?.path;
  if (!lr || path.length < lr.length || lr.some((seg, i) => path[i] !== seg)) return [];
  return sweepLearningRateHover(s);
}
