// `npm run test:desktop`: the same in-host suite (out/test/host) in desktop VS Code through
// @vscode/test-electron. Needs to download VS Code from Microsoft (and a display, e.g. xvfb-run,
// on Linux without one); where that is impossible it fails fast with a clear message.
//   node scripts/run-desktop.mjs [--vscode-version 1.100.0|stable|insiders] [--grep text]
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';

const root = resolve(import.meta.dirname, '..');
const DOWNLOAD_IDLE_TIMEOUT_MS = 15_000;

function option(name) {
  const argv = process.argv.slice(2);
  const i = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (i < 0) return undefined;
  return argv[i].includes('=') ? argv[i].slice(name.length + 1) : argv[i + 1];
}

async function download(version) {
  try {
    return await downloadAndUnzipVSCode({
      version,
      timeout: DOWNLOAD_IDLE_TIMEOUT_MS,
      cachePath: join(root, '.vscode-test'),
    });
  } catch (e) {
    console.error(`error: could not download desktop VS Code ${version} (${e.message ?? e}).`);
    console.error('The desktop layer needs access to update.code.visualstudio.com. Without it, run the same');
    console.error('suite in the browser host instead: npm run test:host');
    return undefined;
  }
}

async function main() {
  const version = option('--vscode-version') ?? 'stable';
  const grep = option('--grep');
  const executable = await download(version);
  if (!executable) return 1;
  const run = mkdtempSync(join(tmpdir(), 'mlcl-desktop-'));
  const userData = join(run, 'ud');
  // The host opens a copy of test/fixtures: edits and saves in the run never reach tracked files.
  const fixtures = join(run, 'fixtures');
  cpSync(join(root, 'test/fixtures'), fixtures, { recursive: true });
  try {
    const code = await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: root,
      extensionTestsPath: join(root, 'out/test/host/index.js'),
      extensionTestsEnv: grep ? { MLCONFIG_HOST_GREP: grep } : {},
      launchArgs: [
        fixtures,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--user-data-dir',
        userData,
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      ],
    });
    return code === 0 ? 0 : 1;
  } catch (e) {
    console.error(`error: the desktop host run failed: ${e.message ?? e}`);
    if (process.platform === 'linux' && !process.env.DISPLAY)
      console.error('(no DISPLAY: try xvfb-run -a npm run test:desktop)');
    return 1;
  } finally {
    rmSync(run, { recursive: true, force: true, maxRetries: 3 });
  }
}

process.exit(await main());
