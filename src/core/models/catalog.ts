// The bundled model catalog: the embedded default that makes every estimate work offline.
// Lookup accepts the Hugging Face id or any alias, case-insensitively.
import { closest } from 'fastest-levenshtein';
import { CLASSIC_DECODER_MODELS } from './catalog-classic';
import { DECODER_MODELS } from './catalog-decoders';
import { ENCODER_MODELS } from './catalog-encoders';
import { RECENT_MODELS } from './catalog-recent';
import type { CatalogEntry } from './types';

export const MODEL_CATALOG: readonly CatalogEntry[] = [
  ...DECODER_MODELS,
  ...RECENT_MODELS,
  ...CLASSIC_DECODER_MODELS,
  ...ENCODER_MODELS,
];

let index: Map<string, CatalogEntry> | undefined;

function catalogIndex(): Map<string, CatalogEntry> {
  if (index) return index;
  index = new Map();
  for (const entry of MODEL_CATALOG) {
    for (const key of [entry.id, ...entry.aliases]) {
      const k = key.toLowerCase();
      if (!index.has(k)) index.set(k, entry);
    }
  }
  return index;
}

/** The catalog entry for a Hugging Face id or alias (`llama-3-8b`), or undefined. */
export function findCatalogModel(ref: string): CatalogEntry | undefined {
  return catalogIndex().get(ref.trim().toLowerCase());
}

/** Every name the catalog answers to, as spelled in the catalog, for completion. */
export function catalogNames(): string[] {
  return MODEL_CATALOG.flatMap((e) => [e.id, ...e.aliases]);
}

/** The catalog name nearest to a reference (edit distance, case-insensitive), as spelled in the catalog. */
export function suggestCatalogName(ref: string): string {
  const names = catalogNames();
  const lowered = names.map((n) => n.toLowerCase());
  return names[lowered.indexOf(closest(ref.trim().toLowerCase(), lowered))];
}
