// JSON pointer -> YAML node. RFC 6901 decoding (`~1` then `~0`), keys compared as the strings they
// are in the loaded object (so the YAML key `1:` matches the segment "1"), aliases and merge keys
// followed; when a segment is missing, the deepest node found stands in (nearest ancestor).
import { isAlias, isMap, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import type { DocIndex } from './nodes';

export function decodePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export interface Located {
  /** The value node at the path, or the deepest ancestor found. */
  value: Node | null;
  /** The key naming `value` (absent for the root and for sequence items). */
  key: Node | null;
  /** The nearest key on the way, for ranges of sequence items and missing nodes. */
  nearestKey: Node | null;
  complete: boolean;
}

/** The node at `segments`, looked up through the document index: O(path length) per call. */
export function locate(ix: DocIndex, segments: readonly string[]): Located {
  let value = deref(ix, ix.doc.contents as Node | null);
  let key: Node | null = null;
  let nearestKey: Node | null = null;
  for (const seg of segments) {
    if (isMap(value)) {
      const pair = findPair(ix, value, seg, 0);
      if (!pair) return { value, key, nearestKey, complete: false };
      key = pair.key as Node;
      nearestKey = key;
      value = deref(ix, pair.value as Node | null);
    } else if (isSeq(value)) {
      const item = value.items[Number(seg)] as Node | undefined;
      if (item === undefined || !/^\d+$/.test(seg)) return { value, key, nearestKey, complete: false };
      key = null;
      value = deref(ix, item);
    } else {
      return { value, key, nearestKey, complete: false };
    }
  }
  return { value, key, nearestKey, complete: true };
}

function deref(ix: DocIndex, node: Node | null): Node | null {
  for (let i = 0; i < 32 && node && isAlias(node); i++) node = ix.target(node) ?? null;
  return node;
}

/** The last pair with this key (Python keeps the last duplicate), else one from a `<<` merge. */
function findPair(ix: DocIndex, map: YAMLMap, seg: string, depth: number): Pair | undefined {
  const table = ix.table(map);
  const own = table.last.get(seg);
  if (own || depth > 8 || table.merges.length === 0) return own;
  const memoKey = `${depth}\u0000${seg}`;
  table.memo ??= new Map();
  if (table.memo.has(memoKey)) return table.memo.get(memoKey);
  let found: Pair | undefined;
  for (const p of table.merges) {
    const v = deref(ix, p.value as Node | null);
    const sources = isSeq(v) ? v.items.map((x) => deref(ix, x as Node)) : [v];
    for (const s of sources) if (isMap(s)) found ??= findPair(ix, s, seg, depth + 1);
  }
  table.memo.set(memoKey, found);
  return found;
}

/** [start, end) of a node without trailing line breaks or spaces (block values end after "\n"). */
export function nodeSpan(text: string, node: Node | null): [number, number] | undefined {
  const r = node?.range;
  if (!r) return undefined;
  let end = r[1];
  while (end > r[0] && /\s/.test(text[end - 1])) end--;
  return [r[0], end];
}
