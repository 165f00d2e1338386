// `npm run bench`: runs every benchmark in scripts/bench/ in turn and prints its figures.
// Benchmarks measure speed; tests never do.
import { readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'bench');
const only = process.argv[2];
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.mjs') && (!only || f.includes(only)))
  .sort();
if (files.length === 0) {
  console.error('bench: no benchmark found');
  process.exit(1);
}
for (const f of files) {
  console.log(`\n=== ${f}`);
  await import(pathToFileURL(join(dir, f)).href);
}
