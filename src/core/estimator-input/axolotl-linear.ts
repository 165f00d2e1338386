// Axolotl's `lora_target_linear: true` as the real run applies it, read at Axolotl 067b021 (0.18.0):
// - src/axolotl/loaders/adapter.py:54-71 find_all_linear_names: the LEAF name (last dotted segment) of
//   every module that is a torch/bitsandbytes Linear or whose class name contains "Linear", minus the
//   output embedding's leaf name from loaders/utils.py:231-239 get_linear_embedding_layers;
// - adapter.py:174-182: that set is united with lora_target_modules (a string becomes a one-entry list)
//   and handed to PEFT as a list, which PEFT matches by dotted suffix (key == name or key ends with
//   "." + name). So on a vision-language model the vision tower and projector get LoRA too, and a leaf
//   such as Qwen2-VL's merger `mlp.0` also names every module ending in ".0" (decoder layer 0, a
//   container PEFT cannot wrap). PEFT's own `all-linear` instead lists full names of Linear modules.
// - utils/freeze.py:16-26, 29-49 freeze_mm_modules (train.py:118-119, after the loader applied PEFT): every
//   parameter with a dotted component in _MM_MODULE_PREFIXES stops training; LoRA layers there stay built.
import { buildInventory } from '../estimator/inventory';
import { buildTree } from '../estimator/tree';
import { endsWithName } from '../estimator/matching';
import { bool, names, str, type Obj } from './fields';
import type { EstimatorInput, PeftConfig } from './types';

/** freeze.py:16-26 `_MM_MODULE_PREFIXES`, matched against each dotted component of a parameter name. */
export const AXOLOTL_MM_MODULE_PREFIXES: readonly string[] = [
  'vision_tower',
  'vision_model',
  'vision_encoder',
  'embed_vision',
  'multi_modal_projector',
  'visual',
  'audio_tower',
  'audio_model',
  'embed_audio',
];

/** loaders/utils.py:231-239: the output embedding's name Axolotl drops from the leaf set. */
function outputEmbeddingName(modelType: string): string {
  return modelType === 'gpt_neox' ? 'embed_out' : 'lm_head';
}

export interface LeafOptions {
  taskType?: string | null;
  numLabels?: number;
  transformersVersion?: string;
}

/** find_all_linear_names (adapter.py:54-71) on the model the config describes. */
export function axolotlLinearLeaves(config: Record<string, unknown>, opts: LeafOptions = {}): string[] {
  const inv = buildInventory(config, opts);
  const leaves = new Set<string>();
  // kind 'Linear' is nn.Linear or a subclass (isinstance); fused expert tensors are parameters, not modules.
  for (const m of buildTree(inv).own.values())
    if (!m.isParameter && (m.kind === 'Linear' || (m.cls ?? '').includes('Linear')))
      leaves.add(m.name.slice(m.name.lastIndexOf('.') + 1));
  leaves.delete(outputEmbeddingName(String(config.model_type ?? '')));
  return [...leaves];
}

/**
 * Where Axolotl's leaf names reach more than the Linear layers they came from: PEFT's dotted-suffix
 * match also hits every other module whose name ends in that leaf (a container such as decoder layer
 * ".0", which PEFT refuses, or a Conv3d patch embedding named "proj", which it wraps). Undefined when
 * every hit is a Linear.
 */
export function axolotlLeafNote(
  config: Record<string, unknown>,
  leaves: readonly string[],
  opts: LeafOptions = {},
): string | undefined {
  const tree = buildTree(buildInventory(config, opts));
  const extra: string[] = [];
  for (const name of tree.names) {
    const m = tree.own.get(name);
    if (m?.isParameter || (m?.kind === 'Linear' && !tree.containers.has(name))) continue;
    const leaf = leaves.find((l) => endsWithName(name, l));
    if (leaf) extra.push(`"${leaf}" -> ${name} (${tree.containers.has(name) ? 'a container' : m?.kind})`);
  }
  if (!extra.length) return undefined;
  const shown = extra.slice(0, 4).join(', ') + (extra.length > 4 ? `, and ${extra.length - 4} more` : '');
  return `Axolotl's lora_target_linear hands PEFT leaf names (adapter.py:54-71), which PEFT matches as name suffixes, so they also reach modules that are not Linear: ${shown}. Name the targets with a regex lora_target_modules to keep LoRA off them.`;
}

/**
 * The target list Axolotl hands PEFT when lora_target_linear is set: the leaf names united with what
 * lora_target_modules lists (input.extraTargets), sorted for stable output.
 */
export function expandAxolotlLinear(input: EstimatorInput, leaves: readonly string[]): PeftConfig {
  if (!input.extraTargets) return input.peft;
  const targets = [...new Set([...leaves, ...input.extraTargets])].sort();
  return { ...input.peft, target_modules: targets };
}

/** RL trainers Axolotl hands only the LoRA config (loaders/model.py:492-516): TRL wraps the model later. */
const TRL_WRAPS = ['dpo', 'ipo', 'kto'];

/**
 * unfrozen_parameters and freeze_mm_modules (train.py:109-119) as PEFT config fields the estimator
 * applies after injection. For dpo/ipo/kto with an adapter they run on the unwrapped model, and TRL's
 * get_peft_model then freezes every base weight and builds trainable LoRA layers: no effect on counts.
 */
export function axolotlFreezes(
  cfg: Obj,
  peft: PeftConfig,
  adapter: string | undefined,
  notes: string[],
): PeftConfig {
  const unfrozen = names(cfg.unfrozen_parameters);
  const mm = bool(cfg.freeze_mm_modules) === true;
  if (!unfrozen?.length && !mm) return peft;
  const rl = str(cfg.rl)?.toLowerCase();
  if (adapter && rl && TRL_WRAPS.includes(rl) && bool(cfg.merge_lora) !== true) {
    notes.push(
      `rl: ${rl} with an adapter: unfrozen_parameters / freeze_mm_modules act before TRL wraps the model, and get_peft_model then trains exactly the LoRA layers`,
    );
    return peft;
  }
  let out = peft;
  if (unfrozen?.length) {
    out = { ...out, unfrozen_parameters: unfrozen };
    notes.push(
      `unfrozen_parameters: only parameters whose name matches ${unfrozen.join(', ')} train (re.match from the start of the name${adapter ? ', which with an adapter begins "base_model.model."' : ''}); every other one is frozen, LoRA layers included`,
    );
  }
  if (mm) {
    out = { ...out, frozen_components: [...AXOLOTL_MM_MODULE_PREFIXES] };
    notes.push(
      `freeze_mm_modules: true freezes every parameter under a module named ${AXOLOTL_MM_MODULE_PREFIXES.join(', ')} (LoRA layers there are still built and counted in the total)`,
    );
  }
  return out;
}
