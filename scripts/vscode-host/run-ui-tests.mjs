// Layer 3 driver: boots the browser workbench once (code-server with the packaged .vsix installed
// through --install-extension, a temporary copy of test/fixtures open), then runs the mocha checks in out/test/ui
// against it. Ends with `N passed, N failed, N skipped`; exit 1 on failures, zero checks, timeout.
import { createRequire } from 'node:module';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { hostPaths } from './lib/host-paths.mjs';
import { startServer } from './lib/server.mjs';
import { launchBrowser, workbenchUrl, hardTimeout, stopOnExit } from './lib/browser.mjs';
import { useScratchTmp } from '../lib/scratch-tmp.mjs';

const require = createRequire(import.meta.url);
const HARD_TIMEOUT_MS = Number(process.env.MLCONFIG_UI_TIMEOUT_MS ?? 600_000);
const root = resolve(import.meta.dirname, '../..');
const uiDir = resolve(root, 'out/test/ui');
const vsix = resolve(root, 'ml-config-lens.vsix');
// The host opens a temporary copy of test/fixtures (see startServer), never the tracked files.
const fixtures = resolve(root, 'test/fixtures');

function* testFiles(dir) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* testFiles(p);
    else if (p.endsWith('.test.js')) yield p;
  }
}

function parseGrep(argv) {
  const i = argv.findIndex((a) => a === '--grep' || a.startsWith('--grep='));
  if (i < 0) return undefined;
  return argv[i].includes('=') ? argv[i].slice(7) : argv[i + 1];
}

async function runChecks(grep) {
  const Mocha = require('mocha');
  const { SummaryReporter, runMocha } = require(resolve(root, 'out/test/support/reporter.js'));
  const { workbench } = require(join(uiDir, 'workbench.js'));
  // A failed check leaves a screenshot of the moment it failed next to the others.
  const rootHooks = {
    async afterEach() {
      if (this.currentTest?.state !== 'failed') return;
      const name = `FAILED-${this.currentTest
        .fullTitle()
        .replace(/[^\w.-]+/g, '_')
        .slice(0, 80)}`;
      console.log(
        `    screenshot: ${await workbench()
          .screenshot(name)
          .catch((e) => e.message)}`,
      );
    },
  };
  const mocha = new Mocha({ ui: 'bdd', reporter: SummaryReporter, timeout: 60_000, grep, rootHooks });
  for (const f of testFiles(uiDir)) mocha.addFile(f);
  return runMocha(mocha);
}

async function main() {
  for (const [p, how] of [
    [uiDir, 'npm run compile-tests'],
    [vsix, 'npm run package'],
  ]) {
    if (!existsSync(p)) {
      console.error(`error: ${p} is missing; run ${how} first`);
      return 2;
    }
  }
  const paths = hostPaths();
  const started = Date.now();
  useScratchTmp('ui');
  const server = await startServer(paths, { vsix, workspace: fixtures });
  const browser = await launchBrowser(paths);
  const stopAll = async () => {
    await browser.close();
    await server.stop();
  };
  stopOnExit(stopAll);
  const timeout = hardTimeout(HARD_TIMEOUT_MS, 'the ui run');
  let failures = 1;
  try {
    const { attachWorkbench } = require(join(uiDir, 'workbench.js'));
    const url = workbenchUrl(server, server.workspace);
    const wb = attachWorkbench(browser.page, url);
    await Promise.race([browser.page.goto(url).then(() => wb.ready()), timeout.promise]);
    console.log(`ui: workbench ready after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    failures = await Promise.race([runChecks(parseGrep(process.argv.slice(2))), timeout.promise]);
  } catch (e) {
    console.error(`error: ${e.message}`);
    console.log('0 passed, 1 failed, 0 skipped');
  } finally {
    timeout.clear();
    await stopAll();
  }
  console.log(`ui layer: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return failures ? 1 : 0;
}

process.exit(await main());
