// torchtune's `definitions.components` (one schema per builder) ships in <id>.lazy.schema.json and is
// parsed member by member on first use (scripts/gen-validators.mjs lazySchemaFiles): a recipe that
// names a few builders parses those, not all of them (issue 11, first torchtune diagnostics).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const ROOT = join(__dirname, '../../..');
type Json = Record<string, unknown>;

describe('lazily read schema members', () => {
  const source = JSON.parse(readFileSync(join(ROOT, 'schemas/torchtune.schema.json'), 'utf8')) as Json;
  const names = Object.keys((source.definitions as Json).components as Json);

  it('the main file stubs every builder schema with its byte span in the lazy file', () => {
    const dir = join(ROOT, 'out/src/core/validate/generated');
    const main = JSON.parse(readFileSync(join(dir, 'torchtune.schema.json'), 'utf8')) as Json;
    const lazy = readFileSync(join(dir, 'torchtune.lazy.schema.json'));
    const stubs = (main.definitions as Json).components as Record<string, { $mlcLazy: [number, number] }>;
    assert.deepEqual(Object.keys(stubs), names);
    const first = stubs[names[0]].$mlcLazy;
    assert.deepEqual(first[0], 0);
    const at = (n: string): unknown => JSON.parse(lazy.toString('utf8', ...stubs[n].$mlcLazy));
    const comps = (source.definitions as Json).components as Json;
    for (const n of [names[0], names[names.length >> 1], names[names.length - 1]])
      assert.deepEqual(at(n), comps[n]);
    // The spans tile the lazy file in order, with nothing between or after them.
    let end = 0;
    for (const n of names) {
      assert.equal(stubs[n].$mlcLazy[0], end, n);
      end = stubs[n].$mlcLazy[1];
    }
    assert.equal(end, lazy.length);
  });

  it('the validator parses a builder schema on first access only, and keeps the key order', () => {
    // A fresh process: in this one, other tests' validations have already read members.
    const script = `const v = require(${JSON.stringify(join(ROOT, 'out/src/core/validate/generated/torchtune.js'))});
      const comps = v.schema.definitions.components;
      const lazy = () => Object.keys(comps).filter((k) => Object.getOwnPropertyDescriptor(comps, k).get).length;
      const before = lazy();
      const name = Object.keys(comps)[3];
      const value = comps[name];
      const d = Object.getOwnPropertyDescriptor(comps, name);
      console.log(JSON.stringify({ before, after: lazy(), keys: Object.keys(comps), name, value, plain: d.get === undefined && d.value === value && comps[name] === value }));`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as {
      before: number;
      after: number;
      keys: string[];
      name: string;
      value: unknown;
      plain: boolean;
    };
    assert.deepEqual(
      [out.before, out.after, out.keys, out.name, out.plain],
      [names.length, names.length - 1, names, names[3], true],
    );
    assert.deepEqual(out.value, ((source.definitions as Json).components as Json)[names[3]]);
  });
});
