// Estimator speed over every PEFT oracle case: median time per case, beside the oracle README's
// figure for PEFT itself (median 0.5 s per case to build the model on the meta device and wrap it).
// Needs the compiled tree: `npm run compile-tests` (npm run bench does it).
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const { estimateParameters } = require(resolve(root, 'out/src/core/estimator/index.js'));
// The oracle's cases (transformers 4.47) plus the transformers 4.57.6 / 5.12.1 cases, each on its own release.
const newer = ['cases-4.57.6.json', 'cases-5.12.1.json'].flatMap((f) =>
  JSON.parse(readFileSync(resolve(root, 'test/data/oracle/transformers', f), 'utf8')),
);
// All copied into test/data so a clone without ../shared can run the bench.
const shared = [...JSON.parse(readFileSync(resolve(root, 'test/data/oracle/cases.json'), 'utf8')), ...newer];
// Our local oracle (scripts/oracle): per-set files, and the matrix files that name each model once.
const localDir = resolve(root, 'test/data/oracle/local');
const local = readdirSync(localDir)
  .filter((f) => f.endsWith('.json'))
  .flatMap((f) => JSON.parse(readFileSync(resolve(localDir, f), 'utf8')));
const matrix = readdirSync(resolve(localDir, 'matrix')).flatMap((f) => {
  const m = JSON.parse(readFileSync(resolve(localDir, 'matrix', f), 'utf8'));
  return m.cases.map((c) => ({
    ...c,
    model: m.models[c.model],
    transformers_version: m.transformers_version,
  }));
});
const counted = (c) => c.error === undefined;
const cases = [...shared, ...local, ...matrix].filter(counted);

const PEFT_MEDIAN_S = 0.5; // shared/oracle/README.md: "a median 0.5 s per case (0.0 to 29 s)"
const ROUNDS = 5;

function config(model, nonce) {
  const {
    name: _n,
    hf_reference: _h,
    auto_class: _a,
    model_class: _m,
    resolved_config: _r,
    source: _s,
    ...fields
  } = model;
  return nonce === undefined ? fields : { ...fields, _bench_nonce: nonce };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeCase(c, cold, round) {
  const model = config(c.model, cold ? `${c.id}:${round}` : undefined);
  const t0 = process.hrtime.bigint();
  estimateParameters(model, c.peft, {
    taskType: c.task_type,
    autoClass: c.model.auto_class,
    transformersVersion: c.transformers_version,
  });
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function measure(cold) {
  const perCase = [];
  const all = [];
  let slowest = { ms: 0, id: '' };
  for (const c of cases) {
    const runs = [];
    for (let r = 0; r < ROUNDS; r++) runs.push(timeCase(c, cold, r));
    const ms = median(runs);
    perCase.push(ms);
    all.push(ms);
    if (ms > slowest.ms) slowest = { ms, id: c.id };
  }
  return { median: median(perCase), slowest, all };
}

for (const c of cases) timeCase(c, false, 0); // warm up the JIT and the inventory cache
const warm = measure(false);
const cold = measure(true);
const fmt = (ms) => `${ms.toFixed(3)} ms`;
console.log(
  `estimator over ${cases.length} oracle cases PEFT counted (${shared.filter(counted).length} shared, ${local.filter(counted).length} local, ${matrix.filter(counted).length} matrix; median of ${ROUNDS} runs per case)`,
);
const slow = cases.filter((_, i) => warm.all[i] > 1).length;
console.log(
  `  over 1 ms with the inventory cached (median of its runs): ${slow} of ${cases.length} cases; load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`,
);
console.log(
  `  inventory cached : median ${fmt(warm.median)} per case, slowest ${fmt(warm.slowest.ms)} (${warm.slowest.id})`,
);
console.log(
  `  inventory rebuilt: median ${fmt(cold.median)} per case, slowest ${fmt(cold.slowest.ms)} (${cold.slowest.id})`,
);
console.log(
  `  PEFT 0.20.0 itself (oracle README): median ${PEFT_MEDIAN_S * 1000} ms per case -> about ${Math.round((PEFT_MEDIAN_S * 1000) / cold.median)}x faster`,
);
