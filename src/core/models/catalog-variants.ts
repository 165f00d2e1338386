// Same-architecture variants of catalog entries (instruct, chat, dated releases). Each was added only
// after a public copy of its own config.json (named in `readFrom`) was compared with its base entry on
// every shape field: hidden size, layers, heads, key/value heads, head_dim, intermediate size, vocab
// size, tie_word_embeddings and MoE fields. Fields that do not change the module inventory (context
// length, RoPE base, sliding window) may differ; `differs` says which.
import type { CatalogVariant } from './types';

const MLC = (key: string): string => `mlc-ai/mlc-llm python/mlc_llm/model/model_preset.py, preset "${key}" (a verbatim config.json)`;
const THUNDER = (path: string): string => `kevinstephano/thunder_model_blocks ${path} (a verbatim config.json naming the repo in _name_or_path)`;

export const CATALOG_VARIANTS: readonly CatalogVariant[] = [
  {
    id: 'Qwen/Qwen3-4B-Instruct-2507', base: 'Qwen/Qwen3-4B', names: ['qwen3-4b-instruct-2507'],
    readFrom: `${MLC('qwen3_4b_instruct_2507')}; the same values in akougkas/warpio-cli model_cards/qwen3:4b.md`,
    differs: 'max_position_embeddings 262144 and rope_theta 5000000',
  },
  {
    id: 'Qwen/Qwen3-4B-Thinking-2507', base: 'Qwen/Qwen3-4B', names: ['qwen3-4b-thinking-2507'],
    readFrom: MLC('qwen3_4b_thinking_2507'), differs: 'max_position_embeddings 262144 and rope_theta 5000000',
  },
  {
    id: 'meta-llama/Meta-Llama-3-8B-Instruct', base: 'meta-llama/Meta-Llama-3-8B', names: ['llama-3-8b-instruct', 'meta-llama-3-8b-instruct'],
    readFrom: THUNDER('llama/llama_3_8B_Instruct_config.py'),
  },
  {
    id: 'meta-llama/Llama-3.1-8B-Instruct', base: 'meta-llama/Llama-3.1-8B',
    names: ['meta-llama/Meta-Llama-3.1-8B-Instruct', 'llama-3.1-8b-instruct'],
    readFrom: 'a public ModelArgs test fixture writing the config.json of meta-llama/Llama-3.1-8B-Instruct (_name_or_path, transformers 4.42.3); the same values in mlc-llm preset "llama3_1_8b"',
  },
  {
    id: 'meta-llama/Llama-3.2-1B-Instruct', base: 'meta-llama/Llama-3.2-1B', names: ['llama-3.2-1b-instruct'],
    readFrom: THUNDER('thunder_model_blocks/llama/llama_config.py (LLAMA_3_2_1B_CFG)'),
  },
  {
    id: 'google/gemma-2-9b-it', base: 'google/gemma-2-9b', names: ['gemma-2-9b-it'],
    readFrom: `${THUNDER('thunder_model_blocks/gemma2/gemma2_config.py')}; tie_word_embeddings absent as in the base (default true)`,
  },
  {
    id: 'mistralai/Mistral-7B-Instruct-v0.2', base: 'mistralai/Mistral-7B-v0.1', names: ['mistral-7b-instruct-v0.2'],
    readFrom: 'edadaltocg/mistral-src-finetune finetune/config.py "Mistral-7B-v0.2-Instruct" (dim 4096, 32 layers, head_dim 128, hidden_dim 14336, 32 heads, 8 kv heads, vocab 32000); Azure/azureml-assets Mistral-7B-Instruct-v0-2 description lists its changes from v0.1',
    differs: 'rope_theta 1e6, no sliding window, 32k context',
  },
  {
    id: 'microsoft/Phi-3.5-mini-instruct', base: 'microsoft/Phi-3-mini-4k-instruct', names: ['phi-3.5-mini', 'phi-3.5-mini-instruct'],
    readFrom: `${MLC('phi-3_5')} (_name_or_path Phi-3.5-mini-instruct)`,
    differs: 'max_position_embeddings 131072 with longrope rope_scaling, sliding_window 262144',
  },
  {
    id: 'TinyLlama/TinyLlama-1.1B-Chat-v1.0', base: 'TinyLlama/TinyLlama-1.1B-intermediate-step-1431k-3T',
    names: ['tinyllama-1.1b-chat', 'tinyllama-1.1b-chat-v1.0'], readFrom: MLC('tinyllama_1b_chat_v1.0'),
  },
  {
    id: 'meta-llama/Llama-2-7b-chat-hf', base: 'meta-llama/Llama-2-7b-hf', names: ['llama-2-7b-chat', 'llama-2-7b-chat-hf'],
    readFrom: 'RahulSChand/gpu_poor public/all_configs.json (hidden, intermediate, heads, layers, vocab of meta-llama/Llama-2-7b-chat-hf); riccardomusmeci/mlx-llm config "llama-2-7b-chat" (32 kv heads)',
  },
];
