// A training config against the DeepSpeed file it links: the HF Trainer (and Accelerate through it)
// fills every "auto" value of the DeepSpeed config from TrainingArguments, and refuses a value that is
// not "auto" and differs. Neither side wins: the run stops. Source: huggingface/transformers
// src/transformers/integrations/deepspeed.py @ 02348331 — HfTrainerDeepSpeedConfig.fill_match
// (lines 104-128: "auto" is replaced, a different value is recorded as a mismatch),
// trainer_config_process (lines 132-196: the keys below) and trainer_config_finalize (lines 260-264:
// `raise ValueError("Please correct the following DeepSpeed config values that mismatch
// TrainingArguments values ... set these DeepSpeed config values to 'auto'")`).
// Axolotl passes micro_batch_size as per_device_train_batch_size and the file as TrainingArguments.deepspeed
// (axolotl v0.18.0 src/axolotl/core/builders/base.py:668, causal.py:193).
// Only values both files state are compared: an unstated training value takes its framework's default,
// which differs between Axolotl, LLaMA-Factory and TRL.
import type { DialectId } from '../dialects';
import type { Diagnostic } from '../validate/types';
import type { LinkedText } from './linked';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

interface Pair {
  /** DeepSpeed key path (dots), as transformers names it in the mismatch message. */
  ds: string;
  /** The training config's key for the same TrainingArguments field, per dialect. */
  hf: (dialect: DialectId) => string | undefined;
  /** The TrainingArguments field transformers compares it with. */
  arg: string;
}

const HF_DIALECTS: readonly DialectId[] = ['axolotl', 'llamafactory', 'trl'];
const same = (key: string) => (d: DialectId) => (HF_DIALECTS.includes(d) ? key : undefined);

const PAIRS: readonly Pair[] = [
  {
    ds: 'train_micro_batch_size_per_gpu',
    // Axolotl passes micro_batch_size as per_device_train_batch_size.
    hf: (d) => (d === 'axolotl' ? 'micro_batch_size' : same('per_device_train_batch_size')(d)),
    arg: 'per_device_train_batch_size',
  },
  {
    ds: 'gradient_accumulation_steps',
    hf: same('gradient_accumulation_steps'),
    arg: 'gradient_accumulation_steps',
  },
  { ds: 'gradient_clipping', hf: same('max_grad_norm'), arg: 'max_grad_norm' },
  { ds: 'optimizer.params.lr', hf: same('learning_rate'), arg: 'learning_rate' },
  { ds: 'scheduler.params.warmup_max_lr', hf: same('learning_rate'), arg: 'learning_rate' },
  { ds: 'bf16.enabled', hf: same('bf16'), arg: 'bf16' },
  { ds: 'fp16.enabled', hf: same('fp16'), arg: 'fp16' },
];

function at(c: Obj, dotted: string): unknown {
  let v: unknown = c;
  for (const k of dotted.split('.')) {
    if (!isObj(v)) return undefined;
    v = v[k];
  }
  return v;
}

/** A concrete value as Python compares it (`ds_val != hf_val`): numbers and booleans only. */
function concrete(v: unknown): number | boolean | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'boolean') return v;
  // YAML 1.1 scientific notation without a dot (2e-4) loads as a float in PyYAML, a string in YAML 1.2.
  if (typeof v === 'string' && /^[-+]?(\d+\.?\d*|\.\d+)e[-+]?\d+$/i.test(v.trim())) return Number(v);
  return undefined;
}

/** Mismatches between a training config and each linked DeepSpeed file it could read, at the link. */
export function linkCrossChecks(config: Obj, dialect: DialectId, links: readonly LinkedText[]): Diagnostic[] {
  if (!HF_DIALECTS.includes(dialect)) return [];
  const out: Diagnostic[] = [];
  for (const l of links) {
    if (l.link.kind !== 'deepspeed' || l.text === undefined) continue;
    let ds: unknown;
    try {
      ds = JSON.parse(l.text);
    } catch {
      continue;
    }
    if (!isObj(ds)) continue;
    for (const p of PAIRS) {
      const key = p.hf(dialect);
      const dsRaw = at(ds, p.ds);
      const dsVal = concrete(dsRaw);
      const hfVal = key ? concrete(config[key]) : undefined;
      if (!key || dsVal === undefined || hfVal === undefined || dsVal === hfVal) continue;
      // fp16.enabled / bf16.enabled are booleans on both sides; a number compares with a number only.
      if (typeof dsVal !== typeof hfVal) continue;
      out.push({
        start: l.link.start,
        end: l.link.end,
        severity: 'error',
        code: 'deepspeed-mismatch',
        message:
          `${l.link.target} sets ${p.ds} = ${String(dsVal)} but this config sets ${key} = ${String(hfVal)} ` +
          `(TrainingArguments.${p.arg}): neither wins, the HF Trainer stops with "Please correct the ` +
          `following DeepSpeed config values that mismatch TrainingArguments values" (transformers ` +
          `integrations/deepspeed.py HfTrainerDeepSpeedConfig.fill_match). Set ${p.ds} to "auto" in ` +
          `${l.link.target} to take this config's value.`,
      });
    }
  }
  return out;
}
