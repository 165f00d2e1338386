// Every Axolotl ledger rule (rulesAxolotlLedger*.ts), in ledger order; see ledger/axolotl.json.
import type { CrossFieldRule } from './ruleKit';
import { AXOLOTL_LEDGER_RULES } from './rulesAxolotlLedger';
import { AXOLOTL_LEDGER_TRAINING } from './rulesAxolotlLedgerTraining';
import { AXOLOTL_LEDGER_LORA_RL } from './rulesAxolotlLedgerLoraRl';
import { AXOLOTL_LEDGER_RULES_2 } from './rulesAxolotlLedger2';
import { AXOLOTL_LEDGER_SYSTEM } from './rulesAxolotlLedgerSystem';
import { AXOLOTL_LEDGER_RULES_3 } from './rulesAxolotlLedger3';
import { AXOLOTL_LEDGER_EBFT } from './rulesAxolotlLedgerEbft';
import { AXOLOTL_LEDGER_RULES_4 } from './rulesAxolotlLedger4';
import { AXOLOTL_LEDGER_SCHEMAS } from './rulesAxolotlLedgerSchemas';
import { AXOLOTL_LEDGER_RULES_5 } from './rulesAxolotlLedger5';
import { AXOLOTL_LEDGER_KERNELS } from './rulesAxolotlLedgerKernels';
import { AXOLOTL_LEDGER_LIGER } from './rulesAxolotlLedgerLiger';
import { AXOLOTL_BUILDER_RULES } from './rulesAxolotlBuilders';

export const AXOLOTL_LEDGER_ALL: readonly CrossFieldRule[] = [
  ...AXOLOTL_LEDGER_RULES,
  ...AXOLOTL_LEDGER_TRAINING,
  ...AXOLOTL_LEDGER_LORA_RL,
  ...AXOLOTL_LEDGER_RULES_2,
  ...AXOLOTL_LEDGER_SYSTEM,
  ...AXOLOTL_LEDGER_RULES_3,
  ...AXOLOTL_LEDGER_EBFT,
  ...AXOLOTL_LEDGER_RULES_4,
  ...AXOLOTL_LEDGER_SCHEMAS,
  ...AXOLOTL_LEDGER_RULES_5,
  ...AXOLOTL_LEDGER_KERNELS,
  ...AXOLOTL_LEDGER_LIGER,
  ...AXOLOTL_BUILDER_RULES,
];
