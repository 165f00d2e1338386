// The panel's input controls as data: what each edits in PanelInputs, its label and unit, when it
// applies (rank only for methods with a rank...), and which config value "Apply" writes from it.
import type { ApplyField, MethodOption } from '../src/core/panel/protocol';
import type { PanelInputs, PanelTraining } from '../src/core/panel/types';

export type NumberKey = 'rank' | 'alpha' | 'numVirtualTokens' | 'freezeLayers';
export type TrainingNumberKey =
  | 'sequenceLength'
  | 'microBatchSize'
  | 'gradientAccumulationSteps'
  | 'devices'
  | 'tokens'
  | 'maxSteps'
  | 'learningRate';

export interface NumberField {
  id: string;
  label: string;
  unit: string;
  key: NumberKey | TrainingNumberKey;
  training: boolean;
  integer: boolean;
  apply?: ApplyField;
  when?: (m: MethodOption) => boolean;
  placeholder?: string;
}

export const METHOD_FIELDS: NumberField[] = [
  {
    id: 'rank',
    label: 'Rank r',
    unit: '',
    key: 'rank',
    training: false,
    integer: true,
    apply: 'rank',
    when: (m) => m.rank,
  },
  {
    id: 'alpha',
    label: 'Alpha',
    unit: '',
    key: 'alpha',
    training: false,
    integer: false,
    apply: 'alpha',
    when: (m) => m.alpha,
  },
  {
    id: 'virtual',
    label: 'Virtual tokens',
    unit: 'tokens',
    key: 'numVirtualTokens',
    training: false,
    integer: true,
    when: (m) => m.virtualTokens,
    placeholder: '20',
  },
  {
    id: 'freeze',
    label: 'Trainable layers',
    unit: 'layers',
    key: 'freezeLayers',
    training: false,
    integer: true,
    when: (m) => m.freezeLayers,
    placeholder: '2',
  },
];

export const TRAINING_FIELDS: NumberField[] = [
  {
    id: 'seq',
    label: 'Sequence length',
    unit: 'tokens',
    key: 'sequenceLength',
    training: true,
    integer: true,
    apply: 'sequenceLength',
  },
  {
    id: 'micro',
    label: 'Micro-batch',
    unit: 'sequences / device',
    key: 'microBatchSize',
    training: true,
    integer: true,
    apply: 'microBatchSize',
    placeholder: '1',
  },
  {
    id: 'accum',
    label: 'Gradient accumulation',
    unit: 'steps',
    key: 'gradientAccumulationSteps',
    training: true,
    integer: true,
    apply: 'gradientAccumulationSteps',
    placeholder: '1',
  },
  {
    id: 'devices',
    label: 'Devices',
    unit: 'GPUs',
    key: 'devices',
    training: true,
    integer: true,
    placeholder: '1',
  },
  {
    id: 'steps',
    label: 'Max steps',
    unit: 'optimizer steps',
    key: 'maxSteps',
    training: true,
    integer: true,
  },
  {
    id: 'tokens',
    label: 'Training tokens D',
    unit: 'tokens (overrides steps)',
    key: 'tokens',
    training: true,
    integer: false,
    placeholder: 'from steps × batch',
  },
  {
    id: 'lr',
    label: 'Learning rate',
    unit: 'peak, per step',
    key: 'learningRate',
    training: true,
    integer: false,
    apply: 'learningRate',
    placeholder: '2e-4',
  },
];

export function readNumber(inputs: PanelInputs, f: NumberField): number | undefined {
  return f.training ? inputs.training[f.key as TrainingNumberKey] : inputs[f.key as NumberKey];
}

export function writeNumber(inputs: PanelInputs, f: NumberField, v: number | undefined): void {
  if (f.training) {
    const t = inputs.training as PanelTraining & Record<string, unknown>;
    if (v === undefined) delete t[f.key];
    else t[f.key] = v;
  } else {
    const i = inputs as PanelInputs & Record<string, unknown>;
    if (v === undefined) delete i[f.key];
    else i[f.key] = v;
  }
}

/** Text typed into a number field → value; '' → undefined; null when it is not a valid value. */
export function parseNumber(text: string, integer: boolean): number | undefined | null {
  const s = text.trim().replace(/_/g, '');
  if (s === '') return undefined;
  const v = Number(s);
  if (!Number.isFinite(v) || v <= 0) return null;
  if (integer && !Number.isInteger(v)) return null;
  return v;
}
