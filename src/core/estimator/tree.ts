// The model as PyTorch's `named_modules()` sees it: every module that owns parameters, plus each
// container above it (every dotted prefix of a name is a module in transformers models), in pre-order.
import type { ModelInventory, ModuleInfo } from './types';

export interface ModelTree {
  /** `named_modules()` names except the root "", containers before their children; aliases left out. */
  names: string[];
  /** `named_modules(remove_duplicate=False)`: aliases of one module object included (modules_to_save sees them). */
  allNames: string[];
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

/**
 * Attributes that hold the very same module object as another one (not just a shared weight), so
 * `named_modules()` lists them once: T5's encoder/decoder `embed_tokens` are its `shared` embedding.
 */
const SAME_MODULE_ALIASES: Record<string, RegExp> = {
  t5: /^(encoder|decoder)\.embed_tokens$/,
  mt5: /^(encoder|decoder)\.embed_tokens$/,
  umt5: /^(encoder|decoder)\.embed_tokens$/,
  longt5: /^(encoder|decoder)\.embed_tokens$/,
};

function isAlias(inv: ModelInventory, m: ModuleInfo): boolean {
  return m.tiedTo !== undefined && (SAME_MODULE_ALIASES[inv.modelType]?.test(m.name) ?? false);
}

function makeTree(inv: ModelInventory): ModelTree {
  const allNames: string[] = [];
  const aliases = new Set(inv.modules.filter((m) => isAlias(inv, m)).map((m) => m.name));
  const seen = new Set<string>();
  const containers = new Set<string>();
  const own = new Map<string, ModuleInfo>();
  for (const m of inv.modules) {
    own.set(m.name, m);
    // Every dotted prefix, shortest first (a container before its children).
    for (let end = m.name.indexOf('.'); ; end = m.name.indexOf('.', end + 1)) {
      const prefix = end < 0 ? m.name : m.name.slice(0, end);
      if (end >= 0) containers.add(prefix);
      if (!seen.has(prefix)) {
        seen.add(prefix);
        allNames.push(prefix);
      }
      if (end < 0) break;
    }
  }
  return { names: allNames.filter((n) => !aliases.has(n)), allNames, own, containers };
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
