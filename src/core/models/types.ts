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

export type ModelSourceKind = 'file' | 'catalog' | 'hf-cache' | 'hub';

export interface ResolvedModel {
  readonly config: ModelConfigJson;
  readonly kind: ModelSourceKind;
  /** File path, catalog id or Hub URL the config came from. */
  readonly location: string;
  readonly entry?: CatalogEntry;
}
