// Cross-field rules: mistakes no single field shows. A schema documents each rule in its root
// "x-rules" (id, when, severity, message, source); the code here implements them by the same id.
// Severity follows the framework: error = the run fails at launch, warning = it runs but not as
// meant, information = advice. The schema's severity wins when it gives one.
import type { DialectId } from '../dialects';
import type { CrossFieldRule } from './ruleKit';
import { ACCELERATE_RULES } from './rulesAccelerate';
import { AXOLOTL_RULES } from './rulesAxolotl';
import { AXOLOTL_LEDGER_ALL } from './rulesAxolotlLedgerAll';
import { AXOLOTL_TRAINING_ARGS_RULES } from './rulesAxolotlTrainingArgs';
import { DEEPSPEED_RULES } from './rulesDeepSpeed';
import { LLAMAFACTORY_RULES, LLAMAFACTORY_V1_RULES } from './rulesLlamaFactory';
import { LLAMAFACTORY_RULES_2 } from './rulesLlamaFactory2';
import { OTHER_RULES } from './rulesOther';
import { MERGEKIT_RULES } from './rulesMergekit';
import { WANDB_SWEEP_RULES } from './rulesWandbSweep';
import { PEFT_RULES } from './rulesPeftAll';
import { LAUNCH_RULES } from './rulesLaunch';
import { TRAINING_ARGS_RULES } from './rulesTrainingArgs';
import { TRAINING_ARGS_FSDP_RULES } from './rulesTrainingArgsFsdp';
import { TORCHTUNE_COMPONENT_RULES } from './rulesTorchtuneComponents';

export type { Config, CrossFieldRule, RuleFix, RuleHit } from './ruleKit';

export const RULES: readonly CrossFieldRule[] = [
  ...AXOLOTL_RULES,
  ...LLAMAFACTORY_RULES,
  ...LLAMAFACTORY_V1_RULES,
  ...LLAMAFACTORY_RULES_2,
  ...OTHER_RULES,
  ...PEFT_RULES,
  ...LAUNCH_RULES,
  ...WANDB_SWEEP_RULES,
  ...MERGEKIT_RULES,
  ...DEEPSPEED_RULES,
  ...ACCELERATE_RULES,
  ...AXOLOTL_LEDGER_ALL,
  ...AXOLOTL_TRAINING_ARGS_RULES,
  ...TRAINING_ARGS_RULES,
  ...TRAINING_ARGS_FSDP_RULES,
  ...TORCHTUNE_COMPONENT_RULES,
];

/** Rules that apply to a dialect, in table order. */
export function rulesFor(dialect: DialectId): CrossFieldRule[] {
  return RULES.filter((r) => r.dialects.includes(dialect));
}
