// Cross-field rules: mistakes no single field shows. Each rule names the framework code that
// enforces it; severity follows what the framework does: error = the run fails at launch,
// warning = it runs but not as meant, information = advice. A schema's root "x-rules" entry with
// the same id overrides message/severity, so schema and engine document the same rule.
import type { DialectId } from '../dialects';
import type { Severity } from './types';

type Config = Record<string, unknown>;

/** Where a finding points: a key path, and whether the key or its value is marked. */
export interface RuleHit {
  path: string[];
  on: 'key' | 'value';
  message: string;
}

export interface CrossFieldRule {
  id: string;
  dialects: readonly DialectId[];
  severity: Severity;
  /** Framework source that enforces (or documents) the rule. */
  source: string;
  check(cfg: Config): RuleHit | undefined;
}

const set = (v: unknown): boolean => v !== undefined && v !== null && v !== false && v !== '' && !(Array.isArray(v) && v.length === 0);
const has = (cfg: Config, k: string): boolean => Object.prototype.hasOwnProperty.call(cfg, k);
/** Mark `k` when the file has it, else `fallback`. */
const at = (cfg: Config, k: string, fallback: string): string[] => [has(cfg, k) ? k : fallback];

const LF_LORA_ONLY_FAILS = ['use_rslora', 'use_dora', 'pissa_init', 'loraplus_lr_ratio'] as const;

export const RULES: readonly CrossFieldRule[] = [
  {
    id: 'qlora-requires-4bit', dialects: ['axolotl'], severity: 'error',
    source: 'axolotl utils/schemas/validation.py: "Require cfg.load_in_4bit to be True for qlora"',
    check: (c) => c.adapter === 'qlora' && c.merge_lora !== true && c.load_in_4bit !== true
      ? { path: at(c, 'load_in_4bit', 'adapter'), on: 'value', message: '`adapter: qlora` needs `load_in_4bit: true`; Axolotl refuses to start without it.' }
      : undefined,
  },
  {
    id: 'bf16-and-fp16', dialects: ['axolotl', 'trl', 'llamafactory'], severity: 'error',
    source: 'transformers TrainingArguments.__post_init__: "At most one of fp16 and bf16 can be True"',
    check: (c) => c.bf16 === true && c.fp16 === true
      ? { path: ['fp16'], on: 'key', message: 'Both `bf16` and `fp16` are on; the trainer accepts only one mixed-precision mode and stops.' }
      : undefined,
  },
  {
    id: 'batch-size-with-gradient-accumulation', dialects: ['axolotl'], severity: 'error',
    source: 'axolotl utils/schemas/validation.py: "please set only one of gradient_accumulation_steps or batch_size"',
    check: (c) => set(c.batch_size) && set(c.gradient_accumulation_steps)
      ? { path: ['batch_size'], on: 'key', message: 'Set either `batch_size` or `gradient_accumulation_steps`, not both; Axolotl derives one from the other and rejects the pair.' }
      : undefined,
  },
  {
    id: 'lora-option-needs-lora', dialects: ['llamafactory'], severity: 'error',
    source: 'LLaMA-Factory hparams/finetuning_args.py __post_init__: "... is only valid for LoRA training"',
    check: (c) => {
      if (!has(c, 'finetuning_type') || c.finetuning_type === 'lora') return undefined;
      const k = LF_LORA_ONLY_FAILS.find((o) => set(c[o]));
      return k ? { path: [k], on: 'key', message: `\`${k}\` only works with \`finetuning_type: lora\` (here: ${String(c.finetuning_type)}); LLaMA-Factory stops at launch.` } : undefined;
    },
  },
  {
    id: 'lora-setting-ignored', dialects: ['llamafactory'], severity: 'warning',
    source: 'LLaMA-Factory model/adapter.py: LoRA arguments are read only when finetuning_type is lora',
    check: (c) => {
      if (!has(c, 'finetuning_type') || c.finetuning_type === 'lora' || c.finetuning_type === 'oft') return undefined;
      const k = ['lora_rank', 'lora_alpha', 'lora_dropout', 'lora_target', 'additional_target'].find((o) => has(c, o) && set(c[o]));
      return k ? { path: [k], on: 'key', message: `\`${k}\` has no effect with \`finetuning_type: ${String(c.finetuning_type)}\`; it applies to LoRA only.` } : undefined;
    },
  },
  {
    id: 'quantization-needs-adapter', dialects: ['llamafactory'], severity: 'error',
    source: 'LLaMA-Factory hparams/parser.py: "Quantization is only compatible with the LoRA or OFT method."',
    check: (c) => set(c.quantization_bit) && (c.finetuning_type === 'full' || c.finetuning_type === 'freeze')
      ? { path: ['finetuning_type'], on: 'value', message: `\`quantization_bit: ${String(c.quantization_bit)}\` needs LoRA or OFT; with \`finetuning_type: ${String(c.finetuning_type)}\` LLaMA-Factory stops at launch.` }
      : undefined,
  },
  {
    id: 'quantized-model-needs-peft', dialects: ['trl'], severity: 'error',
    source: 'transformers Trainer.__init__: "You cannot perform fine-tuning on purely quantized models"',
    check: (c) => (c.load_in_4bit === true || c.load_in_8bit === true) && c.use_peft !== true
      ? { path: at(c, 'use_peft', c.load_in_4bit === true ? 'load_in_4bit' : 'load_in_8bit'), on: 'value', message: 'A 4/8-bit quantized model can only be trained through an adapter: set `use_peft: true` (QLoRA), or drop the quantization.' }
      : undefined,
  },
  {
    id: 'layers-pattern-needs-layers-to-transform', dialects: ['peft'], severity: 'error',
    source: 'peft tuners/lora/config.py __post_init__: "When `layers_pattern` is specified, `layers_to_transform` must also be specified."',
    check: (c) => set(c.layers_pattern) && (!set(c.layers_to_transform) || c.layers_to_transform === 0)
      ? { path: ['layers_pattern'], on: 'value', message: '`layers_pattern` only works together with `layers_to_transform`; PEFT raises a ValueError when the adapter is created or loaded.' }
      : undefined,
  },
  {
    id: 'layers-to-transform-with-regex-targets', dialects: ['peft'], severity: 'error',
    source: 'peft tuners/lora/config.py __post_init__: "`layers_to_transform` cannot be used when `target_modules` is a str."',
    check: (c) => set(c.layers_to_transform) && typeof c.target_modules === 'string'
      ? { path: ['layers_to_transform'], on: 'key', message: '`layers_to_transform` cannot be combined with a regex string in `target_modules`; list the module names instead.' }
      : undefined,
  },
];

/** Rules that apply to a dialect, in table order. */
export function rulesFor(dialect: DialectId): CrossFieldRule[] {
  return RULES.filter((r) => r.dialects.includes(dialect));
}
