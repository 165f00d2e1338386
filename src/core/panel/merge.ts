// The panel on a mergekit config: the merge estimate the CodeLens shows (src/core/merge/estimate.ts,
// the same MergeEstimate object), as numbers for the panel's tables and the CodeLens's own words.
import type { MergeEstimate } from '../merge/estimate';
import { mergeNeeds } from '../merge/needs';
import { mergeHeadline, mergeNeedLines } from '../present/merge';
import type { MergeModelRow, PanelInputs, PanelMerge, PanelModel } from './types';

const orNull = <T>(x: T | undefined): T | null => (x === undefined ? null : x);

export function panelMerge(m: MergeEstimate): PanelMerge {
  const n = mergeNeeds(m);
  const inputs: MergeModelRow[] = m.inputs.map((i, k) => ({
    role: 'input',
    ref: i.ref,
    params: orNull(i.params),
    bytes: orNull(n.perInput[k]?.bytes),
    dtype: orNull(n.perInput[k]?.dtype),
    problem: orNull(i.problem),
  }));
  const output: MergeModelRow = {
    role: 'output',
    ref: 'merged model',
    params: orNull(m.outputParams),
    bytes: orNull(m.outputBytes),
    dtype: m.outputDtype || null,
    problem: m.outputParams === undefined ? (m.problems[0] ?? 'not counted') : null,
  };
  return {
    method: m.method,
    headline: mergeHeadline(m),
    params: orNull(m.outputParams),
    layers: orNull(m.outputLayers),
    baseLayers: orNull(m.baseLayers),
    formula: orNull(m.formula),
    models: [...inputs, output],
    needs: {
      inputBytes: orNull(n.inputBytes),
      outputBytes: orNull(n.outputBytes),
      diskBytes: orNull(n.diskBytes),
      workingBytes: orNull(n.workingBytes),
    },
    needLines: mergeNeedLines(m),
    shapeMismatches: m.shapeMismatches,
    problems: m.problems,
  };
}

/** What the panel shows for a mergekit config: the merge alone (no adapter, memory or laws to show). */
export function mergePanelModel(inputs: PanelInputs, m: MergeEstimate): PanelModel {
  return {
    modelRef: inputs.modelRef,
    modelLabel: `mergekit ${m.method} merge`,
    params: null,
    memory: null,
    laws: [],
    lawChart: null,
    effectiveBatch: null,
    merge: panelMerge(m),
    problems: [],
  };
}
