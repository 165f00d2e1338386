// Prompt-learning methods as PEFT 0.20.0 builds them (peft_model.py `_setup_prompt_encoder`,
// utils/other.py `_prepare_prompt_learning_config`, tuners/{prompt_tuning,prefix_tuning,p_tuning}/model.py,
// tuners/adaption_prompt): the whole base model is frozen and only the prompt encoder trains.
import { int, text, withDefaults, type Cfg } from './config';
import { Ledger } from './ledger';
import { EstimateError, type ModelInventory } from './types';

/**
 * model_types whose config class has `num_key_value_heads`: prefix tuning then uses the KV width (PEFT #1901).
 * For a vision-language model PEFT reads `text_config` (PEFT 0.20.0 utils/other.py:1143-1145), so these
 * sets are keyed by the text model's type (`ModelInventory.promptModelType`; oracle: test/data/oracle/local).
 */
const HAS_KV_HEADS = new Set([
  'llama',
  'mistral',
  'mixtral',
  'qwen2',
  'qwen2_moe',
  'qwen3',
  'qwen3_moe',
  'gemma',
  'gemma2',
  'gemma3_text',
  'phi',
  'phi3',
  'starcoder2',
  'stablelm',
  'olmo',
  'olmo2',
  'cohere',
  'granite',
  'nemotron',
  'deepseek_v2',
  'deepseek_v3',
  'glm4_moe',
  'glm4_moe_lite',
  'minimax_m2',
  'jamba',
  'falcon_h1',
  'gpt_oss',
  // text models of the VLM families (their Family.textType): Qwen2VLTextConfig / Qwen2_5_VLTextConfig
  // (v4.57.6 configuration_qwen2_vl.py:165, configuration_qwen2_5_vl.py:176), Llama4TextConfig (:260)
  'qwen2_vl_text',
  'qwen2_5_vl_text',
  'llama4_text',
  'mllama_text_model', // MllamaTextConfig stores num_key_value_heads (v4.57.6 configuration_mllama.py:278)
]);

export interface PromptMethod {
  peftType: string;
  label: string;
  defaults: Record<string, unknown>;
  /** Trainable parameters of the prompt encoder. */
  encoder(inv: ModelInventory, cfg: Cfg, taskType: string | null): number;
}

/**
 * `num_transformer_submodules`: the user's value, else 2 for SEQ_2_SEQ_LM (one set of virtual tokens per
 * stack) and 1 otherwise (peft_model.py `_setup_prompt_encoder`). Prefix tuning's encoder ignores it.
 */
function submodules(cfg: Cfg, taskType: string | null): number {
  if (cfg.num_transformer_submodules !== undefined && cfg.num_transformer_submodules !== null) {
    const n = int(cfg, 'num_transformer_submodules');
    if (n < 1) throw new EstimateError(`\`num_transformer_submodules\` must be 1 or 2, got ${n}.`);
    return n;
  }
  return taskType === 'SEQ_2_SEQ_LM' ? 2 : 1;
}

/**
 * `_prepare_prompt_learning_config` reads token_dim and num_attention_heads from `config.to_dict()`, which
 * holds only the names a config class stores (not its attribute_map aliases). These classes store them
 * under other names (or not at all), so PEFT raises unless the PEFT config gives the value.
 */
const PROMPT_FIELDS_PEFT_CANNOT_READ: Record<string, readonly string[]> = {
  distilbert: ['token_dim', 'num_attention_heads'], // DistilBertConfig stores dim / n_heads
  mamba: ['num_attention_heads'], // MambaConfig has no attention heads at all
};

function requireReadableFields(inv: ModelInventory, cfg: Cfg): void {
  for (const field of PROMPT_FIELDS_PEFT_CANNOT_READ[inv.modelType] ?? []) {
    if (cfg[field] === undefined || cfg[field] === null) {
      throw new EstimateError(
        `Please specify \`${field}\` in \`peft_config\`: PEFT cannot read it from a "${inv.modelType}" config.`,
      );
    }
  }
}

function hiddenOr(cfg: Cfg, key: string, dflt: number): number {
  return cfg[key] === undefined || cfg[key] === null ? dflt : int(cfg, key);
}

const linear = (i: number, o: number) => i * o + o;

export const PROMPT_TUNING: PromptMethod = {
  peftType: 'PROMPT_TUNING',
  label: 'Prompt tuning (Lester et al. 2021, arXiv 2104.08691)',
  defaults: { num_virtual_tokens: 20 },
  encoder: (inv, cfg, task) =>
    int(cfg, 'num_virtual_tokens') * submodules(cfg, task) * hiddenOr(cfg, 'token_dim', inv.dims.hiddenSize),
};

/**
 * model_types whose config class stores `head_dim` (to_dict()); others derive it. GptOssConfig stores 64
 * (8 KV heads x 64 = 512 wide, not hidden_size 2880); DeepseekV3Config sets head_dim = qk_rope_head_dim
 * (configuration_deepseek_v3.py `self.head_dim = qk_rope_head_dim`), so its prefix is qk_rope_head_dim x
 * num_key_value_heads wide (PEFT utils/other.py:1186-1215 `_prepare_prompt_learning_config`, #1901).
 */
const STORES_HEAD_DIM = new Set([
  'llama',
  'mistral',
  'mixtral',
  'gemma',
  'gemma2',
  'gemma3_text',
  'qwen3',
  'qwen3_moe',
  'gpt_oss',
  'deepseek_v3',
  // Llama4TextConfig (transformers v4.57.6 configuration_llama4.py:361); PaliGemma's and LLaVA-NeXT's text
  // models are gemma / gemma2 / llama / mistral above; Qwen2-VL's text config derives it.
  'llama4_text',
  'deepseek_v2',
  'glm4_moe',
  'minimax_m2',
]);

/**
 * token_dim for prefix tuning. Where the config has num_key_value_heads, PEFT overwrites token_dim (even
 * one the user gave) with head_dim x num_key_value_heads; head_dim is the config's own, else
 * token_dim // num_attention_heads (the user's values when given).
 */
function prefixTokenDim(inv: ModelInventory, cfg: Cfg): number {
  const d = inv.dims;
  const given = (key: string) => cfg[key] !== undefined && cfg[key] !== null;
  const tokenDim = given('token_dim') ? int(cfg, 'token_dim') : d.hiddenSize;
  const type = inv.promptModelType ?? inv.modelType;
  // Per-layer attention shapes (Gemma 4): PEFT takes the widest layer's head_dim with its KV heads from
  // per_layer_config (PEFT 0.20.0 utils/other.py:1195-1213), whatever token_dim was given.
  if (d.prefixKvWidth !== undefined) return d.prefixKvWidth;
  if (!HAS_KV_HEADS.has(type)) return tokenDim;
  // Without a stored head_dim PEFT divides token_dim by num_attention_heads, even where the model's own
  // head_dim differs (Glm4MoeLiteConfig maps head_dim to qk_rope_head_dim, which to_dict() omits).
  const derive = !STORES_HEAD_DIM.has(type);
  const heads = given('num_attention_heads') ? int(cfg, 'num_attention_heads') : d.numAttentionHeads;
  return (derive ? Math.floor(tokenDim / heads) : d.headDim) * d.numKeyValueHeads;
}

export const PREFIX_TUNING: PromptMethod = {
  peftType: 'PREFIX_TUNING',
  label: 'Prefix tuning (Li & Liang 2021, arXiv 2101.00190)',
  defaults: { num_virtual_tokens: 20, prefix_projection: false },
  encoder(inv, cfg) {
    const n = int(cfg, 'num_virtual_tokens');
    const d = prefixTokenDim(inv, cfg);
    const kv = hiddenOr(cfg, 'num_layers', inv.dims.numLayers) * 2 * d;
    if (cfg.prefix_projection !== true) return n * kv;
    const h = hiddenOr(cfg, 'encoder_hidden_size', d);
    return n * d + linear(d, h) + linear(h, kv);
  },
};

/** Bidirectional LSTM: per layer and direction W_ih (4H x in), W_hh (4H x H) and two 4H biases. */
function lstmParams(input: number, hidden: number, layers: number): number {
  let total = 0;
  for (let l = 0; l < layers; l++)
    total += 2 * (4 * hidden * ((l === 0 ? input : 2 * hidden) + hidden) + 8 * hidden);
  return total;
}

export const P_TUNING: PromptMethod = {
  peftType: 'P_TUNING',
  label: 'P-tuning (Liu et al. 2021, arXiv 2103.10385)',
  defaults: { num_virtual_tokens: 20, encoder_reparameterization_type: 'MLP', encoder_num_layers: 2 },
  encoder(inv, cfg, task) {
    const d = hiddenOr(cfg, 'token_dim', inv.dims.hiddenSize);
    const h = hiddenOr(cfg, 'encoder_hidden_size', d);
    const embedding = int(cfg, 'num_virtual_tokens') * submodules(cfg, task) * d;
    const type = (text(cfg, 'encoder_reparameterization_type') ?? 'MLP').toUpperCase();
    if (type === 'MLP') return embedding + linear(d, h) + linear(h, h) + linear(h, d); // always 3 layers
    if (type === 'LSTM')
      return (
        embedding + lstmParams(d, h, int(cfg, 'encoder_num_layers')) + linear(2 * h, 2 * h) + linear(2 * h, d)
      );
    throw new EstimateError(
      'Prompt encoder type not recognized. Please use one of MLP (recommended) or LSTM.',
    );
  },
};

const ADAPTION_ATTENTION: Record<string, string> = { llama: 'self_attn', mistral: 'self_attn', gpt2: 'attn' };

/** LLaMA-Adapter: a learned prompt (adapter_len x hidden) and a zero-init gate in the last adapter_layers. */
export const ADAPTION_PROMPT: PromptMethod = {
  peftType: 'ADAPTION_PROMPT',
  label: 'LLaMA-Adapter adaption prompt (Zhang et al. 2023, arXiv 2303.16199)',
  defaults: {},
  encoder(inv, cfg) {
    const attention = ADAPTION_ATTENTION[inv.modelType];
    if (!attention)
      throw new EstimateError(
        `Unsupported model type for adaption prompt: '${inv.modelType}' (PEFT supports llama, mistral, gpt2).`,
      );
    const layers = int(cfg, 'adapter_layers');
    const len = int(cfg, 'adapter_len');
    if (layers > inv.dims.numLayers) {
      throw new EstimateError(
        `Config specifies more adapter layers '${layers}' than the model has '${inv.dims.numLayers}'.`,
      );
    }
    return layers * (len * inv.dims.hiddenSize + 1);
  },
};

export const PROMPT_METHODS: Record<string, PromptMethod> = {
  PROMPT_TUNING,
  PREFIX_TUNING,
  P_TUNING,
  ADAPTION_PROMPT,
};

export function promptLedger(
  inv: ModelInventory,
  method: PromptMethod,
  peft: Record<string, unknown>,
  taskType: string | null,
): Ledger {
  const cfg = withDefaults(peft, method.defaults);
  const ledger = new Ledger();
  if (method.peftType !== 'ADAPTION_PROMPT') {
    requireReadableFields(inv, cfg);
    // PromptLearningConfig.num_virtual_tokens defaults to None, so PEFT itself fails without it.
    if (peft.num_virtual_tokens === undefined || peft.num_virtual_tokens === null) {
      ledger.warnings.push(
        `num_virtual_tokens is not set: PEFT 0.20.0 needs it (its default is None); counted with ${String(cfg.num_virtual_tokens)}.`,
      );
    }
  }
  const params = method.encoder(inv, cfg, taskType);
  ledger.add({
    module: 'prompt_encoder',
    what: 'prompt',
    moduleKind: 'prompt encoder',
    params,
    trainable: true,
    addsToTotal: true,
  });
  if (
    method.peftType === 'PREFIX_TUNING' &&
    cfg.prefix_projection === true &&
    cfg.encoder_hidden_size == null
  ) {
    ledger.warnings.push(
      'prefix_projection with the default encoder_hidden_size (= token_dim) builds a very large MLP; PEFT trains all of it.',
    );
  }
  return ledger;
}
