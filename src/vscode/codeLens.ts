// CodeLens above a config's adapter block: trainable parameters and share, estimated memory, and
// the suggested learning rate. A click opens the estimator panel (or the learning-rate report).
import * as vscode from 'vscode';
import { COMMANDS } from '../core/ids';
import type { ConfigAnalysis } from '../core/analysis';
import { lensTexts } from '../core/present/codeLens';
import type { DocumentInsights } from './insights';
import { settingsFor } from './settings';

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

/** The lens commands for an analysis (texts from core/present/codeLens.ts); exported for tests through the extension API. */
export function lensesFor(a: ConfigAnalysis, uri: vscode.Uri): vscode.Command[] {
  return lensTexts(a).map((l) => ({
    title: l.title,
    tooltip: l.tooltip,
    command: l.opens === 'recommend' ? COMMANDS.recommendLearningRate : COMMANDS.openPanel,
    arguments: [uri],
  }));
}
