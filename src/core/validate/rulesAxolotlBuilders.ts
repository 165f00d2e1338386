// Axolotl ledger rules, part 6: values the trainer builders change without a word when they build
// TrainingArguments (core/builders/base.py, causal.py at 067b021), found while mapping Axolotl's keys
// to TrainingArguments (rulesAxolotlTrainingArgs.ts). Warnings that say what the value becomes.
import type { Config, CrossFieldRule } from './ruleKit';
import { axEvalSet, axEvalSteps, axSaveSteps } from './axolotlTrainingArgs';
import { axRule, hit, truthy } from './rulesAxolotlLedgerKit';

const B = 'core/builders/';

/** load_best_model_at_end as causal.py:248-260 computes it (rl.py passes none, so false). */
function loadBestKept(c: Config): boolean {
  if (truthy(c.rl)) return false;
  const vss = typeof c.val_set_size === 'number' ? c.val_set_size : 0;
  const evalSet = truthy(c.test_datasets) ? vss === 0 : vss > 0;
  const save = axSaveSteps(c);
  const ev = axEvalSteps(c);
  return evalSet && typeof save === 'number' && typeof ev === 'number' && ev !== 0 && save % ev === 0;
}
/** The eval keys the user set that only matter with an evaluation set. */
const evalKeys = (c: Config): string[] =>
  ['eval_steps', 'evals_per_epoch', 'eval_strategy'].filter(
    (k) => truthy(c[k]) && !(k === 'eval_strategy' && c[k] === 'no'),
  );

export const AXOLOTL_BUILDER_RULES: readonly CrossFieldRule[] = [
  axRule('ax-warmup-steps-one', 'warning', `${B}base.py:257`, (c) =>
    c.warmup_steps === 1
      ? hit(
          ['warmup_steps'],
          'value',
          "`warmup_steps: 1` becomes 2: Axolotl's trainer builder raises a single warmup step to two.",
          { title: 'Set warmup_steps: 2', path: ['warmup_steps'], value: '2', preferred: false },
        )
      : undefined,
  ),
  axRule('ax-eval-without-eval-set', 'warning', `${B}base.py:517`, (c) => {
    const keys = evalKeys(c);
    // With `val_set_size: 0` written out, Axolotl's check_evals raises instead (ax-eval-steps-no-eval).
    if (!keys.length || axEvalSet(c) !== false || c.val_set_size === 0) return undefined;
    return hit(
      [keys[0]],
      'key',
      `\`${keys[0]}\` does nothing: there is no evaluation set (\`val_set_size\` unset, no \`test_datasets\`), so Axolotl's trainer builder sets \`eval_strategy: no\` and never evaluates.`,
    );
  }),
  axRule('ax-load-best-dropped', 'warning', `${B}causal.py:248`, (c) =>
    c.load_best_model_at_end === true && !loadBestKept(c)
      ? hit(
          ['load_best_model_at_end'],
          'value',
          truthy(c.rl)
            ? "`load_best_model_at_end: true` is dropped: Axolotl's preference-tuning builder (rl.py) never passes it, so TrainingArguments keeps false."
            : "`load_best_model_at_end: true` becomes false: Axolotl's trainer builder keeps it only with an evaluation set and both `save_steps` and `eval_steps` set (or derived from saves_per_epoch / evals_per_epoch), `save_steps` a multiple of `eval_steps`.",
        )
      : undefined,
  ),
];
