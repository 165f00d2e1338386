// LoRA `layer_replication` (PEFT tuners_utils.py `replicate_layers`): the decoder stack is rebuilt
// from [start, end) ranges; copies share base weights (no new base parameters) but each copy is its
// own module, so adapters are added per copy.
import { EstimateError, type ModelInventory, type ModuleInfo } from './types';

function ranges(value: unknown): [number, number][] {
  const ok =
    Array.isArray(value) &&
    value.every((r) => Array.isArray(r) && r.length === 2 && r.every(Number.isInteger));
  if (!ok) throw new EstimateError('`layer_replication` must be a list of [start, end) layer ranges.');
  return value as [number, number][];
}

function rename(m: ModuleInfo, from: number, to: number): ModuleInfo {
  const seg = `.${m.layersPattern}.${from}.`;
  const at = `.${m.name}`.indexOf(seg);
  const name = `.${m.name}`.slice(0, at) + `.${m.layersPattern}.${to}.` + `.${m.name}`.slice(at + seg.length);
  return { ...m, name: name.slice(1), layerIndex: to };
}

/**
 * Where `replicate_layers` looks: it unwraps `.model` attributes, then `.bert`, and takes `layers`,
 * `encoder.layer` or `h` right there. Stacks elsewhere (GPT-2's `transformer.h`, OPT's
 * `model.decoder.layers`, RoBERTa's `roberta.encoder.layer`) make PEFT raise ValueError.
 */
const REPLICABLE_STACK = /^(model\.)*(bert\.)?(layers|encoder\.layer|h)$/;

function stackPath(m: ModuleInfo): string {
  const full = `.${m.name}`;
  const at = full.indexOf(`.${m.layersPattern}.${m.layerIndex}.`);
  return `${full.slice(0, at)}.${m.layersPattern}`.slice(1);
}

/** The inventory after replication; base parameters stay the same (weights are shared). */
export function replicateLayers(inv: ModelInventory, value: unknown): ModelInventory {
  const map = ranges(value);
  const layered = inv.modules.filter((m) => m.layerIndex !== undefined);
  const patterns = new Set(layered.map((m) => m.layersPattern));
  if (patterns.size !== 1 || inv.dims.isEncoderDecoder) {
    throw new EstimateError(
      'layer_replication needs a model with a single decoder layer stack (model.layers, encoder.layer or h).',
    );
  }
  const path = stackPath(layered[0]);
  if (!REPLICABLE_STACK.test(path)) {
    throw new EstimateError(
      `Could not locate the layers attribute in the model (its layer stack is "${path}"). Expected Llama, Bert or Falcon compatible architectures: PEFT's layer_replication only finds model.layers, bert.encoder.layer or a bare h.`,
    );
  }
  const before = inv.modules.filter(
    (m) => m.layerIndex === undefined && inv.modules.indexOf(m) < inv.modules.indexOf(layered[0]),
  );
  const after = inv.modules.filter((m) => m.layerIndex === undefined && !before.includes(m));
  const stack: ModuleInfo[] = [];
  let next = 0;
  for (const [start, end] of map) {
    if (start < 0 || end > inv.dims.numLayers || start >= end)
      throw new EstimateError(
        `layer_replication range [${start}, ${end}) is outside the model's ${inv.dims.numLayers} layers.`,
      );
    for (let i = start; i < end; i++, next++) {
      for (const m of layered) if (m.layerIndex === i) stack.push(rename(m, i, next));
    }
  }
  return { ...inv, modules: [...before, ...stack, ...after] };
}
