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

/** Suffixes of derived repos (quantized mirrors, chat variants) that keep the base architecture. */
const DERIVED_SUFFIXES = /(-bnb-4bit|-unsloth|-awq|-gptq|-gguf|-4bit|-8bit|-instruct|-chat|-it|-hf|-base)$/;

/** The bare model name: org dropped, derived-repo suffixes stripped ("unsloth/gemma-2-9b-it-bnb-4bit" → "gemma-2-9b"). */
function bareName(ref: string): string {
  let name = ref.trim().toLowerCase().split('/').pop() ?? '';
  for (let prev = ''; prev !== name; ) {
    prev = name;
    name = name.replace(DERIVED_SUFFIXES, '');
  }
  return name;
}

/** The catalog name nearest to a reference (bare-name match first, then edit distance), as spelled in the catalog. */
export function suggestCatalogName(ref: string): string {
  const names = catalogNames();
  const lowered = names.map((n) => n.toLowerCase());
  const bare = bareName(ref);
  const exact = lowered.indexOf(bare);
  if (exact >= 0) return names[exact];
  return names[lowered.indexOf(closest(bare || ref.toLowerCase(), lowered))];
}
