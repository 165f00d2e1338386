// Starts code-server on 127.0.0.1 with throwaway state (user data, extensions, XDG dirs, a copy of the
// workspace folder) and a gallery pointed at a closed loopback port, and stops it by the process-group
// id it started. Nothing a session does (Apply, quick fixes, typing, Save) reaches the repository's files.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

const SETTINGS = {
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'editor.hover.delay': 300,
  // code-server saves after a delay by default; edits stay in the editor until an explicit Save.
  'files.autoSave': 'off',
};

/** A free TCP port on 127.0.0.1 (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function serverEnv(run, extra) {
  return {
    ...process.env,
    XDG_CONFIG_HOME: join(run, 'xdg'), // else code-server writes ~/.config/code-server/config.yaml
    XDG_DATA_HOME: join(run, 'xdg'),
    EXTENSIONS_GALLERY: JSON.stringify({
      serviceUrl: 'http://127.0.0.1:9/vscode/gallery',
      itemUrl: 'http://127.0.0.1:9/vscode/item',
    }),
    ...extra,
  };
}

function baseArgs(run) {
  return [
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir',
    join(run, 'ud'),
    '--extensions-dir',
    join(run, 'ext'),
  ];
}

async function waitHealthy(url, child, logFile, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      if ((await globalThis.fetch(`${url}/healthz`)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const log = readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n');
  throw new Error(
    `code-server did not become healthy within ${ms} ms (exit ${child.exitCode}); log tail:\n${log}`,
  );
}

/**
 * Starts a server. Options: `vsix` (installed into the throwaway extensions dir first), `env`
 * (extra environment, which also reaches the extension host), `port` (default: a free one),
 * `workspace` (a folder copied into the run dir under its own name; open `server.workspace`).
 * Returns { url, port, pid, run, workspace, logFile, stop(), exited } (`exited` resolves when the server ends).
 */
export async function startServer(paths, { vsix, env = {}, port, workspace: source } = {}) {
  const run = mkdtempSync(join(tmpdir(), 'mlcl-host-'));
  const workspace = source ? join(run, 'workspace', basename(source)) : undefined;
  if (source) cpSync(source, workspace, { recursive: true });
  mkdirSync(join(run, 'ud', 'User'), { recursive: true });
  mkdirSync(join(run, 'ext'));
  mkdirSync(join(run, 'xdg'));
  writeFileSync(join(run, 'ud', 'User', 'settings.json'), JSON.stringify(SETTINGS, null, 2));
  const environment = serverEnv(run, env);
  if (vsix) installVsix(paths, run, environment, vsix);
  port ??= await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logFile = join(run, 'server.log');
  const out = openSync(logFile, 'a');
  // The smoke-test-driver option makes VS Code >= 1.133 honour the dev/test payload in the URL.
  const args = [
    paths.entry,
    '--bind-addr',
    `127.0.0.1:${port}`,
    ...baseArgs(run),
    '--vscode-option',
    'enable-smoke-test-driver',
  ];
  // detached: the server gets its own process group, so stop() ends it and its children together.
  const child = spawn(paths.node, args, { env: environment, stdio: ['ignore', out, out], detached: true });
  const stop = stopper(child, run);
  try {
    await waitHealthy(url, child, logFile, 30_000);
  } catch (e) {
    await stop();
    throw e;
  }
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  return { url, port, pid: child.pid, run, workspace, logFile, stop, exited };
}

function installVsix(paths, run, environment, vsix) {
  const r = spawnSync(paths.node, [paths.entry, ...baseArgs(run), '--install-extension', vsix], {
    env: environment,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.status !== 0)
    throw new Error(`installing ${vsix} failed (${r.status ?? r.signal}):\n${r.stdout}${r.stderr}`);
}

/** SIGTERM to the server's process group, SIGKILL after 3 s; resolves once the server exited. */
function stopper(child, run) {
  let done;
  return () => {
    done ??= new Promise((resolve) => {
      const signal = (sig) => {
        try {
          process.kill(-child.pid, sig);
        } catch {
          /* group already gone */
        }
      };
      const finish = () => {
        clearTimeout(killer);
        if (!process.env.MLCONFIG_KEEP_RUN) rmSync(run, { recursive: true, force: true, maxRetries: 3 });
        resolve();
      };
      const killer = setTimeout(() => {
        signal('SIGKILL');
        setTimeout(finish, 200);
      }, 3000);
      if (child.exitCode !== null || child.signalCode !== null) {
        signal('SIGKILL');
        finish();
        return;
      }
      child.once('exit', () => {
        signal('SIGKILL');
        finish();
      }); // children of the group too
      signal('SIGTERM');
    });
    return done;
  };
}
