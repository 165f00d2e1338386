// transformers TrainingArguments checks that an Axolotl config reaches. Axolotl builds TrainingArguments
// in its trainer builders (axolotl@067b021 src/axolotl/core/builders/) after its own validators ran, so a
// check here names Axolotl's keys, reads values as the builders map them (axolotlTrainingArgs.ts) and
// stays quiet where an Axolotl validator already refuses the same key (that raise comes first). Axolotl
// pins transformers 5.14.1; each check here reads the same in 4.57.6 and 5.17.0 (lines: 5.17.0); the FSDP
// ones follow 5.17.0 (rulesAxolotlTrainingArgsFsdp.ts). Which TrainingArguments sites reach Axolotl, and
// why the others cannot: ledger/transformers.json `axolotl`.
import type { Config, CrossFieldRule } from './ruleKit';
import { AXOLOTL_RULES } from './rulesAxolotl';
import { AXOLOTL_LAUNCH_RULES } from './rulesAxolotlLaunch';
import { given, hit, truthy } from './rulesAxolotlLedgerKit';
import { ACCELERATOR_KEYS, unknownAcceleratorKey } from './rulesTrainingArgsFsdp';
import { AXOLOTL_TRAINING_ARGS_FSDP_RULES } from './rulesAxolotlTrainingArgsFsdp';
import { fractionalSteps, fractionalStepsHit, num, tfRule } from './rulesTrainingArgs';
import { axEvalSteps, axEvalStrategy, axEvalStrategyKey, axSaveStrategy } from './axolotlTrainingArgs';

const AX = ['axolotl'] as const;
const via = (tfLine: string, builder: string): string => `${tfLine}, via axolotl@067b021 ${builder}`;
const BASE = 'src/axolotl/core/builders/base.py';

/** True when one of these Axolotl validator rules fires: its raise stops the run before TrainingArguments. */
function axolotlRaisesFirst(c: Config, ids: readonly string[]): boolean {
  return [...AXOLOTL_RULES, ...AXOLOTL_LAUNCH_RULES].some(
    (r) => ids.includes(r.id) && r.check(c) !== undefined,
  );
}

/** transformers trainer_utils.py IntervalStrategy / SaveStrategy / HubStrategy (same in 4.57.6 and 5.17.0). */
const STRATEGIES: ReadonlyArray<[key: string, enumName: string, values: readonly string[]]> = [
  ['eval_strategy', 'IntervalStrategy', ['no', 'steps', 'epoch']],
  ['save_strategy', 'SaveStrategy', ['no', 'steps', 'epoch', 'best']],
  ['hub_strategy', 'HubStrategy', ['end', 'every_save', 'checkpoint', 'all_checkpoints']],
];
/** The strategy value Axolotl passes on, or undefined when it passes none (base.py:493, :505, :523). */
function passedStrategy(c: Config, key: string): { path: string; value: unknown } | undefined {
  if (key === 'save_strategy')
    return axSaveStrategy(c) === c.save_strategy ? { path: key, value: c.save_strategy } : undefined;
  if (key === 'hub_strategy')
    return truthy(c.hub_model_id) && truthy(c.hub_strategy)
      ? { path: key, value: c.hub_strategy }
      : undefined;
  const path = axEvalStrategyKey(c);
  return axEvalStrategy(c) === c[path] && !axolotlRaisesFirst(c, ['ax-evals-per-epoch-strategy'])
    ? { path, value: c[path] }
    : undefined;
}
/** `Epochs` -> `epoch`: the one valid value a typo of case or a plural s stands for. */
const meant = (v: string, values: readonly string[]): string | undefined =>
  values.find((x) => x === v.toLowerCase() || `${x}s` === v.toLowerCase());

/** eval_strategy steps without eval_steps: TrainingArguments evaluates every logging_steps (1546). */
const evalsEveryLoggingStep = (c: Config): boolean =>
  axEvalStrategy(c) === 'steps' && !truthy(axEvalSteps(c));

export const AXOLOTL_TRAINING_ARGS_RULES: readonly CrossFieldRule[] = [
  tfRule(
    'hf-strategy-value',
    AX,
    'error',
    via('1526/1528/1529 __post_init__', `${BASE}:505/523/494`),
    (c) => {
      for (const [key, enumName, values] of STRATEGIES) {
        const passed = passedStrategy(c, key);
        if (!passed || typeof passed.value !== 'string' || values.includes(passed.value)) continue;
        const fix = meant(passed.value, values);
        return hit(
          [passed.path],
          'value',
          `\`${passed.path}: ${passed.value}\` is not a transformers ${enumName} (${values.join(', ')}); Axolotl passes it to TrainingArguments, which raises "'${passed.value}' is not a valid ${enumName}".`,
          fix ? { title: `Set ${passed.path}: ${fix}`, path: [passed.path], value: fix } : undefined,
        );
      }
      return undefined;
    },
  ),
  tfRule('hf-eval-steps-needs-logging-steps', AX, 'error', via('1548 __post_init__', `${BASE}:260`), (c) =>
    evalsEveryLoggingStep(c) && num(c.logging_steps) && c.logging_steps <= 0
      ? hit(
          ['logging_steps'],
          'value',
          `\`eval_strategy: steps\` without \`eval_steps\` evaluates every \`logging_steps\`, which is ${c.logging_steps}; TrainingArguments raises "evaluation strategy steps requires either non-zero --eval_steps or --logging_steps".`,
        )
      : undefined,
  ),
  tfRule('hf-logging-steps-zero', AX, 'error', via('1701 _validate_args', `${BASE}:260`), (c) =>
    c.logging_steps === 0 && !evalsEveryLoggingStep(c)
      ? hit(
          ['logging_steps'],
          'value',
          '`logging_steps: 0` reaches TrainingArguments (Axolotl picks a value only when the key is unset), which raises "logging strategy steps requires non-zero --logging_steps".',
        )
      : undefined,
  ),
  tfRule('hf-steps-not-integer', AX, 'error', via('1709/1713 _validate_args', `${BASE}:503/520`), (c) => {
    const candidates: Array<[string, unknown, readonly string[]]> = [
      ['eval_steps', axEvalStrategy(c), ['ax-eval-strategy-eval-steps', 'ax-eval-steps-evals-per-epoch']],
      ['save_steps', axSaveStrategy(c), ['ax-save-strategy-save-steps', 'ax-save-steps-saves-per-epoch']],
    ];
    const key = candidates.find(
      ([k, strategy, first]) => fractionalSteps(c[k], strategy) && !axolotlRaisesFirst(c, first),
    )?.[0];
    return key ? fractionalStepsHit(key) : undefined;
  }),
  tfRule(
    'plateau-scheduler-without-eval',
    AX,
    'error',
    via('1760/1766 _validate_args', `${BASE}:285/515`),
    (c) => {
      if (c.lr_scheduler !== 'reduce_lr_on_plateau' && c.lr_scheduler !== 'greedy') return undefined;
      if (axEvalStrategy(c) !== 'no') return undefined;
      const why =
        !truthy(c.val_set_size) && !truthy(c.test_datasets)
          ? 'there is no evaluation set (`val_set_size` is 0 and no `test_datasets`)'
          : truthy(c[axEvalStrategyKey(c)])
            ? `\`${axEvalStrategyKey(c)}\` is \`no\``
            : 'nothing sets an eval schedule (`eval_steps`, `evals_per_epoch` below one epoch, or `eval_strategy`)';
      return hit(
        ['lr_scheduler'],
        'value',
        `\`lr_scheduler: ${c.lr_scheduler}\` steps on the eval metric, but ${why}, so TrainingArguments gets \`eval_strategy: no\` and raises "lr_scheduler_type ${c.lr_scheduler} requires an eval strategy".`,
      );
    },
  ),
  tfRule('hf-prefetch-needs-workers', AX, 'error', via('1772 _validate_args', `${BASE}:636/638`), (c) =>
    given(c.dataloader_prefetch_factor) && (c.dataloader_num_workers ?? 0) === 0
      ? hit(
          ['dataloader_prefetch_factor'],
          'key',
          '`dataloader_prefetch_factor` needs worker processes: set `dataloader_num_workers` above 0 (Axolotl fills the dataloader defaults only when all three dataloader keys are unset); TrainingArguments raises.',
        )
      : undefined,
  ),
  tfRule('hf-torch-empty-cache-steps', AX, 'error', via('1695 _validate_args', `${BASE}:657`), (c) =>
    given(c.torch_empty_cache_steps) &&
    !(Number.isInteger(c.torch_empty_cache_steps) && Number(c.torch_empty_cache_steps) > 0)
      ? hit(
          ['torch_empty_cache_steps'],
          'value',
          '`torch_empty_cache_steps` must be a whole number above 0 (or unset); TrainingArguments raises.',
        )
      : undefined,
  ),
  tfRule(
    'hf-accelerator-config-keys',
    AX,
    'error',
    via('1612 (the same AcceleratorConfig(**…) call)', `${BASE}:575`),
    (c) => {
      const bad = unknownAcceleratorKey(c);
      return bad
        ? hit(
            ['accelerator_config', bad],
            'key',
            `\`accelerator_config\` has no \`${bad}\`: Axolotl's trainer builder calls AcceleratorConfig(**accelerator_config), which raises TypeError. Its keys: ${ACCELERATOR_KEYS.join(', ')}.`,
          )
        : undefined;
    },
  ),
  ...AXOLOTL_TRAINING_ARGS_FSDP_RULES,
];
