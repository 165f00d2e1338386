import * as assert from 'node:assert/strict';
import { completionsAt, describeKeyPath, keyPathAt } from '../../src/core/validate';

describe('validate: key paths, descriptions and completion', () => {
  it('keyPathAt follows indentation and list items', () => {
    const text = 'model:\n  _component_: x\n  lora_rank: 8\ndatasets:\n  - path: p\n    type: alpaca\n';
    assert.deepEqual(keyPathAt(text, text.indexOf('lora_rank') + 2), ['model', 'lora_rank']);
    assert.deepEqual(keyPathAt(text, text.indexOf('type')), ['datasets', '0', 'type']);
    assert.deepEqual(keyPathAt(text, text.indexOf('path')), ['datasets', '0', 'path']);
    assert.deepEqual(keyPathAt(text, 1), ['model']);
  });
  it('keyPathAt reads JSON keys', () => {
    const text = '{\n  "peft_type": "LORA",\n  "r": 8\n}\n';
    assert.deepEqual(keyPathAt(text, text.indexOf('"r"') + 1), ['r']);
  });
  it('describeKeyPath gives the schema facts a hover shows', () => {
    const d = describeKeyPath('llamafactory', ['learning_rate']);
    assert.ok(d);
    assert.deepEqual(d.type, ['number']);
    assert.equal(d.minimum, 0);
    assert.match(d.description ?? '', /learning rate/i);
    assert.equal(describeKeyPath('llamafactory', ['no_such_key']), undefined);
  });
  it('completes keys not yet present, replacing the typed prefix', () => {
    const text = 'stage: sft\nfinetuning_type: lora\nlora_ra';
    const items = completionsAt(text, text.length, 'llamafactory');
    const rank = items.find((i) => i.label === 'lora_rank');
    assert.ok(rank);
    assert.deepEqual(
      [rank.kind, rank.insertText, rank.start, rank.end],
      ['key', 'lora_rank: ', text.length - 'lora_ra'.length, text.length],
    );
    assert.ok(!items.some((i) => i.label === 'stage'), 'stage is already in the file');
    assert.ok(rank.documentation.length > 10);
  });
  it('completes enum values after the colon', () => {
    const text = 'stage: sft\nfinetuning_type: ';
    const labels = completionsAt(text, text.length, 'llamafactory').map((i) => i.label);
    assert.deepEqual([...labels].sort(), ['freeze', 'full', 'lora', 'oft']);
  });
  it('completes booleans for boolean keys and nothing for unknown dialects', () => {
    const text = 'do_train: ';
    assert.deepEqual(
      completionsAt(text, text.length, 'llamafactory').map((i) => i.label),
      ['true', 'false'],
    );
  });
});
