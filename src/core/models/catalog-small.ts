// Catalog: small models people fine-tune on one GPU (SmolLM2). Values copied from a public copy of each
// published config.json named in `readFrom`; fields not seen there are left out rather than guessed.
import type { CatalogEntry } from './types';

export const SMALL_MODELS: readonly CatalogEntry[] = [
];
