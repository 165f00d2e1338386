import * as assert from 'node:assert/strict';
import { validateText } from '../../src/core/pipeline';
import { indexSchema, type JsonSchema } from '../../src/core/validate/schemaIndex';

// The key named in "does not apply … with `k: v`" is the one the schema's if-branch selects on.
describe('refused by a conditional branch', () => {
  it('PEFT names peft_type, the selector of its if-branches', () => {
    const text =
      '{"peft_type": "IA3", "task_type": "CAUSAL_LM", "target_modules": ["k_proj"], "feedforward_modules": [], "lora_alpha": 16}';
    const found = validateText(text, { dialect: 'peft' }).diagnostics;
    assert.deepEqual(
      found.map((d) => `${d.severity}:${d.code}:${d.message}`),
      ['warning:unknown-key:"lora_alpha" does not apply with `peft_type: IA3`; peft ignores it there.'],
    );
  });

  it('selectors come from if.properties with const or enum, in schema order', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: { kind: { type: 'string' }, mode: { type: 'string' }, a: {}, b: {} },
      allOf: [
        { if: { properties: { kind: { const: 'x' } } }, then: { properties: { a: {} } } },
        { if: { properties: { mode: { enum: ['p', 'q'] }, a: { type: 'number' } } }, then: {} },
      ],
    };
    assert.deepEqual(indexSchema(schema).selectors(), ['kind', 'mode']);
    assert.deepEqual(indexSchema({ type: 'object', properties: { a: {} } }).selectors(), []);
  });
});
