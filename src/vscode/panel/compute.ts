// Host side of a "compute" request: resolve the chosen model on this machine (path, catalog, local
// Hugging Face cache), then hand everything to the pure computePanelModel.
import type * as vscode from 'vscode';
import type { ConfigAnalysis } from '../../core/analysis';
import { resolveModelLocal } from '../../io/resolve';
import { resolveOptionsFor } from '../models';
import { computePanelModel, type PanelContext } from '../../core/panel/model';
import type { PanelInputs, PanelModel } from '../../core/panel/types';
import { sweepBand } from '../../core/panel/sweep';
import { mergePanelModel } from '../../core/panel/merge';

export function modelContext(
  inputs: PanelInputs,
  doc: vscode.TextDocument | undefined,
  analysis: ConfigAnalysis | undefined,
): PanelContext {
  // The config's whole input (extra targets, attention, loss, sharding): the controls override it.
  const band = sweepBand(analysis);
  const ctx: PanelContext = {
    input: analysis?.input,
    config: analysis?.config,
    ...(band ? { sweepBand: band } : {}),
  };
  try {
    const resolved = resolveModelLocal(inputs.modelRef, resolveOptionsFor(doc));
    if (resolved) ctx.model = { config: resolved.config, label: resolved.entry?.id ?? resolved.location };
    else
      ctx.modelProblem = `model '${inputs.modelRef}' is not a config.json path, not in the catalog and not in the local Hugging Face cache`;
  } catch (err) {
    ctx.modelProblem = err instanceof Error ? err.message : String(err);
  }
  return ctx;
}

export function computeFor(
  inputs: PanelInputs,
  doc: vscode.TextDocument | undefined,
  analysis: ConfigAnalysis | undefined,
): PanelModel {
  // A merge: the estimate the analysis already made for the CodeLens, not a training estimate.
  if (analysis?.merge) return mergePanelModel(inputs, analysis.merge);
  return computePanelModel(inputs, modelContext(inputs, doc, analysis));
}
