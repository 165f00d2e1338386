// Debian's chromium driven by playwright-core (no browser download), headless, with a fresh
// profile per run and the flags that keep it from calling home.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { URLSearchParams } from 'node:url';
import { chromium } from 'playwright-core';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Launches the browser; returns { context, page, close() }. */
export async function launchBrowser(paths, { viewport = { width: 1400, height: 900 } } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'mlcl-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: paths.chromium,
    headless: true,
    args: ARGS,
    viewport,
    timeout: 60_000,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  // Loading the workbench takes ~5 s on an idle machine but minutes on a loaded one (2 cores, load
  // average 25 measured): the drivers' hard timeout bounds the run, not playwright's 30 s default.
  page.setDefaultNavigationTimeout(180_000);
  const close = async () => {
    await context.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
  };
  return { context, page, close };
}

/** The workbench URL for `folder`, optionally with a dev/test payload (absolute paths on the server). */
export function workbenchUrl(server, folder, payload) {
  const params = new URLSearchParams({ folder });
  if (payload) {
    const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
    params.set('payload', JSON.stringify(payload.map(([k, p]) => [k, remote(p)])));
  }
  return `${server.url}/?${params}`;
}

/** Rejects after `ms` with a message naming `what`; `clear()` cancels. */
export function hardTimeout(ms, what) {
  let timer;
  const promise = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000} s`)), ms);
  });
  return { promise, clear: () => clearTimeout(timer) };
}

/**
 * Makes sure `stopAll` (close the browser, stop the server) runs however the driver ends: Ctrl-C,
 * SIGTERM from a CI timeout, or an error nobody caught.
 */
export function stopOnExit(stopAll) {
  const bail = (code, why) => {
    if (why) console.error(`error: ${why}`);
    void stopAll().finally(() => process.exit(code));
  };
  process.once('SIGINT', () => bail(130));
  process.once('SIGTERM', () => bail(143));
  process.once('unhandledRejection', (e) => bail(1, e?.message ?? e));
  process.once('uncaughtException', (e) => bail(1, e?.message ?? e));
}
