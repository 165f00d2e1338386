// Prompt-learning methods as PEFT 0.20.0 builds them (peft_model.py `_setup_prompt_encoder`,
// utils/other.py `_prepare_prompt_learning_config`, tuners/{prompt_tuning,prefix_tuning,p_tuning}/model.py,
// tuners/adaption_prompt): the whole base model is frozen and only the prompt encoder trains.
import { int, text, withDefaults, type Cfg } from './config';
import { Ledger } from './ledger';
import { EstimateError, type ModelInventory } from './types';

/** model_types whose config class has `num_key_value_heads`: prefix tuning then uses the KV width (PEFT #1901). */
const HAS_KV_HEADS = new Set([
  'llama', 'mistral', 'mixtral', 'qwen2', 'qwen2_moe', 'qwen3', 'qwen3_moe', 'gemma', 'gemma2', 'gemma3_text', 'phi', 'phi3',
  'starcoder2', 'stablelm', 'olmo', 'olmo2', 'cohere', 'granite', 'nemotron', 'deepseek_v2', 'deepseek_v3', 'jamba',
]);

export interface PromptMethod {
  peftType: string;
  label: string;
  defaults: Record<string, unknown>;
  /** Trainable parameters of the prompt encoder. */
  encoder(inv: ModelInventory, cfg: Cfg, taskType: string | null): number;
}

/** PEFT doubles the virtual tokens for encoder-decoder seq2seq (one set per stack); prefix tuning does not. */
function submodules(taskType: string | null): number {
  return taskType === 'SEQ_2_SEQ_LM' ? 2 : 1;
}

function hiddenOr(cfg: Cfg, key: string, dflt: number): number {
  return cfg[key] === undefined || cfg[key] === null ? dflt : int(cfg, key);
}

const linear = (i: number, o: number) => i * o + o;

export const PROMPT_TUNING: PromptMethod = {
  peftType: 'PROMPT_TUNING',
  label: 'Prompt tuning (Lester et al. 2021, arXiv 2104.08691)',
  defaults: { num_virtual_tokens: 20 },
  encoder: (inv, cfg, task) => int(cfg, 'num_virtual_tokens') * submodules(task) * hiddenOr(cfg, 'token_dim', inv.dims.hiddenSize),
};

/** token_dim for prefix tuning: head_dim x num_key_value_heads where the config has KV heads. */
function prefixTokenDim(inv: ModelInventory, cfg: Cfg): number {
  if (cfg.token_dim !== undefined && cfg.token_dim !== null) return int(cfg, 'token_dim');
  const d = inv.dims;
  return HAS_KV_HEADS.has(inv.modelType) ? d.headDim * d.numKeyValueHeads : d.hiddenSize;
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
  for (let l = 0; l < layers; l++) total += 2 * (4 * hidden * ((l === 0 ? input : 2 * hidden) + hidden) + 8 * hidden);
  return total;
}

export const P_TUNING: PromptMethod = {
  peftType: 'P_TUNING',
  label: 'P-tuning (Liu et al. 2021, arXiv 2103.10385)',
  defaults: { num_virtual_tokens: 20, encoder_reparameterization_type: 'MLP', encoder_num_layers: 2 },
  encoder(inv, cfg, task) {
    const d = hiddenOr(cfg, 'token_dim', inv.dims.hiddenSize);
    const h = hiddenOr(cfg, 'encoder_hidden_size', d);
    const embedding = int(cfg, 'num_virtual_tokens') * submodules(task) * d;
    const type = (text(cfg, 'encoder_reparameterization_type') ?? 'MLP').toUpperCase();
    if (type === 'MLP') return embedding + linear(d, h) + linear(h, h) + linear(h, d); // always 3 layers
    if (type === 'LSTM') return embedding + lstmParams(d, h, int(cfg, 'encoder_num_layers')) + linear(2 * h, 2 * h) + linear(2 * h, d);
    throw new EstimateError('Prompt encoder type not recognized. Please use one of MLP (recommended) or LSTM.');
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
    if (!attention) throw new EstimateError(`Unsupported model type for adaption prompt: '${inv.modelType}' (PEFT supports llama, mistral, gpt2).`);
    const layers = int(cfg, 'adapter_layers');
    const len = int(cfg, 'adapter_len');
    if (layers > inv.dims.numLayers) {
      throw new EstimateError(`Config specifies more adapter layers '${layers}' than the model has '${inv.dims.numLayers}'.`);
    }
    return layers * (len * inv.dims.hiddenSize + 1);
  },
};

export const PROMPT_METHODS: Record<string, PromptMethod> = {
  PROMPT_TUNING, PREFIX_TUNING, P_TUNING, ADAPTION_PROMPT,
};

export function promptLedger(inv: ModelInventory, method: PromptMethod, peft: Record<string, unknown>, taskType: string | null): Ledger {
  const cfg = withDefaults(peft, method.defaults);
  const ledger = new Ledger();
  const params = method.encoder(inv, cfg, taskType);
  ledger.add({ module: 'prompt_encoder', what: 'prompt', moduleKind: 'prompt encoder', params, trainable: true, addsToTotal: true });
  if (method.peftType === 'PREFIX_TUNING' && cfg.prefix_projection === true && cfg.encoder_hidden_size == null) {
    ledger.warnings.push('prefix_projection with the default encoder_hidden_size (= token_dim) builds a very large MLP; PEFT trains all of it.');
  }
  return ledger;
}
