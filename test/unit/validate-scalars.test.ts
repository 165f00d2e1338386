import * as assert from 'node:assert/strict';
import { pythonFloatCall, pyyamlFloatSpelling, resolvePlain } from '../../src/core/validate/scalars';

// Expected values were produced by PyYAML 6.0.3 yaml.safe_load('k: <text>') (Python 3.11).
const PYYAML: Array<[string, unknown]> = [
  ['2e-5', '2e-5'],
  ['1e-4', '1e-4'],
  ['2.0e-5', 2e-5],
  ['1.0E-4', 1e-4],
  ['1.0e5', '1.0e5'],
  ['1.0e+5', 100000],
  ['.inf', Infinity],
  ['-.inf', -Infinity],
  ['1_000', 1000],
  ['0x1F', 31],
  ['010', 8],
  ['0b101', 5],
  ['1:30', 90],
  ['1:30.5', 90.5],
  ['yes', true],
  ['No', false],
  ['on', true],
  ['OFF', false],
  ['y', 'y'],
  ['~', null],
  ['null', null],
  ['', null],
  ['09', '09'],
  ['-.5', '-.5'],
  ['.5', 0.5],
  ['1.', 1],
  ['+1', 1],
  ['2024-01-01', '2024-01-01'],
];

describe('validate: PyYAML scalar resolution (YAML 1.1)', () => {
  for (const [text, want] of PYYAML) {
    it(`reads ${JSON.stringify(text)} as ${String(want)}`, () => {
      assert.deepEqual(resolvePlain(text, 'pyyaml'), want);
    });
  }
  it('reads .NaN as NaN', () => assert.ok(Number.isNaN(resolvePlain('.NaN', 'pyyaml'))));
});

describe('validate: OmegaConf and JSON scalar resolution', () => {
  it('OmegaConf reads exponents without a dot as floats', () => {
    assert.equal(resolvePlain('2e-5', 'omegaconf'), 2e-5);
    assert.equal(resolvePlain('1e5', 'omegaconf'), 100000);
    assert.equal(resolvePlain('1.0e5', 'omegaconf'), 100000);
  });
  it('OmegaConf keeps YAML 1.1 booleans and ints', () => {
    assert.equal(resolvePlain('yes', 'omegaconf'), true);
    assert.equal(resolvePlain('010', 'omegaconf'), 8);
    assert.equal(resolvePlain('-.5', 'omegaconf'), '-.5');
  });
  it('JSON numbers, literals and strings', () => {
    assert.equal(resolvePlain('2e-5', 'json'), 2e-5);
    assert.equal(resolvePlain('true', 'json'), true);
    assert.equal(resolvePlain('null', 'json'), null);
    assert.equal(resolvePlain('yes', 'json'), 'yes');
    assert.equal(resolvePlain('010', 'json'), '010');
  });
});

describe('validate: Python float() and the dotted spelling fix', () => {
  it('float() accepts what Python accepts', () => {
    assert.equal(pythonFloatCall('2e-5'), 2e-5);
    assert.equal(pythonFloatCall(' 1_0.5 '), 10.5);
    assert.equal(pythonFloatCall('-inf'), -Infinity);
    assert.equal(pythonFloatCall('1__0'), undefined);
    assert.equal(pythonFloatCall('2k'), undefined);
    assert.equal(pythonFloatCall('.e5'), undefined);
  });
  it('spells numbers so that PyYAML reads floats', () => {
    assert.equal(pyyamlFloatSpelling('2e-5'), '2.0e-5');
    assert.equal(pyyamlFloatSpelling('1e5'), '1.0e+5');
    assert.equal(pyyamlFloatSpelling('1.5E-3'), '1.5e-3');
    assert.equal(pyyamlFloatSpelling('-.5'), '-0.5');
    assert.equal(pyyamlFloatSpelling('abc'), undefined);
    for (const s of ['2e-5', '1e5', '1.5E-3', '-.5', '3e+2']) {
      assert.equal(typeof resolvePlain(pyyamlFloatSpelling(s)!, 'pyyaml'), 'number', s);
    }
  });
});
