// What Axolotl hands to transformers TrainingArguments, read from a config the way its trainer builders
// do after its validators and normalize_config ran (axolotl@067b021 src/axolotl/core/builders/base.py
// _set_base_training_args, used by causal.py and rl.py). The TrainingArguments checks that an Axolotl
// config reaches (rulesAxolotlTrainingArgs.ts) read the values through here.
import type { Config } from './ruleKit';
import { gc, given, offloading, truthy } from './rulesAxolotlLedgerKit';

/** num_epochs after pydantic (utils/schemas/training.py:267, default 1.0). */
const epochs = (c: Config): number => (typeof c.num_epochs === 'number' ? c.num_epochs : 1);

/**
 * True when there is an evaluation set; undefined for `val_set_size: null`, which Axolotl's
 * `val_set_size == 0` test (base.py:515) and its `> 0` test (causal.py:254) read differently.
 */
export function axEvalSet(c: Config): boolean | undefined {
  if (truthy(c.test_datasets)) return true;
  if (c.val_set_size === null) return undefined;
  return typeof c.val_set_size === 'number' && c.val_set_size > 0;
}

/** 1 / (per_epoch × num_epochs) when below 1 (utils/config/__init__.py:243 and :251), else unset. */
function perEpochRatio(perEpoch: unknown, c: Config): number | undefined {
  if (!truthy(perEpoch) || typeof perEpoch !== 'number') return undefined;
  const ratio = 1.0 / (perEpoch * epochs(c));
  return ratio < 1.0 ? ratio : undefined;
}

/** cfg.save_steps after normalize_config: the user's, else derived from saves_per_epoch. */
export const axSaveSteps = (c: Config): unknown =>
  truthy(c.save_steps) ? c.save_steps : perEpochRatio(c.saves_per_epoch, c);

/** cfg.eval_steps after normalize_config: the user's, else derived from evals_per_epoch (with an eval set). */
export const axEvalSteps = (c: Config): unknown =>
  truthy(c.eval_steps)
    ? c.eval_steps
    : truthy(c.val_set_size) || truthy(c.test_datasets)
      ? perEpochRatio(c.evals_per_epoch, c)
      : undefined;

/** The eval_strategy key the user wrote (validation.py:479 moves evaluation_strategy there). */
export const axEvalStrategyKey = (c: Config): string =>
  !given(c.eval_strategy) && given(c.evaluation_strategy) ? 'evaluation_strategy' : 'eval_strategy';

/** save_strategy TrainingArguments gets (base.py:501-508): steps with save_steps, else the user's, else epoch. */
export function axSaveStrategy(c: Config): unknown {
  if (truthy(axSaveSteps(c))) return 'steps';
  return truthy(c.save_strategy) ? c.save_strategy : 'epoch';
}

/**
 * eval_strategy TrainingArguments gets (base.py:515-524): no without an eval set, steps with eval_steps,
 * else the user's; unset leaves TrainingArguments' default `no`. Undefined when the eval set is unknown.
 */
export function axEvalStrategy(c: Config): unknown {
  const evalSet = axEvalSet(c);
  if (evalSet === undefined) return undefined;
  if (!evalSet) return 'no';
  if (truthy(axEvalSteps(c))) return 'steps';
  const user = c[axEvalStrategyKey(c)];
  return truthy(user) ? user : 'no';
}

/**
 * fsdp_config.fsdp_version as Axolotl leaves it (validation.py:1107-1123 check_fsdp_version_in_fsdp_config):
 * with a top-level fsdp_version, fsdp_config's own if set, else the top-level one; without, fsdp_config's
 * `version` (moved to fsdp_version), else its fsdp_version, else 1. TrainingArguments strips the prefix
 * (training_args.py:2743-2745) and reads `version`; with no fsdp_config it defaults to 2 (:2784).
 */
function axFsdpVersion(c: Config): number {
  const fc = c.fsdp_config;
  if (!truthy(fc) || typeof fc !== 'object') return 2;
  const f = fc as Config;
  if (truthy(c.fsdp_version)) return Number(truthy(f.fsdp_version) ? f.fsdp_version : c.fsdp_version);
  return Number(truthy(f.version) ? f.version : truthy(f.fsdp_version) ? f.fsdp_version : 1);
}

/**
 * What base.py:684-686 passes as `fsdp` (the deprecated list, else True) and the FSDP version
 * TrainingArguments reads, or undefined when the config turns FSDP off (neither key is truthy).
 */
export function axFsdpArgs(c: Config): { fsdp: true | string[]; version: number } | undefined {
  if (!truthy(c.fsdp_config) && !truthy(c.fsdp)) return undefined;
  const fsdp = Array.isArray(c.fsdp) && c.fsdp.length > 0 ? c.fsdp.map(String) : true;
  return { fsdp, version: axFsdpVersion(c) };
}

/**
 * True when base.py:581-601 passes `gradient_checkpointing: true`: activation_offloading `hidden_states`
 * keeps it, any other offloading mode turns it off; `offload` / `offload_disk` are offloading modes
 * after validation.py:1426-1441.
 */
export function axGradientCheckpointingPassed(c: Config): boolean {
  if (!gc(c)) return false;
  const mode = offloading(c);
  return mode === 'hidden_states' || !truthy(mode);
}
