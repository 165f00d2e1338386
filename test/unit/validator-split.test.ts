// The torchtune validator ships split (scripts/lib/split-validator.mjs): its per-package `_component_`
// branches are functions of their own in part files loaded on first use. Its errors must be those of
// ajv on the unsplit schema, entry for entry (schema paths included: anyOf/oneOf collapsing reads them).
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { loadValidator } from '../../src/core/validate/generated';

const ROOT = join(__dirname, '../../..');
const GENERATED = join(ROOT, 'out/src/core/validate/generated');

type Config = Record<string, unknown>;

/** Every `_component_` path the schema names (const or enum), in schema order. */
function componentPaths(node: unknown, out = new Set<string>()): Set<string> {
  if (!node || typeof node !== 'object') return out;
  if (Array.isArray(node)) {
    node.forEach((n) => componentPaths(n, out));
    return out;
  }
  const c = ((node as Config).properties as Config | undefined)?._component_ as Config | undefined;
  if (typeof c?.const === 'string') out.add(c.const);
  if (Array.isArray(c?.enum)) for (const v of c.enum) if (typeof v === 'string') out.add(v);
  for (const v of Object.values(node)) componentPaths(v, out);
  return out;
}

describe('split torchtune validator', function () {
  this.timeout(120_000);

  it('is split into part files that the main file loads on first use', () => {
    const parts = readdirSync(GENERATED).filter((f) => /^torchtune\.part\d+\.js$/.test(f));
    assert.ok(
      parts.length >= 10,
      `expected the package and sub-package branches in parts, got ${parts.length}`,
    );
    const main = readFileSync(join(GENERATED, 'torchtune.js'), 'utf8');
    for (const p of parts)
      assert.ok(main.includes(`require("./${p}")`), `${p} is not required by torchtune.js`);
  });

  it('reports the errors ajv reports on the unsplit schema, for every builder path', () => {
    const split = loadValidator('torchtune');
    assert.ok(split);
    const schema = JSON.parse(readFileSync(join(ROOT, 'schemas/torchtune.schema.json'), 'utf8')) as Config;
    const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true, discriminator: true });
    addFormats(ajv);
    const whole = ajv.compile(schema);
    const paths = [...componentPaths((schema.definitions as Config).component)];
    assert.ok(paths.length > 300, `expected the builder list, got ${paths.length}`);
    const odd: unknown[] = [{}, [1], 'x', 3.5, true, null, '${x}'];
    let compared = 0;
    let i = 0;
    for (const path of [...paths, 'torchtune.models.nope.x', 'torchtune.nope', 'torch.optim.AdamW']) {
      const kwargs = {
        _component_: path,
        zz_unknown: 1,
        _componnt_: 2,
        lora_rank: odd[i++ % odd.length],
        path: odd[i++ % odd.length],
        source: odd[i++ % odd.length],
        nested: { _component_: path, x: odd[i++ % odd.length] },
      };
      const config = {
        model: kwargs,
        tokenizer: { ...kwargs },
        dataset: [kwargs, { _component_: path }],
        optimizer: kwargs,
        checkpointer: kwargs,
        epochs: 1,
        batch_size: 2,
        output_dir: 'o',
      };
      const wholeOk: boolean = whole(config);
      const wholeErrors: ErrorObject[] | null | undefined = whole.errors;
      const splitOk: boolean = split(config);
      const splitErrors: ErrorObject[] | null | undefined = split.errors;
      assert.deepEqual([splitOk, splitErrors], [wholeOk, wholeErrors], `errors differ for ${path}`);
      compared += wholeErrors?.length ?? 0;
    }
    assert.ok(compared > 1000, `expected many errors compared, got ${compared}`);
  });
});
