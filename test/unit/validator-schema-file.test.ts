// Each precompiled validator reads the schema it shares with the engine from <dialect>.schema.json
// beside it (scripts/gen-validators.mjs schemaFromFile): the code holds no second copy of it.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIALECT_SCHEMAS, loadValidator } from '../../src/core/validate/generated';

const ROOT = join(__dirname, '../../..');
const GENERATED = join(ROOT, 'out/src/core/validate/generated');

describe('validators read their schema from a JSON file', () => {
  it('every dialect: the schema the validator exports is schemas/<dialect>.schema.json', () => {
    assert.equal(DIALECT_SCHEMAS.length, 11);
    for (const id of DIALECT_SCHEMAS) {
      const source = JSON.parse(readFileSync(join(ROOT, `schemas/${id}.schema.json`), 'utf8'));
      assert.deepEqual(loadValidator(id)!.schema, source, id);
    }
  });

  it('the validator code embeds no copy of the schema', () => {
    for (const id of DIALECT_SCHEMAS) {
      const code = readFileSync(join(GENERATED, `${id}.js`), 'utf8');
      const file = readFileSync(join(GENERATED, `${id}.schema.json`), 'utf8');
      // The schema's opening, as an object literal or inside an escaped JSON string (main: both held it).
      const opening = file.slice(0, 80);
      const escaped = JSON.stringify(opening).slice(1, -1);
      assert.equal(code.includes(opening) || code.includes(escaped), false, `${id}.js holds the schema`);
      assert.match(
        code,
        new RegExp(`readFileSync\\(require\\("path"\\)\\.join\\(__dirname, "${id}\\.schema\\.json"\\)`),
      );
    }
  });
});
