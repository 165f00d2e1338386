// Build-time code generation that both the bundles (esbuild.mjs) and the compiled tests need.
// Each generator is idempotent and writes only ignored files.
import { pathToFileURL } from 'node:url';
import { generateValidators } from './gen-validators.mjs';

const generators = [generateValidators];

export async function generate() {
  for (const g of generators) await g();
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  await generate();
}
