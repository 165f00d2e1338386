// Turns `all-linear` plus extra names into the explicit list Axolotl hands PEFT: the leaf names of
// every module all-linear selects, united with the listed names (axolotl loaders/adapters/builders/
// base.py prepare_target_modules, find_all_linear_names). Needs the model's all-linear module names.
import type { EstimatorInput, PeftConfig } from './types';

export function expandAllLinear(input: EstimatorInput, allLinearModules: readonly string[]): PeftConfig {
  if (!input.extraTargets?.length || input.peft.target_modules !== 'all-linear') return input.peft;
  const leaves = allLinearModules.map((name) => name.split('.').pop() as string);
  const targets = [...new Set([...leaves, ...input.extraTargets])].sort();
  return { ...input.peft, target_modules: targets };
}
