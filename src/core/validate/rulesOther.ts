// Cross-field rules of TRL/Transformers (framework source named per rule); PEFT's are in rulesPeft*.ts.
import type { CrossFieldRule } from './ruleKit';
import { at } from './ruleKit';

export const OTHER_RULES: readonly CrossFieldRule[] = [
  {
    id: 'bf16-and-fp16',
    dialects: ['trl'],
    severity: 'error',
    source: 'transformers TrainingArguments.__post_init__: "At most one of fp16 and bf16 can be True"',
    check: (c) =>
      c.bf16 === true && c.fp16 === true
        ? {
            path: ['fp16'],
            on: 'key',
            message:
              'Both `bf16` and `fp16` are on; the trainer accepts only one mixed-precision mode and stops.',
          }
        : undefined,
  },
  {
    id: 'quantized-model-needs-peft',
    dialects: ['trl'],
    severity: 'error',
    source: 'transformers Trainer.__init__: "You cannot perform fine-tuning on purely quantized models"',
    check: (c) =>
      (c.load_in_4bit === true || c.load_in_8bit === true) && c.use_peft !== true
        ? {
            path: at(c, 'use_peft', c.load_in_4bit === true ? 'load_in_4bit' : 'load_in_8bit'),
            on: 'value',
            message:
              'A 4/8-bit quantized model can only be trained through an adapter: set `use_peft: true` (QLoRA), or drop the quantization.',
          }
        : undefined,
  },
];
