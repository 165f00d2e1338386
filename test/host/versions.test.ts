// The versions status bar item: the TRL release found in the workspace's .venv (a *.dist-info folder)
// and the transformers release the counts assume, each with where it came from; and a key newer than
// that TRL release is reported. The .venv is written into the run's temporary workspace copy and removed.
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, closeAllEditors, FIXTURES, waitForDiagnostics, waitUntil } from './util';

const SITE = path.join(FIXTURES, '.venv', 'lib', 'python3.11', 'site-packages');
const DOC = path.join(FIXTURES, 'versions-sft.yaml');

function distInfo(name: string, version: string): void {
  const dir = path.join(SITE, `${name}-${version}.dist-info`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'METADATA'), `Metadata-Version: 2.1\nName: ${name}\nVersion: ${version}\n\n`);
}

describe('versions status bar', () => {
  after(async () => {
    await closeAllEditors();
    rmSync(path.join(FIXTURES, '.venv'), { recursive: true, force: true });
    rmSync(DOC, { force: true });
  });

  it('shows the TRL and transformers releases of the workspace .venv and where they came from', async function () {
    // Earlier files of the suite cached this folder's detection (no .venv); the cache is dropped by a
    // file watcher on *.dist-info/METADATA or, when a watcher misses the install, after 30 s.
    this.timeout(120_000);
    distInfo('trl', '0.19.0');
    distInfo('transformers', '4.57.6');
    writeFileSync(
      DOC,
      'model_name_or_path: Qwen/Qwen2.5-0.5B\nuse_peft: true\nlora_r: 16\nloss_weights: [1.0]\nlearning_rate: 2.0e-5\n',
    );
    const status = (await api()).versionStatus;
    assert.ok(status, 'the extension API has no versionStatus');
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(DOC));
    await vscode.window.showTextDocument(document, { preview: false });
    const shows = (): boolean => status()?.text === '$(versions) trl 0.19.0 · transformers 4.57.6';
    // Each re-validation asks for the versions again, which re-detects once the cached answer is stale.
    for (let i = 0; i < 16 && !shows(); i++) {
      await vscode.commands.executeCommand('mlConfig.selectDialect', 'trl');
      await new Promise((r) => setTimeout(r, 5_000));
    }
    await waitUntil(
      shows,
      10_000,
      `the status bar to show trl 0.19.0 (shows ${JSON.stringify(status()?.text)})`,
    );
    const tooltip = status()?.tooltip ?? '';
    assert.ok(
      tooltip.includes('trl 0.19.0 from .venv/lib/python3.11/site-packages/trl-0.19.0.dist-info'),
      tooltip,
    );
    assert.ok(
      tooltip.includes(
        'transformers 4.57.6 from .venv/lib/python3.11/site-packages/transformers-4.57.6.dist-info: parameter counts follow its module tree',
      ),
      tooltip,
    );
    // loss_weights came with TRL 0.20.0: the detected 0.19.0 does not know it (TrlParser stops).
    const found = await waitForDiagnostics(
      document.uri,
      (d) => d.some((x) => x.code === 'release-added'),
      20_000,
    );
    const d = found.find((x) => x.code === 'release-added');
    assert.equal(d?.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(document.getText(d!.range), 'loss_weights');
  });
});
