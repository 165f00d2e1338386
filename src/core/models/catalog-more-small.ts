// Catalog: small base models the frameworks' example configs fine-tune (Gemma-3-270M, SmolLM3-3B,
// Pythia-1.4B), read as catalog-more.ts reads its entries: each value from the copy named in `readFrom`.
import { LITGPT } from './catalog-more-variants';
import type { CatalogEntry } from './types';

const hf = (id: string): string => `https://huggingface.co/${id}/blob/main/config.json`;

export const MORE_SMALL_MODELS: readonly CatalogEntry[] = [
  {
    id: 'google/gemma-3-270m',
    aliases: ['gemma-3-270m', 'gemma3-270m'],
    family: 'Gemma 3',
    source: hf('google/gemma-3-270m'),
    readFrom:
      "a public Rust port's test of the gemma-3-270m config.json fields (hidden 640, intermediate 2048, 4 heads, 1 key/value head, head_dim 256, vocab 262144, 18 layers, sliding window 512; tied); the same shapes in the ollama gemma3:270m GGUF metadata (block_count 18, embedding 640, feed_forward 2048, token_embd [640, 262144])",
    config: {
      architectures: ['Gemma3ForCausalLM'],
      model_type: 'gemma3_text',
      head_dim: 256,
      hidden_activation: 'gelu_pytorch_tanh',
      hidden_size: 640,
      intermediate_size: 2048,
      num_attention_heads: 4,
      num_hidden_layers: 18,
      num_key_value_heads: 1,
      query_pre_attn_scalar: 256,
      rms_norm_eps: 1e-6,
      rope_local_base_freq: 10000.0,
      rope_theta: 1000000.0,
      sliding_window: 512,
      vocab_size: 262144,
    },
  },
  {
    id: 'HuggingFaceTB/SmolLM3-3B',
    aliases: ['smollm3-3b'],
    family: 'SmolLM3',
    source: hf('HuggingFaceTB/SmolLM3-3B'),
    readFrom:
      "public ports quoting HuggingFaceTB/SmolLM3-3B config.json: a Swift port's notes (hidden 2048, 36 layers, 16 heads, 4 key/value heads, rope_theta 5000000, tied), a Rust port (intermediate 11008), a Go port's test of the file (head_dim 128), a trainer's SmolLM3-3B-Base defaults (vocab 128256); the same values are SmolLM3Config's defaults (transformers v5.17.0 models/smollm3/configuration_smollm3.py:72-95, checkpoint HuggingFaceTB/SmolLM3-3B)",
    config: {
      architectures: ['SmolLM3ForCausalLM'],
      model_type: 'smollm3',
      hidden_size: 2048,
      intermediate_size: 11008,
      num_attention_heads: 16,
      num_hidden_layers: 36,
      num_key_value_heads: 4,
      rope_theta: 5000000.0,
      tie_word_embeddings: true,
      vocab_size: 128256,
    },
  },
  {
    id: 'EleutherAI/pythia-1.4b',
    aliases: ['pythia-1.4b'],
    family: 'GPT-NeoX / Pythia',
    source: hf('EleutherAI/pythia-1.4b'),
    readFrom: `${LITGPT('pythia-1.4b')}: 24 layers, hidden 2048, 16 heads, block 2048; the rest are litgpt Config defaults (litgpt/config.py:33-91: vocab 50254 padded to a multiple of 128 = 50304, rotary 0.25, parallel residual, MLP 4 x hidden), the GPT-NeoX fields the other Pythia entries have; total 1,414,647,808 as the model card's table states`,
    config: {
      architectures: ['GPTNeoXForCausalLM'],
      model_type: 'gpt_neox',
      hidden_size: 2048,
      intermediate_size: 8192,
      max_position_embeddings: 2048,
      num_attention_heads: 16,
      num_hidden_layers: 24,
      rotary_pct: 0.25,
      tie_word_embeddings: false,
      use_parallel_residual: true,
      vocab_size: 50304,
    },
  },
];
