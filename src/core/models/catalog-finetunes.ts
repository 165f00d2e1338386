// Fine-tunes, pruned copies and dated re-releases of catalog entries that the frameworks' example configs
// train. Each maps to its base only on cited evidence that the shape fields (hidden size, layers, heads,
// key/value heads, head_dim, intermediate size, vocab size, tie_word_embeddings, MoE fields) are the
// base's: a transcription of the variant's own config.json, or the publisher's model card naming the base
// (with the base's parameter count where it gives one), or the publisher's training recipe. Fields that leave the module inventory unchanged are in `differs`.
import { LITGPT } from './catalog-more-variants';
import { QWEN3_MOE_LAYOUT } from './catalog-recent';
import type { CatalogEntry, CatalogVariant } from './types';

/** A base only a fine-tune in the example configs names (Qwen3-235B-A22B-Instruct-2507). */
export const FINETUNE_BASES: readonly CatalogEntry[] = [
  {
    id: 'Qwen/Qwen3-235B-A22B',
    aliases: ['qwen3-235b-a22b'],
    family: 'Qwen3 MoE',
    source: 'https://huggingface.co/Qwen/Qwen3-235B-A22B/blob/main/config.json',
    readFrom: `${LITGPT('Qwen3-235B-A22B')} (block 40960, 94 layers, hidden 4096, 64 heads, 4 key/value heads, head_size 128, intermediate 12288, moe_intermediate_size 1536, 128 experts, 8 per token, every layer MoE, padded vocab 151936, rope_base 1e6, norm_eps 1e-6, no bias); zyzshishui/slime scripts/models/qwen3-235B-A22B.sh has the same shapes and --untie-embeddings-and-output-weights; real PEFT 0.20.0 counts 235,093,634,560 (test/data/oracle/local/qwen3-235b-5.17.0.json), the card's "235B in total"`,
    config: {
      ...QWEN3_MOE_LAYOUT,
      hidden_size: 4096,
      intermediate_size: 12288,
      max_position_embeddings: 40960,
      moe_intermediate_size: 1536,
      num_attention_heads: 64,
      num_experts: 128,
      num_experts_per_tok: 8,
      num_hidden_layers: 94,
      num_key_value_heads: 4,
      rms_norm_eps: 1e-6,
      rope_theta: 1000000.0,
      tie_word_embeddings: false,
      vocab_size: 151936,
    },
  },
];

/** alignment-handbook's recipe and the SFT script of its release (it resizes embeddings only for ChatML). */
const HANDBOOK = (recipe: string, hubId: string): string =>
  `huggingface/alignment-handbook ${recipe} (model_name_or_path mistralai/Mistral-7B-v0.1, hub_model_id ${hubId}, a Zephyr chat_template of <|user|>/<|assistant|> text and eos_token); scripts/run_sft.py adds tokens and resizes the embeddings only for a ChatML template (lines 124-127 at 01f29c1; never at 33a0ce3 and f0ffa0d, the versions current when these two were published), so vocab_size stays 32000`;

/** A model card on a Hub mirror (the stored copy we read), with what it says. */
const CARD = (id: string, says: string): string => `the ${id} model card (Hub README): ${says}`;

export const FINETUNE_VARIANTS: readonly CatalogVariant[] = [
  {
    id: 'Qwen/Qwen3-30B-A3B-Instruct-2507',
    base: 'Qwen/Qwen3-30B-A3B',
    names: ['qwen3-30b-a3b-instruct-2507'],
    readFrom: `${LITGPT('Qwen3-30B-A3B-{}-2507')} (one dict for Instruct and Thinking: 48 layers, hidden 2048, 32 heads, 4 key/value heads, head_size 128, moe_intermediate_size 768, 128 experts, 8 per token, padded vocab 151936, as its Qwen3-30B-A3B entry)`,
    differs: 'max_position_embeddings 262144 and rope_theta 10000000',
  },
  {
    id: 'Qwen/Qwen3-235B-A22B-Instruct-2507',
    base: 'Qwen/Qwen3-235B-A22B',
    names: ['qwen3-235b-a22b-instruct-2507'],
    readFrom: `${LITGPT('Qwen3-235B-A22B-{}-2507')} (one dict for Instruct and Thinking, with the shapes of its Qwen3-235B-A22B entry)`,
    differs: 'max_position_embeddings 262144 and rope_theta 5000000',
  },
  {
    id: 'google/gemma-3-270m-it',
    base: 'google/gemma-3-270m',
    names: ['gemma-3-270m-it'],
    readFrom:
      'a public C port\'s gemma3_270m_config.h, "canonical fields from models/gemma/270m-it/config.json": gemma3_text, 18 layers, hidden 640, 4 heads, 1 key/value head, head_dim 256, FFN 2048 (its D_INNER 1024 is heads x head_dim), vocab 262144, sliding window 512, query_pre_attn_scalar 256, rope_theta 1e6, rope_local_base_freq 1e4; no tie_word_embeddings key, so tied as in the base',
  },
  {
    id: 'openai/gpt-oss-safeguard-20b',
    evidence: 'model card',
    base: 'openai/gpt-oss-20b',
    names: ['gpt-oss-safeguard-20b'],
    readFrom: CARD(
      'openai/gpt-oss-safeguard-20b',
      'base_model openai/gpt-oss-20b with base_model_relation finetune, "safety reasoning models built-upon gpt-oss", 21B parameters with 3.6B active as gpt-oss-20b',
    ),
  },
  {
    id: 'agentica-org/DeepCoder-14B-Preview',
    evidence: 'model card',
    base: 'deepseek-ai/DeepSeek-R1-Distill-Qwen-14B',
    names: ['deepcoder-14b-preview'],
    readFrom: `${CARD(
      'agentica-org/DeepCoder-14B-Preview',
      'base_model deepseek-ai/DeepSeek-R1-Distill-Qwen-14B, "fine-tuned from DeepSeek-R1-Distilled-Qwen-14B using distributed reinforcement learning"',
    )}; docker/model-runner agentica-deepcoder.md lists it as Qwen2 with 14.77B parameters (the base's 14,770,033,664)`,
  },
  {
    id: 'neuralmagic/Sparse-Llama-3.1-8B-2of4',
    evidence: 'model card',
    base: 'meta-llama/Llama-3.1-8B',
    names: ['RedHatAI/Sparse-Llama-3.1-8B-2of4', 'sparse-llama-3.1-8b-2of4'],
    readFrom: CARD(
      'neuralmagic/Sparse-Llama-3.1-8B-2of4',
      '"Model Architecture: Llama-3.1-8B", "the 2:4 sparse version of Llama-3.1-8B" obtained by pruning the linear operators within transformer blocks (the pruned weights are zeros in the same matrices, so PEFT counts the same parameters)',
    ),
  },
  {
    id: 'open-r1/Qwen2.5-Math-7B-RoPE-300k',
    evidence: 'model card',
    base: 'Qwen/Qwen2.5-7B',
    readFrom: `${CARD(
      'open-r1/OpenR1-Distill-7B',
      'fine-tuned from "a variant of Qwen/Qwen2.5-Math-7B whose RoPE base frequency was extended to 300k to enable training on a 32k context" (base_model open-r1/Qwen2.5-Math-7B-RoPE-300k)',
    )}; Qwen2.5-Math-7B has Qwen2.5-7B's shape (${LITGPT('Qwen2.5-Math-7B{}')})`,
    differs: 'rope_theta 300000 (32k context)',
  },
  {
    id: 'HuggingFaceTB/SmolLM3-3B-checkpoints',
    evidence: 'model card',
    base: 'HuggingFaceTB/SmolLM3-3B',
    readFrom: CARD(
      'HuggingFaceTB/SmolLM3-3B-checkpoints',
      '"intermediate checkpoints of SmolLM3" of its pre-training stages and "every step of our post-training recipe: Mid training, SFT, APO soup" (the revisions alignment-handbook recipes/smollm3 train from)',
    ),
    differs: 'context length per revision (its long-context stages extend it from 4k to 64k)',
  },
  {
    id: 'alignment-handbook/zephyr-7b-sft-full',
    evidence: 'recipe',
    base: 'mistralai/Mistral-7B-v0.1',
    names: ['zephyr-7b-sft-full'],
    readFrom: HANDBOOK('recipes/zephyr-7b-beta/sft/config_full.yaml', 'zephyr-7b-sft-full'),
  },
  {
    id: 'alignment-handbook/mistral-7b-sft-constitutional-ai',
    evidence: 'recipe',
    base: 'mistralai/Mistral-7B-v0.1',
    names: ['mistral-7b-sft-constitutional-ai'],
    readFrom: HANDBOOK(
      'recipes/constitutional-ai/sft/config_anthropic.yaml',
      'mistral-7b-sft-constitutional-ai',
    ),
  },
];
