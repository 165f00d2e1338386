// Every Axolotl ledger rule (rulesAxolotlLedger*.ts), in ledger order; see ledger/axolotl.json.
import type { CrossFieldRule } from './ruleKit';
import { AXOLOTL_LEDGER_RULES } from './rulesAxolotlLedger';
import { AXOLOTL_LEDGER_RULES_2 } from './rulesAxolotlLedger2';
import { AXOLOTL_LEDGER_RULES_3 } from './rulesAxolotlLedger3';
import { AXOLOTL_LEDGER_RULES_4 } from './rulesAxolotlLedger4';
import { AXOLOTL_LEDGER_RULES_5 } from './rulesAxolotlLedger5';
import { AXOLOTL_BUILDER_RULES } from './rulesAxolotlBuilders';

export const AXOLOTL_LEDGER_ALL: readonly CrossFieldRule[] = [
  ...AXOLOTL_LEDGER_RULES,
  ...AXOLOTL_LEDGER_RULES_2,
  ...AXOLOTL_LEDGER_RULES_3,
  ...AXOLOTL_LEDGER_RULES_4,
  ...AXOLOTL_LEDGER_RULES_5,
  ...AXOLOTL_BUILDER_RULES,
];
