// Scaling-law recommender speed: recommend() over every law for a typical LoRA and pre-training setup
// (what a hover or CodeLens would call per keystroke), and the `recommend` CLI end to end.
// Needs the compiled tree (out/) and the bundle (dist/cli.js): `npm run bench` builds both.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const { recommend, LAWS } = require(resolve(root, 'out/src/core/laws/index.js'));

const setups = {
  lora: {
    regime: 'lora',
    totalParams: 8.03e9,
    nonEmbeddingParams: 6.98e9,
    tokens: 3.3e7,
    batchTokens: 65536,
    seqLen: 4096,
    dModel: 4096,
    nLayer: 32,
    modelFamily: 'llama',
    currentLearningRate: 2e-4,
    loraRank: 16,
    loraAlpha: 32,
  },
  pretrain: {
    regime: 'pretrain',
    totalParams: 1.1e9,
    nonEmbeddingParams: 9.7e8,
    tokens: 1e11,
    batchTokens: 1048576,
    seqLen: 2048,
    dModel: 2048,
    nLayer: 22,
    currentLearningRate: 3e-4,
  },
};

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

for (const [name, inputs] of Object.entries(setups)) {
  for (let i = 0; i < 200; i++) recommend(inputs); // warm-up
  const runs = [];
  for (let i = 0; i < 2000; i++) {
    const t0 = process.hrtime.bigint();
    recommend(inputs);
    runs.push(Number(process.hrtime.bigint() - t0) / 1e3);
  }
  console.log(
    `recommend(${name}), ${LAWS.length} laws: median ${median(runs).toFixed(1)} µs, p99 ${[...runs].sort((a, b) => a - b)[Math.floor(runs.length * 0.99)].toFixed(1)} µs`,
  );
}

const cli = resolve(root, 'dist/cli.js');
const cliRuns = [];
for (let i = 0; i < 5; i++) {
  const t0 = process.hrtime.bigint();
  execFileSync(
    process.execPath,
    [
      cli,
      'recommend',
      '--model',
      'llama-3-8b',
      '--tokens',
      '2e9',
      '--batch-tokens',
      '1M',
      '--seq-len',
      '4096',
      '--json',
    ],
    { stdio: 'pipe' },
  );
  cliRuns.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
console.log(
  `ml-config-lens recommend --model llama-3-8b --json (new process): median ${median(cliRuns).toFixed(0)} ms over ${cliRuns.length} runs`,
);
