// A running account of the parameters PEFT adds or unfreezes, kept per module so the totals and the
// breakdown come from the same records.

export type EntryKind = 'adapter' | 'copy' | 'bias' | 'tokens' | 'shared' | 'prompt' | 'base';

export interface Entry {
  /** Module the parameters belong to (or 'prompt_encoder' / 'shared' for whole-model parts). */
  module: string;
  what: EntryKind;
  /** Class of the module for the by-kind breakdown ('Linear', 'Embedding', ...). */
  moduleKind: string;
  params: number;
  trainable: boolean;
  /** New parameters (adapters, copies) add to the total; unfrozen base weights (biases) do not. */
  addsToTotal: boolean;
  layer?: number;
  /** The parameter's own name under the model (`model.layers.0.mlp.up_proj.weight`), where one entry is one tensor. */
  param?: string;
}

export class Ledger {
  readonly entries: Entry[] = [];
  readonly warnings: string[] = [];

  add(e: Entry): void {
    if (e.params > 0) this.entries.push(e);
  }

  trainable(): number {
    return this.entries.reduce((s, e) => s + (e.trainable ? e.params : 0), 0);
  }

  added(): number {
    return this.entries.reduce((s, e) => s + (e.addsToTotal ? e.params : 0), 0);
  }

  /** Freezes entries under a module (ModulesToSaveWrapper freezes the original it keeps). */
  freezeWithin(root: string): Entry[] {
    const inside = this.entries.filter((e) => e.module === root || e.module.startsWith(root + '.'));
    for (const e of inside) e.trainable = false;
    return inside;
  }

  /**
   * Freezes entries whose module path has a dotted component in `components` (Axolotl's
   * freeze_mm_modules sets requires_grad=False by parameter-name component, after PEFT built its layers).
   */
  freezeComponents(components: readonly string[]): void {
    if (!components.length) return;
    for (const e of this.entries)
      if (e.module.split('.').some((part) => components.includes(part))) e.trainable = false;
  }

  /** Drops unfrozen-bias records under a module (the original is frozen again). */
  dropBiasWithin(root: string): void {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const e = this.entries[i];
      if (e.what === 'bias' && (e.module === root || e.module.startsWith(root + '.')))
        this.entries.splice(i, 1);
    }
  }
}
