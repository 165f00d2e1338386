// Axolotl's `unfrozen_parameters`, read at Axolotl 067b021: train.py:109-110 calls freeze_layers_except
// (utils/freeze.py:52-110) on the model as the loader returns it, so with an adapter the parameter names
// are the PeftModel's ("base_model.model." + the model's own). Each parameter trains exactly when a
// pattern `re.match`-es its name, every other one is frozen, LoRA layers included. LayerNamePattern
// (freeze.py:210-260) escapes every "." not followed by "+" and strips a trailing "[a:b]" range (a range
// only zeroes part of the gradient: the parameter still counts as trainable).
import type { Entry, Ledger } from './ledger';
import { EstimateError, type PeftConfig } from './types';
import { pyMatch } from './pyregex';
import { ownParams, type ModelTree } from './tree';

/** LayerNamePattern's regex for one `unfrozen_parameters` entry. */
export function layerNameRegex(raw: string): string {
  const ranged = /^(.+)\[([0-9]*)(?::([0-9]*))?\]$/.exec(raw);
  return (ranged ? ranged[1] : raw).replace(/\.(?!\+)/g, '\\.');
}

/** A parameter name an entry's parameters carry (the module path decides for every usual pattern). */
function nameOf(e: Entry, prefix: string): string {
  if (e.param) return prefix + e.param;
  const leaf: Partial<Record<Entry['what'], string>> = {
    adapter: '.lora_A.default.weight',
    copy: '.modules_to_save.default.weight',
    bias: '.bias',
  };
  return `${prefix}${e.module}${leaf[e.what] ?? ''}`;
}

export interface UnfreezeContext {
  ledger: Ledger;
  tree: ModelTree;
  /** True when PEFT wrapped the model (names start "base_model.model."). */
  peftWrapped: boolean;
  /** Modules PEFT replaced by a tuner layer (their own weight is `<name>.base_layer.weight`). */
  adapted: ReadonlySet<string>;
}

/** Applies the patterns: unmatched trainable parameters freeze, matched frozen base weights train. */
export function applyUnfrozenParameters(ctx: UnfreezeContext, raw: readonly string[]): void {
  const patterns = raw.map(layerNameRegex);
  const hit = (name: string): boolean => patterns.some((p) => pyMatch(p, name) !== null);
  const prefix = ctx.peftWrapped ? 'base_model.model.' : '';
  for (const e of ctx.ledger.entries) if (e.trainable && !hit(nameOf(e, prefix))) e.trainable = false;
  if (!ctx.peftWrapped) return;
  for (const m of ctx.tree.own.values()) {
    if (m.isParameter || m.tiedTo) continue;
    const at = `${prefix}${m.name}${ctx.adapted.has(m.name) ? '.base_layer' : ''}`;
    const params = [
      { name: `${at}.weight`, size: ownParams(m) - m.biasParams },
      { name: `${at}.bias`, size: m.biasParams },
    ];
    for (const p of params)
      if (p.size && hit(p.name))
        ctx.ledger.add({
          module: m.name,
          what: 'base',
          moduleKind: m.kind,
          params: p.size,
          trainable: true,
          addsToTotal: false,
          layer: m.layerIndex,
        });
  }
}

/**
 * What the training script freezes after the model is built, in Axolotl's order (train.py:109-119):
 * `unfrozen_parameters` patterns, then `frozen_components` (freeze_mm_modules).
 */
export function trainingFreezes(peft: PeftConfig, ctx: UnfreezeContext): void {
  const patterns = peft.unfrozen_parameters;
  if (Array.isArray(patterns) && patterns.length)
    applyUnfrozenParameters(
      ctx,
      patterns.map((p) => String(p)),
    );
  ctx.ledger.freezeComponents(frozenComponents(peft));
}

/** `frozen_components`: module-name components whose parameters stop training (Axolotl freeze_mm_modules). */
function frozenComponents(peft: PeftConfig): string[] {
  const c = peft.frozen_components;
  if (c === undefined || c === null) return [];
  if (Array.isArray(c) && c.every((x) => typeof x === 'string')) return c;
  throw new EstimateError('`frozen_components` must be a list of module names.');
}
