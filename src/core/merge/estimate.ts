// What a mergekit merge produces and needs: the merged model's exact parameter count (a passthrough
// "frankenmerge" that stacks layer slices changes it), each input's and the output's size at its dtype,
// and the disk a merge needs. Counts come from the same module inventory as the PEFT estimates.
// Pure: model configs come from an injected resolver.
import { buildInventory, type HfConfig, type ModelInventory } from '../estimator/inventory';
import type { ResolvedModel } from '../models/types';

/** Bytes per parameter for mergekit's dtype names (mergekit/common.py dtype_from_name). */
export const DTYPE_BYTES: Readonly<Record<string, number>> = {
  bfloat16: 2,
  float16: 2,
  float32: 4,
  int64: 8,
};
const TORCH_DTYPE_BYTES: Readonly<Record<string, number>> = {
  bfloat16: 2,
  float16: 2,
  float32: 4,
  float64: 8,
};

export interface MergeInput {
  ref: string;
  modelType?: string;
  params?: number;
  /** Size of its weights as stored (config.json torch_dtype), bytes. */
  storedBytes?: number;
  storedDtype?: string;
  /** The tensor-shape facts mergekit needs equal across models (config.json). */
  dims?: { hidden: number; layers: number; heads: number; kvHeads: number; vocab: number };
  /** Parameters of its largest single tensor (mergekit holds tensors, not whole models, in memory). */
  largestTensorParams?: number;
  problem?: string;
}

export interface MergeEstimate {
  method: string;
  inputs: MergeInput[];
  /** Parameters of the merged model; undefined when a model could not be resolved. */
  outputParams?: number;
  outputLayers?: number;
  /** Layers of the model the output's architecture comes from. */
  baseLayers?: number;
  outputDtype: string;
  outputBytes?: number;
  /** How the count was made, one line. */
  formula?: string;
  /** Models whose architecture or tensor shapes differ from the first (mergekit cannot merge them). */
  shapeMismatches: string[];
  problems: string[];
}

type Resolve = (ref: string) => ResolvedModel | undefined;
const isMapping = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
/** A model reference as mergekit writes it: 'org/name', 'org/name+lora', {model: ...} or {model: {path}}. */
function refOf(m: unknown, depth = 0): string | undefined {
  if (typeof m === 'string') return m.split('+')[0].trim() || undefined;
  if (!isMapping(m) || depth > 2) return undefined;
  return typeof m.path === 'string' ? m.path : refOf(m.model, depth + 1);
}

/** Parameters of each decoder layer, by index, and everything outside the layers. */
export function layerParams(inv: ModelInventory): { perLayer: number[]; outside: number } {
  const perLayer = new Array<number>(inv.dims.numLayers).fill(0);
  for (const m of inv.modules) {
    if (m.layerIndex === undefined || m.tiedTo || m.layerIndex >= perLayer.length) continue;
    perLayer[m.layerIndex] += m.weightParams + m.biasParams + (m.otherParams ?? 0);
  }
  return { perLayer, outside: inv.baseParams - perLayer.reduce((a, b) => a + b, 0) };
}

/** The tensor-shape facts two models must share to be merged tensor by tensor. */
function shapeKey(inv: ModelInventory): string {
  const d = inv.dims;
  return `${inv.modelType}: hidden ${d.hiddenSize}, ${d.numLayers} layers, ${d.numAttentionHeads} heads, ${d.numKeyValueHeads} KV heads, vocabulary ${d.vocabSize}`;
}

export function estimateMerge(config: Record<string, unknown>, resolve: Resolve): MergeEstimate {
  const method = typeof config.merge_method === 'string' ? config.merge_method : '?';
  const outDtype =
    typeof config.out_dtype === 'string'
      ? config.out_dtype
      : typeof config.dtype === 'string'
        ? config.dtype
        : '';
  const out: MergeEstimate = {
    method,
    inputs: [],
    outputDtype: outDtype.replace(/^torch\./, ''),
    shapeMismatches: [],
    problems: [],
  };
  const slices = Array.isArray(config.slices) ? config.slices.filter(isMapping) : [];
  const sliceSources = slices.map((s) => (Array.isArray(s.sources) ? s.sources.filter(isMapping) : []));
  const refs = [
    refOf(config.base_model),
    ...(Array.isArray(config.models) ? config.models.map((m) => refOf(m)) : []),
    ...sliceSources.flat().map((s) => refOf(s.model)),
  ].filter((r): r is string => !!r);
  const inventories = new Map<string, ModelInventory>();
  for (const ref of [...new Set(refs)]) {
    const input: MergeInput = { ref };
    out.inputs.push(input);
    const resolved = safe(() => resolve(ref));
    if (!resolved) {
      input.problem = `'${ref}' is not in the catalog, the workspace or the local Hugging Face cache`;
      continue;
    }
    const inv = safe(() => buildInventory(resolved.config as HfConfig, { taskType: 'CAUSAL_LM' }));
    if (!inv) {
      input.problem = `'${ref}': its architecture (${String((resolved.config as HfConfig).model_type)}) is not modelled`;
      continue;
    }
    inventories.set(ref, inv);
    const dtype = typeof resolved.config.torch_dtype === 'string' ? resolved.config.torch_dtype : undefined;
    Object.assign(input, {
      modelType: inv.modelType,
      params: inv.baseParams,
      largestTensorParams: largestTensor(inv),
      dims: {
        hidden: inv.dims.hiddenSize,
        layers: inv.dims.numLayers,
        heads: inv.dims.numAttentionHeads,
        kvHeads: inv.dims.numKeyValueHeads,
        vocab: inv.dims.vocabSize,
      },
      ...(dtype && TORCH_DTYPE_BYTES[dtype]
        ? { storedDtype: dtype, storedBytes: inv.baseParams * TORCH_DTYPE_BYTES[dtype] }
        : {}),
    });
  }
  const first = out.inputs.find((i) => inventories.has(i.ref));
  if (!first) {
    out.problems.push('no model of the merge could be resolved, so no counts');
    return out;
  }
  const ref0 = inventories.get(first.ref) as ModelInventory;
  for (const [ref, inv] of inventories) {
    if (shapeKey(inv) !== shapeKey(ref0))
      out.shapeMismatches.push(`${ref} (${shapeKey(inv)}) differs from ${first.ref} (${shapeKey(ref0)})`);
  }
  out.baseLayers = ref0.dims.numLayers;
  if (slices.length > 0) countSlices(out, sliceSources, inventories, ref0);
  else {
    out.outputParams = ref0.baseParams;
    out.outputLayers = ref0.dims.numLayers;
    out.formula = `same architecture as ${first.ref}: ${ref0.baseParams.toLocaleString('en-US')} parameters`;
  }
  const bytes =
    DTYPE_BYTES[out.outputDtype] ?? (first.storedDtype ? TORCH_DTYPE_BYTES[first.storedDtype] : undefined);
  if (!out.outputDtype && first.storedDtype)
    out.outputDtype = `${first.storedDtype} (no dtype given: the checkpoints' own)`;
  if (out.outputParams !== undefined && bytes) out.outputBytes = out.outputParams * bytes;
  return out;
}

/** Stacked slices: the layers outside the stack once, plus each slice's layer range from its first source. */
function countSlices(
  out: MergeEstimate,
  sources: Record<string, unknown>[][],
  inventories: Map<string, ModelInventory>,
  ref0: ModelInventory,
): void {
  let layers = 0;
  let params = layerParams(ref0).outside;
  const parts: string[] = [];
  for (const [i, srcs] of sources.entries()) {
    const src = srcs[0];
    const ref = src && refOf(src.model);
    const inv = ref ? inventories.get(ref) : undefined;
    const range = Array.isArray(src?.layer_range) ? src.layer_range : undefined;
    if (!inv || !range || typeof range[0] !== 'number' || typeof range[1] !== 'number') {
      out.problems.push(`slice ${i}: its first source has no resolvable model or layer_range`);
      return;
    }
    const [a, b] = range as [number, number];
    if (a < 0 || b > inv.dims.numLayers || a >= b) {
      out.problems.push(
        `slice ${i}: layer_range [${a}, ${b}] is outside ${ref}'s ${inv.dims.numLayers} layers`,
      );
      return;
    }
    const per = layerParams(inv).perLayer;
    params += per.slice(a, b).reduce((x, y) => x + y, 0);
    layers += b - a;
    parts.push(`${b - a} (${ref} ${a}–${b - 1})`);
  }
  out.outputLayers = layers;
  out.outputParams = params;
  out.formula = `${layers} layers = ${parts.join(' + ')}; ${params.toLocaleString('en-US')} parameters with the embeddings, final norm and head`;
}

/** The largest weight tensor: a module's weight, or the embedding matrix (vocabulary × hidden). */
function largestTensor(inv: ModelInventory): number {
  const embed = inv.dims.vocabSize * inv.dims.hiddenSize;
  return inv.modules.reduce((m, x) => Math.max(m, x.weightParams), embed);
}

function safe<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}
