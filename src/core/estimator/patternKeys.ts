// The first key of a rank_pattern-style mapping that matches a module name, without testing every
// key against every module. PEFT tries the keys in order with `re.match(rf"(.*\.)?({key})$", name)`
// (get_pattern_key) or `re.match(rf".*\.{key}$", name)` (FourierFT/C3A): a key can only match a
// suffix of the name that starts at the beginning or right after a dot. Keys written only with
// letters, digits, `_`, `-` and `.` (the usual `model.layers.3.q_proj`) have no quantifiers, so they
// match exactly the suffixes of their own length where every character is equal or the key has `.`
// (any character). Those keys go into a trie, walked once per suffix; only the other keys (real
// regular expressions) are still tried one by one, in order, and only before the best plain match.

/** A trie node: children by character; `at` is the smallest key index ending here. */
interface TrieNode {
  next: Map<string, TrieNode>;
  at: number;
}

export interface PatternKeys {
  readonly keys: readonly string[];
  readonly plain: TrieNode;
  /** Indexes (ascending) of the keys that are real regular expressions. */
  readonly regex: readonly number[];
}

const PLAIN = /^[A-Za-z0-9_.-]*$/;
const built = new WeakMap<object, PatternKeys>();

/** The keys of `patterns`, indexed once per mapping object. */
export function patternKeys(patterns: Record<string, unknown>): PatternKeys {
  let p = built.get(patterns);
  if (p) return p;
  const keys = Object.keys(patterns);
  const plain: TrieNode = { next: new Map(), at: Infinity };
  const regex: number[] = [];
  keys.forEach((k, i) => {
    if (!PLAIN.test(k)) {
      regex.push(i);
      return;
    }
    let node = plain;
    for (const c of k) {
      let child = node.next.get(c);
      if (!child) node.next.set(c, (child = { next: new Map(), at: Infinity }));
      node = child;
    }
    node.at = Math.min(node.at, i);
  });
  p = { keys, plain, regex };
  built.set(patterns, p);
  return p;
}

/** The smallest index of a plain key that matches `name` from `start` to its end. */
function plainMatch(root: TrieNode, name: string, start: number): number {
  let best = Infinity;
  // Depth-first over (trie node, position): the literal character and the `.` wildcard.
  const stack: Array<[TrieNode, number]> = [[root, start]];
  while (stack.length) {
    const [node, pos] = stack.pop()!;
    if (pos === name.length) {
      if (node.at < best) best = node.at;
      continue;
    }
    const c = name[pos];
    const lit = node.next.get(c);
    if (lit) stack.push([lit, pos + 1]);
    const any = c === '.' ? undefined : node.next.get('.');
    if (any) stack.push([any, pos + 1]);
  }
  return best;
}

/**
 * Index of the first key that matches `name`, or -1. `fromStart`: whether the key may also match the
 * whole name (get_pattern_key) or only after a dot (`.*\.{key}$`). `tryRegex(i)` runs key i the way
 * PEFT does; it is called in key order and only for keys before the first plain match.
 */
export function firstMatchingKey(
  p: PatternKeys,
  name: string,
  fromStart: boolean,
  tryRegex: (key: string) => boolean,
): number {
  let best = Infinity;
  if (fromStart) best = plainMatch(p.plain, name, 0);
  for (let i = name.indexOf('.'); i >= 0; i = name.indexOf('.', i + 1))
    best = Math.min(best, plainMatch(p.plain, name, i + 1));
  for (const i of p.regex) {
    if (i > best) break;
    if (tryRegex(p.keys[i])) return i;
  }
  return best === Infinity ? -1 : best;
}
