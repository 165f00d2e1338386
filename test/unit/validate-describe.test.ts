import * as assert from 'node:assert/strict';
import { describeKeyPath } from '../../src/core/validate';

describe('describeKeyPath ranges', () => {
  it('tells an exclusive bound from an inclusive one (hovers print > 0 vs ≥ 0)', () => {
    const alpha = describeKeyPath('axolotl', ['lora_alpha']);
    assert.deepEqual([alpha?.minimum, alpha?.exclusiveMinimum], [0, true]);
    const dropout = describeKeyPath('axolotl', ['lora_dropout']);
    assert.equal(dropout?.exclusiveMinimum, false);
    assert.equal(dropout?.minimum, 0);
    assert.equal(dropout?.maximum, 1);
  });
});
