// PEFT matches names with Python's `re`; these helpers give the same answers with RE2 (re2js, a
// pure-JavaScript port of RE2), whose matching time is linear in the text whatever the pattern: a
// pattern from a file such as `(.*.*)*x` cannot hang the editor (JavaScript's backtracking RegExp
// ran it for minutes). RE2 reads Python's `(?P<name>…)` and `\A` as Python does; `\Z` and `{,n}` are
// translated. What RE2 cannot run in linear time (backreferences, lookaround, conditionals, atomic
// groups, possessive quantifiers) is refused with an EstimateError naming the feature.
import { LRUCache } from 'lru-cache';
import { RE2JS } from 're2js';
import { EstimateError } from './types';

/** Longest pattern compiled; real PEFT patterns are under 300 characters (oracle and corpus). */
export const MAX_PATTERN_CHARS = 2_000;
/** Compiled program size limit (RE2 instructions); a 2,000-character alternation is about 4,000. */
const MAX_PROGRAM_SIZE = 20_000;

/**
 * Compiled patterns, least recently used out first, bounded by count and by total program size (RE2
 * instructions). One estimate uses a handful of patterns per target entry; 500 covers many open files.
 */
const cache = new LRUCache<string, RE2JS>({
  max: 500,
  maxSize: 200_000,
  sizeCalculation: (re) => Math.max(1, re.programSize()),
});

const UNSUPPORTED: Array<[RegExp, string]> = [
  [/^\(\?P=/, 'a named backreference (?P=…)'],
  [/^\(\?=/, 'a lookahead (?=…)'],
  [/^\(\?!/, 'a negative lookahead (?!…)'],
  [/^\(\?<=/, 'a lookbehind (?<=…)'],
  [/^\(\?<!/, 'a negative lookbehind (?<!…)'],
  [/^\(\?\(/, 'a conditional group (?(…)…)'],
  [/^\(\?>/, 'an atomic group (?>…)'],
];

/** Why a pattern cannot be evaluated in linear time, or the RE2 spelling of the Python pattern. */
export function translatePython(pattern: string): { re2: string } | { unsupported: string } {
  if (pattern.length > MAX_PATTERN_CHARS)
    return {
      unsupported: `${pattern.length.toLocaleString('en-US')} characters (the limit is ${MAX_PATTERN_CHARS.toLocaleString('en-US')})`,
    };
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const n = pattern[i + 1] ?? '';
      if (!inClass && /[1-9]/.test(n)) return { unsupported: `a backreference (\\${n})` };
      out += n === 'Z' && !inClass ? '\\z' : c + n;
      i++;
    } else if (inClass) {
      out += c;
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
      out += c;
      // A `]` (after an optional `^`) right at the start is a literal member, as in Python.
      const lead = /^\^?\]/.exec(pattern.slice(i + 1));
      if (lead) {
        out += lead[0];
        i += lead[0].length;
      }
    } else if (c === '(') {
      const hit = UNSUPPORTED.find(([re]) => re.test(pattern.slice(i, i + 4)));
      if (hit) return { unsupported: hit[1] };
      out += c;
    } else if ('*+?}'.includes(c) && pattern[i + 1] === '+') {
      return { unsupported: `a possessive quantifier (${c}+)` };
    } else if (c === '{' && /^\{,\d+\}/.test(pattern.slice(i))) {
      out += '{0,'; // Python's {,n} is {0,n}; RE2 reads {,n} as literal text.
      i++;
    } else out += c;
  }
  return { re2: out };
}

/** Compiles once per (mode, pattern); throws EstimateError with a one-line reason otherwise. */
function compile(mode: 'full' | 'match', original: string): RE2JS {
  const key = mode + original;
  const hit = cache.get(key);
  if (hit) return hit;
  const t = translatePython(original);
  if ('unsupported' in t)
    throw new EstimateError(
      `pattern ${JSON.stringify(clip(original))} uses ${t.unsupported}, which ML Config Lens does not evaluate`,
    );
  let re: RE2JS;
  try {
    re = RE2JS.compile(mode === 'full' ? `^(?:${t.re2})$` : `^(?:${t.re2})`);
  } catch (e) {
    throw new EstimateError(
      `${JSON.stringify(clip(original))} is not a valid regular expression (${clip((e as Error).message)}).`,
    );
  }
  if (re.programSize() > MAX_PROGRAM_SIZE)
    throw new EstimateError(
      `pattern ${JSON.stringify(clip(original))} is too complex (${re.programSize().toLocaleString('en-US')} RE2 instructions; ML Config Lens evaluates up to ${MAX_PROGRAM_SIZE.toLocaleString('en-US')})`,
    );
  cache.set(key, re);
  return re;
}

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
}

/** Python `re.fullmatch(pattern, text)`. */
export function fullmatch(pattern: string, text: string): boolean {
  return compile('full', pattern).testExact(text);
}

/** Python `re.match(pattern, text)`: anchored at the start only; the groups (index 0 = whole match). */
export function pyMatch(pattern: string, text: string): Array<string | null> | null {
  const m = compile('match', pattern).matcher(text);
  if (!m.lookingAt()) return null;
  const groups: Array<string | null> = [];
  for (let g = 0; g <= m.groupCount(); g++) groups.push(m.group(g));
  return groups;
}

/**
 * PEFT's `re.match(rf"(^|.*\.){name}($|\..*)", key)` (modules_to_save, tied weights): `name` as a whole
 * run of dotted segments of `key`. A name without regex syntax (the usual `lm_head`) is compared as
 * text, which gives the same answer without compiling a pattern per name.
 */
export function matchesSegmentRun(name: string, key: string): boolean {
  if (!/[\\^$.|?*+()[\]{}]/.test(name)) {
    return (
      key === name || key.startsWith(name + '.') || key.endsWith('.' + name) || key.includes('.' + name + '.')
    );
  }
  return pyMatch(`(^|.*\\.)${name}($|\\..*)`, key) !== null;
}

/** Escapes text for literal use inside a pattern (Python `re.escape`). */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Compiled patterns held now (for the bounded-cache test). */
export function regexCacheSize(): number {
  return cache.size;
}
