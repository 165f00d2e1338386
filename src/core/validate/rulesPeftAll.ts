// Every PEFT rule table, in the order they run (ledger: src/core/validate/ledger/peft.json).
import type { CrossFieldRule } from './ruleKit';
import { PEFT_LORA_RULES } from './rulesPeft';
import { PEFT_TUNER_RULES } from './rulesPeftTuners';

export const PEFT_RULES: readonly CrossFieldRule[] = [...PEFT_LORA_RULES, ...PEFT_TUNER_RULES];
