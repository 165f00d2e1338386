// First diagnostics in a fresh process, per dialect (issue 11: <= 100 ms cold): load the engine, read
// a real corpus file of that dialect, validate it. Three fresh processes per dialect, medians printed,
// split into engine load, first validation (which loads the dialect's validator and walks its schema
// index) and a second validation of the same text. Needs `npm run compile-tests` and ../shared/corpus.
// Wall time and the process's CPU time (process.cpuUsage) are both printed: on a machine shared with
// other work the wall figure includes waiting for a core, the CPU figure does not.
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const corpus = resolve(root, '../shared/corpus');
const PROCESSES = 3;
const require = createRequire(import.meta.url);
const generated = require(join(root, 'out/src/core/validate/generated/index.js'));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

if (!existsSync(join(corpus, 'files.json'))) {
  console.log('cold start: skipped, ../shared/corpus not present');
} else {
  const map = { 'peft-adapter-config': 'peft' };
  const files = JSON.parse(readFileSync(join(corpus, 'files.json'), 'utf8'));
  console.log(
    `cold start, fresh process (median of ${PROCESSES}), ms: first diagnostics = engine load + first validation (wall; CPU in brackets); then a second validation. Load average now ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`,
  );
  // Dialects without a corpus file: a fixture of the repository, else an empty mapping of that dialect.
  const fixtures = {
    deepspeed: 'test/fixtures/deepspeed/real/axolotl-zero2.json',
    mergekit: 'test/fixtures/mergekit/ties.yml',
    'wandb-sweep': 'test/fixtures/wandb-sweep/sweeps-examples_sweep-bayes.yaml',
  };
  for (const id of generated.DIALECT_SCHEMAS) {
    const found = files.find((x) => (map[x.dialect] ?? x.dialect) === id);
    const f = found
      ? { path: found.path, file: join(corpus, found.path) }
      : fixtures[id]
        ? { path: fixtures[id], file: join(root, fixtures[id]), dialect: id }
        : { path: '(empty mapping)', text: '{}', dialect: id };
    const opts = `{ fileName: ${JSON.stringify(f.path)}${f.dialect ? `, dialect: ${JSON.stringify(f.dialect)}` : ''} }`;
    const script = `const { performance } = require('node:perf_hooks');
      const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
      const t0 = performance.now(); const c0 = cpu();
      const e = require(${JSON.stringify(join(root, 'out/src/core/pipeline/index.js'))});
      const text = ${f.file ? `require('node:fs').readFileSync(${JSON.stringify(f.file)}, 'utf8')` : JSON.stringify(f.text)};
      const t1 = performance.now(); const c1 = cpu(); const r = e.validateText(text, ${opts}); const t2 = performance.now(); const c2 = cpu();
      e.validateText(text, ${opts}); const t3 = performance.now();
      console.log(JSON.stringify([t1 - t0, t2 - t1, t3 - t2, r.diagnostics.length, c1 - c0, c2 - c1]));`;
    const runs = [];
    for (let i = 0; i < PROCESSES; i++) {
      const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 60_000 });
      if (r.status === 0) runs.push(JSON.parse(r.stdout));
    }
    if (runs.length === 0) {
      console.log(`  ${id}: failed`);
      continue;
    }
    const [load, first, second] = [0, 1, 2].map((k) => median(runs.map((x) => x[k])));
    const total = median(runs.map((x) => x[0] + x[1]));
    const [loadCpu, firstCpu] = [4, 5].map((k) => median(runs.map((x) => x[k])));
    console.log(
      `  ${id.padEnd(16)} first diagnostics ${total.toFixed(0).padStart(5)} (engine ${load.toFixed(0)}, first validation ${first.toFixed(0)}; CPU ${loadCpu.toFixed(0)} + ${firstCpu.toFixed(0)}), second ${second.toFixed(1)}  [${f.path}]`,
    );
  }
}
