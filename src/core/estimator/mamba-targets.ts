// PEFT 0.20.0 refuses LoRA-like adapters on a Mamba mixer's out_proj and conv1d in the model types it
// lists (`_check_lora_target_modules_mamba`, peft tuners/tuners_utils.py:144-163), checked for every
// matched module before it is wrapped (:914, :936). Jamba is not in the list, so its out_proj is wrapped.
import { EstimateError } from './types';

const LORA_LIKE = new Set(['LORA', 'ADALORA', 'XLORA', 'RANDLORA']);
const INCOMPATIBLE = new Set(['out_proj', 'conv1d']);
const MAMBA_TYPES = new Set(['falcon_h1', 'mamba', 'mamba2', 'falcon_mamba', 'nemotron_h']);

/** Throws PEFT's error when a LoRA-like tuner would wrap a module PEFT keeps off Mamba models. */
export function checkMambaTarget(peftType: string, modelType: string, key: string): void {
  if (!LORA_LIKE.has(peftType) || !MAMBA_TYPES.has(modelType)) return;
  const leaf = key.slice(key.lastIndexOf('.') + 1);
  if (!INCOMPATIBLE.has(leaf)) return;
  throw new EstimateError(
    `[PEFT:${peftType}] Module '${leaf}' is incompatible with Mamba-based models (model_type='${modelType}'). Incompatible modules: {'out_proj', 'conv1d'}. Please remove it from \`target_modules\` to avoid compatibility issues. ("${key}" matched; all-linear includes out_proj.)`,
  );
}
