// `ml-config-lens estimate` on a mergekit merge or a W&B sweep: the dialect's own analysis through the
// same pipeline the editor uses (analyzeDocument), printed with the same words as the CodeLens.
import { dirname, isAbsolute, resolve } from 'node:path';
import { detectDialect, dialectPlugin } from '../core/dialects';
import { analyzeDocument } from '../core/pipeline';
import type { ConfigAnalysis } from '../core/analysis';
import { mergeInputLines, mergeNeedLines } from '../core/present/merge';
import { placementLine, quantityLens, runsText, sweepRangeText } from '../core/present/sweep';
import { compactCount, exactCount } from '../core/analysis/format';
import { gigabytes } from '../core/present/units';
import type { RelatedFile } from '../core/sweep/report';
import { MAX_CONFIG_BYTES, readBoundedFileSync } from '../io/read';
import { localModelResolver } from './models';

/** Training configs a sweep names are read inside the current directory and the sweep's folder; one named with --training-config anywhere. */
function reader(sweepFile: string, chosen: string | undefined): (path: string) => RelatedFile {
  const roots = [process.cwd(), dirname(resolve(sweepFile))];
  return (path) => {
    const byUser = chosen !== undefined && path === chosen;
    const full = isAbsolute(path)
      ? path
      : resolve(byUser ? process.cwd() : dirname(resolve(sweepFile)), path);
    try {
      const text = readBoundedFileSync(full, { maxBytes: MAX_CONFIG_BYTES, ...(byUser ? {} : { roots }) });
      return { path: full, text };
    } catch (err) {
      return { path: full, error: err instanceof Error ? err.message : String(err) };
    }
  };
}

/** The analysis when `text` is a merge or a sweep; undefined for training configs (the caller's path). */
export function ownAnalysis(file: string, text: string, trainingConfig?: string): ConfigAnalysis | undefined {
  const dialect = detectDialect(text, { fileName: file }).dialect;
  if (!dialect || !dialectPlugin(dialect).analyse) return undefined;
  return analyzeDocument(
    {
      text,
      fileName: file,
      dialect,
      readRelated: reader(file, trainingConfig),
      settings: trainingConfig ? { trainingConfig } : {},
    },
    localModelResolver(file),
  ).analysis;
}

export function printOwn(a: ConfigAnalysis, json: boolean): void {
  if (json) {
    const sweep = a.sweep && { ...a.sweep, trainingAnalysis: undefined };
    console.log(JSON.stringify({ dialect: a.dialect, merge: a.merge, sweep, problems: a.problems }, null, 2));
    return;
  }
  const lines: string[] = [];
  const m = a.merge;
  if (m) {
    lines.push(
      m.outputParams !== undefined
        ? `Merged model (${m.method}): ${exactCount(m.outputParams)} parameters (${compactCount(m.outputParams)}), ${m.outputLayers} layers${m.outputBytes !== undefined ? `, ${gigabytes(m.outputBytes)} at ${m.outputDtype}` : ''}`
        : `Merged model (${m.method}): not counted`,
      ...(m.formula ? [`  ${m.formula}`] : []),
      'Inputs:',
      ...mergeInputLines(m).map((l) => `  ${l}`),
      ...mergeNeedLines(m),
      ...m.shapeMismatches.map((s) => `Shape mismatch: ${s}`),
      ...m.problems,
    );
  }
  const s = a.sweep;
  if (s) {
    lines.push(`Sweep: ${runsText(s)}`);
    if (s.training)
      lines.push(`Training config: ${s.training.resolved ?? s.training.path} (from ${s.training.from})`);
    if (s.tokens) lines.push(`Tokens: ${s.tokens.formula}`);
    if (s.learningRate)
      lines.push(`Learning rate: ${sweepRangeText(s.learningRate)}${s.summary ? `: ${s.summary}` : ''}`);
    for (const p of s.placements) lines.push(`  ${placementLine(p)}`);
    // Batch size, warm-up and rank: the CodeLens's words without its icon.
    for (const q of s.quantities) {
      const lens = quantityLens(q, s);
      lines.push(
        lens.title.replace(/^\$\([\w-]+\) /, ''),
        ...lens.tooltip
          .split('\n')
          .filter(Boolean)
          .map((l) => `  ${l}`),
      );
    }
    lines.push(...s.problems);
  }
  lines.push(...a.problems);
  console.log(lines.join('\n'));
}
