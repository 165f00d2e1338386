// Catalog: Code Llama base models, which Axolotl's code-llama examples name. Shape fields only, each value
// as the published config.json has it, read from the verbatim copies in mlc-ai/mlc-llm
// python/mlc_llm/model/model_preset.py (presets "codellama_7b", which names codellama/CodeLlama-7b-hf in
// _name_or_path, "codellama_13b" and "codellama_34b"). Llama 2 shapes with 16 extra vocabulary rows
// (32016) and rope_theta 1e6; 34B uses grouped-query attention (8 key/value heads).
import type { CatalogEntry } from './types';

const hf = (id: string): string => `https://huggingface.co/${id}/blob/main/config.json`;
const MLC = (key: string): string =>
  `mlc-ai/mlc-llm python/mlc_llm/model/model_preset.py preset "${key}" (a verbatim config.json)`;

function codeLlama(h: number, ff: number, layers: number, heads: number, kvHeads: number) {
  return {
    architectures: ['LlamaForCausalLM'],
    model_type: 'llama',
    hidden_act: 'silu',
    hidden_size: h,
    intermediate_size: ff,
    max_position_embeddings: 16384,
    num_attention_heads: heads,
    num_hidden_layers: layers,
    num_key_value_heads: kvHeads,
    rms_norm_eps: 1e-5,
    rope_theta: 1000000,
    tie_word_embeddings: false,
    vocab_size: 32016,
  };
}

export const CODE_LLAMA_MODELS: readonly CatalogEntry[] = [
  {
    id: 'codellama/CodeLlama-7b-hf',
    aliases: ['codellama-7b', 'codellama-7b-hf', 'code-llama-7b'],
    family: 'Code Llama',
    source: hf('codellama/CodeLlama-7b-hf'),
    readFrom: MLC('codellama_7b'),
    config: codeLlama(4096, 11008, 32, 32, 32),
  },
  {
    id: 'codellama/CodeLlama-13b-hf',
    aliases: ['codellama-13b', 'codellama-13b-hf', 'code-llama-13b'],
    family: 'Code Llama',
    source: hf('codellama/CodeLlama-13b-hf'),
    readFrom: MLC('codellama_13b'),
    config: codeLlama(5120, 13824, 40, 40, 40),
  },
  {
    id: 'codellama/CodeLlama-34b-hf',
    aliases: ['codellama-34b', 'codellama-34b-hf', 'code-llama-34b'],
    family: 'Code Llama',
    source: hf('codellama/CodeLlama-34b-hf'),
    readFrom: MLC('codellama_34b'),
    config: codeLlama(8192, 22016, 48, 64, 8),
  },
];
