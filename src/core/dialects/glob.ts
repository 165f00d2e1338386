// Globs from the mlConfig.files.associations setting, which a workspace's .vscode/settings.json can
// set. picomatch parses the glob (braces, classes, `**`), and its regular expression runs on RE2
// (re2js), whose time is linear in the path. picomatch's own backtracking RegExp is not safe here:
// `**/**?**?**?**?**?**?**?!` took 1.3 s on a 96-character path and `a/**/a/**/a/**/*?x` did not
// finish in 2 minutes on a 4,000-character one (measured). A glob that cannot be compiled this way is
// ignored, with the reason, never run.
import picomatch from 'picomatch';
import { RE2JS } from 're2js';

/** Longest glob accepted; the examples in the setting's documentation are under 30 characters. */
export const MAX_GLOB_CHARS = 200;
/** Paths longer than this are not matched (Linux PATH_MAX is 4,096 bytes). */
export const MAX_PATH_CHARS = 4_096;
/** RE2 program size limit for one glob; `**` and a brace of ten names compile to under 200 instructions. */
const MAX_PROGRAM_SIZE = 5_000;

export type GlobCheck = { ok: true; re: RE2JS } | { ok: false; reason: string };

/**
 * picomatch's lookarounds and what they guard: `.`/`..` path segments (paths here are normalized,
 * and a path holding such a segment is never matched) and an empty name before `*` (a file path
 * never ends with `/`). Removing them leaves a pattern RE2 runs with the same answers.
 */
const DOT_SEGMENT_GUARDS = ['(?!(?:^|\\/)\\.{1,2}(?:\\/|$))', '(?!\\.{1,2}(?:\\/|$))', '(?=.)'];

const compiled = new Map<string, GlobCheck>();
const MAX_COMPILED = 256;

/**
 * What the editor's host thread checks of a glob: only its length. Compiling it (picomatch, then RE2)
 * happens in the analysis worker, which also matches it: RE2's first compile in a process costs 16–31 ms
 * (measured, bench `worker`), over the host's 10 ms budget (issue 11).
 */
export function globLengthProblem(glob: string): string | undefined {
  return glob.length > MAX_GLOB_CHARS
    ? `glob is ${glob.length} characters long (the limit is ${MAX_GLOB_CHARS})`
    : undefined;
}

function compileGlob(glob: string): GlobCheck {
  const tooLong = globLengthProblem(glob);
  if (tooLong) return { ok: false, reason: tooLong };
  const anchored = glob.startsWith('/') || glob.startsWith('**/') ? glob : `**/${glob}`;
  let source: string;
  try {
    source = picomatch.makeRe(anchored, { dot: true, noextglob: true }).source;
  } catch (e) {
    return { ok: false, reason: `glob is not valid (${(e as Error).message})` };
  }
  for (const g of DOT_SEGMENT_GUARDS) source = source.split(g).join('');
  if (/\(\?[=!<]/.test(source))
    return { ok: false, reason: 'glob needs a lookaround to match, which ML Config Lens does not evaluate' };
  let re: RE2JS;
  try {
    re = RE2JS.compile(source);
  } catch (e) {
    return { ok: false, reason: `glob cannot be matched in linear time (${(e as Error).message})` };
  }
  if (re.programSize() > MAX_PROGRAM_SIZE)
    return {
      ok: false,
      reason: `glob is too complex (${re.programSize()} RE2 instructions; the limit is ${MAX_PROGRAM_SIZE})`,
    };
  return { ok: true, re };
}

/** Compiles a glob once (bounded memo); a glob without a leading `/` matches at any folder depth. */
export function checkGlob(glob: string): GlobCheck {
  let c = compiled.get(glob);
  if (c) return c;
  c = compileGlob(glob);
  if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value as string);
  compiled.set(glob, c);
  return c;
}

/** Why a glob is ignored, or undefined when it is usable. */
export function globProblem(glob: string): string | undefined {
  const c = checkGlob(glob);
  return c.ok ? undefined : c.reason;
}

/** Whether `path` matches `glob` (linear time in the path); a glob over the limits never matches. */
export function globMatches(glob: string, path: string): boolean {
  const c = checkGlob(glob);
  if (!c.ok || path.length > MAX_PATH_CHARS || /(^|\/)\.{1,2}(\/|$)/.test(path)) return false;
  return c.re.testExact(glob.startsWith('/') ? path : path.replace(/^\/+/, ''));
}
