// CodeLens above a config's adapter block: trainable parameters and share, estimated memory, and
// the suggested learning rate. A click opens the estimator panel (or the learning-rate report).
import * as vscode from 'vscode';
import { COMMANDS } from '../core/ids';
import type { ConfigAnalysis } from '../core/analysis';
import type { MemoryEstimate } from '../core/memory';
import {
  exactCount,
  gigabytes,
  learningRate,
  percent,
  ratioShort,
  shortSource,
} from '../core/analysis/format';
import type { DocumentInsights } from './insights';
import { activationsMissing } from '../core/analysis/effects';
import { escapeThemeIcons } from '../core/present/markdown';
import { settingsFor } from './settings';
import { mergeLenses } from '../core/present/merge';
import { sweepLenses } from '../core/present/sweep';

/** Keys that start the adapter block, in the order we look for them; then the model key (a merge: its method; a sweep: its parameters). */
const ANCHOR_KEYS = [
  'merge_method',
  'peft_type',
  'adapter',
  'finetuning_type',
  'use_peft',
  'model',
  'base_model',
  'model_name_or_path',
  'parameters',
];

export function registerCodeLens(context: vscode.ExtensionContext, insights: DocumentInsights): void {
  const provider = new ConfigCodeLens(insights);
  const selector: vscode.DocumentSelector = [
    { language: 'yaml' },
    { language: 'json' },
    { language: 'jsonc' },
  ];
  context.subscriptions.push(vscode.languages.registerCodeLensProvider(selector, provider), provider);
}

class ConfigCodeLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly insights: DocumentInsights) {
    this.subscription = vscode.Disposable.from(
      insights.onDidChange(() => this.changed.fire()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('mlConfig')) this.changed.fire();
      }),
    );
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (!settingsFor().codeLensEnabled) return [];
    const analysis = await this.insights.currentAnalysis(document);
    if (!analysis) return [];
    const range = new vscode.Range(anchorLine(document), 0, anchorLine(document), 0);
    return lensesFor(analysis, document.uri).map((command) => new vscode.CodeLens(range, command));
  }

  dispose(): void {
    this.changed.dispose();
    this.subscription.dispose();
  }
}

export function anchorLine(document: vscode.TextDocument): number {
  const text = document.getText();
  for (const key of ANCHOR_KEYS) {
    const m = new RegExp(`^[ \\t]*["']?${key}["']?[ \\t]*:`, 'm').exec(text);
    if (m) return document.positionAt(m.index).line;
  }
  return 0;
}

/** The lens commands for an analysis; exported for tests through the extension API. */
export function lensesFor(a: ConfigAnalysis, uri: vscode.Uri): vscode.Command[] {
  const panel = (title: string, tooltip: string): vscode.Command => ({
    title,
    tooltip,
    command: COMMANDS.openPanel,
    arguments: [uri],
  });
  const own = a.merge ? mergeLenses(a.merge) : a.sweep ? sweepLenses(a.sweep) : undefined;
  if (own) return own.map((l) => panel(l.title, l.tooltip));
  if (!a.estimate) return [noEstimateLens(a, panel)];
  const e = a.estimate;
  const lenses = [
    panel(
      `$(symbol-numeric) ${exactCount(e.trainableParams)} trainable (${percent(e.trainablePercent)})`,
      `${e.method}: ${exactCount(e.trainableParams)} of ${exactCount(e.totalParams)} parameters train (${e.basis})`,
    ),
  ];
  if (a.memory) lenses.push(memoryLens(a, a.memory, panel));
  const best = a.laws.find((l) => l.applies === 'recommendation' && l.learningRate !== null);
  if (best) {
    // The lens line must fit a normal editor width (it is cut, not wrapped): the law's name is the
    // source here (arXiv id when it has one); the tooltip carries the formula and the full comparison.
    const source = best.source.arxiv ? `${best.title}, arXiv ${best.source.arxiv}` : best.title;
    lenses.push({
      title: `$(graph-line) LR ${learningRate(best.learningRate as number)} (${source})${yours(a, best.currentRatio)}`,
      tooltip: [
        `${best.title} (${shortSource(best.source)}): ${best.formula}`,
        ...(best.comparison ? [`Your learning rate is ${best.comparison}.`] : []),
      ].join('\n'),
      command: COMMANDS.recommendLearningRate,
      arguments: [uri],
    });
  }
  return lenses;
}

/** " · yours 4.9x below" when the config states a learning rate the law compares with. */
function yours(a: ConfigAnalysis, ratio: number | null): string {
  return ratio !== null && a.input?.training.learningRate !== undefined
    ? ` · yours ${ratioShort(ratio)}`
    : '';
}

/** "~18.7 GB VRAM to train", or "≥ 1.71 GB VRAM (no sequence length)" when activations could not be counted. */
function memoryLens(
  a: ConfigAnalysis,
  memory: MemoryEstimate,
  panel: (title: string, tooltip: string) => vscode.Command,
): vscode.Command {
  const missing = activationsMissing(a);
  const title =
    missing === 'sequence length not stated'
      ? `$(server) ≥ ${gigabytes(memory.totalBytes)} VRAM (no sequence length)`
      : `$(server) ${missing ? '≥ ' : '~'}${gigabytes(memory.totalBytes)} VRAM to train`;
  const head = `Estimated training memory per device (1 GB = 1e9 bytes)${missing ? `; activations not counted: ${missing}` : ''}`;
  return panel(
    title,
    [head, ...memory.components.map((c) => `${c.label}: ${gigabytes(c.bytes)}`)].join('\n'),
  );
}

/**
 * One short lens when nothing could be counted. An unresolved model is the common case (a private
 * or new model): say so briefly and offer the panel's model picker; the full reason is the tooltip.
 */
function noEstimateLens(
  a: ConfigAnalysis,
  panel: (title: string, tooltip: string) => vscode.Command,
): vscode.Command {
  const why = a.problems[0] ?? 'no estimate';
  // No estimator input: a syntax error, a file too large to analyse live; its own reason is the lens.
  if (!a.input) return panel(`$(info) ML Config: ${why}`, 'Open the estimator panel');
  if (a.modelRef && !a.model)
    return panel(
      `$(question) Model '${escapeThemeIcons(a.modelRef)}' not found locally: click to choose a model for the estimate`,
      `${why}. The estimator panel lets you pick a catalog model instead.`,
    );
  if (!a.modelRef) return panel('$(question) No base model named: click to choose one for the estimate', why);
  return panel(`$(info) ML Config: ${why}`, 'Open the estimator panel');
}
