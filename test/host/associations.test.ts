// mlConfig.files.associations from the workspace's settings: the glob decides the dialect of a file
// whose content names none. The host thread leaves such a file to the analysis worker, which compiles
// and matches the glob (issue 11); removing the setting takes the dialect away again.
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, FIXTURES, waitForDiagnostics } from './util';

const DIR = path.join(FIXTURES, 'assoc');
const DOC = path.join(DIR, 'custom.yaml');

describe('file associations setting', () => {
  const cfg = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('mlConfig');
  after(async () => {
    await cfg().update('files.associations', undefined, vscode.ConfigurationTarget.Workspace);
    await closeAllEditors();
    rmSync(DIR, { recursive: true, force: true });
  });

  it('a workspace glob makes a file TRL, and removing it makes the file no config again', async function () {
    this.timeout(60_000);
    mkdirSync(DIR, { recursive: true });
    writeFileSync(DOC, 'foo: 1\n');
    await cfg().update(
      'files.associations',
      { '**/assoc/*.yaml': 'trl' },
      vscode.ConfigurationTarget.Workspace,
    );
    const uri = vscode.Uri.file(DOC);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
    const found = await waitForDiagnostics(uri, (d) => d.length > 0, 30_000);
    assert.deepEqual(
      found.map((d) => [
        d.range.start.line,
        d.range.start.character,
        d.range.end.character,
        d.severity,
        d.message,
      ]),
      [[0, 0, 3, vscode.DiagnosticSeverity.Error, 'Unknown key "foo". trl rejects unknown keys here.']],
    );
    await cfg().update('files.associations', undefined, vscode.ConfigurationTarget.Workspace);
    assert.deepEqual(await waitForDiagnostics(uri, (d) => d.length === 0, 30_000), []);
  });
});
