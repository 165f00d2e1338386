// Ranking of catalog names for a reference the catalog does not hold: the same family, version and
// parameter size beat raw edit distance ("Qwen/Qwen3-4B-Instruct-2507" → Qwen/Qwen3-4B, not the
// equally long "llama-3-8b-instruct"). Pure functions over the candidate list, so the catalog owns data.
import { distance } from 'fastest-levenshtein';
import { type ParsedModelName, parseModelName, sizeCloseness, VISION_FAMILY } from './model-name';

export interface SuggestionCandidate {
  /** The entry's Hugging Face id, suggested when the user wrote an `org/name` reference. */
  readonly id: string;
  /** Every name the entry answers to (id, aliases, variant ids and names). */
  readonly names: readonly string[];
}

/** Points: a matching family decides; then version, then size (size weighs more: same-size models share shapes more often). */
const WEIGHT = { family: 100, version: 40, major: 20, size: 60 } as const;

function orgless(name: string): string {
  return name.toLowerCase().slice(name.lastIndexOf('/') + 1);
}

function versionPoints(a: ParsedModelName, b: ParsedModelName): number {
  if (!a.version || !b.version) return 0;
  if (a.version === b.version) return WEIGHT.version;
  return a.version.split('.')[0] === b.version.split('.')[0] ? WEIGHT.major : 0;
}

/** Catalog names are a fixed set: parse each once. */
const parsedNames = new Map<string, ParsedModelName>();
function parsedName(name: string): ParsedModelName {
  let parsed = parsedNames.get(name);
  if (!parsed) parsedNames.set(name, (parsed = parseModelName(name)));
  return parsed;
}

/** Family/version/size points of one candidate name against the reference (0 when the family differs). */
function namePoints(ref: ParsedModelName, name: string): number {
  const cand = parsedName(name);
  if (!ref.family || cand.family !== ref.family) return 0;
  return WEIGHT.family + versionPoints(ref, cand) + WEIGHT.size * sizeCloseness(ref, cand);
}

interface Ranked {
  readonly candidate: SuggestionCandidate;
  readonly points: number;
  /** Smallest edit distance from the reference's bare name to any of the candidate's names. */
  readonly edit: number;
  readonly nearestName: string;
}

function rank(ref: ParsedModelName, candidate: SuggestionCandidate): Ranked {
  let points = 0;
  let edit = Infinity;
  let nearestName = candidate.id;
  for (const name of candidate.names) {
    points = Math.max(points, namePoints(ref, name));
    const d = Math.min(distance(ref.bare, orgless(name)), distance(ref.unquantized, orgless(name)));
    // On equal distance a short name beats an org/name id (the user typed a short name).
    if (d < edit || (d === edit && nearestName.includes('/') && !name.includes('/')))
      [edit, nearestName] = [d, name];
  }
  return { candidate, points, edit, nearestName };
}

/**
 * The catalog name to suggest for a reference: the best family/version/size match, ties (and references
 * of an unknown family) going to the smallest edit distance. Spelled as the user wrote theirs: the
 * Hugging Face id for an `org/name` reference, else the entry's nearest short name.
 */
export function rankSuggestion(ref: string, candidates: readonly SuggestionCandidate[]): string {
  return rankSuggestionDetail(ref, candidates).name;
}

export interface Suggestion {
  /** The catalog name to suggest ('' when the catalog is empty). */
  readonly name: string;
  /** The suggestion shares the reference's family (by name, or the base a fine-tune names inside). */
  readonly sameFamily: boolean;
  /** The reference names a vision-language model; the suggestion is the text model of its family. */
  readonly textOnly: boolean;
}

/** rankSuggestion, saying whether the suggestion is of the same family and whether it is a text stand-in. */
export function rankSuggestionDetail(ref: string, candidates: readonly SuggestionCandidate[]): Suggestion {
  const parsed = parseModelName(ref);
  let best = bestOf(parsed, candidates);
  let textOnly = false;
  // No vision-language model of that family in the catalog: its text family is the closest shape.
  if (best && best.points === 0 && parsed.family.endsWith(VISION_FAMILY)) {
    const text = { ...parsed, family: parsed.family.slice(0, -VISION_FAMILY.length) };
    const inText = bestOf(text, candidates);
    if (inText && inText.points > 0) [best, textOnly] = [inText, true];
  }
  // Fine-tunes often name their base inside ("DeepSeek-R1-Distill-Qwen-1.5B", "OpenHermes-2.5-Mistral-7B").
  if (best && best.points === 0) {
    const inner = innerBase(ref, candidates);
    if (inner) best = bestOf(inner, candidates) ?? best;
  }
  if (!best) return { name: '', sameFamily: false, textOnly: false };
  return {
    name: ref.includes('/') ? best.candidate.id : best.nearestName,
    sameFamily: best.points > 0,
    textOnly,
  };
}

function bestOf(parsed: ParsedModelName, candidates: readonly SuggestionCandidate[]): Ranked | undefined {
  let best: Ranked | undefined;
  for (const c of candidates) {
    const r = rank(parsed, c);
    if (!best || r.points > best.points || (r.points === best.points && r.edit < best.edit)) best = r;
  }
  return best;
}

/** The name read from its first later word that is a catalog family (`qwen-1.5b` inside `deepseek-r1-distill-qwen-1.5b`). */
function innerBase(ref: string, candidates: readonly SuggestionCandidate[]): ParsedModelName | undefined {
  const families = new Set(candidates.flatMap((c) => c.names.map((n) => parsedName(n).family)));
  const words = parseModelName(ref).unquantized.split(/[-_]/);
  for (let i = 1; i < words.length; i++) {
    const tail = parseModelName(words.slice(i).join('-'));
    if (families.has(tail.family)) return tail;
  }
  return undefined;
}
