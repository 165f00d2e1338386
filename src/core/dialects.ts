// The config dialects ML Config Lens understands, and how a file's dialect is decided: an explicit
// in-file marker (yaml-language-server modeline, `$schema` key), then the user's glob associations
// (setting mlConfig.files.associations), then the file name, then the file's keys.
// Detection reads lines with regexes and never parses, so it is cheap and cannot throw.

import { globMatches } from './glob';

export { globMatches };

export type DialectId = 'axolotl' | 'llamafactory' | 'llamafactory-v1' | 'trl' | 'peft' | 'adapterhub' | 'torchtune' | 'wandb-sweep' | 'mergekit';

export interface DialectInfo {
  id: DialectId;
  label: string;
}

export const DIALECTS: readonly DialectInfo[] = [
  { id: 'axolotl', label: 'Axolotl' },
  { id: 'llamafactory', label: 'LLaMA-Factory' },
  { id: 'llamafactory-v1', label: 'LLaMA-Factory v1' },
  { id: 'trl', label: 'TRL / Transformers TrainingArguments' },
  { id: 'peft', label: 'PEFT adapter config' },
  { id: 'adapterhub', label: 'AdapterHub adapter config' },
  { id: 'torchtune', label: 'torchtune recipe' },
  { id: 'wandb-sweep', label: 'W&B sweep' },
  { id: 'mergekit', label: 'mergekit merge' },
];

export interface DialectDetection {
  dialect: DialectId | undefined;
  reason: string;
}

export interface DetectOptions {
  fileName?: string;
  /** glob -> dialect id, from the mlConfig.files.associations setting. */
  associations?: Record<string, string>;
}

export function isDialectId(v: unknown): v is DialectId {
  return DIALECTS.some((d) => d.id === v);
}

export function detectDialect(text: string, opts: DetectOptions = {}): DialectDetection {
  const head = text.length > 200_000 ? text.slice(0, 200_000) : text;
  const modeline = /^[ \t]*#[ \t]*(?:yaml-language-server:[ \t]*\$schema=|\$schema:[ \t]*)(\S+)/m.exec(head);
  if (modeline) return fromSchemaUrl(modeline[1], 'the yaml-language-server modeline');
  const key = /^[ \t{]*["']?\$schema["']?[ \t]*:[ \t]*["']?([^"'\s,}]+)/m.exec(head);
  if (key) return fromSchemaUrl(key[1], 'the `$schema` key');
  const path = (opts.fileName ?? '').replace(/\\/g, '/');
  for (const [glob, id] of Object.entries(opts.associations ?? {})) {
    if (path && globMatches(glob, path)) {
      return isDialectId(id) ? { dialect: id, reason: `mlConfig.files.associations: "${glob}"` } : { dialect: undefined, reason: `mlConfig.files.associations maps "${glob}" to unknown dialect "${id}"` };
    }
  }
  const keys = sniffKeys(head);
  if (/(^|\/)adapter_config\.json$/.test(path)) {
    const hub = looksLikeAdapterHub(keys);
    return { dialect: hub ? 'adapterhub' : 'peft', reason: `file name adapter_config.json, ${hub ? 'AdapterHub layout (no peft_type)' : 'PEFT layout'}` };
  }
  return sniffFromKeys(keys);
}

function fromSchemaUrl(url: string, where: string): DialectDetection {
  const m = /([A-Za-z0-9-]+)\.schema\.json(?:[?#].*)?$/.exec(url);
  if (m && isDialectId(m[1])) return { dialect: m[1], reason: `named by ${where}` };
  return { dialect: undefined, reason: `${where} points at another schema (${url})` };
}

interface Keys {
  top: Set<string>;
  any: Set<string>;
}

function sniffKeys(text: string): Keys {
  const top = new Set<string>();
  const any = new Set<string>();
  if (/^\s*\{/.test(text)) {
    try {
      collectJsonKeys(JSON.parse(text), top, any, 0);
      return { top, any };
    } catch {
      // Broken JSON while typing: fall back to every quoted key.
      for (const m of text.matchAll(/"([^"\\]+)"\s*:/g)) [top, any].forEach((s) => s.add(m[1]));
      return { top, any };
    }
  }
  const re = /^([ \t]*)(?:- )?["']?([A-Za-z_$][\w.$-]*)["']?[ \t]*:/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    any.add(m[2]);
    if (m[1].length === 0) top.add(m[2]);
  }
  return { top, any };
}

function collectJsonKeys(v: unknown, top: Set<string>, any: Set<string>, depth: number): void {
  if (!v || typeof v !== 'object' || Array.isArray(v) || depth > 3) return;
  for (const [k, child] of Object.entries(v)) {
    if (depth === 0) top.add(k);
    any.add(k);
    collectJsonKeys(child, top, any, depth + 1);
  }
}

function looksLikeAdapterHub(k: Keys): boolean {
  if (k.any.has('peft_type')) return false;
  return ['reduction_factor', 'non_linearity', 'mh_adapter', 'output_adapter', 'adapter_residual_before_ln'].some((x) => k.any.has(x))
    || (k.top.has('config') && (k.top.has('model_class') || k.top.has('hidden_size')));
}

/** Top-level keys typical of each dialect, with weights; a file needs a score of 3 to count. */
const MARKERS: ReadonlyArray<[DialectId, Record<string, number>]> = [
  ['llamafactory-v1', { model_class: 3, dist_config: 3, kernel_config: 3, train_dataset: 3, peft_config: 3, quant_config: 2, sample_backend: 3, batching_strategy: 2, init_config: 2 }],
  ['llamafactory', { finetuning_type: 4, stage: 3, template: 3, lora_target: 3, plot_loss: 3, cutoff_len: 2, overwrite_cache: 2, quantization_bit: 2, max_samples: 2, preprocessing_num_workers: 1, ddp_timeout: 1, do_train: 1 }],
  ['axolotl', { base_model: 4, sequence_len: 3, lora_target_linear: 3, sample_packing: 3, micro_batch_size: 2, datasets: 2, adapter: 2, lora_r: 2, num_epochs: 2, val_set_size: 2, dataset_prepared_path: 2, special_tokens: 1, wandb_project: 1 }],
  ['trl', { use_peft: 3, dataset_mixture: 3, gradient_checkpointing_kwargs: 2, model_name_or_path: 2, torch_dtype: 2, dataset_name: 2, lora_target_modules: 2, per_device_train_batch_size: 1, num_train_epochs: 1, hub_model_id: 1, lr_scheduler_type: 1 }],
];

function sniffFromKeys(k: Keys): DialectDetection {
  if (k.top.has('peft_type')) return { dialect: 'peft', reason: 'content: `peft_type` key' };
  if (looksLikeAdapterHub(k)) return { dialect: 'adapterhub', reason: 'content: AdapterHub bottleneck adapter keys' };
  if (k.any.has('_component_')) return { dialect: 'torchtune', reason: 'content: `_component_` dotted paths' };
  if (k.top.has('merge_method')) return { dialect: 'mergekit', reason: 'content: `merge_method` key' };
  if (k.top.has('parameters') && (k.top.has('method') || k.top.has('scheduler'))) {
    return { dialect: 'wandb-sweep', reason: `content: \`${k.top.has('method') ? 'method' : 'scheduler'}\` and \`parameters\` keys` };
  }
  if (k.top.has('compute_environment') || k.top.has('distributed_type')) {
    return { dialect: undefined, reason: 'content: an Accelerate launcher config, which ML Config Lens does not validate' };
  }
  let best: DialectId | undefined;
  let bestScore = 0;
  let why: string[] = [];
  for (const [id, weights] of MARKERS) {
    const hits = Object.keys(weights).filter((w) => k.top.has(w));
    const score = hits.reduce((s, h) => s + weights[h], 0);
    if (score > bestScore) [best, bestScore, why] = [id, score, hits];
  }
  if (!best || bestScore < 3) return { dialect: undefined, reason: 'content: no keys typical of a supported training config' };
  return { dialect: best, reason: `content: ${why.slice(0, 4).join(', ')}` };
}

/** Sniffs a dialect from the content of a YAML or JSON text; undefined when nothing fits. */
export function sniffDialect(text: string): DialectId | undefined {
  try {
    return sniffFromKeys(sniffKeys(text)).dialect;
  } catch {
    return undefined;
  }
}
