// Same-architecture variants of catalog entries (instruct, chat, dated releases). Each was added only
// after a copy of its own config.json (named in `readFrom`: the Hub page itself where the stored copy
// had it, else configs that name the repo in `_name_or_path`) was compared with its base entry on every
// shape field: hidden size, layers, heads, key/value heads, head_dim, intermediate size, vocab size,
// tie_word_embeddings and MoE fields. Fields that leave the module inventory unchanged (context length,
// RoPE base, sliding window, rms_norm_eps) may differ; `differs` says which.
import type { CatalogVariant } from './types';

const HUB = (id: string, rev: string): string =>
  `huggingface.co/${id}/blob/${rev}/config.json (the published file)`;
const MLC = (key: string): string =>
  `mlc-ai/mlc-llm python/mlc_llm/model/model_preset.py preset "${key}" (a verbatim config.json)`;
const THUNDER = (path: string): string =>
  `kevinstephano/thunder_model_blocks ${path} (a verbatim config.json naming the repo in _name_or_path)`;
const NAMING = (...repos: string[]): string =>
  `config.json of ${repos.join(' and ')} on the Hub, which name it in _name_or_path`;

const QWEN3_2507 = 'max_position_embeddings 262144 and rope_theta 5000000';
const QWEN_32K = 'max_position_embeddings 32768';

export const CATALOG_VARIANTS: readonly CatalogVariant[] = [
  // Qwen
  {
    id: 'Qwen/Qwen3-4B-Instruct-2507',
    base: 'Qwen/Qwen3-4B',
    names: ['qwen3-4b-instruct-2507'],
    readFrom: `${MLC('qwen3_4b_instruct_2507')}; the same values in akougkas/warpio-cli model_cards/qwen3:4b.md`,
    differs: QWEN3_2507,
  },
  {
    id: 'Qwen/Qwen3-4B-Thinking-2507',
    base: 'Qwen/Qwen3-4B',
    names: ['qwen3-4b-thinking-2507'],
    readFrom: MLC('qwen3_4b_thinking_2507'),
    differs: QWEN3_2507,
  },
  {
    id: 'Qwen/Qwen2.5-0.5B-Instruct',
    base: 'Qwen/Qwen2.5-0.5B',
    names: ['qwen2.5-0.5b-instruct'],
    readFrom: NAMING('unsloth/Qwen2.5-0.5B-Instruct', 'chinmaydk99/Qwen2.5-0.5B-Open-R1-Distill'),
    differs: 'max_window_layers 21',
  },
  {
    id: 'Qwen/Qwen2.5-1.5B-Instruct',
    base: 'Qwen/Qwen2.5-1.5B',
    names: ['qwen2.5-1.5b-instruct'],
    readFrom: NAMING('onnx-community/Qwen2.5-1.5B-Instruct', 'Mattimax/DATA-AI_Chat_3_1.5B'),
    differs: `${QWEN_32K}, max_window_layers 21`,
  },
  {
    id: 'Qwen/Qwen2.5-3B-Instruct',
    base: 'Qwen/Qwen2.5-3B',
    names: ['qwen2.5-3b-instruct'],
    readFrom: NAMING('osllmai-community/Qwen2.5-3B-Instruct', 'hsuwill000/Qwen2.5-3B-Instruct-openvino'),
    differs: 'max_window_layers 70',
  },
  {
    id: 'Qwen/Qwen2.5-7B-Instruct',
    base: 'Qwen/Qwen2.5-7B',
    names: ['qwen2.5-7b-instruct'],
    readFrom: NAMING(
      'osllmai-community/Qwen2.5-7B-Instruct',
      'CarbonLover/krx_qwen2.5_it_test',
      'yongsen-teo/qwen25',
    ),
    differs: `${QWEN_32K}, sliding_window null`,
  },
  {
    id: 'Qwen/Qwen2.5-14B-Instruct',
    base: 'Qwen/Qwen2.5-14B',
    names: ['qwen2.5-14b-instruct'],
    readFrom: NAMING('osllmai-community/Qwen2.5-14B-Instruct', 'dwikitheduck/gen-try1'),
    differs: `${QWEN_32K}, rms_norm_eps 1e-6`,
  },
  {
    id: 'Qwen/Qwen2.5-32B-Instruct',
    base: 'Qwen/Qwen2.5-32B',
    names: ['qwen2.5-32b-instruct'],
    readFrom:
      'config.json of WPAI-INC/WPAIGPT-fse-patterns-1, which names unsloth/qwen2.5-32b-instruct-bnb-4bit (a 4-bit copy of it) in _name_or_path',
    differs: `${QWEN_32K}, rms_norm_eps 1e-6`,
  },
  {
    id: 'Qwen/Qwen2-0.5B-Instruct',
    base: 'Qwen/Qwen2-0.5B',
    names: ['qwen2-0.5b-instruct'],
    readFrom: NAMING('harry85/Qwen2-0.5B-Instruct', 'longlian/Qwen2-0.5B-GRPO-demo'),
    differs: QWEN_32K,
  },
  {
    id: 'Qwen/Qwen2-7B-Instruct',
    base: 'Qwen/Qwen2-7B',
    names: ['qwen2-7b-instruct'],
    readFrom: "unsloth/Qwen2-7B-Instruct config.json on the Hub (unsloth's re-upload of it)",
    differs: QWEN_32K,
  },
  {
    id: 'Qwen/Qwen1.5-MoE-A2.7B',
    base: 'Qwen/Qwen1.5-MoE-A2.7B-Chat',
    readFrom: NAMING('MaziyarPanahi/Qwen1.5-MoE-A2.7B-Wikihow', 'jayzeng/llm-fun'),
    differs: 'max_position_embeddings 8192',
  },
  // Llama
  {
    id: 'meta-llama/Llama-2-7b-chat-hf',
    base: 'meta-llama/Llama-2-7b-hf',
    names: ['llama-2-7b-chat', 'llama-2-7b-chat-hf'],
    readFrom: `${NAMING('gibhug/llama2-7b-chicks_v2-0')}; RahulSChand/gpu_poor public/all_configs.json`,
  },
  {
    id: 'meta-llama/Llama-2-13b-chat-hf',
    base: 'meta-llama/Llama-2-13b-hf',
    names: ['llama-2-13b-chat', 'llama-2-13b-chat-hf'],
    readFrom: `NousResearch/Llama-2-13b-chat-hf config.json (its re-upload); ${NAMING('NingLab/eCeLLM-L')}`,
  },
  {
    id: 'meta-llama/Llama-2-70b-chat-hf',
    base: 'meta-llama/Llama-2-70b-hf',
    names: ['llama-2-70b-chat', 'llama-2-70b-chat-hf'],
    readFrom: NAMING(
      'Yukang/Llama-2-70b-chat-longlora-32k',
      'vicaloy/Llama-2-70B-chat-hf-dmcvs-full',
      'compressed-llm/llama-2-70b-chat-gptq',
    ),
  },
  {
    id: 'meta-llama/Meta-Llama-3-8B-Instruct',
    base: 'meta-llama/Meta-Llama-3-8B',
    names: ['llama-3-8b-instruct', 'meta-llama-3-8b-instruct'],
    readFrom: THUNDER('llama/llama_3_8B_Instruct_config.py'),
  },
  {
    id: 'meta-llama/Llama-3.1-8B-Instruct',
    base: 'meta-llama/Llama-3.1-8B',
    names: ['meta-llama/Meta-Llama-3.1-8B-Instruct', 'llama-3.1-8b-instruct'],
    readFrom:
      'a public ModelArgs test fixture writing the config.json of meta-llama/Llama-3.1-8B-Instruct (_name_or_path, transformers 4.42.3); the same values in mlc-llm preset "llama3_1_8b"',
  },
  {
    id: 'meta-llama/Llama-3.1-70B-Instruct',
    base: 'meta-llama/Llama-3.1-70B',
    names: ['meta-llama/Meta-Llama-3.1-70B-Instruct', 'llama-3.1-70b-instruct'],
    readFrom: NAMING('tachyphylaxis/Meta-Llama-3.1-Chat-Uncensored', 'mattshumer/Reflection-70B-Draft'),
  },
  {
    id: 'meta-llama/Llama-3.2-1B-Instruct',
    base: 'meta-llama/Llama-3.2-1B',
    names: ['llama-3.2-1b-instruct'],
    readFrom: THUNDER('thunder_model_blocks/llama/llama_config.py (LLAMA_3_2_1B_CFG)'),
  },
  {
    id: 'meta-llama/Llama-3.2-3B-Instruct',
    base: 'meta-llama/Llama-3.2-3B',
    names: ['llama-3.2-3b-instruct'],
    readFrom: `lhpku20010120/Llama-3.2-3B-Instruct config.json (a copy); ${NAMING('lunahr/thea-c-3b-25r')}`,
  },
  {
    id: 'TinyLlama/TinyLlama-1.1B-Chat-v1.0',
    base: 'TinyLlama/TinyLlama-1.1B-intermediate-step-1431k-3T',
    names: ['tinyllama-1.1b-chat', 'tinyllama-1.1b-chat-v1.0'],
    readFrom: MLC('tinyllama_1b_chat_v1.0'),
  },
  // Mistral
  {
    id: 'mistralai/Mistral-7B-Instruct-v0.1',
    base: 'mistralai/Mistral-7B-v0.1',
    names: ['mistral-7b-instruct-v0.1'],
    readFrom: NAMING('aws-neuron/Mistral-neuron', 'taehallm/mois-mis-inst-7b', 'Moon-Ahn/mistral_edit'),
  },
  {
    id: 'mistralai/Mistral-7B-Instruct-v0.2',
    base: 'mistralai/Mistral-7B-v0.1',
    names: ['mistral-7b-instruct-v0.2'],
    readFrom: `${NAMING('hiranb/mistralonnx')}; edadaltocg/mistral-src-finetune finetune/config.py (its params)`,
    differs: 'rope_theta 1e6 and no sliding window',
  },
  {
    id: 'mistralai/Mistral-7B-Instruct-v0.3',
    base: 'mistralai/Mistral-7B-v0.3',
    names: ['mistral-7b-instruct-v0.3'],
    readFrom: HUB('mistralai/Mistral-7B-Instruct-v0.3', 'c170c708c41dac9275d15a8fff4eca08d52bab71'),
  },
  {
    id: 'mistralai/Mixtral-8x7B-Instruct-v0.1',
    base: 'mistralai/Mixtral-8x7B-v0.1',
    names: ['mixtral-8x7b-instruct', 'mixtral-8x7b-instruct-v0.1'],
    readFrom: HUB('mistralai/Mixtral-8x7B-Instruct-v0.1', 'eba92302a2861cdc0098cc54bc9f17cb2c47eb61'),
  },
  // Gemma, Phi
  {
    id: 'google/gemma-2b-it',
    base: 'google/gemma-2b',
    names: ['gemma-2b-it'],
    readFrom: NAMING('unsloth/gemma-2b-it@dffc6e5', 'JasonIsHere/gemma-2b-it-nextjs'),
  },
  {
    id: 'google/gemma-2-9b-it',
    base: 'google/gemma-2-9b',
    names: ['gemma-2-9b-it'],
    readFrom: `${THUNDER('thunder_model_blocks/gemma2/gemma2_config.py')}; tie_word_embeddings absent as in the base (default true)`,
  },
  {
    id: 'microsoft/Phi-3.5-mini-instruct',
    base: 'microsoft/Phi-3-mini-4k-instruct',
    names: ['phi-3.5-mini', 'phi-3.5-mini-instruct'],
    readFrom: `${MLC('phi-3_5')} (_name_or_path Phi-3.5-mini-instruct)`,
    differs: 'max_position_embeddings 131072 with longrope rope_scaling, sliding_window 262144',
  },
  // SmolLM2
  {
    id: 'HuggingFaceTB/SmolLM2-135M-Instruct',
    base: 'HuggingFaceTB/SmolLM2-135M',
    names: ['smollm2-135m-instruct'],
    readFrom:
      'the config.json that lilmeaty/Jaja-small-v4 replaced (commit 9d96a79), naming HuggingFaceTB/SmolLM2-135M-Instruct',
  },
  {
    id: 'HuggingFaceTB/SmolLM2-360M-Instruct',
    base: 'HuggingFaceTB/SmolLM2-360M',
    names: ['smollm2-360m-instruct'],
    readFrom: NAMING('prithivMLmods/SmolLM2-360M-Grpo-r999', 'eduardoworrel/SmolLM2-360M-Instruct'),
  },
  {
    id: 'HuggingFaceTB/SmolLM2-1.7B-Instruct',
    base: 'HuggingFaceTB/SmolLM2-1.7B',
    names: ['smollm2-1.7b-instruct'],
    readFrom: NAMING('puettmann/SmolMaestra-1.7b-Translation'),
  },
  {
    id: 'allenai/OLMo-2-1124-13B-Instruct',
    base: 'allenai/OLMo-2-1124-13B',
    names: ['olmo-2-13b-instruct', 'olmo-2-1124-13b-instruct'],
    readFrom: 'mauer4/Attention-From-Scratch weights/allenai/OLMo-2-1124-13B-Instruct/config.json @7b2eb954',
    differs: 'use_cache false, torch_dtype bfloat16',
  },
];
