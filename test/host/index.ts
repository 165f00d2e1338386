// Layer 2 entry point: VS Code (desktop via @vscode/test-electron, or the browser host via the
// workbench URL payload) requires this module inside the extension host and awaits `run()`.
// Every compiled `*.test.js` below out/test/host is part of the one suite; activation.test.js runs
// first so that it sees the extension activate from a YAML document, not from another test.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { SummaryReporter, runMocha } from '../support/reporter';

const FIRST = 'activation.test.js';

/** All host test files under `dir`, activation first, then in path order. */
export function hostTestFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string): void => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith('.test.js')) found.push(p);
    }
  };
  walk(dir);
  const rank = (f: string): number => (path.basename(f) === FIRST ? 0 : 1);
  return found.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

export async function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: SummaryReporter,
    color: false,
    timeout: 30_000,
    // The host inherits the server's environment: `npm run test:host -- --grep X` lands here.
    grep: process.env.MLCONFIG_HOST_GREP || undefined,
  });
  const files = hostTestFiles(__dirname);
  console.log(
    `host suite: ${files.length} test file${files.length === 1 ? '' : 's'} in VS Code ${vscode.version} (${vscode.env.appName})`,
  );
  for (const file of files) mocha.addFile(file);
  // reporter.ts types Mocha through a namespace import; the instance is the same class.
  const failures = await runMocha(mocha as unknown as Parameters<typeof runMocha>[0]);
  if (failures > 0) throw new Error(`${failures} host test(s) failed or none ran`);
}
