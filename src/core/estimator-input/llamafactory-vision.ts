// LLaMA-Factory's vision-language switches (freeze_vision_tower, freeze_multi_modal_projector,
// freeze_language_model; FinetuningArguments defaults True, True, False) as the real run applies them,
// read at LLaMA-Factory v0.9.4:
// - lora_target `all` -> model_utils/misc.py:28-52 find_all_linear_modules: leaf names of every Linear
//   whose full name contains none of lm_head, the projector key, and (freeze_vision_tower) the vision keys;
// - LoRA targets -> model_utils/visual.py:182-199 patch_target_modules: every module name containing a
//   target and none of get_forbidden_modules (visual.py:160-179) + lora_conflict_keys, passed to PEFT;
// - full tuning -> adapter.py:40-56 _setup_full_tuning freezes parameters whose name contains a key.
// Keys per model type: visual.py _register_composite_model (qwen2_vl / qwen2_5_vl: language keys
// ["language_model", "lm_head"] from transformers 4.52.0, ["model", "lm_head"] before; mllama :308-311 and
// llama4 :264-267: vision key "vision_model"). find_all_linear_modules keeps a module whose class name
// contains "Linear", so nn.Linear subclasses named otherwise (Llama4Router) are not in `all`.
import { buildInventory } from '../estimator/inventory';
import { buildTree } from '../estimator/tree';
import { atLeast, transformersRelease } from '../estimator/transformers-version';
import type { PeftConfig } from './types';

export interface VisionSwitches {
  freezeVisionTower: boolean;
  freezeMultiModalProjector: boolean;
  freezeLanguageModel: boolean;
  /** lora_target was `all` (or unset). */
  targetAll: boolean;
}

interface CompositeKeys {
  projector: string;
  vision: string[];
  language: string[];
  conflict: string[];
}

function keysFor(modelType: string, newLayout: boolean): CompositeKeys | undefined {
  const plain = {
    projector: 'multi_modal_projector',
    vision: ['vision_tower'],
    language: ['language_model', 'lm_head'],
    conflict: [],
  };
  // visual.py:270-278, :314-317 register llava, llava_next and paligemma with the defaults (gemma3 :211).
  if (['llava', 'llava_next', 'gemma3', 'paligemma'].includes(modelType)) return plain;
  if (modelType === 'mllama' || modelType === 'llama4') return { ...plain, vision: ['vision_model'] };
  // visual.py:302-305: mistral3's projector key names its >= 4.52 attribute path.
  if (modelType === 'mistral3') return { ...plain, projector: 'model.multi_modal_projector' };
  if (modelType === 'qwen2_vl' || modelType === 'qwen2_5_vl')
    return {
      projector: 'visual.merger',
      vision: ['visual.patch_embed', 'visual.blocks'],
      language: newLayout ? ['language_model', 'lm_head'] : ['model', 'lm_head'],
      conflict: ['patch_embed'],
    };
  return undefined;
}

function isLinearClass(m: { kind: string; cls?: string }): boolean {
  return m.kind === 'Linear' && (m.cls === undefined || m.cls.includes('Linear'));
}

/** Vision-language model types modelled here that visual.py does not register (v0.9.4 and v0.9.5). */
const UNREGISTERED = new Set(['idefics3', 'smolvlm']);

function unregisteredNote(modelType: string): string {
  return `LLaMA-Factory does not register ${modelType} as a composite model: freeze_vision_tower, freeze_multi_modal_projector and freeze_language_model change nothing, and lora_target all or full tuning reach the vision tower and connector too`;
}

/**
 * ChatGLM is no composite model, but find_all_linear_modules (misc.py:28-52) also leaves out its
 * `output_layer`, which PEFT's all-linear would keep (ChatGLM has no lm_head, so get_output_embeddings()
 * is None): `lora_target: all` becomes the other Linear leaf names.
 */
function chatGlmAll(
  peft: PeftConfig,
  switches: VisionSwitches,
  config: Record<string, unknown>,
  opts: VisionOptions,
): { peft: PeftConfig; note?: string } {
  if (config.model_type !== 'chatglm' || !switches.targetAll || peft.peft_type !== 'LORA') return { peft };
  const inv = buildInventory(config, {
    taskType: 'CAUSAL_LM',
    transformersVersion: opts.transformersVersion,
  });
  const leaves = new Set<string>();
  for (const [name, m] of buildTree(inv).own)
    if (m.kind === 'Linear' && !/lm_head|output_layer/.test(name)) leaves.add(name.split('.').pop()!);
  return {
    peft: { ...peft, target_modules: [...leaves] },
    note: `LLaMA-Factory's lora_target all on chatglm leaves output_layer out: LoRA on ${[...leaves].join(', ')}`,
  };
}

function forbidden(k: CompositeKeys, s: VisionSwitches): string[] {
  return [
    ...(s.freezeVisionTower ? k.vision : []),
    ...(s.freezeMultiModalProjector ? [k.projector] : []),
    ...(s.freezeLanguageModel ? k.language : []),
  ];
}

export interface VisionOptions {
  transformersVersion?: string;
}

/**
 * The PEFT config LLaMA-Factory hands PEFT for a vision-language model, with a note; the config itself
 * when the model type is not one LLaMA-Factory registers as composite (or not one modelled here).
 */
export function applyVisionSwitches(
  peft: PeftConfig,
  switches: VisionSwitches,
  config: Record<string, unknown>,
  opts: VisionOptions = {},
): { peft: PeftConfig; note?: string } {
  const modelType = String(config.model_type ?? '');
  const release = transformersRelease(opts.transformersVersion);
  const keys = keysFor(modelType, atLeast(release, 4, 52));
  if (!keys)
    return UNREGISTERED.has(modelType) && (switches.targetAll || peft.peft_type === 'FULL')
      ? { peft, note: unregisteredNote(modelType) }
      : chatGlmAll(peft, switches, config, opts);
  const blocked = forbidden(keys, switches);
  const what = `freeze_vision_tower ${switches.freezeVisionTower}, freeze_multi_modal_projector ${switches.freezeMultiModalProjector}, freeze_language_model ${switches.freezeLanguageModel}`;
  if (peft.peft_type === 'FULL') {
    return {
      peft: { ...peft, frozen_substrings: blocked },
      note: `LLaMA-Factory full tuning of ${modelType} (${what}): parameters under ${blocked.join(', ') || 'nothing'} stay frozen`,
    };
  }
  if (peft.peft_type !== 'LORA') return { peft };
  const inv = buildInventory(config, {
    taskType: 'CAUSAL_LM',
    transformersVersion: opts.transformersVersion,
  });
  const tree = buildTree(inv);
  let targets: string[];
  if (switches.targetAll) {
    const skip = ['lm_head', keys.projector, ...(switches.freezeVisionTower ? keys.vision : [])];
    const leaves = new Set<string>();
    for (const [name, m] of tree.own)
      if (isLinearClass(m) && !skip.some((s) => name.includes(s))) leaves.add(name.split('.').pop()!);
    targets = [...leaves];
  } else if (Array.isArray(peft.target_modules)) {
    targets = peft.target_modules as string[];
  } else return { peft };
  const stop = [...blocked, ...keys.conflict];
  // named_modules() only: a fused expert tensor (Llama 4's experts.gate_up_proj) is a parameter, not a module.
  const names = tree.names.filter(
    (n) =>
      !tree.own.get(n)?.isParameter && targets.some((t) => n.includes(t)) && !stop.some((s) => n.includes(s)),
  );
  return {
    peft: { ...peft, target_modules: names },
    note: `LLaMA-Factory on ${modelType} (${what}): LoRA targets ${names.length} modules, none under ${stop.join(', ')}`,
  };
}
