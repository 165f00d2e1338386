// Questions PEFT's rules ask of an inventory: which module names exist (containers included, since
// modules_to_save and target_modules match any named module), and what a subtree holds.
import type { ModelInventory, ModuleInfo } from './types';

const namesCache = new WeakMap<ModelInventory, string[]>();

/**
 * Every module name of the task model that has parameters below it, containers included
 * ('classifier' for RoBERTa's two-Linear head, 'model.layers.0.mlp'), in registration order,
 * as torch's named_modules() lists them (the root '' excluded).
 */
export function allModuleNames(inv: ModelInventory): string[] {
  const hit = namesCache.get(inv);
  if (hit) return hit;
  const seen = new Set<string>();
  const out: string[] = [];
  for (const m of inv.modules) {
    const parts = m.name.split('.');
    for (let i = 1; i <= parts.length; i++) {
      const n = parts.slice(0, i).join('.');
      if (!seen.has(n)) {
        seen.add(n);
        out.push(n);
      }
    }
  }
  namesCache.set(inv, out);
  return out;
}

/** The modules at or below `name` (the module itself and its descendants). */
export function modulesUnder(inv: ModelInventory, name: string): ModuleInfo[] {
  const p = `${name}.`;
  return inv.modules.filter((m) => m.name === name || m.name.startsWith(p));
}

/**
 * Parameters a full copy of the subtree holds (what modules_to_save adds). Tied weights count: the
 * copy is a separate tensor even where the original shares its weight.
 */
export function subtreeParams(inv: ModelInventory, name: string): number {
  let total = 0;
  for (const m of modulesUnder(inv, name)) total += m.weightParams + m.biasParams + (m.otherParams ?? 0);
  return total;
}
