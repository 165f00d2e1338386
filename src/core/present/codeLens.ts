// CodeLens titles and tooltips above a config's adapter block: trainable parameters, training memory
// (headline and range), the suggested learning rate, or why nothing could be counted. Pure text: the
// editor adapter (src/vscode/codeLens.ts) only turns each into a command.
import type { ConfigAnalysis } from '../analysis';
import { exactCount, percent, ratioShort, shortSource } from './counts';
import { escapeThemeIcons } from './markdown';
import { activationsMissing, memoryLensText, memoryLensTooltip } from './memory';
import { learningRate } from './units';
import { mergeLenses } from './merge';
import { sweepLenses } from './sweep';

export interface LensText {
  title: string;
  tooltip: string;
  /** What a click does: open the estimator panel or the learning-rate report. */
  opens: 'panel' | 'recommend';
}

/** The lenses for an analysis, top to bottom. */
export function lensTexts(a: ConfigAnalysis): LensText[] {
  const own = a.merge ? mergeLenses(a.merge) : a.sweep ? sweepLenses(a.sweep) : undefined;
  if (own) return own.map((l) => ({ ...l, opens: 'panel' }));
  if (!a.estimate) return [noEstimateLens(a)];
  const e = a.estimate;
  const lenses: LensText[] = [
    {
      title: `$(symbol-numeric) ${exactCount(e.trainableParams)} trainable (${percent(e.trainablePercent)})`,
      tooltip: `${e.method}: ${exactCount(e.trainableParams)} of ${exactCount(e.totalParams)} parameters train (${e.basis})`,
      opens: 'panel',
    },
  ];
  if (a.memory) {
    const missing = activationsMissing(a);
    lenses.push({
      title: `$(server) ${memoryLensText(a.memory, missing)}`,
      tooltip: memoryLensTooltip(a.memory, missing),
      opens: 'panel',
    });
  }
  const rate = learningRateLens(a);
  if (rate) lenses.push(rate);
  return lenses;
}

/**
 * "$(graph-line) LR 2.00e-4 (law, arXiv id) · yours 4.9x below". The line must fit a normal editor
 * width (it is cut, not wrapped): the law's name is the source (arXiv id when it has one); the tooltip
 * carries the formula and the full comparison.
 */
export function learningRateLens(a: ConfigAnalysis): LensText | undefined {
  const best = a.laws.find((l) => l.applies === 'recommendation' && l.learningRate !== null);
  if (!best) return undefined;
  const source = best.source.arxiv ? `${best.title}, arXiv ${best.source.arxiv}` : best.title;
  const yours =
    best.currentRatio !== null && a.input?.training.learningRate !== undefined
      ? ` · yours ${ratioShort(best.currentRatio)}`
      : '';
  return {
    title: `$(graph-line) LR ${learningRate(best.learningRate as number)} (${source})${yours}`,
    tooltip: [
      `${best.title} (${shortSource(best.source)}): ${best.formula}`,
      ...(best.comparison ? [`Your learning rate is ${best.comparison}.`] : []),
    ].join('\n'),
    opens: 'recommend',
  };
}

/**
 * One short lens when nothing could be counted. An unresolved model is the common case (a private
 * or new model): say so briefly and offer the panel's model picker; the full reason is the tooltip.
 */
export function noEstimateLens(a: ConfigAnalysis): LensText {
  const why = a.problems[0] ?? 'no estimate';
  // No estimator input: a syntax error, a file too large to analyse live; its own reason is the lens.
  if (!a.input)
    return { title: `$(info) ML Config: ${why}`, tooltip: 'Open the estimator panel', opens: 'panel' };
  if (a.modelRef && !a.model)
    return {
      title: `$(question) Model '${escapeThemeIcons(a.modelRef)}' not found locally: click to choose a model for the estimate`,
      tooltip: `${why}. The estimator panel lets you pick a catalog model instead.`,
      opens: 'panel',
    };
  if (!a.modelRef)
    return {
      title: '$(question) No base model named: click to choose one for the estimate',
      tooltip: why,
      opens: 'panel',
    };
  return { title: `$(info) ML Config: ${why}`, tooltip: 'Open the estimator panel', opens: 'panel' };
}
