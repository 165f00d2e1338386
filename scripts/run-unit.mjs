// Layer 1: mocha in plain Node over the compiled unit tests (out/test/unit) and the adversarial suite
// (out/test/adversarial). Exits non-zero on any failure, or when no test ran. Temporary files of the run
// go to one folder removed at exit.
import { createRequire } from 'node:module';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { useScratchTmp } from './lib/scratch-tmp.mjs';

useScratchTmp('unit', { signals: true });

const require = createRequire(import.meta.url);
const Mocha = require('mocha');
const { SummaryReporter, runMocha } = require('../out/test/support/reporter.js');

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else if (p.endsWith('.test.js')) yield p;
  }
}

const grep = process.argv.find((a) => a.startsWith('--grep='))?.slice(7);
const mocha = new Mocha({ ui: 'bdd', reporter: SummaryReporter, timeout: 20000, grep });
// test/adversarial: hostile inputs, each in a worker with a time and heap budget (issue 11).
for (const f of [...walk(resolve('out/test/unit')), ...walk(resolve('out/test/adversarial'))].sort())
  mocha.addFile(f);
const failures = await runMocha(mocha);
process.exit(failures ? 1 : 0);
