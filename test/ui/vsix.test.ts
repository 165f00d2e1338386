// The .vsix the ui layer installs holds only what runs: the extension and webview bundles, the
// validators with the schema each reads (no maps, no CLI), the manifest, the docs, schemas, snippets and media; no sources, tests or node_modules.
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';

const VSIX = path.resolve(__dirname, '../../../ml-config-lens.vsix');
const ALLOWED =
  /^extension\/(package\.json|readme\.md|changelog\.md|LICENSE\.txt|dist\/(extension|analysisWorker|webview)\.js|dist\/validators\/[\w-]+(\.part\d+\.js|\.js|(\.lazy)?\.schema\.json)|(schemas|snippets|media)\/.+)$/;

/** Entry names of a zip file, read from its central directory (a .vsix is a zip). */
export function zipEntries(zip: Buffer): string[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip file: no end-of-central-directory record');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory entry at ${at}`);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    names.push(zip.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + skip;
  }
  return names;
}

describe('packaged .vsix', () => {
  const entries = zipEntries(fs.readFileSync(VSIX)).filter((n) => n.startsWith('extension/'));

  it('holds the manifest, the extension bundle and the licence', () => {
    for (const required of [
      'extension/package.json',
      'extension/dist/extension.js',
      'extension/dist/analysisWorker.js',
      'extension/dist/validators/axolotl.js',
      'extension/dist/validators/torchtune.js',
      'extension/dist/validators/torchtune.part1.js',
      'extension/dist/validators/torchtune.schema.json',
      'extension/dist/validators/torchtune.lazy.schema.json',
      'extension/LICENSE.txt',
    ]) {
      assert.ok(entries.includes(required), `${required} is missing from the .vsix`);
    }
  });

  it('holds nothing outside the allow-list (no sources, tests, maps, node_modules)', () => {
    assert.deepEqual(
      entries.filter((n) => !ALLOWED.test(n)),
      [],
    );
  });
});
