// Parameter counts from a Hugging Face config.json, per the laws' definitions:
// - total: everything including embeddings and lm_head (Chinchilla's N);
// - non-embedding: attention + MLP weight matrices of the blocks, no norms, biases or embeddings
//   (Step Law's numl·(4h² + 3h·ffn), Kaplan's "non-embedding", ≈ DeepSeek's 72·n_layer·d²/6 for MHA).
// modelParamsForLaws() uses the estimator's module inventory (exact for every family it supports);
// paramsFromHfConfig() is the small fallback: exact for the Llama-style families in its table,
// an estimate flagged `exactTotal: false` otherwise.
import { buildInventory, UnsupportedModelError, type ModelInventory } from '../estimator/inventory';

export interface ModelParams {
  totalParams: number;
  nonEmbeddingParams: number;
  embeddingParams: number;
  nLayer: number;
  dModel: number;
  ffn: number;
  vocabSize: number;
  modelType: string;
  exactTotal: boolean;
  /** 'inventory' = the estimator's module tree; 'formula' = this file's family table. */
  countedBy: 'inventory' | 'formula';
  warnings: string[];
}

interface Family {
  /** Extra per-layer vectors of size h (RMSNorm weights): 2 for Llama, 4 for Gemma-2. */
  normsPerLayer: number;
  qkvBias: boolean;
  /** Per-layer q_norm/k_norm of size head_dim (Qwen3). */
  qkNorm: boolean;
  tieDefault: boolean;
}

const LLAMA_LIKE: Family = { normsPerLayer: 2, qkvBias: false, qkNorm: false, tieDefault: false };

/** Gated-MLP (SwiGLU/GeGLU) decoder families whose total we count exactly. */
const FAMILIES: Record<string, Family> = {
  llama: LLAMA_LIKE,
  mistral: LLAMA_LIKE,
  mixtral: LLAMA_LIKE,
  phi3: LLAMA_LIKE,
  qwen2: { ...LLAMA_LIKE, qkvBias: true },
  qwen3: { ...LLAMA_LIKE, qkNorm: true },
  gemma: { ...LLAMA_LIKE, tieDefault: true },
  gemma2: { ...LLAMA_LIKE, normsPerLayer: 4, tieDefault: true },
};

type Json = Record<string, unknown>;

function num(cfg: Json, ...keys: string[]): number | undefined {
  for (const k of keys) {
    const v = cfg[k];
    if (typeof v === 'number' && Number.isFinite(v) && v > 0) return v;
  }
  return undefined;
}

/** Throws an Error with a one-line message when the config lacks the fields a count needs. */
export function paramsFromHfConfig(cfg: Json): ModelParams {
  const modelType = typeof cfg.model_type === 'string' ? cfg.model_type : 'unknown';
  const h = num(cfg, 'hidden_size', 'n_embd', 'd_model');
  const L = num(cfg, 'num_hidden_layers', 'n_layer', 'num_layers');
  const V = num(cfg, 'vocab_size');
  if (!h || !L || !V)
    throw new Error(
      'config.json needs hidden_size (or n_embd/d_model), num_hidden_layers (or n_layer) and vocab_size',
    );
  const heads = num(cfg, 'num_attention_heads', 'n_head') ?? h / 64;
  const kv = num(cfg, 'num_key_value_heads') ?? heads;
  const hd = num(cfg, 'head_dim') ?? h / heads;
  const family = FAMILIES[modelType];
  const ffn = num(cfg, 'intermediate_size', 'n_inner', 'ffn_dim') ?? 4 * h;
  const experts = num(cfg, 'num_local_experts') ?? 1;
  const mlpMatrices = family ? 3 : 2;

  const attention = 2 * h * heads * hd + 2 * h * kv * hd;
  const mlp = experts * mlpMatrices * h * ffn;
  const nonEmbeddingParams = L * (attention + mlp);
  const tied =
    typeof cfg.tie_word_embeddings === 'boolean'
      ? cfg.tie_word_embeddings
      : family
        ? family.tieDefault
        : true;
  const embeddingParams = V * h * (tied ? 1 : 2);

  const perLayerExtras = family
    ? family.normsPerLayer * h +
      (family.qkvBias ? heads * hd + 2 * kv * hd : 0) +
      (family.qkNorm ? 2 * hd : 0) +
      (experts > 1 ? h * experts : 0)
    : 0;
  const totalParams = nonEmbeddingParams + embeddingParams + L * perLayerExtras + (family ? h : 0);

  const warnings: string[] = [];
  if (!family)
    warnings.push(
      `model_type '${modelType}' is not in the exact-count table: total is an estimate (biases, norms and position embeddings left out).`,
    );
  if (experts > 1)
    warnings.push(
      `Mixture of experts (${experts} experts): counts include every expert, not the active ones per token.`,
    );
  return {
    totalParams,
    nonEmbeddingParams,
    embeddingParams,
    nLayer: L,
    dModel: h,
    ffn,
    vocabSize: V,
    modelType,
    exactTotal: !!family,
    countedBy: 'formula',
    warnings,
  };
}

/** The causal-LM task model when the family has one (lm_head counts in N), else the default head. */
function inventoryFor(cfg: Json): ModelInventory {
  try {
    // Per-expert modules: the laws count weight matrices, which the transformers 5 fused layout only stores differently.
    return buildInventory(cfg, { autoClass: 'AutoModelForCausalLM', expertLayout: 'modules' });
  } catch (err) {
    if (err instanceof UnsupportedModelError && typeof cfg.model_type === 'string')
      return buildInventory(cfg, { expertLayout: 'modules' });
    throw err;
  }
}

/** Weight matrices inside the repeated blocks (attention, MLP, router, experts): the laws' non-embedding N. */
function blockMatrixParams(inv: ModelInventory): number {
  return inv.modules
    .filter(
      (m) =>
        (m.kind === 'Linear' || m.kind === 'Conv1D') &&
        m.layerIndex !== undefined &&
        !m.isOutputLayer &&
        !m.isHead,
    )
    .reduce((sum, m) => sum + m.weightParams, 0);
}

/** Input embeddings plus an untied output embedding (a tied lm_head shares the input's weight). */
function embeddingParamsOf(inv: ModelInventory): number {
  return inv.modules
    .filter((m) => m.kind === 'Embedding' || (m.isOutputLayer && !m.tiedTo))
    .reduce((sum, m) => sum + m.weightParams, 0);
}

/** Counts for the laws from a config.json: the inventory when it knows the architecture, else the formula. */
export function modelParamsForLaws(cfg: Json): ModelParams {
  let inv: ModelInventory;
  try {
    inv = inventoryFor(cfg);
  } catch (err) {
    if (err instanceof UnsupportedModelError) return paramsFromHfConfig(cfg);
    throw err;
  }
  const experts = num(cfg, 'num_local_experts') ?? 1;
  const h = inv.dims.hiddenSize;
  return {
    totalParams: inv.baseParams,
    nonEmbeddingParams: blockMatrixParams(inv),
    embeddingParams: embeddingParamsOf(inv),
    nLayer: inv.dims.numLayers,
    dModel: h,
    ffn: num(cfg, 'intermediate_size', 'n_inner', 'ffn_dim', 'd_ff') ?? 4 * h,
    vocabSize: inv.dims.vocabSize,
    modelType: inv.modelType,
    exactTotal: !inv.unverified,
    countedBy: 'inventory',
    warnings: [
      ...(inv.unverified ? [`${inv.modelType}: ${inv.unverified}`] : []),
      ...(experts > 1
        ? [
            `Mixture of experts (${experts} experts): counts include every expert, not the active ones per token.`,
          ]
        : []),
    ],
  };
}
