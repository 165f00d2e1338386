// The config dialects ML Config Lens understands, and how a file's dialect is decided when
// nothing explicit (setting, modeline, `$schema`) names it: by its file name, then its content.
import { parseDocument, isMap } from 'yaml';

export type DialectId = 'axolotl' | 'llamafactory' | 'trl' | 'peft' | 'adapterhub' | 'torchtune';

export interface DialectInfo {
  id: DialectId;
  label: string;
}

export const DIALECTS: readonly DialectInfo[] = [
  { id: 'axolotl', label: 'Axolotl' },
  { id: 'llamafactory', label: 'LLaMA-Factory' },
  { id: 'trl', label: 'TRL / Transformers TrainingArguments' },
  { id: 'peft', label: 'PEFT adapter config' },
  { id: 'adapterhub', label: 'AdapterHub adapter config' },
  { id: 'torchtune', label: 'torchtune recipe' },
];

/** Top-level keys that only one dialect uses, strongest evidence first. */
const MARKER_KEYS: ReadonlyArray<[DialectId, readonly string[]]> = [
  ['peft', ['peft_type']],
  ['adapterhub', ['adapter_residual_before_ln', 'reduction_factor', 'non_linearity', 'mh_adapter']],
  ['torchtune', ['_component_']],
  ['llamafactory', ['finetuning_type', 'stage', 'lora_target', 'template']],
  ['axolotl', ['base_model', 'adapter', 'datasets', 'micro_batch_size', 'lora_target_linear']],
  ['trl', ['model_name_or_path', 'per_device_train_batch_size', 'use_peft', 'lora_target_modules']],
];

/** Sniffs a dialect from the top-level keys of a YAML or JSON text; undefined when nothing fits. */
export function sniffDialect(text: string): DialectId | undefined {
  let keys: Set<string>;
  let nested: boolean;
  try {
    const doc = parseDocument(text, { strict: false, uniqueKeys: false });
    if (!isMap(doc.contents)) return undefined;
    keys = new Set(doc.contents.items.map((p) => String((p.key as { value?: unknown })?.value ?? p.key)));
    nested = text.includes('_component_:') || text.includes('"_component_"');
  } catch {
    return undefined;
  }
  if (nested) return 'torchtune';
  let best: DialectId | undefined;
  let bestScore = 0;
  for (const [dialect, markers] of MARKER_KEYS) {
    const score = markers.filter((k) => keys.has(k)).length;
    if (score > bestScore) {
      best = dialect;
      bestScore = score;
    }
  }
  return best;
}
