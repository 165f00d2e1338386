// `ensure_weight_tying` (LoRA, PEFT 0.20): how `_check_tied_modules` rewrites modules_to_save and
// target_modules so a tied lm_head shares the embedding's copy or adapter (tuners/lora/model.py).
import { inputEmbeddingName, tiedWithEmbedding } from './auxiliary';
import { fullmatch, escapeRegex, matchesSegmentRun } from './pyregex';
import type { ModelInventory } from './types';

const EMBEDDING_LAYER_NAMES = ['embed_tokens', 'lm_head'];

export interface TiePlan {
  modulesToSave: string[] | null;
  targetModules: string | string[] | null;
  /** Modules that get a LoRA tied to the embedding's (LoRA counts them as separate parameters). */
  targetsToTie: string[];
  /** Modules whose modules_to_save copy shares the embedding copy's weight. */
  modulesToTie: string[];
}

const lastSegment = (n: string) => n.slice(n.lastIndexOf('.') + 1);
const covers = (m: string, key: string) => matchesSegmentRun(m, key);

function removeFirstCovering(list: string[], keys: readonly string[]): string[] {
  const out = [...list];
  for (const key of keys) {
    const i = out.findIndex((m) => covers(m, key));
    if (i >= 0) out.splice(i, 1);
  }
  return out;
}

export function planTying(inv: ModelInventory, plan: TiePlan, ensure: boolean, warnings: string[]): TiePlan {
  const toSave = (plan.modulesToSave ?? []).some((m) => EMBEDDING_LAYER_NAMES.includes(lastSegment(m)));
  const t = plan.targetModules;
  const inTarget =
    typeof t === 'string'
      ? EMBEDDING_LAYER_NAMES.some((n) => fullmatch(t, n))
      : (t ?? []).some((m) => EMBEDDING_LAYER_NAMES.includes(lastSegment(m)));
  const tied = tiedWithEmbedding(inv);
  if (!ensure) {
    if ((toSave || inTarget) && tied.length) {
      warnings.push(
        'The model ties lm_head to the input embedding and the adapter touches one of them, but ensure_weight_tying is not set: PEFT trains them separately.',
      );
    }
    return plan;
  }
  const embed = inputEmbeddingName(inv) ?? 'embed_tokens';
  if (!tied.length || (!toSave && !inTarget)) {
    warnings.push(
      'ensure_weight_tying was requested, but no tied module is in modules_to_save or target_modules (PEFT only looks for embed_tokens / lm_head).',
    );
    return plan;
  }
  if (toSave) {
    const list = [...(plan.modulesToSave ?? [])];
    if (!list.includes(embed)) list.push(embed);
    return { ...plan, modulesToSave: removeFirstCovering(list, tied), modulesToTie: tied };
  }
  if (typeof t === 'string')
    return { ...plan, targetModules: `(?:${t}|^${escapeRegex(embed)}$)`, targetsToTie: tied };
  const set = [...new Set([...(t ?? []), embed])];
  return { ...plan, targetModules: removeFirstCovering(set, tied), targetsToTie: tied };
}
