// `trainable_token_indices` (LoRA option) and weight tying as PEFT 0.20.0's
// `set_additional_trainable_modules` handles them: tied layers share one delta when indices agree.
import { inputEmbeddingName, tiedWithEmbedding, wrapTrainableTokens, type AuxContext } from './auxiliary';
import { flag, type Cfg } from './config';
import { tokenCount } from './methods/whole';
import { EstimateError } from './types';

function targetLayers(ctx: AuxContext, value: unknown): Record<string, unknown> {
  if (Array.isArray(value)) return { [inputEmbeddingName(ctx.inv) ?? 'embed_tokens']: value };
  if (value && typeof value === 'object') return value as Record<string, unknown>;
  throw new EstimateError(
    '`trainable_token_indices` must be a list of token ids or a mapping of layer name to token ids.',
  );
}

function sameIndices(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Layers among the targets that are tied to the input embedding (the embedding itself included). */
function tiedTargetKeys(ctx: AuxContext, layers: Record<string, unknown>): string[] {
  const embedding = inputEmbeddingName(ctx.inv) ?? '';
  const tied = tiedWithEmbedding(ctx.inv);
  return Object.keys(layers).filter(
    (k) => embedding.endsWith(k) || tied.some((t) => t.endsWith(k) || t.split('.').includes(k)),
  );
}

export function applyTrainableTokens(ctx: AuxContext, cfg: Cfg, modulesToSave: readonly string[]): void {
  if (cfg.trainable_token_indices === undefined || cfg.trainable_token_indices === null) return;
  const layers = targetLayers(ctx, cfg.trainable_token_indices);
  for (const name of Object.keys(layers)) {
    if (modulesToSave.includes(name)) {
      throw new EstimateError(
        `The embedding layer "${name}" is already marked to be trained fully (modules_to_save); use either modules_to_save or trainable_token_indices for it, not both.`,
      );
    }
  }
  const weightsTied = ctx.inv.dims.tieWordEmbeddings;
  const ensure = flag(cfg, 'ensure_weight_tying');
  const tiedModules = tiedWithEmbedding(ctx.inv);
  let mismatch = false;
  let skip = new Set<string>();
  const tiedKeys = Object.keys(layers).length > 1 && weightsTied ? tiedTargetKeys(ctx, layers) : [];
  if (tiedKeys.length >= 2) {
    mismatch = !tiedKeys.every((k) => sameIndices(layers[k], layers[tiedKeys[0]]));
    if (mismatch && ensure)
      throw new EstimateError(
        'Cannot ensure weight tying when different token indices are specified for tied layers.',
      );
    if (!mismatch) skip = new Set(tiedKeys.filter((k) => tiedModules.includes(k)));
  }
  let embeddingRows = 0;
  for (const [name, indices] of Object.entries(layers)) {
    if (skip.has(name)) continue;
    const n = tokenCount(indices, 'trainable_token_indices');
    if (wrapTrainableTokens(ctx, name, n, false) === 0) {
      throw new EstimateError(
        `Target modules {'${name}'} not found in the base model (trainable_token_indices).`,
      );
    }
    embeddingRows = n;
  }
  const embedding = inputEmbeddingName(ctx.inv);
  if (weightsTied && embedding && ctx.wrapped.has(embedding) && (ensure || !mismatch)) {
    for (const t of tiedModules) wrapTrainableTokens(ctx, t, embeddingRows, true);
  }
}
