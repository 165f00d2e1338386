// A step that may throw on a hostile or half-typed config: its error becomes one line in the
// analysis' problems (the editor, the CLI and the panel show the same words) instead of a crash.

/** The first line of an error's message; a stack overflow from deep nesting said in the user's terms. */
export function messageOf(err: unknown): string {
  if (err instanceof RangeError && /call stack/i.test(err.message))
    return 'the file nests too deeply to analyse (the YAML or JSON blocks are nested thousands of levels)';
  return (err instanceof Error ? err.message : String(err)).split('\n')[0];
}

/** `fn()`, or undefined with its error's message added to `problems`. */
export function safe<T>(fn: () => T, problems: string[]): T | undefined {
  try {
    return fn();
  } catch (err) {
    problems.push(messageOf(err));
    return undefined;
  }
}
