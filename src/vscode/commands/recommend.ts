// "ML Config: Recommend Learning Rate": the laws applied to the active config, recommendations
// first, pre-training laws as context; picking one copies its line with the formula and source.
import * as vscode from 'vscode';
import type { LawResult } from '../../core/laws';
import { learningRate, shortSource } from '../../core/analysis/format';
import { ordered } from '../../core/analysis/order';
import type { DocumentInsights } from '../insights';
import { documentFor } from './shared';

export async function recommendCommand(
  insights: DocumentInsights,
  uri?: vscode.Uri,
  options?: { quiet?: boolean },
): Promise<LawResult[] | undefined> {
  const document = documentFor(uri, insights);
  if (!document) {
    void vscode.window.showInformationMessage(
      'ML Config: open an Axolotl, LLaMA-Factory, TRL, torchtune or PEFT config to get learning-rate recommendations for it.',
    );
    return undefined;
  }
  const analysis = await insights.currentAnalysis(document);
  if (!analysis) return undefined;
  if (!options?.quiet) void showLaws(analysis.laws, analysis.problems);
  return analysis.laws;
}

async function showLaws(laws: LawResult[], problems: string[]): Promise<void> {
  const items = ordered(laws).map((l) => ({
    label: `${l.applies === 'recommendation' ? '$(star-full)' : '$(history)'} ${l.title}`,
    description: [
      l.learningRate !== null ? `LR ${learningRate(l.learningRate)}` : undefined,
      l.batchSizeTokens !== null
        ? `batch ${Math.round(l.batchSizeTokens).toLocaleString('en-US')} tokens`
        : undefined,
      shortSource(l.source),
    ]
      .filter(Boolean)
      .join(' · '),
    detail:
      [
        l.comparison,
        l.applies === 'context' ? 'context only: not fitted to this regime' : undefined,
        l.inRange.inside === false
          ? `outside the fitted range (${l.inRange.outOfRange.map((o) => o.input).join(', ')})`
          : undefined,
        l.unverified ? 'unverified constant' : undefined,
        ...l.warnings,
      ]
        .filter(Boolean)
        .join(' — ') || l.formula,
    law: l,
  }));
  const title = problems.length
    ? `ML Config: learning rate (${problems[0]})`
    : 'ML Config: learning rate from published laws (select to copy)';
  const picked = await vscode.window.showQuickPick(items, {
    title,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (picked) {
    const l = picked.law;
    await vscode.env.clipboard.writeText(`${l.title}: ${l.formula} (${l.source.url})`);
  }
}
