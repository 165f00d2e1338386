// PEFT matches names with Python's `re`; these helpers give the same answers with JavaScript RegExp.
// Only the syntax that differs in practice is translated (named groups, \A and \Z).
import { EstimateError } from './types';

const cache = new Map<string, RegExp>();

function toJs(pattern: string): string {
  return pattern
    .replace(/\(\?P</g, '(?<')
    .replace(/\(\?P=(\w+)\)/g, '\\k<$1>')
    .replace(/\\A/g, '^')
    .replace(/\\Z/g, '$');
}

/** Compiles once per (mode, pattern); the cache key is the raw pattern so hits cost one lookup. */
function compile(mode: 'full' | 'match', original: string): RegExp {
  const key = mode + original;
  let re = cache.get(key);
  if (re) return re;
  const body = toJs(original);
  try {
    re = new RegExp(mode === 'full' ? `^(?:${body})$` : `^(?:${body})`);
  } catch (e) {
    throw new EstimateError(`"${original}" is not a valid regular expression (${(e as Error).message}).`);
  }
  cache.set(key, re);
  return re;
}

/** Python `re.fullmatch(pattern, text)`. */
export function fullmatch(pattern: string, text: string): boolean {
  return compile('full', pattern).test(text);
}

/** Python `re.match(pattern, text)`: anchored at the start only. */
export function pyMatch(pattern: string, text: string): RegExpExecArray | null {
  return compile('match', pattern).exec(text);
}

/** Escapes text for literal use inside a pattern (Python `re.escape`). */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
