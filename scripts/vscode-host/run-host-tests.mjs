// Layer 2 driver: runs out/test/host (mocha, inside the real Node extension host of code-server)
// through the workbench URL payload, forwards the host's console to stdout, and ends with the
// suite's closing line. Exit 1 on failures, on zero tests and on the hard timeout.
import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { format } from 'node:util';
import { hostPaths } from './lib/host-paths.mjs';
import { startServer } from './lib/server.mjs';
import { launchBrowser, workbenchUrl, hardTimeout, stopOnExit } from './lib/browser.mjs';
import { useScratchTmp } from '../lib/scratch-tmp.mjs';

const HARD_TIMEOUT_MS = Number(process.env.MLCONFIG_HOST_TIMEOUT_MS ?? 600_000);
// Workbench noise that says nothing about the extension: the gallery is pointed at a closed port on
// purpose, and no GitHub auth provider exists offline.
const NOISE = [/^\[AccountPolicyGate\]/, /ECONNREFUSED 127\.0\.0\.1:9\b/, /authentication provider 'github'/];
// test/host/index.ts prints this first; the workbench's own start-up chatter before it is hidden
// (set MLCONFIG_VERBOSE=1 to see it).
const SUITE_START = /^host suite: \d+ test files?/;
const SUMMARY = /^(\d+) passed, (\d+) failed, (\d+) skipped$/;
const root = resolve(import.meta.dirname, '../..');
const testsIndex = resolve(root, 'out/test/host/index.js');
// The host opens a temporary copy of test/fixtures (see startServer), never the tracked files.
const fixtures = resolve(root, 'test/fixtures');

function parseGrep(argv) {
  const i = argv.findIndex((a) => a === '--grep' || a.startsWith('--grep='));
  if (i < 0) return undefined;
  return argv[i].includes('=') ? argv[i].slice(7) : argv[i + 1];
}

async function main() {
  if (!existsSync(testsIndex)) {
    console.error(`error: ${testsIndex} is missing; run npm run compile-tests first`);
    return 2;
  }
  const paths = hostPaths();
  const grep = parseGrep(process.argv.slice(2));
  const started = Date.now();
  useScratchTmp('host');
  const server = await startServer(paths, {
    workspace: fixtures,
    env: grep ? { MLCONFIG_HOST_GREP: grep } : {},
  });
  const browser = await launchBrowser(paths);
  const stopAll = async () => {
    await browser.close();
    await server.stop();
  };
  stopOnExit(stopAll);

  let summary;
  let suiteStarted = Boolean(process.env.MLCONFIG_VERBOSE);
  let exitCode;
  const exited = new Promise((done) => {
    browser.context.exposeFunction('codeAutomationExit', (code) => {
      exitCode = code;
      done();
    });
  });
  await browser.context.exposeFunction('codeAutomationLog', (type, args) => {
    const line = format(...(Array.isArray(args) ? args : [args]));
    const m = SUMMARY.exec(line.trim());
    if (SUITE_START.test(line)) suiteStarted = true;
    if (m) summary = { line: line.trim(), passed: +m[1], failed: +m[2] };
    else if (NOISE.some((re) => re.test(line))) return;
    else if (type === 'error') console.error(line);
    else if (suiteStarted) console.log(line);
  });
  const timeout = hardTimeout(HARD_TIMEOUT_MS, 'the host test run');
  try {
    const payload = [
      ['extensionDevelopmentPath', root],
      ['extensionTestsPath', testsIndex],
    ];
    const run = browser.page.goto(workbenchUrl(server, server.workspace, payload)).then(() => exited);
    await Promise.race([run, timeout.promise]);
  } catch (e) {
    console.error(`error: ${e.message}`);
    console.error(`server log: ${server.logFile} (kept only with MLCONFIG_KEEP_RUN=1)`);
    exitCode = 1;
  } finally {
    timeout.clear();
    await stopAll();
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (!summary) {
    console.log(`error: the host run ended (code ${exitCode}) without a test summary`);
    console.log('0 passed, 1 failed, 0 skipped');
    return 1;
  }
  console.log(`host layer: ${seconds} s`);
  console.log(summary.line);
  return exitCode === 0 && summary.failed === 0 && summary.passed > 0 ? 0 : 1;
}

process.exit(await main());
