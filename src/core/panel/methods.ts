// The methods the panel offers, as data: the LoRA presets users ask for by name (DoRA, rsLoRA, QLoRA)
// and every other peft_type the estimator counts, with the PEFT field each panel control writes.
import { supportedMethods } from '../estimator';
import { PROMPT_METHODS } from '../estimator/prompt';
import { TUNERS } from '../estimator/registry';
import type { PeftConfig } from '../estimator-input/types';
import type { PanelInputs } from './types';

export interface PanelMethod {
  id: string;
  peftType: string;
  label: string;
  /** PEFT field the rank control writes (r, init_r...), or undefined when the method has no rank. */
  rankField?: string;
  alphaField?: string;
  targets: boolean;
  virtualTokens: boolean;
  freezeLayers: boolean;
  /** Fixed fields the preset adds (use_dora, use_rslora). */
  extra: Record<string, unknown>;
  /** QLoRA: the base weights are 4-bit whatever the quantization control says. */
  forces4bit: boolean;
}

const LORA_LABEL = 'LoRA (Hu et al. 2021, arXiv 2106.09685)';

const PRESETS: PanelMethod[] = [
  {
    id: 'LORA',
    peftType: 'LORA',
    label: LORA_LABEL,
    rankField: 'r',
    alphaField: 'lora_alpha',
    targets: true,
    virtualTokens: false,
    freezeLayers: false,
    extra: {},
    forces4bit: false,
  },
  {
    id: 'DORA',
    peftType: 'LORA',
    label: 'DoRA (Liu et al. 2024, arXiv 2402.09353)',
    rankField: 'r',
    alphaField: 'lora_alpha',
    targets: true,
    virtualTokens: false,
    freezeLayers: false,
    extra: { use_dora: true },
    forces4bit: false,
  },
  {
    id: 'RSLORA',
    peftType: 'LORA',
    label: 'rsLoRA (Kalajdzievski 2023, arXiv 2312.03732)',
    rankField: 'r',
    alphaField: 'lora_alpha',
    targets: true,
    virtualTokens: false,
    freezeLayers: false,
    extra: { use_rslora: true },
    forces4bit: false,
  },
  {
    id: 'QLORA',
    peftType: 'LORA',
    label: 'QLoRA: LoRA on a 4-bit NF4 base (Dettmers et al. 2023, arXiv 2305.14314)',
    rankField: 'r',
    alphaField: 'lora_alpha',
    targets: true,
    virtualTokens: false,
    freezeLayers: false,
    extra: {},
    forces4bit: true,
  },
];

const PSEUDO_LABELS: Record<string, string> = {
  FULL: 'Full fine-tuning (every weight trains)',
  FREEZE: 'Freeze tuning (LLaMA-Factory: last N layers train)',
  BITFIT: 'BitFit (Ben Zaken et al. 2021, arXiv 2106.10199)',
  BOTTLENECK: 'Bottleneck adapters (Houlsby et al. 2019, arXiv 1902.00751)',
};

function generic(type: string): PanelMethod {
  const tuner = TUNERS[type];
  const prompt = PROMPT_METHODS[type];
  const defaults = tuner?.defaults ?? prompt?.defaults ?? {};
  const rankField = type === 'ADALORA' ? 'init_r' : 'r' in defaults ? 'r' : undefined;
  return {
    id: type,
    peftType: type,
    label: tuner?.label ?? prompt?.label ?? PSEUDO_LABELS[type] ?? type,
    rankField,
    alphaField: 'alpha' in defaults ? 'alpha' : undefined,
    targets: Boolean(tuner) && type !== 'TRAINABLE_TOKENS',
    virtualTokens: 'num_virtual_tokens' in defaults,
    freezeLayers: type === 'FREEZE',
    extra: {},
    forces4bit: false,
  };
}

let table: PanelMethod[] | undefined;

/** Every method, presets first, then the estimator's other types in name order. */
export function panelMethods(): PanelMethod[] {
  table ??= [
    ...PRESETS,
    ...supportedMethods()
      .filter((t) => t !== 'LORA')
      .map(generic),
  ];
  return table;
}

export function findPanelMethod(id: string): PanelMethod | undefined {
  return panelMethods().find((m) => m.id === id);
}

/** The preset id that describes a PEFT config: LORA with use_dora is DORA, and so on. */
export function methodIdOf(peft: PeftConfig, loadIn4bit: boolean): string {
  const type = peft.peft_type.toUpperCase();
  if (type !== 'LORA') return findPanelMethod(type) ? type : 'LORA';
  if (peft.use_dora === true) return 'DORA';
  if (peft.use_rslora === true) return 'RSLORA';
  return loadIn4bit ? 'QLORA' : 'LORA';
}

/** Target list as typed ("q_proj, v_proj", "all-linear", "") → PEFT's target_modules, or undefined for the default. */
export function parseTargets(text: string): string | string[] | undefined {
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 0) return undefined;
  if (names.length === 1 && names[0].toLowerCase() === 'all-linear') return 'all-linear';
  return names;
}

export function targetsText(targets: unknown): string {
  if (typeof targets === 'string') return targets;
  return Array.isArray(targets) ? targets.map(String).join(', ') : '';
}

/**
 * The PEFT config the panel's controls describe. When the method is the config's own, the config's
 * other fields (modules_to_save, layers_to_transform, ...) are kept; the controls override theirs.
 */
export function peftFromInputs(
  inputs: PanelInputs,
  base: PeftConfig | undefined,
  taskType: string | null,
): PeftConfig {
  const method = findPanelMethod(inputs.method);
  if (!method) throw new Error(`unknown method '${inputs.method}'`);
  const sameType = base && base.peft_type.toUpperCase() === method.peftType;
  const peft: PeftConfig = sameType
    ? { ...base, peft_type: method.peftType }
    : { peft_type: method.peftType, ...(taskType ? { task_type: taskType } : {}) };
  if (method.peftType === 'LORA') {
    delete peft.use_dora;
    delete peft.use_rslora;
  }
  Object.assign(peft, method.extra);
  if (method.rankField && inputs.rank !== undefined) peft[method.rankField] = inputs.rank;
  if (method.alphaField && inputs.alpha !== undefined) peft[method.alphaField] = inputs.alpha;
  // A field still showing the config's own targets keeps them as written: a single string is a PEFT
  // regex (Axolotl's VLM examples), which the comma-separated reading would turn into one name.
  if (method.targets && !(sameType && inputs.targets === targetsText(base?.target_modules))) {
    const targets = parseTargets(inputs.targets);
    if (targets === undefined) delete peft.target_modules;
    else peft.target_modules = targets;
  }
  if (method.virtualTokens && inputs.numVirtualTokens !== undefined)
    peft.num_virtual_tokens = inputs.numVirtualTokens;
  if (method.freezeLayers && inputs.freezeLayers !== undefined)
    peft.freeze_trainable_layers = inputs.freezeLayers;
  // PEFT refuses AdaLoRA without total_step (its rank schedule); the parameter count does not depend on it.
  if (method.peftType === 'ADALORA' && peft.total_step == null)
    peft.total_step = inputs.training.maxSteps ?? 1000;
  return peft;
}
