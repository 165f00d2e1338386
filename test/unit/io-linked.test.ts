// The one reader of linked files (src/io/linked.ts): data files and launch configs share its checks
// (first existing candidate, regular files only, the purpose's byte limit, symlinks confined to the
// roots, contents never in a reason); only the limit differs.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findConfigLinks } from '../../src/core/links';
import { linkedInputs, type LinkedText } from '../../src/core/links/linked';
import {
  LINKED_LIMITS,
  linkedFilesFor,
  linkReader,
  linkReaderAsync,
  readLinked,
  readLinkedSync,
} from '../../src/io/linked';

describe('io: the linked-file reader', () => {
  let dir: string;
  let ws: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mlcl-linked-'));
    ws = join(dir, 'ws');
    mkdirSync(join(ws, 'configs'), { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('the limits per purpose: 5,000,000 bytes for data files, 1,000,000 for launch configs', () => {
    assert.deepEqual(LINKED_LIMITS, { data: 5_000_000, launch: 1_000_000 });
  });

  it('reads the first candidate that exists, sync and async alike', async () => {
    writeFileSync(join(ws, 'ds.json'), '{"zero_optimization":{"stage":3}}');
    const tried = [join(ws, 'configs', 'ds.json'), join(ws, 'ds.json')];
    const expected = { status: 'read', path: join(ws, 'ds.json'), text: '{"zero_optimization":{"stage":3}}' };
    assert.deepEqual(readLinkedSync(tried, { maxBytes: 100, roots: [ws] }), expected);
    assert.deepEqual(await readLinked(tried, { maxBytes: 100, roots: [ws] }), expected);
    assert.deepEqual(readLinkedSync([join(ws, 'none.json')], { maxBytes: 100 }), { status: 'missing' });
  });

  it('the limit is the caller’s: 101 bytes pass at 101 and are refused at 100', async () => {
    writeFileSync(join(ws, 'big.json'), 'x'.repeat(101));
    const tried = [join(ws, 'big.json')];
    assert.equal(readLinkedSync(tried, { maxBytes: 101 }).status, 'read');
    const refused = { status: 'refused', path: tried[0], problem: '101 bytes, over the 100-byte limit' };
    assert.deepEqual(readLinkedSync(tried, { maxBytes: 100 }), refused);
    assert.deepEqual(await readLinked(tried, { maxBytes: 100 }), refused);
  });

  it('a refused first candidate is the answer: a later one is not read in its place', () => {
    mkdirSync(join(ws, 'configs', 'ds.json'));
    writeFileSync(join(ws, 'ds.json'), '{}');
    assert.deepEqual(
      readLinkedSync([join(ws, 'configs', 'ds.json'), join(ws, 'ds.json')], { maxBytes: 100 }),
      { status: 'refused', path: join(ws, 'configs', 'ds.json'), problem: 'a folder, not a regular file' },
    );
  });

  it('/dev/zero and a FIFO are refused before a byte is read, sync and async', async () => {
    const fifo = join(ws, 'ds.fifo');
    execFileSync('mkfifo', [fifo]);
    for (const [path, problem] of [
      ['/dev/zero', 'a character device, not a regular file'],
      [fifo, 'a named pipe, not a regular file'],
    ]) {
      assert.deepEqual(readLinkedSync([path], { maxBytes: 100 }), { status: 'refused', path, problem });
      assert.deepEqual(await readLinked([path], { maxBytes: 100 }), { status: 'refused', path, problem });
    }
  });

  it('a symlink out of the roots is refused; the contents behind it never appear', async () => {
    writeFileSync(join(dir, 'secret.json'), '{"token":"SECRET-123"}');
    symlinkSync(join(dir, 'secret.json'), join(ws, 'ds.json'));
    const refused = { status: 'refused', path: join(ws, 'ds.json'), problem: 'outside the workspace' };
    assert.deepEqual(readLinkedSync([join(ws, 'ds.json')], { maxBytes: 100, roots: [ws] }), refused);
    assert.deepEqual(await readLinked([join(ws, 'ds.json')], { maxBytes: 100, roots: [ws] }), refused);
    assert.equal(linkedFilesFor(join(ws, 'configs', 'sft.yaml'), ws).read('ds.json'), undefined);
  });

  it('invalid UTF-8 is refused naming the encoding, not the bytes', () => {
    writeFileSync(join(ws, 'ds.json'), Buffer.from([0x53, 0x45, 0x43, 0xc3, 0x28]));
    assert.deepEqual(readLinkedSync([join(ws, 'ds.json')], { maxBytes: 100 }), {
      status: 'refused',
      path: join(ws, 'ds.json'),
      problem: 'not valid UTF-8 (ML Config Lens reads UTF-8, and UTF-16 with a byte-order mark)',
    });
  });

  it('a 1.5 MB file: read as a data file, refused as a DeepSpeed link, with the note saying why', () => {
    const big = `{"zero_optimization":{"stage":3},"pad":"${'x'.repeat(1_500_000 - 42)}"}`;
    assert.equal(big.length, 1_500_000);
    writeFileSync(join(ws, 'ds.json'), big);
    const config = join(ws, 'configs', 'train.yml');
    assert.equal(linkedFilesFor(config, ws).read('ds.json'), big);
    const [link] = findConfigLinks('deepspeed: ds.json\n', 'axolotl');
    const linked = linkReader({ folders: [ws], roots: [ws] })(link, config);
    assert.deepEqual(linked, {
      link,
      path: join(ws, 'ds.json'),
      tried: [join(ws, 'configs', 'ds.json'), join(ws, 'ds.json')],
      problem: '1,500,000 bytes, over the 1,000,000-byte limit',
    });
    assert.deepEqual(linkedInputs({}, [linked]).notes, [
      'deepspeed: ds.json could not be read (1,500,000 bytes, over the 1,000,000-byte limit); its sharding is guessed from the file name',
    ]);
    const asData = linkReader({ folders: [ws], roots: [ws], maxBytes: LINKED_LIMITS.data })(link, config);
    assert.equal(asData.text, big);
  });

  it('the async link reader gives what the sync one gives', async () => {
    writeFileSync(join(ws, 'ds.json'), '{"zero_optimization":{"stage":2}}');
    writeFileSync(join(dir, 'outside.json'), '{}');
    const config = join(ws, 'configs', 'train.yml');
    const opts = { folders: [ws], roots: [ws] };
    const results: LinkedText[] = [];
    for (const target of ['ds.json', 'none.json', '../../outside.json']) {
      const [link] = findConfigLinks(`deepspeed: ${target}\n`, 'axolotl');
      results.push(await linkReaderAsync(opts)(link, config));
      assert.deepEqual(results.at(-1), linkReader(opts)(link, config));
    }
    assert.deepEqual(
      results.map((r) => r.text ?? r.problem ?? 'missing'),
      ['{"zero_optimization":{"stage":2}}', 'missing', 'outside the workspace'],
    );
  });
});
