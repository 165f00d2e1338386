// The model as PyTorch's `named_modules()` sees it: every module that owns parameters, plus each
// container above it (every dotted prefix of a name is a module in transformers models), in pre-order.
import type { ModelInventory, ModuleInfo } from './types';

export interface ModelTree {
  /** All module names except the root "", containers before their children. */
  names: string[];
  /** Modules that own parameters. */
  own: Map<string, ModuleInfo>;
  /** Names that have children (containers). */
  containers: Set<string>;
}

/** Parameters a module owns directly (weight + bias + others such as ViT's cls_token). */
export function ownParams(m: ModuleInfo): number {
  return m.weightParams + m.biasParams + (m.otherParams ?? 0);
}

const trees = new WeakMap<ModelInventory, ModelTree>();

/** The tree of an inventory; cached, as inventories are cached and read-only. */
export function buildTree(inv: ModelInventory): ModelTree {
  let tree = trees.get(inv);
  if (!tree) trees.set(inv, (tree = makeTree(inv)));
  return tree;
}

function makeTree(inv: ModelInventory): ModelTree {
  const names: string[] = [];
  const seen = new Set<string>();
  const containers = new Set<string>();
  const own = new Map<string, ModuleInfo>();
  for (const m of inv.modules) {
    own.set(m.name, m);
    const parts = m.name.split('.');
    for (let i = 1; i <= parts.length; i++) {
      const prefix = parts.slice(0, i).join('.');
      if (i < parts.length) containers.add(prefix);
      if (!seen.has(prefix)) {
        seen.add(prefix);
        names.push(prefix);
      }
    }
  }
  return { names, own, containers };
}

/** True when `name` is `root` or lies below it. */
export function isWithin(name: string, root: string): boolean {
  return name === root || name.startsWith(root + '.');
}

/** Own modules in the subtree rooted at `root` (the module itself and everything below it). */
export function subtree(tree: ModelTree, root: string): ModuleInfo[] {
  const out: ModuleInfo[] = [];
  for (const [name, m] of tree.own) if (isWithin(name, root)) out.push(m);
  return out;
}

/** Leaf names (last dotted segment) of every module, sorted, for "did you mean" lists. */
export function leafNames(tree: ModelTree): string[] {
  const set = new Set<string>();
  for (const n of tree.names) set.add(n.slice(n.lastIndexOf('.') + 1));
  return [...set].filter((n) => !/^\d+$/.test(n)).sort();
}
