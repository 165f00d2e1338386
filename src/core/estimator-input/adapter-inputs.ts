// Which Linear inputs LoRA adapters add to activation memory: the adapted modules' input widths,
// the rank and lora_dropout, from the PEFT config and the model. Feeds the memory plan's
// adapter-activations component (memory/adapter-activations.ts).
import { LORA_DEFAULTS as PEFT_LORA } from '../estimator/methods/lora';
import { previewTargets } from '../estimator';
import { LORA_TARGETS } from '../estimator/defaults';
import type { ModelInventory } from '../estimator/inventory/types';
import type { ParameterEstimate } from '../estimator/types';
import type { AdapterInputs } from '../memory/types';
import type { PeftConfig } from './types';

const LINEAR_KINDS = new Set(['Linear', 'Conv1D']);

const LORA_DEFAULTS = { r: PEFT_LORA.r, dropout: PEFT_LORA.lora_dropout };

function targetsOf(peft: PeftConfig, modelType: string): string | string[] | undefined {
  const t = peft.target_modules;
  if (typeof t === 'string' || Array.isArray(t)) return t as string | string[];
  const fallback = LORA_TARGETS[modelType];
  return fallback === undefined ? undefined : typeof fallback === 'string' ? fallback : [...fallback];
}

/**
 * Adapted Linear modules of a LoRA config (DoRA adds its output widths), or undefined.
 * previewTargets ignores layers_to_transform and exclude_modules, so the widths are scaled to the
 * estimator's own count of adapted modules when the two differ.
 */
export function adapterInputsFor(
  peft: PeftConfig,
  inventory: ModelInventory,
  params: ParameterEstimate,
  config: Record<string, unknown>,
  opts: { taskType?: string | null; numLabels?: number },
): AdapterInputs | undefined {
  if (params.method.toUpperCase() !== 'LORA' || params.adaptedModules === 0) return undefined;
  const targets = targetsOf(peft, inventory.modelType);
  if (targets === undefined) return undefined;
  const names = new Set(previewTargets(config, targets, opts));
  const linear = inventory.modules.filter(
    (m) => names.has(m.name) && LINEAR_KINDS.has(m.kind) && !m.isOutputLayer,
  );
  if (linear.length === 0) return undefined;
  const scale = params.adaptedModules / linear.length;
  const perLayer = new Map<number, number>();
  const perLayerOut = new Map<number, number>();
  for (const m of linear) {
    perLayer.set(m.layerIndex ?? -1, (perLayer.get(m.layerIndex ?? -1) ?? 0) + m.inFeatures);
    perLayerOut.set(m.layerIndex ?? -1, (perLayerOut.get(m.layerIndex ?? -1) ?? 0) + m.outFeatures);
  }
  const num = (v: unknown, d: number) => (typeof v === 'number' && Number.isFinite(v) ? v : d);
  return {
    modules: params.adaptedModules,
    inputFeatures: Math.round(linear.reduce((sum, m) => sum + m.inFeatures, 0) * scale),
    maxLayerInputFeatures: Math.max(...perLayer.values()),
    rank: num(peft.r, LORA_DEFAULTS.r),
    dropout: num(peft.lora_dropout, LORA_DEFAULTS.dropout),
    ...(peft.use_dora === true
      ? {
          dora: {
            outputFeatures: Math.round(linear.reduce((sum, m) => sum + m.outFeatures, 0) * scale),
            maxLayerOutputFeatures: Math.max(...perLayerOut.values()),
          },
        }
      : {}),
  };
}
