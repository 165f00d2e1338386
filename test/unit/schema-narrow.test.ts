import * as assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { conditionHolds, type KeyState } from '../../src/core/validate/schemaClosure';
import { indexSchema, type JsonSchema } from '../../src/core/validate/schemaIndex';
import { loadDocument } from '../../src/core/validate/load';
import { dialectSchema } from '../../src/core/validate/registry';

const values =
  (o: Record<string, string | number | boolean | null | undefined>) =>
  (k: string): KeyState =>
    !(k in o) ? { present: false } : o[k] === undefined ? { present: true } : { present: true, value: o[k] };

// A conditional schema: `kind` selects the keys of one branch; `old` is deprecated only under kind b.
const schema: JsonSchema = {
  type: 'object',
  properties: { kind: { type: 'string' } },
  allOf: [
    {
      if: { properties: { kind: { const: 'a' } } },
      then: { properties: { size: { type: 'integer' } } },
      else: { properties: { old: { deprecated: true, 'x-renamedTo': 'size' } } },
    },
  ],
};

describe('schema narrowing by an object’s own values (issue 11: first torchtune diagnostics)', () => {
  it('decides an if by const, enum, pattern, type and required, as JSON Schema does', () => {
    const cond: JsonSchema = { properties: { k: { type: 'string', pattern: '^torch\\.' } }, type: 'object' };
    assert.equal(conditionHolds(cond, values({ k: 'torch.optim.AdamW' })), true);
    assert.equal(conditionHolds(cond, values({ k: 'torchtune.x' })), false);
    assert.equal(conditionHolds(cond, values({ k: 'bitsandbytes.optim' })), false);
    assert.equal(conditionHolds(cond, values({ k: 3 })), false); // type string fails
    assert.equal(conditionHolds(cond, values({})), true); // an absent property satisfies its subschema
    assert.equal(conditionHolds(cond, values({ k: undefined })), undefined); // present, value unknown
    assert.equal(conditionHolds({ properties: { k: { enum: ['x', 'y'] } } }, values({ k: 'y' })), true);
    assert.equal(conditionHolds({ properties: { k: { enum: ['x', 'y'] } } }, values({ k: 'z' })), false);
    assert.equal(conditionHolds({ required: ['k'] }, values({})), false);
    assert.equal(conditionHolds({ type: 'string' }, values({})), false); // the object is not a string
    assert.equal(conditionHolds({ anyOf: [{ required: ['k'] }] }, values({ k: 'x' })), undefined);
    assert.equal(conditionHolds({ properties: { k: { minLength: 2 } } }, values({ k: 'x' })), undefined);
  });

  it('keeps only the branch the values select; both when they cannot tell', () => {
    const node = indexSchema(schema);
    assert.deepEqual(node.keys(), ['kind', 'size', 'old']);
    assert.deepEqual(node.narrow(values({ kind: 'a' })).keys(), ['kind', 'size']);
    assert.deepEqual(node.narrow(values({ kind: 'b' })).keys(), ['kind', 'old']);
    assert.deepEqual(node.narrow(values({ kind: undefined })).keys(), ['kind', 'size', 'old']);
    // Views are cached by the deciding values: the same values give the same view.
    assert.equal(node.narrow(values({ kind: 'a' })), node.narrow(values({ kind: 'a', other: 1 })));
  });

  it('reports a key deprecated in one branch only where that branch applies', () => {
    const codes = (text: string) =>
      loadDocument(parseDocument(text), 'pyyaml', indexSchema(schema), 'x', 1e6).findings.map(
        (f) => `${f.code}:${f.message}`,
      );
    assert.deepEqual(codes('kind: b\nold: 1\n'), ['deprecated-key:"old" is deprecated; use "size".']);
    assert.deepEqual(codes('kind: a\nold: 1\n'), []);
    // A merge key may bring `kind` from elsewhere: no narrowing, every branch applies.
    assert.deepEqual(codes('<<: {kind: a}\nold: 1\n'), ['deprecated-key:"old" is deprecated; use "size".']);
    // An interpolation is resolved at run time: every branch applies.
    assert.deepEqual(codes('kind: ${k}\nold: 1\n'), ['deprecated-key:"old" is deprecated; use "size".']);
  });

  it('narrows a torchtune component to the kwargs of the builder its _component_ names', function () {
    const tt = dialectSchema('torchtune');
    if (!tt) return this.skip();
    const model = tt.index.child('model')!;
    const builder = model.narrow(values({ _component_: 'torchtune.models.llama3_2.lora_llama3_2_1b' }));
    // The keys every component may take (schema `component`), then lora_llama3_2_1b's own kwargs.
    assert.deepEqual(builder.keys().slice(16), [
      'apply_lora_to_mlp',
      'apply_lora_to_output',
      'tie_word_embeddings',
    ]);
    assert.equal(model.keys().includes('num_heads'), true); // some builder takes it
    assert.equal(builder.keys().includes('num_heads'), false); // this one does not
    assert.equal(model.narrow(values({ _component_: undefined })).keys().length, model.keys().length);
  });
});
