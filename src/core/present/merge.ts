// The merge estimate in words for the CodeLens and the CLI: the merged model's count and size, each
// input, and the disk and memory the merge needs (mergekit v0.1.4's lazy loading, --low-cpu-memory).
import type { MergeEstimate } from '../merge/estimate';
import { mergeNeeds } from '../merge/needs';
import { gigabytes } from './units';

import { compactCount, exactCount } from './counts';

/** A lens's words; src/core/present/codeLens.ts adds what a click opens. */
export interface LensLine {
  title: string;
  tooltip: string;
}

const dtypeName = (m: MergeEstimate): string => m.outputDtype.replace(/ \(.*$/, '') || 'the inputs’ dtype';

/** One line per input: "org/name: 7.24B params, 14.5 GB (bfloat16)" or why it is unknown. */
export function mergeInputLines(m: MergeEstimate): string[] {
  return m.inputs.map((i) =>
    i.params === undefined
      ? `${i.ref}: ${i.problem ?? 'unknown'}`
      : `${i.ref}: ${exactCount(i.params)} params${i.storedBytes !== undefined ? `, ${gigabytes(i.storedBytes)} (${i.storedDtype})` : ''}`,
  );
}

/** Disk and memory lines, each with its mergekit source. */
export function mergeNeedLines(m: MergeEstimate): string[] {
  const n = mergeNeeds(m);
  return [
    ...(n.diskBytes !== undefined
      ? [
          `Disk: ${gigabytes(n.diskBytes)} = inputs ${gigabytes(n.inputBytes as number)} (downloaded whole into the Hugging Face cache${n.inputDtypeAssumed ? `; counted at ${n.inputDtypeAssumed}, the checkpoint dtype is not in the model config` : ''}) + output ${gigabytes(n.outputBytes as number)}`,
        ]
      : []),
    ...(n.workingBytes !== undefined
      ? [
          `Memory: ≥ ${gigabytes(n.workingBytes)} = ${n.formula}. mergekit loads tensors lazily, one at a time ("Lazy loading of tensors for low memory use", README.md:45 at v0.1.4), so a merge needs far less than the models' size; results and intermediates stay in RAM, or on the GPU with --low-cpu-memory ("Useful if VRAM > RAM", mergekit/options.py:98, merge.py:81 at v0.1.4)`,
        ]
      : []),
  ];
}

/** The merge in one line: "merged model: 10.73B params (48 layers), 21.5 GB at bfloat16" (lens and panel). */
export function mergeHeadline(m: MergeEstimate): string {
  if (m.outputParams === undefined) {
    const why = m.problems[0] ?? m.inputs.find((i) => i.problem)?.problem ?? 'no count';
    return `merged model: not counted (${why})`;
  }
  const size = m.outputBytes !== undefined ? `, ${gigabytes(m.outputBytes)} at ${dtypeName(m)}` : '';
  const layers =
    m.outputLayers !== undefined && m.outputLayers !== m.baseLayers ? ` (${m.outputLayers} layers)` : '';
  return `merged model: ${compactCount(m.outputParams)} params${layers}${size}`;
}

/** "inputs 27.0 GB · disk 40.5 GB · memory ≥ 1.6 GB (lazy loading)", or undefined when nothing is known. */
export function mergeNeedsSummary(m: MergeEstimate): string | undefined {
  const n = mergeNeeds(m);
  if (n.diskBytes === undefined && n.workingBytes === undefined) return undefined;
  return [
    ...(n.inputBytes !== undefined ? [`inputs ${gigabytes(n.inputBytes)}`] : []),
    ...(n.diskBytes !== undefined ? [`disk ${gigabytes(n.diskBytes)}`] : []),
    ...(n.workingBytes !== undefined ? [`memory ≥ ${gigabytes(n.workingBytes)} (lazy loading)`] : []),
  ].join(' · ');
}

export function mergeLenses(m: MergeEstimate): LensLine[] {
  if (m.outputParams === undefined)
    return [{ title: `$(info) ${mergeHeadline(m)}`, tooltip: mergeInputLines(m).join('\n') }];
  const lenses: LensLine[] = [
    {
      title: `$(symbol-numeric) ${mergeHeadline(m)}`,
      tooltip: [
        `${m.method}: ${m.formula ?? ''}`,
        `Exact: ${exactCount(m.outputParams)} parameters`,
        ...m.shapeMismatches.map((s) => `Shape mismatch: ${s}`),
        'Inputs:',
        ...mergeInputLines(m),
      ].join('\n'),
    },
  ];
  const needs = mergeNeedsSummary(m);
  if (needs) lenses.push({ title: `$(database) ${needs}`, tooltip: mergeNeedLines(m).join('\n') });
  return lenses;
}
