import * as assert from 'node:assert/strict';
import { DIALECT_PLUGINS, fileNameGlob, globMatches } from '../../src/core/dialects';

// The plug-ins' own file-name globs are matched without picomatch/RE2 (cheap on the first file
// opened); they must answer as the settings' glob matcher does on the same names.
describe('plug-in file-name globs', () => {
  const names = [
    'accelerate_config.yaml',
    'accelerate.yml',
    'accelerate-fsdp.json',
    'my_accelerate.yaml',
    'ds_config_zero3.json',
    'zero2.json',
    'stage3_zero_offload.json',
    'deepspeed.json',
    'deepspeed_z3.json',
    'ds_z3_config.json',
    'ds_z3_config.yaml',
    '.zero.json',
    'config.json',
    'train.yaml',
  ];

  it('match exactly the names the settings glob matcher matches', () => {
    const globs = DIALECT_PLUGINS.flatMap((p) => p.detect.fileGlobs ?? []);
    assert.equal(globs.length, 7);
    for (const g of globs)
      for (const n of names) assert.equal(fileNameGlob(g).test(n), globMatches(g, n), `${g} on ${n}`);
  });

  it('detect the names they name', () => {
    const matched = names.filter((n) =>
      DIALECT_PLUGINS.some((p) => p.detect.fileGlobs?.some((g) => fileNameGlob(g).test(n))),
    );
    assert.deepEqual(matched, names.slice(0, 3).concat(names.slice(4, 10), ['.zero.json']));
  });

  it('refuse a glob with more than `*` (plug-ins only use `*`)', () => {
    assert.throws(() => fileNameGlob('ds_{a,b}.json'), /uses more than `\*`/);
  });
});
