// Tokenizer facts per published model: whether its tokenizer sets a pad token, its tokenizer class and,
// when it sets none, an unused special token of its own vocabulary to pad with. Listed are the catalog
// models whose published tokenizer has no pad token and was verified; a model not listed gets no
// pad-token finding (unknown is not the same as missing).
//
// Source for the Llama 3.x tokenizers: transformers' own converter, which wrote the meta-llama Hub
// tokenizers (src/transformers/models/llama/convert_llama_weights_to_hf.py at 01cc9cd9 and at a later
// main that adds "3.2"): Llama3Converter builds a PreTrainedTokenizerFast with bos_token and eos_token
// only (no pad_token), and DEFAULT_LLAMA_SPECIAL_TOKENS lists the special tokens per version: "3" has
// <|reserved_special_token_0|>..; "3.1" and "3.2" put <|finetune_right_pad_id|> at id 128004.
// Not listed, verified or not: Llama 2 and Mistral 7B (tokenizer_class LlamaTokenizer, which Axolotl
// pads silently, see modelFacts.ts), Qwen and Gemma (their tokenizers set a pad token), Llama 3.3
// (no copy of its tokenizer_config.json was found, and the converter copies read, at 01cc9cd9 and at the
// later main, list versions up to "3.2" only).
//
// Which names a fact covers is the catalog's decision: an entry id, one of its aliases (the catalog lists
// NousResearch's byte-for-byte re-uploads there) or a verified variant. Names the catalog maps only as a
// mirror (matchCatalogModel's 'mirror') are not covered: re-uploads may change the tokenizer, and unsloth's
// Llama 3 uploads set a pad token of their own (unslothai/unsloth#419: "old unsloth llama 3 (where pad
// token and eos token were the same)").
import { findCatalogModel, findCatalogVariant } from '../models/catalog';

export interface TokenizerFact {
  /** Catalog ids (entries and verified variants) that ship this tokenizer. */
  readonly models: readonly string[];
  /** tokenizer_config.json `tokenizer_class` as published. */
  readonly tokenizerClass: string;
  /** The published pad_token; undefined when the tokenizer sets none. */
  readonly padToken?: string;
  /** An unused special token of this vocabulary to pad with (never a token the tokenizer lacks). */
  readonly padCandidate?: string;
  /** Where the facts were read. */
  readonly source: string;
}

const CONVERTER =
  'transformers convert_llama_weights_to_hf.py (Llama3Converter, DEFAULT_LLAMA_SPECIAL_TOKENS)';

export const TOKENIZER_FACTS: readonly TokenizerFact[] = [
  {
    models: ['meta-llama/Meta-Llama-3-8B', 'meta-llama/Meta-Llama-3-8B-Instruct'],
    tokenizerClass: 'PreTrainedTokenizerFast',
    padCandidate: '<|reserved_special_token_0|>',
    source: `${CONVERTER} "3"`,
  },
  {
    models: [
      'meta-llama/Llama-3.1-8B',
      'meta-llama/Llama-3.1-8B-Instruct',
      'meta-llama/Llama-3.1-70B',
      'meta-llama/Llama-3.1-70B-Instruct',
      'meta-llama/Llama-3.2-1B',
      'meta-llama/Llama-3.2-1B-Instruct',
      'meta-llama/Llama-3.2-3B',
      'meta-llama/Llama-3.2-3B-Instruct',
    ],
    tokenizerClass: 'PreTrainedTokenizerFast',
    padCandidate: '<|finetune_right_pad_id|>',
    source: `${CONVERTER} "3.1" and "3.2"`,
  },
];

/**
 * The tokenizer fact for a model reference that names a catalog model or verified variant (id or alias).
 * Mirrors and re-uploads are not matched: a re-upload may ship its own tokenizer with a pad token.
 */
export function tokenizerFact(ref: string): TokenizerFact | undefined {
  const id = findCatalogVariant(ref)?.id ?? findCatalogModel(ref)?.id;
  if (!id) return undefined;
  return TOKENIZER_FACTS.find((f) => f.models.includes(id));
}
