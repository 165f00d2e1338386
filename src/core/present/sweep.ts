// A sweep's report in words for the CodeLens, the hover and the CLI: the runs a grid makes, the tokens
// all runs consume, and the swept learning rate against each law for the training config it runs.
import type { SweepReport } from '../sweep/report';
import type { Placement } from '../sweep/analysis';
import type { QuantityComparison } from '../sweep/quantities';
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

/** "QLoRA: 2.00e-4; the range lies 20–200× below it"; `format` writes the law's value in its unit. */
export function placementLine(p: Placement, format: (x: number) => string = learningRate): string {
  const tag = p.applies === 'context' ? ' (pre-training law, context)' : '';
  const where =
    p.position === 'below'
      ? `the range lies ${ratio(1 / p.highRatio)}–${ratio(1 / p.lowRatio)}× below it`
      : p.position === 'above'
        ? `the range lies ${ratio(p.lowRatio)}–${ratio(p.highRatio)}× above it`
        : 'the range contains it';
  return `${p.title}: ${format(p.value)}${tag}; ${where}`;
}

const num = (x: number): string => String(Number(x.toPrecision(4)));
const pct = (x: number): string => `${num(100 * x)}%`;
const span = (a: number, b: number, f: (x: number) => string): string =>
  a === b ? f(a) : `${f(a)} – ${f(b)}`;

const QUANTITY: Record<QuantityComparison['quantity'], { name: string; value: (x: number) => string }> = {
  batchSize: { name: 'batch size', value: (x) => `${num(x)} sequences` },
  warmup: { name: 'warm-up', value: pct },
  rank: { name: 'LoRA rank', value: num },
};

/** "1 – 4 per device × 8 gradient accumulation × 1 device = 8 – 32 sequences per step": as swept, then in the laws' unit. */
export function quantityRangeText(q: QuantityComparison): string {
  const swept = span(q.range.min, q.range.max, num);
  const c = q.compared;
  if (!c) return swept;
  const inUnit = `${span(c.min, c.max, q.quantity === 'warmup' ? pct : num)} ${c.unit}`;
  return c.how.endsWith('as swept') ? inUnit : `${swept} ${c.how} = ${inUnit}`;
}

/** The quantity's lens: its range and the comparison (or why there is none); law lines and the note in the tooltip. */
export function quantityLens(q: QuantityComparison, s: SweepReport): LensLine {
  const where = s.training && q.summary ? ` (${escapeThemeIcons(s.training.path)})` : '';
  const format = QUANTITY[q.quantity].value;
  return {
    title: `$(graph-line) ${QUANTITY[q.quantity].name} ${escapeThemeIcons(quantityRangeText(q))}: ${q.summary ?? q.none ?? 'no law comparison'}${where}`,
    tooltip: [...q.placements.map((p) => placementLine(p, format)), ...(q.note ? [q.note] : [])].join('\n'),
  };
}

/** Hover lines on a swept batch size, warm-up or rank (Markdown; file text escaped). */
export function sweepQuantityHover(q: QuantityComparison, s: SweepReport): string[] {
  const dist = q.range.distribution ? ` (${q.range.distribution})` : '';
  const verdict = q.summary ?? q.none ?? 'no law comparison';
  const format = QUANTITY[q.quantity].value;
  return [
    `Swept ${QUANTITY[q.quantity].name}: ${escapeMarkdownText(quantityRangeText(q))}${dist}`,
    `Against the laws for ${s.training ? inlineCode(s.training.path) : 'the training config'}${modelText(s)}: **${escapeMarkdownText(verdict)}**`,
    ...(q.note ? [escapeMarkdownText(q.note)] : []),
    ...q.placements.map((p) => withSource(placementLine(p, format), p, s)),
  ];
}

const modelText = (s: SweepReport): string =>
  s.trainingAnalysis?.modelRef ? `, model ${escapeMarkdownText(s.trainingAnalysis.modelRef)}` : '';

/** A law line with its arXiv link, when the law has one. */
function withSource(line: string, p: Placement, s: SweepReport): string {
  const law = s.trainingAnalysis?.laws.find((l) => l.law === p.law);
  return law?.source.arxiv ? `${line} ([arXiv ${law.source.arxiv}](${law.source.url}))` : line;
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
        ...s.placements.map((p) => placementLine(p)),
        ...(s.placements.length ? [] : s.problems),
      ].join('\n'),
    });
  }
  return [...lenses, ...s.quantities.map((q) => quantityLens(q, s))];
}

/** Hover lines on the swept learning-rate parameter (Markdown; file text escaped). */
export function sweepLearningRateHover(s: SweepReport): string[] {
  const r = s.learningRate;
  if (!r) return [];
  const lines = [`Swept learning rate: ${sweepRangeText(r)}${r.distribution ? ` (${r.distribution})` : ''}`];
  if (s.summary)
    lines.push(
      `Against the laws for ${s.training ? inlineCode(s.training.path) : 'the training config'}${modelText(s)}: **${s.summary}**`,
    );
  else lines.push(...s.problems.slice(0, 1).map((p) => `No law comparison: ${escapeMarkdownText(p)}`));
  return [...lines, ...s.placements.map((p) => withSource(placementLine(p), p, s))];
}

/** The hover's live lines for a key of a sweep: the law comparison on a swept learning rate, batch size, warm-up or rank (and inside it). */
export function sweepEffects(path: readonly string[], s: SweepReport): string[] {
  const under = (p: readonly string[] | undefined): boolean =>
    !!p && path.length >= p.length && p.every((seg, i) => path[i] === seg);
  if (under(s.learningRate?.path)) return sweepLearningRateHover(s);
  const q = s.quantities.find((x) => under(x.range.path));
  return q ? sweepQuantityHover(q, s) : [];
}
