// The foundation's host checks: the extension activates once a YAML document is open, exports
// its API, and its command runs in the real host and returns a value.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DialectResult } from '../../src/vscode/commands';
import { closeAllEditors, extension, fixtureUri, openFixture, waitUntil } from './util';

const packageVersion = String(extension().packageJSON.version);

describe('activation', () => {
  after(closeAllEditors);

  it('activates when a YAML file opens and exports its API', async () => {
    const editor = await openFixture('axolotl/qlora.yml');
    assert.equal(editor.document.languageId, 'yaml');
    // The host may have activated it already (the workbench creates JSON models of its own), so
    // this checks the contract that makes a YAML document activate it, then the activation itself.
    assert.ok(extension().packageJSON.activationEvents.includes('onLanguage:yaml'));
    await waitUntil(() => extension().isActive, 15_000, 'the extension to activate on a YAML document');
    assert.deepEqual(Object.keys(extension().exports).sort(), ['version', 'versionStatus']);
    assert.equal(extension().exports.version, packageVersion);
    assert.equal(typeof extension().exports.versionStatus, 'function');
  });

  it('runs mlConfig.showDialect and returns the Axolotl dialect for an Axolotl file', async () => {
    const editor = await openFixture('axolotl/qlora.yml');
    const result = await vscode.commands.executeCommand<DialectResult>('mlConfig.showDialect');
    assert.deepEqual(result, {
      file: fixtureUri('axolotl/qlora.yml').toString(),
      dialect: 'axolotl',
      label: 'Axolotl',
    });
    assert.equal(result.file, editor.document.uri.toString());
  });
});
