// Small helpers shared by the loader walk, its findings and the pointer locator, and the index of a
// parsed document they all look nodes up in.
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  visit,
  type Alias,
  type Document,
  type Node,
  type Pair,
  type YAMLMap,
} from 'yaml';

/** A JSON-pointer path built only when needed: each step links to its parent. */
export interface PathLink {
  parent: PathLink | undefined;
  seg: string;
}

export function pointerOf(p: PathLink | undefined): string {
  let out = '';
  for (let l = p; l; l = l.parent) out = `/${l.seg.replace(/~/g, '~0').replace(/\//g, '~1')}${out}`;
  return out;
}

export function keyText(key: Node | null | undefined): string {
  if (key == null) return '';
  if (isScalar(key)) return String(key.value ?? '');
  return String(key);
}

/** What one mapping holds, by key text: the last pair per key (Python keeps the last duplicate) and its `<<` pairs. */
interface MapTable {
  last: Map<string, Pair>;
  merges: Pair[];
  /** findPair results through `<<`, by depth and key (merge chains are followed once per key). */
  memo?: Map<string, Pair | undefined>;
}

/**
 * Everything the validator looks up in a parsed document, indexed once so that every lookup costs
 * O(path length) instead of a scan: each mapping's pairs by key text (built on its first lookup, one
 * pass over its items) and each alias's target (one walk over the document, on the first alias).
 * Keeps no state beyond one validation: build one per parsed document.
 */
export class DocIndex {
  private readonly tables = new Map<YAMLMap, MapTable>();
  private aliasTargets: Map<Alias, Node | undefined> | undefined;
  private firstAnchors: Map<string, Node> | undefined;

  constructor(readonly doc: Document) {}

  /** The pair per key text of `map`, last duplicate winning. */
  table(map: YAMLMap): MapTable {
    let t = this.tables.get(map);
    if (!t) {
      t = { last: new Map(), merges: [] };
      for (const p of map.items) {
        if (!isPair(p)) continue;
        t.last.set(keyText(p.key as Node), p);
        if (isScalar(p.key) && p.key.value === '<<') t.merges.push(p);
      }
      this.tables.set(map, t);
    }
    return t;
  }

  /** True when `map` has a pair whose key reads `key`. */
  has(map: YAMLMap, key: string): boolean {
    return this.table(map).last.has(key);
  }

  /** What `Alias.resolve(doc)` returns: the last node with the alias's anchor before it, in document order. */
  target(alias: Alias): Node | undefined {
    if (!this.aliasTargets) this.walkAnchors();
    return this.aliasTargets!.get(alias);
  }

  /** The first node that carries anchor `name` (the loader's view; PyYAML rejects duplicate anchors). */
  firstAnchor(name: string): Node | undefined {
    if (!this.firstAnchors) this.walkAnchors();
    return this.firstAnchors!.get(name);
  }

  /** One walk in `visit` order (the order Alias.resolve scans), recording anchors as they appear. */
  private walkAnchors(): void {
    const first = new Map<string, Node>();
    const latest = new Map<string, Node>();
    const targets = new Map<Alias, Node | undefined>();
    visit(this.doc, (_key, n) => {
      if (isAlias(n)) targets.set(n, latest.get(n.source));
      else if ((isScalar(n) || isMap(n) || isSeq(n)) && n.anchor) {
        if (!first.has(n.anchor)) first.set(n.anchor, n);
        latest.set(n.anchor, n);
      }
    });
    this.aliasTargets = targets;
    this.firstAnchors = first;
  }
}
