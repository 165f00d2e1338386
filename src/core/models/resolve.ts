// The pure half of model resolution: catalog lookup, config.json parsing and the messages. Reading
// files, the local Hugging Face cache and the Hub lives in the file-system layer (src/io/resolve.ts).
import { type CatalogMatch, closestCatalogModel, matchCatalogModel } from './catalog';
import type { ModelConfigJson, ResolvedModel } from './types';

export class ModelResolveError extends Error {}

/** Is this a plausible Hugging Face repo id (`org/name`)? */
export function isHfRepoId(ref: string): boolean {
  return /^[A-Za-z0-9][\w.-]*\/[\w.-]+$/.test(ref);
}

export function fromCatalog(match: CatalogMatch): ResolvedModel {
  const { entry, note } = match;
  return { config: entry.config, kind: 'catalog', location: entry.id, entry, ...(note ? { note } : {}) };
}

/** The catalog's answer for a reference: `name` (id, alias, verified variant) or `mirror`; undefined when none. */
export function catalogModel(ref: string): { model: ResolvedModel; byName: boolean } | undefined {
  const match = matchCatalogModel(ref.trim());
  return match ? { model: fromCatalog(match), byName: match.via === 'name' } : undefined;
}

/** The Hub setting, named the same way in the editor and the CLI. */
const HUB_SETTING = 'mlConfig.huggingFace.allowNetwork (CLI: --allow-network)';

/**
 * Why a reference resolved to nothing, never bare: the closest catalog model (of the same family when
 * there is one; for a vision-language model without one, the text model of its family) and how to let
 * the Hub answer.
 */
export function notFoundMessage(ref: string, allowNetwork: boolean): string {
  const s = closestCatalogModel(ref);
  const why = s.textOnly
    ? ' (the closest catalog model of its family is text-only: no vision tower)'
    : s.sameFamily
      ? ' (the closest catalog model of the same family)'
      : '';
  const meant = s.name ? ` (did you mean '${s.name}'${why}?)` : '';
  let hint = '';
  if (!allowNetwork)
    hint = isHfRepoId(ref)
      ? `; enable ${HUB_SETTING} to fetch it from the Hub`
      : `; or give its Hugging Face id (org/name) with ${HUB_SETTING} enabled to fetch its config.json from the Hub`;
  return `unknown model '${ref}': not a config.json path, not in the catalog${meant}, not in the local Hugging Face cache${hint}`;
}

/** Parses a config.json text and checks it names a `model_type`; messages never quote the text. */
export function parseConfig(text: string, where: string): ModelConfigJson {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ModelResolveError(`${where} is not valid JSON`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data))
    throw new ModelResolveError(`${where} is not a JSON object`);
  const modelType = (data as Record<string, unknown>).model_type;
  if (typeof modelType !== 'string' || !modelType) {
    throw new ModelResolveError(`${where} has no "model_type": is it a Hugging Face model config.json?`);
  }
  return data as ModelConfigJson;
}
