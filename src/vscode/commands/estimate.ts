// "ML Config: Estimate Trainable Parameters": from a config file (the argument or the active
// editor), from explicit arguments, or through a quick-pick flow (model → method → rank).
import * as vscode from 'vscode';
import { NO_ANSWER } from '../worker/client';
import { exactCount, percent } from '../../core/analysis/format';
import type { DocumentInsights } from '../insights';
import { pickModel } from '../pickModel';
import { documentFor, offerCopy } from './shared';

export interface EstimateResult {
  model: string;
  method: string;
  trainableParams: number;
  totalParams: number;
  trainablePercent: number;
  summary: string;
}

export interface EstimateArgs {
  model: string;
  peft: Record<string, unknown>;
  taskType?: string | null;
}

const METHODS: Array<vscode.QuickPickItem & { peft: (r: number) => Record<string, unknown> }> = [
  {
    label: 'LoRA',
    description: 'all linear layers (arXiv 2106.09685)',
    peft: (r) => ({ peft_type: 'LORA', r, lora_alpha: 2 * r, target_modules: 'all-linear' }),
  },
  {
    label: 'DoRA',
    description: 'all linear layers (arXiv 2402.09353)',
    peft: (r) => ({ peft_type: 'LORA', r, lora_alpha: 2 * r, target_modules: 'all-linear', use_dora: true }),
  },
  {
    label: 'LoRA (PEFT default targets)',
    description: "PEFT's per-architecture default target_modules",
    peft: (r) => ({ peft_type: 'LORA', r, lora_alpha: 2 * r }),
  },
  { label: 'IA3', description: 'arXiv 2205.05638', peft: () => ({ peft_type: 'IA3' }) },
  {
    label: 'Prefix tuning',
    description: '20 virtual tokens (arXiv 2101.00190)',
    peft: () => ({ peft_type: 'PREFIX_TUNING', num_virtual_tokens: 20 }),
  },
  {
    label: 'Prompt tuning',
    description: '20 virtual tokens (arXiv 2104.08691)',
    peft: () => ({ peft_type: 'PROMPT_TUNING', num_virtual_tokens: 20 }),
  },
  { label: 'Full fine-tuning', description: 'every parameter trains', peft: () => ({ peft_type: 'FULL' }) },
];

export async function estimateCommand(
  insights: DocumentInsights,
  arg?: vscode.Uri | EstimateArgs,
): Promise<EstimateResult | undefined> {
  if (arg && !(arg instanceof vscode.Uri)) return fromArgs(insights, arg);
  const document = documentFor(arg, insights);
  const analysis = document && (await insights.currentAnalysis(document));
  if (analysis?.estimate) {
    const e = analysis.estimate;
    return report({
      model: analysis.modelRef ?? '?',
      method: e.method,
      trainableParams: e.trainableParams,
      totalParams: e.totalParams,
      trainablePercent: e.trainablePercent,
    });
  }
  if (analysis && analysis.problems.length)
    void vscode.window.showWarningMessage(
      `ML Config: ${analysis.problems[0]}. Choose a model and method instead.`,
    );
  return analysis?.model
    ? quickPickFlow(insights, analysis.modelRef)
    : quickPickFlow(insights, undefined, analysis?.modelRef);
}

async function quickPickFlow(
  insights: DocumentInsights,
  current?: string,
  missing?: string,
): Promise<EstimateResult | undefined> {
  const model = await pickModel(current, missing);
  if (!model) return undefined;
  const method = await vscode.window.showQuickPick(METHODS, { title: `ML Config: method for ${model}` });
  if (!method) return undefined;
  let rank = 16;
  if (method.label.includes('LoRA') || method.label === 'DoRA') {
    const picked = await vscode.window.showQuickPick(['8', '16', '32', '64', '128'], {
      title: 'ML Config: LoRA rank r',
    });
    if (!picked) return undefined;
    rank = Number(picked);
  }
  return fromArgs(insights, { model, peft: method.peft(rank) });
}

/** The count for a chosen model and method, computed in the worker (model config read there too). */
async function fromArgs(insights: DocumentInsights, args: EstimateArgs): Promise<EstimateResult | undefined> {
  const a = await insights.estimate({
    model: args.model,
    peft: args.peft,
    taskType: args.taskType ?? 'CAUSAL_LM',
  });
  if (!a?.estimate) {
    void vscode.window.showErrorMessage(`ML Config: ${a?.error ?? NO_ANSWER}`);
    return undefined;
  }
  const { label, ...counts } = a.estimate;
  return report({ model: label, ...counts });
}

function report(r: Omit<EstimateResult, 'summary'>): EstimateResult {
  const summary = `${r.model} + ${r.method}: trainable params: ${exactCount(r.trainableParams)} || all params: ${exactCount(r.totalParams)} || trainable%: ${percent(r.trainablePercent)}`;
  offerCopy(summary);
  return { ...r, summary };
}
