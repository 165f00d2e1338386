// Launch-time checks of Axolotl, LLaMA-Factory, torchtune and TRL added for validation parity (issue 12).
import type { CrossFieldRule } from './ruleKit';
import { AXOLOTL_LAUNCH_RULES } from './rulesAxolotlLaunch';
import { LLAMAFACTORY_LAUNCH_RULES } from './rulesLlamaFactoryLaunch';
import { TORCHTUNE_RULES } from './rulesTorchtune';
import { TRL_RULES } from './rulesTrl';

export const LAUNCH_RULES: readonly CrossFieldRule[] = [
  ...AXOLOTL_LAUNCH_RULES,
  ...LLAMAFACTORY_LAUNCH_RULES,
  ...TORCHTUNE_RULES,
  ...TRL_RULES,
];
