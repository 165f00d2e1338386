// Same-architecture variants of catalog entries, read as catalog-variants.ts reads them: each variant's own
// config.json copy (named in `readFrom`) was compared with its base on every shape field. litgpt generates
// its "-Instruct" entries from the base entry's dict (litgpt/config.py:2610-2614), so one dict covers both.
import type { CatalogVariant } from './types';

/** litgpt's transcription of a config.json; '{}' in the name stands for '' and '-Instruct'. */
export const LITGPT = (name: string): string =>
  `Lightning-AI/litgpt litgpt/config.py entry "${name}" (commit 26857050, citing the Hub config.json)`;

export const MORE_VARIANTS: readonly CatalogVariant[] = [
  {
    id: 'mistral-community/Mixtral-8x22B-v0.1',
    base: 'mistralai/Mixtral-8x22B-v0.1',
    readFrom:
      'a public Open LLM Leaderboard lineage study whose curated MIRRORS map ("every entry is a straight copy or quantisation, not a fine-tune") maps it to mistralai/Mixtral-8x22B-v0.1; microsoft/apex_plus apex_plus/models/mixtral8x22b_config.json, kept beside that repository\'s mistral-community shortcut, has the same vocab_size 32000, hidden, intermediate, layer, head and expert fields (its num_key_value_heads 1 is that simulator\'s own edit: the llm-engine copy and litgpt both read 8)',
  },
  {
    id: 'Qwen/Qwen2.5-72B-Instruct',
    base: 'Qwen/Qwen2.5-72B',
    names: ['qwen2.5-72b-instruct'],
    readFrom:
      'a public test writing a verbatim config.json that names Qwen/Qwen2.5-72B-Instruct in _name_or_path (a second, abridged copy in a sibling test agrees)',
    differs: 'max_position_embeddings 32768, max_window_layers 70, rms_norm_eps 1e-6',
  },
  {
    id: 'Qwen/Qwen2.5-Coder-7B-Instruct',
    base: 'Qwen/Qwen2.5-7B',
    names: ['qwen2.5-coder-7b-instruct'],
    readFrom: `${LITGPT('Qwen2.5-Coder-7B{}')}; a public test fixture quoting its config.json (_name_or_path Qwen/Qwen2.5-Coder-7B-Instruct: hidden_size 3584, 28 layers, vocab_size 152064, max_position_embeddings 32768)`,
    differs: 'max_position_embeddings 32768',
  },
  {
    id: 'Qwen/Qwen2.5-Coder-32B-Instruct',
    base: 'Qwen/Qwen2.5-32B',
    names: ['qwen2.5-coder-32b-instruct'],
    readFrom: LITGPT('Qwen2.5-Coder-32B{}'),
    differs: 'max_position_embeddings 32768',
  },
  {
    id: 'Qwen/Qwen2.5-Math-7B',
    base: 'Qwen/Qwen2.5-7B',
    names: ['qwen2.5-math-7b'],
    readFrom: LITGPT('Qwen2.5-Math-7B{}'),
    differs: 'max_position_embeddings 4096, rope_theta 10000',
  },
  {
    id: 'EleutherAI/pythia-1.4b-deduped',
    base: 'EleutherAI/pythia-1.4b',
    names: ['pythia-1.4b-deduped'],
    readFrom: `${LITGPT('pythia-1.4b')}, whose "-deduped" entry litgpt copies from the same dict (litgpt/config.py:471-478)`,
  },
];
