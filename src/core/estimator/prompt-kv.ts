// Prefix tuning's width (PEFT 0.20.0 utils/other.py:1186-1215 `_prepare_prompt_learning_config`, #1901):
// PEFT reads `config.to_dict()` (the text_config for a VLM); when it holds `num_key_value_heads`, token_dim
// becomes head_dim x num_key_value_heads, with head_dim the dict's own value when it is not None, else
// token_dim // num_attention_heads (the user's values when given). What to_dict() holds is a fact of the
// config class in each transformers release, recorded below.
import { atLeast, type TransformersRelease } from './transformers-version';
import { EstimateError, type ModelInventory } from './types';

/**
 * What a config class's to_dict() carries. `kv`: 'stored' = the class always stores num_key_value_heads;
 * 'given' = the class has no such field, so only a config.json value lands there (PretrainedConfig keeps
 * unknown keys as attributes). `headDim`: 'number' = always a number (config.json's value, else the
 * class's default or derivation); 'given' = None or absent unless config.json gives it; 'fixed' = the class
 * overwrites it (config.json's value is lost); 'never' = to_dict() has no head_dim even when config.json
 * gives one (an attribute_map alias or a read-only property).
 */
export interface KvFact {
  kv: 'stored' | 'given';
  headDim: 'number' | 'given' | 'fixed' | 'never';
}

/** A fact per release range: `v4` for 4.47-4.57.x, `v5` for 5.0-5.17 (absent: the type has no such release). */
interface KvFacts {
  v4?: KvFact;
  v5?: KvFact;
}

const K = (headDim: KvFact['headDim']): KvFact => ({ kv: 'stored', headDim });
const both = (f: KvFact): KvFacts => ({ v4: f, v5: f });
/** No num_key_value_heads in the class: only config.json can put it (and head_dim) into to_dict(). */
const PLAIN = both({ kv: 'given', headDim: 'given' });

/**
 * Read from transformers v4.57.6 and v5.17.0 models/<m>/configuration_<m>.py (lines cited as 4:/5:),
 * and checked by building each class in both releases. Releases 4.47-4.56 and 5.0-5.16 could not be read
 * here (no source of theirs on this machine): they take the 4.57.6 and 5.17.0 facts. One hint for 5.0:
 * transformers main during v5 development (commit 001f85b3, configuration_mistral.py) already derives
 * Mistral's head_dim. Gemma 4's per_layer_config branch is its family's prefixKv (ModelInventory.dims.prefixKvWidth).
 * Keyed by the text model's type (ModelInventory.promptModelType).
 */
export const PREFIX_KV_FACTS: Record<string, KvFacts> = {
  llama: both(K('number')), // 4: :209 derived when None; 5: :87-88
  mistral: { v4: K('given'), v5: K('number') }, // 4: head_dim=None :124, stored as given :146; 5: derived :84
  mixtral: both(K('given')), // 4: :136, :175; 5: `head_dim: int | None = None` :74, never derived
  gemma: both(K('number')), // 4: default 256 :118; 5: :70
  gemma2: both(K('number')), // 4: :127; 5: :74
  gemma3_text: both(K('number')), // gemma3/configuration_gemma3.py 4: :177; 5: :83
  qwen3: both(K('number')), // 4: default 128 :163; 5: :68
  gpt_oss: both(K('number')), // 4: default 64 :55, :100; 5: :49, :74
  // qk_rope_head_dim, then super() stores a config.json head_dim: 4: :210, :244; 5: :124, :125
  deepseek_v3: both(K('number')),
  deepseek_v2: both(K('fixed')), // always qk_rope_head_dim: 4: :214; 5: :125
  glm4_moe_lite: { v5: K('never') }, // 5: attribute_map head_dim -> qk_rope_head_dim :80 (no 4.x class)
  minimax_m2: { v5: K('number') }, // 5: :82 (no 4.x class)
  glm: both(K('number')), // 4: default 128 :111; 5: :62
  qwen3_next: both(K('number')), // 4: default 256 :206; 5: :108
  llama4_text: both(K('number')), // llama4 4: :301, :361; 5: :147, :184
  qwen3_vl_text: both(K('number')), // qwen3_vl 4: default 128 :175; 5: :90
  qwen3_vl_moe_text: both(K('number')), // 4: derived :209; 5: :113
  qwen3_5_text: { v5: K('number') }, // 5: default 256 :97
  qwen3_5_moe_text: { v5: K('number') }, // 5: default 256 :104
  // Per-layer shapes go through prefixKvWidth (below); head_dim default 256 (5: configuration_gemma4.py:157-158)
  gemma4_text: { v5: K('number') },
  ministral3: { v5: K('number') }, // 5: default 128 :80, derived when None :109 (no 4.x class)
  nemotron_h: { v5: K('number') }, // 5: num_key_value_heads :97, head_dim default 128 :98 (no 4.x class)
  // num_key_value_heads stored (4: __init__ argument; 5: class field), no head_dim field.
  qwen2: both(K('given')),
  qwen2_moe: both(K('given')),
  qwen3_moe: both(K('given')), // published Qwen3-MoE configs give head_dim (128 != hidden / heads)
  phi: both(K('given')),
  phi3: both(K('given')),
  granite: both(K('given')),
  olmo2: both(K('given')),
  starcoder2: both(K('given')),
  glm4_moe: both(K('given')),
  falcon_h1: both(K('given')),
  jamba: both(K('given')),
  smollm3: both(K('given')),
  mllama_text_model: both(K('given')), // mllama 4: :278; 5: :129
  qwen2_vl_text: both(K('given')),
  qwen2_5_vl_text: both(K('given')),
  olmo3: both(K('given')), // 4: :198; 5: :70, :90-91
  stablelm: both(K('given')), // 4: :174; 5: :50
  hunyuan_v1_dense: both(K('given')), // head_dim kept as given, never derived: 4: :135, :140; 5: :41, :56
  arcee: both(K('number')), // derived when None: 4: :183, :193; 5: :67, :81-85
  nemotron: both(K('number')), // derived when None: 4: :134-135; 5: :51-52, :68
  // Classes without num_key_value_heads.
  gpt2: PLAIN,
  gptj: PLAIN,
  gpt_neox: PLAIN,
  bloom: PLAIN,
  opt: PLAIN,
  bert: PLAIN,
  roberta: PLAIN,
  'xlm-roberta': PLAIN,
  distilbert: PLAIN,
  'deberta-v2': PLAIN,
  vit: PLAIN,
  bart: PLAIN,
  mamba: PLAIN,
  mpt: PLAIN, // MptConfig has neither field (4 and 5 configuration_mpt.py)
  // ChatGLMConfig is the model repository's remote code, not in transformers: not read here; its published
  // configs give neither key, so PretrainedConfig's keeping of unknown keys is assumed.
  chatglm: PLAIN,
  falcon: both({ kv: 'given', headDim: 'never' }), // head_dim is a read-only property: 4: :203; 5: :102
  t5: both({ kv: 'given', headDim: 'never' }), // attribute_map head_dim -> d_kv: 4: :80; 5: :41
  mt5: both({ kv: 'given', headDim: 'never' }), // attribute_map head_dim -> d_kv: 4: :79; 5: :40
};

/** The fact for a text model type at a release; an unlisted type follows PretrainedConfig (PLAIN). */
export function kvFact(type: string, release: TransformersRelease | undefined): KvFact {
  const facts = PREFIX_KV_FACTS[type] ?? PLAIN;
  const v5 = release ? atLeast(release, 5, 0) : true;
  // A type a release lacks is refused before this (Family.atRelease); the other range stands in.
  return (v5 ? (facts.v5 ?? facts.v4) : (facts.v4 ?? facts.v5)) as KvFact;
}

/**
 * token_dim for prefix tuning, `tokenDim` and `heads` being the user's values or the config's. The
 * config's own head_dim and num_key_value_heads (config.json's, the text_config's for a VLM) come from
 * `inv.promptConfig`; a class default or derivation from `inv.dims`.
 */
export function prefixTokenDim(inv: ModelInventory, tokenDim: number, heads: number): number {
  // Per-layer attention shapes (Gemma 4): PEFT provisions the widest layer's head_dim with its KV heads
  // from per_layer_config (PEFT 0.20.0 utils/other.py:1195-1213), whatever token_dim was given.
  if (inv.dims.prefixKvWidth !== undefined) return inv.dims.prefixKvWidth;
  const fact = kvFact(inv.promptModelType ?? inv.modelType, inv.transformers);
  const raw = inv.promptConfig ?? {};
  const kv = fact.kv === 'stored' ? inv.dims.numKeyValueHeads : raw.numKeyValueHeads;
  if (kv === undefined) return tokenDim;
  // PEFT divides token_dim by num_attention_heads: 0 is a ZeroDivisionError there, a negative count nonsense.
  if (!(heads > 0)) throw new EstimateError(`num_attention_heads must be a positive integer, got ${heads}`);
  const derived = Math.floor(tokenDim / heads);
  const headDim = {
    number: raw.headDim ?? inv.dims.headDim,
    given: raw.headDim ?? derived,
    fixed: inv.dims.headDim,
    never: derived,
  }[fact.headDim];
  return headDim * kv;
}
