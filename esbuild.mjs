// Bundles the programs ML Config Lens ships: the extension (Node, `vscode` external), its analysis
// worker, the estimator panel's browser side, and the CLI. The precompiled schema validators (several MB,
// one per dialect) are bundles of their own in dist/validators/, loaded on first use of a dialect,
// so activation parses only the core. `--production` minifies and drops sourcemaps; `--watch`
// rebuilds on change.
import * as esbuild from 'esbuild';
import { readdirSync } from 'node:fs';
import { generate } from './scripts/generate.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'info',
  legalComments: production ? 'none' : 'inline',
};

const GENERATED = 'src/core/validate/generated';

/** generated/index.js requires './<dialect>.js': keep that a run-time require of dist/validators/<dialect>.js. */
const validatorsApart = {
  name: 'validators-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/[\w-]+\.js$/ }, (args) =>
      args.importer.replace(/\\/g, '/').endsWith(`${GENERATED}/index.js`)
        ? { path: `./validators/${args.path.slice(2)}`, external: true }
        : undefined,
    );
  },
};

/** A validator's part files (`<dialect>.partN.js`, scripts/lib/split-validator.mjs) stay files of their own, required on first use. */
const partsApart = {
  name: 'validator-parts-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/[\w-]+\.part\d+\.js$/ }, (args) => ({ path: args.path, external: true }));
  },
};

const node = { ...common, platform: 'node', format: 'cjs', target: 'node20', plugins: [validatorsApart] };

const builds = [
  {
    ...node,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: () =>
      readdirSync(GENERATED)
        .filter((f) => (f.endsWith('.js') && f !== 'index.js') || f.endsWith('.schema.json'))
        .map((f) => `${GENERATED}/${f}`),
    outdir: 'dist/validators',
    // Each validator reads its schema from <dialect>.schema.json beside it (scripts/gen-validators.mjs).
    loader: { '.json': 'copy' },
    plugins: [partsApart],
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    // Validation and analysis run here, in a worker_threads Worker, off the extension host thread.
    ...node,
    entryPoints: ['src/vscode/worker/analysisWorker.ts'],
    outfile: 'dist/analysisWorker.js',
  },
  {
    ...node,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    ...common,
    entryPoints: ['webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    loader: { '.css': 'text' },
  },
];

await generate();
// The validator list exists only after generate().
for (const b of builds) if (typeof b.entryPoints === 'function') b.entryPoints = b.entryPoints();
if (watch) {
  for (const options of builds) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
  console.log('[watch] watching for changes');
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
