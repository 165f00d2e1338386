// Cross-field rules of TRL/Transformers and PEFT (framework source named per rule).
import type { CrossFieldRule } from './ruleKit';
import { at, isSet } from './ruleKit';

export const OTHER_RULES: readonly CrossFieldRule[] = [
  {
    id: 'bf16-and-fp16', dialects: ['trl'], severity: 'error',
    source: 'transformers TrainingArguments.__post_init__: "At most one of fp16 and bf16 can be True"',
    check: (c) => c.bf16 === true && c.fp16 === true
      ? { path: ['fp16'], on: 'key', message: 'Both `bf16` and `fp16` are on; the trainer accepts only one mixed-precision mode and stops.' }
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
    check: (c) => isSet(c.layers_pattern) && !isSet(c.layers_to_transform)
      ? { path: ['layers_pattern'], on: 'value', message: '`layers_pattern` only works together with `layers_to_transform`; PEFT raises a ValueError when the adapter is created or loaded.' }
      : undefined,
  },
  {
    id: 'layers-to-transform-with-regex-targets', dialects: ['peft'], severity: 'error',
    source: 'peft tuners/lora/config.py __post_init__: "`layers_to_transform` cannot be used when `target_modules` is a str."',
    check: (c) => c.layers_to_transform !== undefined && c.layers_to_transform !== null && typeof c.target_modules === 'string'
      ? { path: ['layers_to_transform'], on: 'key', message: '`layers_to_transform` cannot be combined with a regex string in `target_modules`; list the module names instead.' }
      : undefined,
  },
];
