import * as assert from 'node:assert/strict';
import { validateText } from '../../src/core/pipeline';
import { compareVersions, parseVersion, stillInPinnedVersion } from '../../src/core/validate/versions';

describe('validate: framework versions', () => {
  it('parses and compares versions part by part', () => {
    assert.deepEqual(parseVersion('v0.26.2'), [0, 26, 2]);
    assert.deepEqual(parseVersion('5'), [5]);
    assert.equal(parseVersion('latest'), undefined);
    assert.equal(compareVersions([0, 26], [0, 26, 2]), 0);
    assert.ok(compareVersions([0, 27], [0, 26, 2]) > 0);
    assert.ok(compareVersions([4, 57], [5]) < 0);
  });
  it('a key defined in the pinned release is not deprecated there', () => {
    const info = { type: [], deprecated: true, definedIn: ['trl v0.26.2 ModelConfig'] };
    assert.equal(stillInPinnedVersion(info, { trl: '0.26' }), true);
    assert.equal(stillInPinnedVersion(info, { TRL: '0.25.1' }), true);
    assert.equal(stillInPinnedVersion(info, { trl: '0.27' }), false);
    assert.equal(stillInPinnedVersion(info, {}), false);
    assert.equal(stillInPinnedVersion(info, undefined), false);
  });
  it('a key removed in a later major is fine before it', () => {
    const info = { type: [], deprecated: true, removedIn: 'transformers 5' };
    assert.equal(stillInPinnedVersion(info, { transformers: '4.57' }), true);
    assert.equal(stillInPinnedVersion(info, { transformers: '5.1' }), false);
  });
  it('TRL torch_dtype: an error in the latest TRL (TrlParser stops on unknown arguments), still read by TRL 0.26', () => {
    const text = 'model_name_or_path: m\ntorch_dtype: bfloat16\nuse_peft: true\n';
    const [d] = validateText(text, { dialect: 'trl' }).diagnostics;
    assert.deepEqual(
      [d.code, d.severity, d.start, d.end, d.fixes?.[0].edits[0].newText],
      ['deprecated-key', 'error', 22, 33, 'dtype'],
    );
    assert.deepEqual(
      validateText(text, { dialect: 'trl', frameworkVersions: { trl: '0.26' } }).diagnostics,
      [],
    );
  });
});
