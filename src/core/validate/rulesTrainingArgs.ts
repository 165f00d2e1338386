// transformers TrainingArguments.__post_init__ / _validate_args (src/transformers/training_args.py,
// transformers 5.17.0, the release schemas/trl.schema.json pins); file:line of each site in
// src/core/validate/ledger/transformers.json. TRL configs subclass TrainingArguments; LLaMA-Factory's
// TrainingArguments calls Seq2SeqTrainingArguments.__post_init__ with the keys unchanged
// (LLaMA-Factory ff6d4d1 src/llamafactory/hparams/training_args.py:151), so a rule whose check is the
// same in transformers 4.57.6 and 5.17.0 (LLaMA-Factory supports 4.55 to 5.8) applies to both.
import type { DialectId } from '../dialects';
import type { Config, CrossFieldRule, RuleHit } from './ruleKit';
import { has, hit } from './ruleKit';

export const TF_AT = 'transformers 5.17.0 TrainingArguments, src/transformers/training_args.py';
type Schema = Record<string, unknown> | undefined;
const BOTH: readonly DialectId[] = ['trl', 'llamafactory'];
export const tfRule = (
  id: string,
  dialects: readonly DialectId[],
  severity: CrossFieldRule['severity'],
  line: string,
  check: (c: Config, schema: Schema) => RuleHit | undefined,
): CrossFieldRule => ({ id, dialects, severity, source: `${TF_AT}:${line}`, check });
export const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
export const given = (v: unknown): boolean => v !== undefined && v !== null;

/** The value TrainingArguments sees: the file's, else the dialect's default (TRL 10 / HF 500 logging_steps). */
function valueOf(c: Config, schema: Schema, key: string, fallback: unknown): unknown {
  if (has(c, key)) return c[key];
  const p = (schema?.properties as Record<string, { default?: unknown }> | undefined)?.[key];
  return p && 'default' in p ? p.default : fallback;
}
const evalStrategy = (c: Config): unknown => c.eval_strategy ?? 'no';
const saveStrategy = (c: Config): unknown => c.save_strategy ?? 'steps';
/** eval_steps after line 1546: unset or 0 falls back to logging_steps. */
function evalSteps(c: Config, schema: Schema): unknown {
  return given(c.eval_steps) && c.eval_steps !== 0 ? c.eval_steps : valueOf(c, schema, 'logging_steps', 500);
}

/** A step count above 1 with a fraction, under a `steps` strategy (_validate_args 1705/1709/1713). */
export const fractionalSteps = (v: unknown, strategy: unknown): boolean =>
  strategy === 'steps' && num(v) && v > 1 && !Number.isInteger(v);
export const fractionalStepsHit = (key: string): RuleHit =>
  hit(
    [key],
    'value',
    `\`${key}\` above 1 is a step count and must be a whole number (below 1 it is a fraction of the run); TrainingArguments raises "--${key} must be an integer if bigger than 1".`,
  );

export const TRAINING_ARGS_RULES: readonly CrossFieldRule[] = [
  tfRule('hf-eval-steps-needs-logging-steps', BOTH, 'error', '1548 __post_init__', (c, s) => {
    const logging = valueOf(c, s, 'logging_steps', 500);
    return evalStrategy(c) === 'steps' &&
      (!given(c.eval_steps) || c.eval_steps === 0) &&
      num(logging) &&
      logging <= 0
      ? hit(
          [has(c, 'eval_steps') ? 'eval_steps' : 'eval_strategy'],
          'value',
          '`eval_strategy: steps` needs a non-zero `eval_steps` or `logging_steps`; TrainingArguments raises "evaluation strategy steps requires either non-zero --eval_steps or --logging_steps".',
        )
      : undefined;
  }),
  tfRule('hf-eval-steps-from-logging', BOTH, 'warning', '1546 __post_init__', (c, s) => {
    const logging = valueOf(c, s, 'logging_steps', 500);
    return evalStrategy(c) === 'steps' && c.eval_steps === 0 && num(logging) && logging > 0
      ? hit(
          ['eval_steps'],
          'value',
          `\`eval_steps: 0\` is replaced by \`logging_steps\` (${logging}): TrainingArguments evaluates every ${logging} steps.`,
        )
      : undefined;
  }),
  tfRule('hf-do-eval-overridden', BOTH, 'warning', '1540 __post_init__', (c) =>
    c.do_eval === false && (c.eval_strategy === 'steps' || c.eval_strategy === 'epoch')
      ? hit(
          ['do_eval'],
          'value',
          `\`do_eval: false\` is overridden: with \`eval_strategy: ${String(c.eval_strategy)}\` TrainingArguments sets \`do_eval\` to true and evaluates.`,
          { title: 'Use do_eval: true', path: ['do_eval'], value: 'true', preferred: false },
        )
      : undefined,
  ),
  tfRule('hf-logging-steps-zero', BOTH, 'error', '1701 _validate_args', (c) =>
    (c.logging_strategy ?? 'steps') === 'steps' && c.logging_steps === 0
      ? hit(
          ['logging_steps'],
          'value',
          '`logging_steps: 0` with `logging_strategy: steps`; TrainingArguments raises "logging strategy steps requires non-zero --logging_steps".',
        )
      : undefined,
  ),
  tfRule('hf-steps-not-integer', BOTH, 'error', '1705/1709/1713 _validate_args', (c) => {
    const strategy: Record<string, unknown> = {
      logging_steps: c.logging_strategy ?? 'steps',
      eval_steps: evalStrategy(c),
      save_steps: saveStrategy(c),
    };
    const key = Object.keys(strategy).find((k) => fractionalSteps(c[k], strategy[k]));
    return key ? fractionalStepsHit(key) : undefined;
  }),
  tfRule('load-best-model-strategy-mismatch', BOTH, 'error', '1719 _validate_args', (c) =>
    c.load_best_model_at_end === true && saveStrategy(c) !== 'best' && evalStrategy(c) !== saveStrategy(c)
      ? hit(
          ['load_best_model_at_end'],
          'key',
          `\`load_best_model_at_end\` needs the save and eval strategies to match (or \`save_strategy: best\`); here eval is \`${String(evalStrategy(c))}\` and save is \`${String(saveStrategy(c))}\`. TrainingArguments raises.`,
        )
      : undefined,
  ),
  tfRule('hf-load-best-save-steps-multiple', BOTH, 'error', '1726/1734/1739 _validate_args', (c, s) => {
    if (c.load_best_model_at_end !== true || saveStrategy(c) !== 'steps' || evalStrategy(c) !== 'steps')
      return undefined;
    const save = valueOf(c, s, 'save_steps', 500);
    const ev = evalSteps(c, s);
    if (!num(save) || !num(ev) || ev === 0 || save % ev === 0) return undefined;
    const mixed = (ev < 1 || save < 1) && !(ev < 1 && save < 1);
    // Both ratios: transformers compares (save × 1e6) % (eval × 1e6) in floating point, as here.
    if (ev < 1 && save < 1 && (save * 1e6) % (ev * 1e6) === 0) return undefined;
    return hit(
      [has(c, 'save_steps') ? 'save_steps' : 'load_best_model_at_end'],
      'value',
      mixed
        ? `\`load_best_model_at_end\` needs \`save_steps\` (${save}) to be a multiple of \`eval_steps\` (${ev}), which mixing a ratio and a step count cannot guarantee; TrainingArguments raises.`
        : `\`load_best_model_at_end\` needs \`save_steps\` (${save}) to be a multiple of \`eval_steps\` (${ev}); TrainingArguments raises.`,
    );
  }),
  tfRule('hf-full-eval-fp16-and-bf16', BOTH, 'error', '1756 _validate_args', (c) =>
    c.fp16_full_eval === true && c.bf16_full_eval === true
      ? hit(
          ['fp16_full_eval'],
          'key',
          'Both `fp16_full_eval` and `bf16_full_eval` are on; TrainingArguments raises "At most one of fp16 and bf16 can be True for full eval".',
        )
      : undefined,
  ),
  tfRule('plateau-scheduler-without-eval', BOTH, 'error', '1760/1766 _validate_args', (c) =>
    (c.lr_scheduler_type === 'reduce_lr_on_plateau' || c.lr_scheduler_type === 'greedy') &&
    evalStrategy(c) === 'no'
      ? hit(
          ['lr_scheduler_type'],
          'value',
          `\`lr_scheduler_type: ${c.lr_scheduler_type}\` steps on the eval metric: set \`eval_strategy\` to steps or epoch (it is ${has(c, 'eval_strategy') ? '`no`' : 'unset, i.e. `no`'}); TrainingArguments raises.`,
        )
      : undefined,
  ),
  tfRule('hf-prefetch-needs-workers', BOTH, 'error', '1772 _validate_args', (c) =>
    given(c.dataloader_prefetch_factor) && (c.dataloader_num_workers ?? 0) === 0
      ? hit(
          ['dataloader_prefetch_factor'],
          'key',
          '`dataloader_prefetch_factor` only works with worker processes: set `dataloader_num_workers` above 0; TrainingArguments raises.',
        )
      : undefined,
  ),
  tfRule('hf-torch-empty-cache-steps', BOTH, 'error', '1695 _validate_args', (c) =>
    given(c.torch_empty_cache_steps) &&
    !(
      num(c.torch_empty_cache_steps) &&
      Number.isInteger(c.torch_empty_cache_steps) &&
      c.torch_empty_cache_steps > 0
    )
      ? hit(
          ['torch_empty_cache_steps'],
          'value',
          '`torch_empty_cache_steps` must be a whole number above 0 (or unset); TrainingArguments raises.',
        )
      : undefined,
  ),
  tfRule('hf-torch-compile-implied', BOTH, 'warning', '1590 __post_init__', (c) =>
    c.torch_compile === false && (given(c.torch_compile_mode) || given(c.torch_compile_backend))
      ? hit(
          ['torch_compile'],
          'value',
          `\`torch_compile: false\` is overridden: \`${given(c.torch_compile_mode) ? 'torch_compile_mode' : 'torch_compile_backend'}\` is set, so TrainingArguments sets \`torch_compile\` to true and compiles the model.`,
        )
      : undefined,
  ),
  tfRule('hf-cpu-no-pin-memory', BOTH, 'warning', '1658 __post_init__', (c) =>
    c.use_cpu === true && c.dataloader_pin_memory === true
      ? hit(
          ['dataloader_pin_memory'],
          'value',
          '`dataloader_pin_memory: true` is overridden: with `use_cpu: true` TrainingArguments sets it to false.',
        )
      : undefined,
  ),
];
