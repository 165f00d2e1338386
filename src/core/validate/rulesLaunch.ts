// Launch-time checks of Axolotl, LLaMA-Factory and torchtune added for validation parity (issue 12).
import type { CrossFieldRule } from './ruleKit';
import { AXOLOTL_LAUNCH_RULES } from './rulesAxolotlLaunch';
import { LLAMAFACTORY_LAUNCH_RULES } from './rulesLlamaFactoryLaunch';
import { TORCHTUNE_RULES } from './rulesTorchtune';

export const LAUNCH_RULES: readonly CrossFieldRule[] = [...AXOLOTL_LAUNCH_RULES, ...LLAMAFACTORY_LAUNCH_RULES, ...TORCHTUNE_RULES];
