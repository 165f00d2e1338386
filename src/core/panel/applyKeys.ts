// Where each dialect keeps the values the panel can apply, as data: key paths (first existing
// candidate wins, else the first is added) and how a target list is spelled there.
import { parseDocument } from 'yaml';
import type { DialectId } from '../dialects';
import type { ApplyField } from './protocol';
import { ConfigEditError, setValueChange, type EditValue, type TextChange } from './textEdit';

export interface ApplyKey {
  /** Candidate key paths; the first one present in the file is edited, else the first is added. */
  paths: readonly (readonly string[])[];
  /** 'csv' = one comma-separated string (LLaMA-Factory's lora_target). */
  list?: 'list' | 'csv';
}

type Table = Partial<Record<ApplyField, ApplyKey>>;

const HF_BATCH: Table = {
  microBatchSize: { paths: [['per_device_train_batch_size']] },
  gradientAccumulationSteps: { paths: [['gradient_accumulation_steps']] },
  learningRate: { paths: [['learning_rate']] },
};

export const APPLY_KEYS: Readonly<Partial<Record<DialectId, Table>>> = {
  axolotl: {
    rank: { paths: [['lora_r']] }, alpha: { paths: [['lora_alpha']] }, learningRate: { paths: [['learning_rate']] },
    targetModules: { paths: [['lora_target_modules']], list: 'list' }, sequenceLength: { paths: [['sequence_len']] },
    microBatchSize: { paths: [['micro_batch_size']] }, gradientAccumulationSteps: { paths: [['gradient_accumulation_steps']] },
  },
  llamafactory: {
    ...HF_BATCH, rank: { paths: [['lora_rank']] }, alpha: { paths: [['lora_alpha']] },
    targetModules: { paths: [['lora_target']], list: 'csv' }, sequenceLength: { paths: [['cutoff_len']] },
  },
  trl: {
    ...HF_BATCH, rank: { paths: [['lora_r']] }, alpha: { paths: [['lora_alpha']] },
    targetModules: { paths: [['lora_target_modules']], list: 'list' }, sequenceLength: { paths: [['max_length'], ['max_seq_length']] },
  },
  'llamafactory-v1': {
    rank: { paths: [['peft_config', 'r']] }, alpha: { paths: [['peft_config', 'lora_alpha']] },
    targetModules: { paths: [['peft_config', 'target_modules']], list: 'list' },
  },
  peft: { rank: { paths: [['r']] }, alpha: { paths: [['lora_alpha']] }, targetModules: { paths: [['target_modules']], list: 'list' } },
  torchtune: {
    rank: { paths: [['model', 'lora_rank']] }, alpha: { paths: [['model', 'lora_alpha']] }, learningRate: { paths: [['optimizer', 'lr']] },
    targetModules: { paths: [['model', 'lora_attn_modules']], list: 'list' }, sequenceLength: { paths: [['tokenizer', 'max_seq_len']] },
    microBatchSize: { paths: [['batch_size']] }, gradientAccumulationSteps: { paths: [['gradient_accumulation_steps']] },
  },
  adapterhub: {},
};

export function applicableFields(dialect: DialectId): ApplyField[] {
  return Object.keys(APPLY_KEYS[dialect] ?? {}) as ApplyField[];
}

/** The text change that applies `field = value` to a config of `dialect` (throws ConfigEditError). */
export function planApply(text: string, dialect: DialectId, field: ApplyField, value: number | string, json: boolean): TextChange {
  const key = APPLY_KEYS[dialect]?.[field];
  if (!key) throw new ConfigEditError(`${field} cannot be applied to a ${dialect} config`);
  let v: EditValue = value;
  if (field === 'targetModules') {
    const names = String(value).split(',').map((s) => s.trim()).filter(Boolean);
    if (!names.length) throw new ConfigEditError('no target module names to apply');
    v = key.list === 'csv' ? names.join(',') : names.length === 1 && names[0] === 'all-linear' && !json ? 'all-linear' : names;
  } else if (typeof value !== 'number') {
    throw new ConfigEditError(`${field} needs a number`);
  }
  const parsed = parseDocument(text, { strict: false, uniqueKeys: false });
  const present = key.paths.find((p) => parsed.hasIn(p));
  return setValueChange(text, present ?? key.paths[0], v, { json });
}
