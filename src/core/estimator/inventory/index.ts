// Public entry of the module inventory: a config.json (plus the head PEFT's task_type implies) in,
// every parameter-owning module as the Hugging Face transformers release the run uses (4.47 ... 5.12)
// names and shapes it, out.
import { int, InvalidConfigError, UnsupportedModelError } from './config';
import { LRUCache } from 'lru-cache';
import { checkModelBounds, checkResolvedLayers, MODEL_LIMITS } from '../bounds';
import { countParams, expandModules } from './expand';
import { chooseHead } from './heads';
import { familyOf, supportedModelTypes } from './registry';
import { unverifiedReason } from './verified';
import type { BaseDims, Family, HfConfig, ModelInventory } from './types';
import { transformersRelease } from '../transformers-version';
import { closestCatalogByModelType } from '../../models/catalog';
import { textConfigOf } from './families/vlm-common';

export type { HfConfig, ModuleKind, ModuleInfo, ModelInventory, InventoryDims, HeadKind } from './types';
export { UnsupportedModelError, InvalidConfigError } from './config';
export { supportedModelTypes } from './registry';
export { allModuleNames, modulesUnder, subtreeParams } from './query';
export { LOCAL_ORACLE_VERIFIED, ORACLE_VERIFIED } from './verified';

export interface InventoryOptions {
  taskType?: string | null;
  autoClass?: string;
  numLabels?: number;
  /**
   * MoE expert storage, overriding what the transformers version implies: 'modules' = transformers 4.x
   * per-expert Linear modules; 'fused' = transformers v5 3-D tensors (Mixtral, Qwen2-MoE, Qwen3-MoE,
   * DeepSeek-V3). GPT-OSS is always fused.
   */
  expertLayout?: 'modules' | 'fused';
  /** The transformers release the run uses ('4.57.6', '5.12.1', ...); default the newest supported. */
  transformersVersion?: string;
  /** Where that version came from, for the basis line (a setting, a CLI flag, the environment). */
  transformersVersionSource?: string;
}

/** num_labels as transformers resolves it: explicit, else config.num_labels, else id2label's size, else 2. */
function resolveNumLabels(cfg: HfConfig, n: number | undefined): number {
  if (n !== undefined) {
    if (!Number.isInteger(n) || n < 1)
      throw new InvalidConfigError(`num_labels must be a positive integer, got ${n}`);
    return n;
  }
  if (cfg.num_labels !== undefined && cfg.num_labels !== null) return int(cfg, 'num_labels', 2);
  const id2label = cfg.id2label;
  if (id2label && typeof id2label === 'object') return Math.max(1, Object.keys(id2label).length);
  return 2;
}

/** head_dim / num_key_value_heads as the config gives them (a number), for prefix tuning's width. */
function rawPromptFields(cfg: HfConfig): ModelInventory['promptConfig'] {
  const num = (key: 'head_dim' | 'num_key_value_heads') => {
    const v = cfg[key];
    if (typeof v !== 'number') return undefined;
    if (!Number.isSafeInteger(v) || v <= 0 || v > MODEL_LIMITS.width)
      throw new InvalidConfigError(`config.json field "${key}" must be a positive integer, got ${v}`);
    return v;
  };
  return { headDim: num('head_dim'), numKeyValueHeads: num('num_key_value_heads') };
}

/** Names the supported types, and points multimodal wrappers (Gemma 3, Llava...) at their text_config. */

/** The config PEFT's prompt learning reads: the text config of a VLM (the class default without one). */
function promptTextConfig(family: Family<BaseDims>, config: HfConfig): HfConfig {
  if (!family.textType) return config;
  const given = config.text_config !== undefined && config.text_config !== null;
  return !given && family.defaultTextConfig ? family.defaultTextConfig : textConfigOf(config);
}

function unsupportedMessage(config: HfConfig, modelType: string): string {
  const text = config.text_config as HfConfig | undefined;
  const inner = text && typeof text === 'object' ? text.model_type : undefined;
  if (typeof inner === 'string' && familyOf(inner)) {
    return (
      `model_type "${modelType}" is a multimodal model whose vision tower is not modelled here; ` +
      `its language model can be estimated from its text_config (model_type "${inner}")`
    );
  }
  const near = closestCatalogByModelType(modelType);
  const closest = near
    ? `; the closest catalog model is ${near.id} (model_type "${near.config.model_type}"), which a count can stand in for only if the shapes match`
    : '';
  return `model_type "${modelType}" is not supported yet${closest} (supported: ${supportedModelTypes().join(', ')})`;
}

function build(config: HfConfig, opts: InventoryOptions): ModelInventory {
  checkModelBounds(config);
  if (!config || typeof config !== 'object' || Array.isArray(config)) {
    throw new InvalidConfigError('config.json must be a JSON object');
  }
  const modelType = config.model_type;
  if (typeof modelType !== 'string' || modelType === '') {
    throw new InvalidConfigError('config.json has no "model_type" string, so the architecture is unknown');
  }
  const family = familyOf(modelType);
  if (!family) throw new UnsupportedModelError(unsupportedMessage(config, modelType));
  const choice = chooseHead(config, opts.taskType, opts.autoClass);
  const head = family.heads[choice.kind];
  if (!head) {
    const have = Object.values(family.heads)
      .map((s) => s?.cls)
      .join(', ');
    throw new UnsupportedModelError(
      `model_type "${modelType}" has no ${choice.autoClass} head here (available: ${have})`,
    );
  }
  const release = transformersRelease(opts.transformersVersion, opts.transformersVersionSource);
  if (head.v5Only && !release.v5) {
    throw new UnsupportedModelError(
      `${head.cls} does not exist in transformers ${release.version} (${head.v5Only}); use transformers 5 or another head`,
    );
  }
  const resolved = family.resolve(config, resolveNumLabels(config, opts.numLabels));
  const r = family.atRelease ? family.atRelease(resolved, release) : resolved;
  checkResolvedLayers(r.L);
  const fused = opts.expertLayout === undefined ? release.v5 : opts.expertLayout === 'fused';
  if (opts.expertLayout !== undefined && !fused && opts.expertLayout !== 'modules') {
    throw new InvalidConfigError(
      `expertLayout must be "modules" or "fused", got ${JSON.stringify(opts.expertLayout)}`,
    );
  }
  const dimsR = head.flags || fused ? { ...r, flags: { ...head.flags, fusedExperts: fused } } : r;
  const modules = expandModules(family.backbone, head, dimsR);
  const inv: ModelInventory = {
    modelType,
    promptModelType: family.textType?.(config) ?? modelType,
    promptConfig: rawPromptFields(promptTextConfig(family, config)),
    autoClass: choice.autoClass,
    modelClass: head.cls,
    head: choice.kind,
    taskType: opts.taskType ?? null,
    modules,
    baseParams: countParams(modules),
    transformers: release,
    dims: {
      hiddenSize: r.h,
      numLayers: r.L,
      numAttentionHeads: r.nh,
      numKeyValueHeads: r.nkv,
      headDim: r.hd,
      vocabSize: r.V,
      isEncoderDecoder: r.encDec,
      tieWordEmbeddings: r.tie,
      numTransformerSubmodules: r.encDec && choice.kind === 'seq2seq_lm' ? 2 : 1,
      ...(r.prefixKv !== undefined ? { prefixKvWidth: r.prefixKv } : {}),
    },
  };
  const why = choice.note ?? unverifiedReason(modelType, choice.kind, head.cls, family.unverified);
  if (why) inv.unverified = why;
  return inv;
}

// Inventories are pure functions of (config, options): cache them so repeated estimates (every
// keystroke in the editor) cost a lookup. Bounded so a long session cannot grow it without limit.
// LRU bounded by size, counted in module records (layers × modules per layer, experts included), so
// a few very large MoE configs cannot pin hundreds of MB the way 64 entries of any size could.
const CACHE_LIMIT = 64;
const cache = new LRUCache<string, ModelInventory>({
  max: CACHE_LIMIT,
  maxSize: 200_000,
  sizeCalculation: (inv) => Math.max(1, inv.modules.length),
});
const byObject = new WeakMap<HfConfig, Map<string, ModelInventory>>();

/**
 * Builds (or returns the cached) module inventory of the task model a PEFT run would wrap.
 * The result is shared between callers: treat it as read-only.
 */
export function buildInventory(config: HfConfig, opts: InventoryOptions = {}): ModelInventory {
  const optKey = `${opts.taskType ?? ''}|${opts.autoClass ?? ''}|${opts.numLabels ?? ''}|${opts.expertLayout ?? ''}|${opts.transformersVersion ?? ''}|${opts.transformersVersionSource ?? ''}`;
  const perObject = config && typeof config === 'object' ? byObject.get(config) : undefined;
  const hit = perObject?.get(optKey);
  if (hit) return hit;
  const key = `${optKey}|${JSON.stringify(config)}`;
  let inv = cache.get(key);
  if (!inv) {
    inv = build(config, opts);
    cache.set(key, inv);
  }
  if (config && typeof config === 'object') {
    const m = perObject ?? new Map<string, ModelInventory>();
    m.set(optKey, inv);
    if (!perObject) byObject.set(config, m);
  }
  return inv;
}
