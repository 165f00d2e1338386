// Limits on the model sizes ML Config Lens counts, checked before any module is allocated: a
// config.json with `num_hidden_layers: 100000` or `num_local_experts: 100000` would otherwise build
// millions of module records and hang the editor. The limits are far above every published model.
import { InvalidConfigError } from './inventory/config';

/**
 * Largest values counted. Largest published (config.json): 126 layers (Llama 3.1 405B), 384 routed
 * experts (Kimi K2), hidden size 18,432 (DeepSeek-V3 intermediate), vocabulary 262,208 (Gemma 3).
 */
export const MODEL_LIMITS = {
  layers: 1_000,
  experts: 4_096,
  width: 1_000_000,
  vocabulary: 20_000_000,
  /** layers × experts: the per-expert module records the inventory builds. */
  expertModules: 200_000,
} as const;

const LAYER_KEY = /(^|_)(layers?|n_layer|num_hidden_layers|num_blocks|depth)$/;
/**
 * Lists (or pattern strings) whose length is a count of layers or modules: nemotron_h takes its layer
 * count from hybrid_override_pattern / layers_block_type, Qwen3-VL one merger per deepstack index.
 */
const LAYER_LIST_KEY =
  /(layer_types|layers_block_type|block_types|_override_pattern|deepstack_visual_indexes|vision_feature_layer)$/;
const EXPERT_KEY = /(^|_)experts$/;
const VOCAB_KEY = /vocab_size$/;
const WIDTH_KEY =
  /(hidden_size|intermediate_size|d_model|n_embd|d_ff|ffn_dim|head_dim|d_kv|n_inner|moe_intermediate_size)$/;

function check(cfg: Record<string, unknown>, where: string, depth: number): void {
  let layers = 0;
  let experts = 0;
  for (const [k, v] of Object.entries(cfg)) {
    if (v && typeof v === 'object' && !Array.isArray(v) && depth < 3)
      check(v as Record<string, unknown>, `${where}${k}.`, depth + 1);
    if (
      (Array.isArray(v) || typeof v === 'string') &&
      LAYER_LIST_KEY.test(k) &&
      v.length > MODEL_LIMITS.layers
    )
      throw tooLarge(`${where}${k}`, v.length, 'layers (its length)', MODEL_LIMITS.layers);
    if (typeof v !== 'number') continue;
    const name = `${where}${k}`;
    if (LAYER_KEY.test(k) && v > MODEL_LIMITS.layers) throw tooLarge(name, v, 'layers', MODEL_LIMITS.layers);
    if (EXPERT_KEY.test(k) && v > MODEL_LIMITS.experts)
      throw tooLarge(name, v, 'experts', MODEL_LIMITS.experts);
    if (VOCAB_KEY.test(k) && v > MODEL_LIMITS.vocabulary)
      throw tooLarge(name, v, 'tokens of vocabulary', MODEL_LIMITS.vocabulary);
    if (WIDTH_KEY.test(k) && v > MODEL_LIMITS.width) throw tooLarge(name, v, 'features', MODEL_LIMITS.width);
    if (LAYER_KEY.test(k)) layers = Math.max(layers, v);
    if (EXPERT_KEY.test(k)) experts = Math.max(experts, v);
  }
  if (layers * experts > MODEL_LIMITS.expertModules) {
    throw new InvalidConfigError(
      `too large: ${layers.toLocaleString('en-US')} layers × ${experts.toLocaleString('en-US')} experts (ML Config Lens counts models up to ${MODEL_LIMITS.expertModules.toLocaleString('en-US')} expert modules)`,
    );
  }
}

function tooLarge(field: string, v: number, what: string, limit: number): InvalidConfigError {
  const n = Number.isSafeInteger(v) ? v.toLocaleString('en-US') : String(v);
  return new InvalidConfigError(
    `too large: ${n} ${what} in config.json field "${field}" (ML Config Lens counts models up to ${limit.toLocaleString('en-US')} ${what})`,
  );
}

/** Throws when a resolved count (e.g. layers read from a list's length) is over its limit. */
export function checkResolvedLayers(layers: number): void {
  if (layers > MODEL_LIMITS.layers) throw tooLarge('(resolved)', layers, 'layers', MODEL_LIMITS.layers);
}

/** Throws InvalidConfigError naming the first dimension over the limits; returns when all are within. */
export function checkModelBounds(config: unknown): void {
  if (config && typeof config === 'object' && !Array.isArray(config))
    check(config as Record<string, unknown>, '', 0);
}
