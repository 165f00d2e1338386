// The bundled model catalog: the embedded default that makes every estimate work offline.
// Lookup accepts the Hugging Face id, any alias, or a verified same-architecture variant
// (instruct/chat/dated repos), case-insensitively; quantized mirrors resolve to their base with a note.
import { CLASSIC_DECODER_MODELS } from './catalog-classic';
import { CODE_LLAMA_MODELS } from './catalog-codellama';
import { QWEN_NEXT_MODELS } from './catalog-qwen-next';
import { DEEPSEEK_MODELS, DEEPSEEK_VARIANTS } from './catalog-deepseek';
import { DECODER_MODELS } from './catalog-decoders';
import { ENCODER_MODELS } from './catalog-encoders';
import { FINETUNE_BASES, FINETUNE_VARIANTS } from './catalog-finetunes';
import { GEMMA4_MODELS } from './catalog-gemma4';
import { MOE_MODELS } from './catalog-moe';
import { HYBRID_MODELS } from './catalog-hybrid';
import { MORE_MODELS } from './catalog-more';
import { MORE_SMALL_MODELS } from './catalog-more-small';
import { MORE_VARIANTS } from './catalog-more-variants';
import { RECENT_MODELS } from './catalog-recent';
import { SMALL_MODELS } from './catalog-small';
import { VLM_MODELS } from './catalog-vlm';
import { VLM_LLAMA_MODELS } from './catalog-vlm-llama';
import { VLM_MORE_MODELS } from './catalog-vlm-more';
import { DENSE_MODELS, DENSE_VARIANTS } from './catalog-dense';
import { MISTRAL3_MODELS } from './catalog-mistral3';
import { CATALOG_VARIANTS as BASE_VARIANTS } from './catalog-variants';
import { distance } from 'fastest-levenshtein';
import { parseModelName } from './model-name';
import { rankSuggestion, rankSuggestionDetail, type Suggestion } from './suggest';
import type { CatalogEntry, CatalogVariant } from './types';

export const MODEL_CATALOG: readonly CatalogEntry[] = [
  ...DECODER_MODELS,
  ...RECENT_MODELS,
  ...SMALL_MODELS,
  ...CLASSIC_DECODER_MODELS,
  ...ENCODER_MODELS,
  ...VLM_MODELS,
  ...DEEPSEEK_MODELS,
  ...VLM_LLAMA_MODELS,
  ...VLM_MORE_MODELS,
  ...CODE_LLAMA_MODELS,
  ...MOE_MODELS,
  ...QWEN_NEXT_MODELS,
  ...HYBRID_MODELS,
  ...MORE_MODELS,
  ...MORE_SMALL_MODELS,
  ...DENSE_MODELS,
  ...MISTRAL3_MODELS,
  ...GEMMA4_MODELS,
  ...FINETUNE_BASES,
];

export const CATALOG_VARIANTS: readonly CatalogVariant[] = [
  ...BASE_VARIANTS,
  ...DEEPSEEK_VARIANTS,
  ...MORE_VARIANTS,
  ...DENSE_VARIANTS,
  ...FINETUNE_VARIANTS,
];

interface Hit {
  readonly entry: CatalogEntry;
  readonly variant?: CatalogVariant;
}

let exact: Map<string, Hit> | undefined;
/** Names without their org (`meta-llama-3-8b`), for mirrors; undefined marks a name two entries share. */
let orgless: Map<string, Hit | undefined> | undefined;

const dropOrg = (name: string): string => name.slice(name.lastIndexOf('/') + 1);

function namesOf(entry: CatalogEntry): Array<[string, Hit]> {
  const own: Array<[string, Hit]> = [entry.id, ...entry.aliases].map((n) => [n, { entry }]);
  for (const v of CATALOG_VARIANTS.filter((x) => x.base === entry.id)) {
    for (const n of [v.id, ...(v.names ?? [])]) own.push([n, { entry, variant: v }]);
  }
  return own;
}

function indexes(): { exact: Map<string, Hit>; orgless: Map<string, Hit | undefined> } {
  if (exact && orgless) return { exact, orgless };
  exact = new Map();
  orgless = new Map();
  for (const entry of MODEL_CATALOG) {
    for (const [name, hit] of namesOf(entry)) {
      const k = name.toLowerCase();
      if (!exact.has(k)) exact.set(k, hit);
      const o = dropOrg(k);
      orgless.set(o, orgless.has(o) && orgless.get(o)?.entry !== entry ? undefined : hit);
    }
  }
  return { exact, orgless };
}

/** The catalog entry for a Hugging Face id, alias or verified variant id (`Qwen/Qwen3-4B-Instruct-2507`), or undefined. */
export function findCatalogModel(ref: string): CatalogEntry | undefined {
  return indexes().exact.get(ref.trim().toLowerCase())?.entry;
}

/** The verified variant record a reference names, if it names one. */
export function findCatalogVariant(ref: string): CatalogVariant | undefined {
  return indexes().exact.get(ref.trim().toLowerCase())?.variant;
}

/** Every name the catalog answers to (ids, aliases, variant ids and names), as spelled in the catalog, for completion. */
export function catalogNames(): string[] {
  return MODEL_CATALOG.flatMap((e) => namesOf(e).map(([n]) => n));
}

/** Orgs whose same-named repos are re-uploads of the original weights (no changed vocabulary). */
const MIRROR_ORGS = new Set(['unsloth', 'nousresearch']);

export interface CatalogMatch {
  readonly entry: CatalogEntry;
  /** 'name': the catalog holds this name; 'mirror': mapped from a quantized copy or re-upload by its name. */
  readonly via: 'name' | 'mirror';
  /** How the reference maps to the entry when it is not the entry itself, for the user. */
  readonly note?: string;
}

function variantNote(ref: string, hit: Hit): string | undefined {
  if (!hit.variant) return undefined;
  const differs = hit.variant.differs ? ` (differs only in ${hit.variant.differs})` : '';
  const checked = {
    'model card': "its publisher's model card derives it from that model's weights",
    recipe: "its publisher's training recipe starts from that model and adds no tokens",
    config: 'its config.json was checked against it',
  }[hit.variant.evidence ?? 'config'];
  return `${ref} has the architecture of ${hit.entry.id}${differs}; ${checked}`;
}

/**
 * The catalog entry for a reference, also through a quantized mirror (`unsloth/llama-3-8b-bnb-4bit`,
 * `TheBloke/Llama-2-13B-chat-GPTQ`) or a re-upload by a mirror org (`unsloth/Qwen3-4B`): those keep
 * the original architecture, so the catalog's config stands for them, with a note saying so.
 */
export function matchCatalogModel(ref: string): CatalogMatch | undefined {
  const { exact: byName, orgless: byOrgless } = indexes();
  const key = ref.trim().toLowerCase();
  const direct = byName.get(key);
  if (direct) return { entry: direct.entry, via: 'name', note: variantNote(ref.trim(), direct) };
  const parsed = parseModelName(key);
  const mirrorOrg = parsed.org !== undefined && MIRROR_ORGS.has(parsed.org);
  if (!parsed.quantization && !mirrorOrg) return undefined;
  const hit = byOrgless.get(parsed.unquantized);
  if (!hit) return undefined;
  const what = parsed.quantization
    ? `a ${parsed.quantization} quantized copy of ${hit.variant?.id ?? hit.entry.id}: same architecture, so the catalog's config.json is used; the quantization itself is your training config's concern (load_in_4bit / quantization_config)`
    : `a re-upload of ${hit.variant?.id ?? hit.entry.id} by ${parsed.org}: the catalog's config.json is used`;
  return { entry: hit.entry, via: 'mirror', note: `${ref.trim()} is ${what}` };
}

/** The catalog name nearest to a reference: same family, version and size first, then edit distance. */
export function suggestCatalogName(ref: string): string {
  return rankSuggestion(
    ref,
    MODEL_CATALOG.map((e) => ({ id: e.id, names: namesOf(e).map(([n]) => n) })),
  );
}

/** The closest catalog model with how it relates to the reference (same family, text stand-in for a VLM). */
export function closestCatalogModel(ref: string): Suggestion {
  return rankSuggestionDetail(
    ref,
    MODEL_CATALOG.map((e) => ({ id: e.id, names: namesOf(e).map(([n]) => n) })),
  );
}

/**
 * For a model_type the estimator does not model (mllama, qwen3_vl, gemma3n, llava_next), the catalog model
 * whose model_type is nearest by name (llama, qwen2_vl, gemma3, llava), or undefined when none is close.
 */
export function closestCatalogByModelType(modelType: string): CatalogEntry | undefined {
  let best: CatalogEntry | undefined;
  let bestD = Infinity;
  for (const e of MODEL_CATALOG) {
    const d = distance(modelType.toLowerCase(), e.config.model_type);
    if (d < bestD) [best, bestD] = [e, d];
  }
  return best && bestD <= Math.floor(modelType.length / 2) ? best : undefined;
}
