// Small helpers shared by the loader walk, its findings and the pointer locator.
import { isScalar, type Node } from 'yaml';

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

