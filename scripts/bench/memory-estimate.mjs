// Training-memory estimate speed over the 21 measured runs of test/data/memory-measured.json: the
// memory plan (inventory, precision rule, adapters) and estimateTrainingMemory per case, median of 21
// after one warm-up pass (the first calls of a code path include JIT compilation).
// Goal: under 1 ms per case. Needs the compiled tree (npm run bench runs compile-tests first).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const { mapDialectConfig } = require(resolve(root, 'out/src/core/dialects/index.js'));
const { buildEstimateReport, memoryPlanFor } = require(
  resolve(root, 'out/src/core/estimator-input/report.js'),
);
const { estimateTrainingMemory } = require(resolve(root, 'out/src/core/memory/index.js'));
const { resolveModelLocal } = require(resolve(root, 'out/src/io/resolve.js'));
const { runs } = JSON.parse(readFileSync(resolve(root, 'test/data/memory-measured.json'), 'utf8'));

const ROUNDS = 21;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const full = [];
const memoryOnly = [];
for (const pass of ['warm-up', 'measured']) {
  for (const r of runs) {
    const e = r.estimator;
    const input = mapDialectConfig(e.config, e.dialect);
    if (e.devices) input.training.devices = e.devices;
    const model = resolveModelLocal(e.model, { cwd: root, env: {}, homeDir: '/nonexistent' });
    const opts = { taskType: e.task_type, numLabels: e.num_labels };
    const report = buildEstimateReport(input, model, opts);
    const a = [];
    const b = [];
    for (let i = 0; i < ROUNDS; i++) {
      let t0 = process.hrtime.bigint();
      const plan = memoryPlanFor(model.config, input.peft, report.params, input.training, opts);
      estimateTrainingMemory(plan.input);
      a.push(Number(process.hrtime.bigint() - t0) / 1e6);
      t0 = process.hrtime.bigint();
      estimateTrainingMemory(plan.input);
      b.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    if (pass === 'warm-up') continue;
    full.push(median(a));
    memoryOnly.push(median(b));
  }
}
console.log(`memory estimate over ${runs.length} measured runs (median of ${ROUNDS} per case; goal < 1 ms)`);
console.log(
  `  plan (inventory, precision, adapters) + estimate: median ${median(full).toFixed(3)} ms per case, slowest ${Math.max(...full).toFixed(3)} ms`,
);
console.log(
  `  estimateTrainingMemory alone: median ${median(memoryOnly).toFixed(4)} ms per case, slowest ${Math.max(...memoryOnly).toFixed(4)} ms`,
);
