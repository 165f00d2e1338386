// The panel's numbers for one set of control values: on a mergekit file the merge estimate the
// analysis already made (as the CodeLens shows it), else the what-if estimate on the model the
// resolver finds. The analysis worker runs it (src/vscode/worker/queries.ts), so reading a model's
// config.json, matching the config's target patterns and building a large model's module tree never
// block the extension host thread (issue 11).
import type { ConfigAnalysis } from '../analysis';
import type { ResolvedModel } from '../models/types';
import { notFoundMessage } from '../models/resolve';
import { messageOf } from '../analysis/problems';
import { computePanelModel, type PanelContext } from './model';
import { mergePanelModel } from './merge';
import { sweepBand } from './sweep';
import type { PanelInputs, PanelModel } from './types';

export type PanelResolver = (ref: string) => ResolvedModel | undefined;

/** `allowNetwork`: whether the Hub setting is on, for the not-found message (the resolver's own words). */
export function panelModelFor(
  inputs: PanelInputs,
  analysis: ConfigAnalysis | undefined,
  resolve: PanelResolver,
  allowNetwork = false,
): PanelModel {
  if (analysis?.merge) return mergePanelModel(inputs, analysis.merge);
  return computePanelModel(inputs, panelContext(inputs, analysis, resolve, allowNetwork));
}

/** The config's whole input (extra targets, attention, loss, sharding), which the controls override, and the model. */
function panelContext(
  inputs: PanelInputs,
  analysis: ConfigAnalysis | undefined,
  resolve: PanelResolver,
  allowNetwork: boolean,
): PanelContext {
  const band = sweepBand(analysis);
  const ctx: PanelContext = {
    input: analysis?.input,
    config: analysis?.config,
    ...(band ? { sweepBand: band } : {}),
  };
  try {
    const resolved = resolve(inputs.modelRef);
    if (resolved) ctx.model = { config: resolved.config, label: resolved.entry?.id ?? resolved.location };
    else ctx.modelProblem = notFoundMessage(inputs.modelRef, allowNetwork);
  } catch (err) {
    ctx.modelProblem = messageOf(err);
  }
  return ctx;
}

/** What the panel shows when the worker gave no answer (`why`): the controls stay, the numbers say why they are missing. */
export function unansweredPanelModel(inputs: PanelInputs, why: string): PanelModel {
  return computePanelModel(inputs, { modelProblem: `${why}; change a control to try again` });
}
