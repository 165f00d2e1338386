// Plain-text rendering of recommend() results: a summary table (value, unit, arXiv id, range,
// recommendation vs context) followed by each law's arithmetic and warnings. Used by the CLI.
import { learningRate } from '../present/units';
import { sig } from './format';
import { REGIME_LABELS, type LawInputs, type LawResult } from './types';

function citation(r: LawResult): string {
  return r.source.arxiv ? `arXiv ${r.source.arxiv}` : `blog, ${r.source.version?.slice(0, 10) ?? 'undated'}`;
}

function lrCell(r: LawResult): string {
  return r.learningRate === null ? '—' : learningRate(r.learningRate);
}

function batchCell(r: LawResult): string {
  if (r.batchSizeTokens !== null) {
    return (
      `${sig(r.batchSizeTokens)} tok` +
      (r.batchSizeSequences !== null ? ` (${sig(r.batchSizeSequences)} seq)` : '')
    );
  }
  return r.batchSizeSequences !== null ? `${sig(r.batchSizeSequences)} seq` : '—';
}

/** Short symbols for the range column. */
const SYMBOL: Partial<Record<string, string>> = {
  nonEmbeddingParams: 'N',
  totalParams: 'N',
  tokens: 'D',
  computeFlops: 'C',
  batchSequences: 'batch',
};

function rangeCell(r: LawResult): string {
  if (r.inRange.inside === null) return 'n/a';
  return r.inRange.inside
    ? 'yes'
    : `no (${r.inRange.outOfRange.map((o) => SYMBOL[o.input] ?? o.input).join(', ')})`;
}

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) =>
    r
      .map((cell, c) => cell.padEnd(widths[c]))
      .join('  ')
      .trimEnd(),
  );
}

function inputLine(inputs: LawInputs): string {
  const parts = [`regime: ${REGIME_LABELS[inputs.regime]}`];
  if (inputs.totalParams) parts.push(`N total ${sig(inputs.totalParams)} params`);
  if (inputs.nonEmbeddingParams) parts.push(`N non-embedding ${sig(inputs.nonEmbeddingParams)} params`);
  if (inputs.tokens) parts.push(`D ${sig(inputs.tokens)} tokens`);
  if (inputs.batchTokens) parts.push(`batch ${sig(inputs.batchTokens)} tokens`);
  if (inputs.seqLen) parts.push(`seq_len ${inputs.seqLen}`);
  if (inputs.currentLearningRate) parts.push(`current LR ${learningRate(inputs.currentLearningRate)}`);
  return parts.join('; ');
}

function details(r: LawResult): string[] {
  const lines = [
    `${r.title} — ${r.source.title}`,
    `  ${r.source.url}${r.source.version ? ` (version: ${r.source.version})` : ''}`,
  ];
  lines.push(`  ${r.formula}`);
  if (r.comparison) lines.push(`  Your learning rate is ${r.comparison}.`);
  for (const w of r.warnings) lines.push(`  ! ${w}`);
  for (const n of r.notes) lines.push(`  - ${n}`);
  return lines;
}

/** The full text report: inputs, the table, then per-law arithmetic. LR is a peak LR (dimensionless, per step). */
export function renderRecommendations(
  results: readonly LawResult[],
  inputs: LawInputs,
  derivation: readonly string[] = [],
): string {
  const header = ['Law', 'Source', 'Peak LR', 'Batch size', 'In fitted range', 'Use'];
  const rows = results.map((r) => [
    r.title + (r.unverified ? ' [unverified]' : ''),
    citation(r),
    lrCell(r),
    batchCell(r),
    rangeCell(r),
    r.applies,
  ]);
  const out = [
    `Inputs: ${inputLine(inputs)}`,
    ...derivation.map((d) => `  ${d}`),
    '',
    ...table([header, ...rows]),
    '',
  ];
  out.push(
    'LR = peak learning rate (dimensionless, per optimizer step); batch in tokens per step (tok) and sequences (seq).',
  );
  out.push('"context" = shown for comparison; the law was not derived for this regime.', '');
  for (const r of results) out.push(...details(r), '');
  return out.join('\n');
}
