// mlConfig.files.associations globs are compiled and matched in the analysis worker only (issue 11):
// the host thread checks their length, leaves a file they might claim undecided, and shows the
// warnings the worker reports for globs it cannot compile.
import * as assert from 'node:assert/strict';
import { detectDialect } from '../../src/core/dialects';
import { associationWarnings, readSettings } from '../../src/core/settings';
import { runDocument } from '../../src/vscode/worker/entry';
import { parseReply, type DocumentRequest } from '../../src/vscode/worker/protocol';

const AXOLOTL = 'base_model: meta-llama/Llama-3.2-1B\nadapter: lora\nlora_r: 16\n';
const LOOKAROUND = 'a/(?=b)';
const LOOKAROUND_WARNING =
  'mlConfig.files.associations: "a/(?=b)" is not used: glob needs a lookaround to match, which ML Config Lens does not evaluate; ignored';

describe('association globs: host defers, worker matches', () => {
  it('the host leaves a file the globs might claim undecided, without compiling them', () => {
    const opts = { fileName: '/w/recipes/a.yaml', associations: { '**/recipes/*.yaml': 'trl' } };
    assert.deepEqual(detectDialect(AXOLOTL, { ...opts, deferAssociations: true }), {
      dialect: undefined,
      reason: 'mlConfig.files.associations are matched in the analysis worker',
      deferred: true,
    });
    assert.deepEqual(detectDialect(AXOLOTL, opts), {
      dialect: 'trl',
      reason: 'mlConfig.files.associations: "**/recipes/*.yaml"',
    });
    // A modeline decides before any glob; without globs the host detects as before.
    assert.equal(
      detectDialect(`# $schema: ml-config-lens/torchtune.schema.json\n${AXOLOTL}`, {
        ...opts,
        deferAssociations: true,
      }).dialect,
      'torchtune',
    );
    assert.equal(
      detectDialect(AXOLOTL, { fileName: '/w/a.yaml', deferAssociations: true }).dialect,
      'axolotl',
    );
  });

  it('readSettings on the host checks a glob only for its length; the worker names what it cannot compile', () => {
    const r = readSettings((id) =>
      id === 'mlConfig.files.associations' ? { [LOOKAROUND]: 'trl', '**/w/*.yml': 'trl' } : undefined,
    );
    assert.deepEqual(r.settings.filesAssociations, { [LOOKAROUND]: 'trl', '**/w/*.yml': 'trl' });
    assert.deepEqual(r.warnings, []);
    assert.deepEqual(associationWarnings(r.settings.filesAssociations), [LOOKAROUND_WARNING]);
  });

  it('the worker matches the usable glob and returns the warning for the other', () => {
    const request: DocumentRequest = {
      kind: 'document',
      id: 1,
      uri: 'file:///w/a.yml',
      version: 1,
      text: AXOLOTL,
      fileName: '/w/a.yml',
      settings: {
        validationEnabled: false,
        associations: { [LOOKAROUND]: 'trl', '**/w/*.yml': 'trl' },
        maxDiagnostics: 100,
        frameworkVersions: {},
        maxAnalysedChars: 0,
        models: { cwd: '/w', homeDir: '/w', env: {}, allowNetwork: false, known: {}, roots: [] },
      },
    };
    const r = runDocument(request, () => undefined);
    assert.equal(r.dialect, 'trl');
    assert.equal(r.reason, 'mlConfig.files.associations: "**/w/*.yml"');
    assert.deepEqual(r.settingWarnings, [LOOKAROUND_WARNING]);
    const none = runDocument(
      { ...request, settings: { ...request.settings, associations: {} } },
      () => undefined,
    );
    assert.equal(none.dialect, 'axolotl');
    assert.equal(none.settingWarnings, undefined);
  });

  it('the host refuses a reply whose setting warnings are not strings', () => {
    const result = { dialect: 'trl', reason: 'r', validated: false, diagnostics: [], targetDiagnostics: [] };
    const reply = (settingWarnings: unknown) => ({
      kind: 'result',
      id: 1,
      uri: 'file:///w/a.yml',
      version: 1,
      result: { ...result, settingWarnings },
    });
    assert.deepEqual(parseReply(reply(['w'])).ok, true);
    assert.deepEqual(parseReply(reply([1])), {
      ok: false,
      why: 'result.settingWarnings is not a list of strings',
    });
  });
});
