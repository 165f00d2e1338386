// PEFT's auxiliary training wrappers (utils/other.py): modules_to_save keeps the frozen original and
// trains a deep copy; trainable_token_indices trains selected embedding rows; tied weights share.
import type { Ledger } from './ledger';
import { isWithin, ownParams, subtree, type ModelTree } from './tree';
import { EstimateError, type ModelInventory } from './types';

export interface AuxContext {
  inv: ModelInventory;
  tree: ModelTree;
  ledger: Ledger;
  /** Modules wrapped by an adapter layer (LoRA, IA3, ...). */
  adapted: Set<string>;
  /** Modules wrapped by ModulesToSaveWrapper / TrainableTokensWrapper. */
  wrapped: Set<string>;
}

/** The module `get_input_embeddings()` returns: the embedding others are tied to, else the vocab-sized one. */
export function inputEmbeddingName(inv: ModelInventory): string | null {
  const tiedTarget = inv.modules.find((m) => m.tiedTo)?.tiedTo;
  if (tiedTarget) return tiedTarget;
  const embeddings = inv.modules.filter((m) => m.kind === 'Embedding');
  const vocab = embeddings.find((m) => m.inFeatures === inv.dims.vocabSize);
  return (vocab ?? embeddings[0])?.name ?? null;
}

/** `_get_module_names_tied_with_embedding`: modules sharing the input embedding's weight, if tying is on. */
export function tiedWithEmbedding(inv: ModelInventory): string[] {
  if (!inv.dims.tieWordEmbeddings) return [];
  return inv.modules
    .filter((m) => m.tiedTo)
    .map((m) => m.name)
    .sort();
}

function isModuleList(tree: ModelTree, name: string): boolean {
  return (
    tree.containers.has(name) &&
    tree.names.some((n) => n.startsWith(name + '.') && /^\d+$/.test(n.slice(name.length + 1)))
  );
}

function refuseWrap(wrapper: string, entry: string, key: string, why: string): EstimateError {
  return new EstimateError(
    `${wrapper} entry "${entry}" matches "${key}", ${why}; PEFT raises TypeError: ${wrapper} cannot be applied to modules of that type.`,
  );
}

/** Deep copy of `key` (its weights and any adapter inside), trained; the original is frozen. */
function copyModule(ctx: AuxContext, key: string): void {
  const inside = ctx.ledger.freezeWithin(key).filter((e) => e.what === 'adapter' || e.what === 'tokens');
  ctx.ledger.dropBiasWithin(key);
  const base = subtree(ctx.tree, key).reduce((s, m) => s + ownParams(m), 0);
  const adapters = inside.reduce((s, e) => s + e.params, 0);
  const kind = ctx.tree.own.get(key)?.kind ?? 'container';
  ctx.ledger.add({
    module: key,
    what: 'copy',
    moduleKind: kind,
    params: base + adapters,
    trainable: true,
    addsToTotal: true,
  });
}

/**
 * `_set_trainable` with ModulesToSaveWrapper: every module whose name ends with an entry (a bare string
 * suffix, no dot boundary) is wrapped. With `sharedWeight`, the copy shares the embedding copy's weight.
 */
export function wrapModulesToSave(ctx: AuxContext, entries: readonly string[], sharedWeight = false): void {
  for (const key of ctx.tree.allNames) {
    const entry = entries.find((t) => key.endsWith(t));
    if (entry === undefined) continue;
    if (ctx.adapted.has(key))
      throw refuseWrap('modules_to_save', entry, key, 'which the adapter already wraps');
    if (isModuleList(ctx.tree, key)) throw refuseWrap('modules_to_save', entry, key, 'a ModuleList');
    if ([...ctx.wrapped].some((w) => isWithin(key, w))) continue;
    ctx.wrapped.add(key);
    if (sharedWeight) {
      ctx.ledger.freezeWithin(key);
      ctx.ledger.dropBiasWithin(key);
    } else copyModule(ctx, key);
  }
}

function tokenRows(ctx: AuxContext, key: string, n: number): number {
  const m = ctx.tree.own.get(key);
  if (!m || (m.kind !== 'Embedding' && m.kind !== 'Linear')) {
    throw new EstimateError(`trainable_token_indices targets "${key}", which is not an embedding layer.`);
  }
  return n * (m.kind === 'Embedding' ? m.outFeatures : m.inFeatures);
}

/** Wraps each module ending with `layer` in a TrainableTokensWrapper; tied wrappers add no parameters. */
export function wrapTrainableTokens(ctx: AuxContext, layer: string, n: number, tied: boolean): number {
  let found = 0;
  for (const key of ctx.tree.allNames) {
    if (!key.endsWith(layer)) continue;
    if (ctx.adapted.has(key))
      throw refuseWrap('trainable_token_indices', layer, key, 'which the adapter already wraps');
    found++;
    if (ctx.wrapped.has(key)) continue;
    ctx.wrapped.add(key);
    const params = tied ? 0 : tokenRows(ctx, key, n);
    ctx.ledger.add({
      module: key,
      what: 'tokens',
      moduleKind: 'Embedding',
      params,
      trainable: true,
      addsToTotal: true,
    });
  }
  return found;
}
