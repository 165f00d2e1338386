// One temporary folder per test run. TMPDIR (and TMP, TEMP) point into it, so whatever the tests,
// the CLI they spawn, code-server, the extension host or the browser create through os.tmpdir() or
// mktemp lands inside; it is removed when this process exits, passed or failed (MLCONFIG_KEEP_RUN=1
// keeps it). Call first thing in a driver, before anything creates a temporary file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Creates `<tmp>/mlcl-<label>-XXXXXX`, points TMPDIR at it and removes it on exit. With
 * `{ signals: true }` Ctrl-C and SIGTERM also exit through the clean-up (drivers that handle
 * signals themselves leave it off: their handlers end in process.exit, which runs it too).
 */
export function useScratchTmp(label, { signals = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), `mlcl-${label}-`));
  for (const name of ['TMPDIR', 'TMP', 'TEMP']) process.env[name] = dir;
  process.once('exit', () => {
    if (!process.env.MLCONFIG_KEEP_RUN) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  });
  if (signals) {
    process.once('SIGINT', () => process.exit(130));
    process.once('SIGTERM', () => process.exit(143));
  }
  return dir;
}
