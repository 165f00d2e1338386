// The file-system layer (src/io): bounded, workspace-checked reads and the editor's model cache.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFilesUnder } from '../../src/io/inputs';
import { ModelConfigCache } from '../../src/io/model-cache';
import { decode, FileReadError, isInside, readBoundedFile, readBoundedFileSync } from '../../src/io/read';
import { resolveModelLocal } from '../../src/io/resolve';

describe('security: bounded file reads (src/io)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mlcl-io-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a regular file inside the roots, through a symlink that stays inside', async () => {
    writeFileSync(join(dir, 'config.json'), '{"model_type":"llama"}');
    symlinkSync(join(dir, 'config.json'), join(dir, 'alias.json'));
    const policy = { maxBytes: 100, roots: [dir] };
    assert.equal(readBoundedFileSync(join(dir, 'alias.json'), policy), '{"model_type":"llama"}');
    assert.equal(await readBoundedFile(join(dir, 'alias.json'), policy), '{"model_type":"llama"}');
  });
  it('refuses a file over the size limit, and a folder, naming the rule', () => {
    writeFileSync(join(dir, 'big.json'), 'x'.repeat(101));
    assert.throws(() => readBoundedFileSync(join(dir, 'big.json'), { maxBytes: 100 }), {
      message: `${join(dir, 'big.json')} is 101 bytes, over the 100-byte limit (a model config.json is kilobytes)`,
    });
    assert.throws(
      () => readBoundedFileSync(dir, { maxBytes: 100 }),
      (e: unknown) => e instanceof FileReadError && e.code === 'a folder, not a regular file',
    );
  });
  it('decodes UTF-16 LE and BE with a BOM, drops a UTF-8 BOM, refuses invalid UTF-8', () => {
    assert.equal(decode(Buffer.from([0xff, 0xfe, 0x61, 0x00, 0x3a, 0x00]), 'f'), 'a:');
    assert.equal(decode(Buffer.from([0xfe, 0xff, 0x00, 0x61, 0x00, 0x3a]), 'f'), 'a:');
    assert.equal(decode(Buffer.from([0xef, 0xbb, 0xbf, 0x61]), 'f'), 'a');
    assert.throws(() => decode(Buffer.from([0xc3, 0x28]), 'f'), {
      message: 'f is not valid UTF-8 (ML Config Lens reads UTF-8, and UTF-16 with a byte-order mark)',
    });
  });
  it('isInside: the root itself and below, never a sibling with a common prefix', () => {
    assert.ok(isInside('/w/a', '/w'));
    assert.ok(isInside('/w', '/w'));
    assert.ok(!isInside('/w2/a', '/w'));
    assert.ok(!isInside('/a', '/w'));
  });
  it('a model path under the workspace resolves; a relative path leaving it is refused', () => {
    mkdirSync(join(dir, 'ws'));
    writeFileSync(join(dir, 'ws', 'config.json'), '{"model_type":"llama","hidden_size":64}');
    writeFileSync(join(dir, 'outside.json'), '{"model_type":"llama"}');
    const opts = { cwd: join(dir, 'ws'), env: {}, homeDir: dir, roots: [join(dir, 'ws')] };
    assert.equal(resolveModelLocal('config.json', opts)?.config.hidden_size, 64);
    assert.throws(
      () => resolveModelLocal('../outside.json', opts),
      /outside\.json is outside the workspace and the Hugging Face cache/,
    );
  });
  it('the model cache: catalog names at once, a file after its load, a failure remembered briefly', async () => {
    writeFileSync(join(dir, 'config.json'), '{"model_type":"llama","hidden_size":8}');
    const cache = new ModelConfigCache();
    const opts = { cwd: dir, env: {}, homeDir: dir, roots: [dir] };
    let loaded = 0;
    assert.equal(cache.lookup('llama-3-8b', opts, () => loaded++).kind, 'catalog');
    assert.throws(() => cache.lookup('config.json', opts, () => loaded++), {
      message: "reading the config.json of model 'config.json'…",
    });
    await cache.load(JSON.stringify(['config.json', dir, [dir], false]), 'config.json', opts);
    assert.equal(cache.lookup('config.json', opts, () => loaded++).config.hidden_size, 8);
    assert.equal(loaded, 1);
  });
  it('a folder argument expands to its YAML/JSON configs, skipping node_modules and dot-folders', () => {
    for (const d of ['a', 'node_modules', '.git']) mkdirSync(join(dir, d));
    for (const f of [
      'a/x.yaml',
      'a/y.yml',
      'a/z.json',
      'a/n.txt',
      'node_modules/m.yaml',
      '.git/g.json',
      'top.yaml',
    ])
      writeFileSync(join(dir, f), 'a: 1\n');
    assert.deepEqual(configFilesUnder(dir), {
      files: ['a/x.yaml', 'a/y.yml', 'a/z.json', 'top.yaml'].map((f) => join(dir, f)),
      truncated: false,
    });
    assert.deepEqual(configFilesUnder(dir, 2).truncated, true);
  });
});
