// Types for model descriptions: a Hugging Face `config.json` as published, and the bundled catalog
// entries that carry one together with where its values come from.

/** A parsed Hugging Face `config.json` (fields as transformers reads them). */
export type ModelConfigJson = Readonly<Record<string, unknown>> & { readonly model_type: string };

export interface CatalogEntry {
  /** Hugging Face repo id, e.g. `meta-llama/Meta-Llama-3-8B`. */
  readonly id: string;
  /** Short names users type (`llama-3-8b`) and same-architecture variants (instruct/chat repos). */
  readonly aliases: readonly string[];
  readonly family: string;
  /** URL of the published config.json the values were copied from. */
  readonly source: string;
  /** Where the values were read here (the published file is the authority; this is the copy we checked). */
  readonly readFrom: string;
  /**
   * The published config.json fields that shape the module inventory (a subset of the file: token ids,
   * dropout and generation fields are left out), each value exactly as published.
   */
  readonly config: ModelConfigJson;
}

/**
 * A published repo that shares its base entry's architecture (chat/instruct/dated releases). Listed only
 * after its own config.json was read and every shape field (hidden size, layers, heads, key/value heads,
 * head_dim, intermediate size, vocab size, tie_word_embeddings, MoE fields) equalled the base's.
 */
export interface CatalogVariant {
  /** Hugging Face repo id of the variant, e.g. `Qwen/Qwen3-4B-Instruct-2507`. */
  readonly id: string;
  /** The catalog entry id whose config.json it shares the shape of. */
  readonly base: string;
  /** Short names users type for the variant. */
  readonly names?: readonly string[];
  /** Where its published config.json was read (the copy we compared). */
  readonly readFrom: string;
  /** Non-shape fields that differ from the base (context length, RoPE base), when any; they do not change parameter counts. */
  readonly differs?: string;
  /**
   * When no config.json copy was found: 'model card', the publisher's card names the base (and its size);
   * 'recipe', the publisher's training recipe starts from the base and its script adds no tokens.
   */
  readonly evidence?: 'model card' | 'recipe';
}

export type ModelSourceKind = 'file' | 'catalog' | 'hf-cache' | 'hub';

export interface ResolvedModel {
  readonly config: ModelConfigJson;
  readonly kind: ModelSourceKind;
  /** File path, catalog id or Hub URL the config came from. */
  readonly location: string;
  readonly entry?: CatalogEntry;
  /** Why this config stands for the reference (a variant or quantized mirror resolved to its base), for the user. */
  readonly note?: string;
}
