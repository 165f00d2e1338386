// Same-architecture variants of catalog entries (instruct, chat, dated releases). Each was added only
// after its own published config.json (the copy named in `readFrom`) was compared with its base entry
// on every shape field: hidden size, layers, heads, key/value heads, head_dim, intermediate size, vocab
// size, tie_word_embeddings and MoE fields. Fields that do not change the module inventory (context
// length, RoPE base) may differ; `differs` says which.
import type { CatalogVariant } from './types';

export const CATALOG_VARIANTS: readonly CatalogVariant[] = [
];
