// Validation time against input size (issue 11, "validation linear in the input"): unknown keys
// (1k / 10k / 100k) and anchor/alias pairs (1k / 4k), then a rank_pattern of 1k / 20k keys through
// the estimator. Prints medians and the growth per 10x input (goal <= 12x; quadratic would be 100x).
// Bounded: fixed sizes, BENCH_RUNS runs each (default 5, the 100k input 3). Needs `npm run compile-tests`.
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const engine = require(resolve(root, 'out/src/core/pipeline/index.js'));
const { estimateParameters } = require(resolve(root, 'out/src/core/estimator/index.js'));
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (ms) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(0));

/** N keys the Axolotl schema does not know: dataset entries of ten unknown keys each, one entry per line (100k keys stay under 50,000 lines). */
function unknownKeys(n) {
  const lines = ['base_model: NousResearch/Llama-2-7b-hf', 'datasets:'];
  for (let i = 0; i < n; i += 10)
    lines.push(
      `  - {path: d${i}, type: alpaca, ${Array.from({ length: Math.min(10, n - i) }, (_, j) => `u${i + j}: 1`).join(', ')}}`,
    );
  return lines.join('\n') + '\n';
}

/** N anchored mappings, each used once through an alias (every one holds an unknown key). */
function aliases(n) {
  let s = 'base_model: NousResearch/Llama-2-7b-hf\n';
  for (let i = 0; i < n; i++) s += `a${i}: &k${i} {lr: 1, bad: ${i}}\nb${i}: *k${i}\n`;
  return s;
}

function timeValidation(text, runs) {
  engine.validateText(text, { dialect: 'axolotl' }); // warm-up (and loads the validator)
  const ms = [];
  let d;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    d = engine.validateText(text, { dialect: 'axolotl' }).diagnostics;
    ms.push(performance.now() - t0);
  }
  return { ms: median(ms), diagnostics: d.length, chars: text.length };
}

function series(label, sizes, make) {
  const rows = sizes.map((n) => ({ n, ...timeValidation(make(n), n >= 100_000 ? Math.min(RUNS, 3) : RUNS) }));
  console.log(`${label}:`);
  rows.forEach((r, i) => {
    const prev = rows[i - 1];
    // Growth per 10x input: the measured ratio scaled to a tenfold step (linear = 10x, quadratic = 100x).
    const per10 = prev ? Math.pow(r.ms / prev.ms, 1 / Math.log10(r.n / prev.n)) : undefined;
    const growth = prev
      ? `  x${(r.ms / prev.ms).toFixed(1)} for x${r.n / prev.n} input, ${per10.toFixed(1)}x per 10x (goal <= 12x)`
      : '';
    console.log(
      `  ${String(r.n).padStart(7)} (${(r.chars / 1024).toFixed(0)} KB): ${fmt(r.ms).padStart(7)} ms, ${r.diagnostics} diagnostics${growth}`,
    );
  });
}

/** Llama-2-7B-shaped config.json (hidden 4096, 32 layers) with LoRA r 8 on q/v and a rank_pattern of n keys. */
function rankPattern(n) {
  const model = {
    architectures: ['LlamaForCausalLM'],
    model_type: 'llama',
    hidden_size: 4096,
    intermediate_size: 11008,
    num_hidden_layers: 32,
    num_attention_heads: 32,
    num_key_value_heads: 32,
    vocab_size: 32000,
    tie_word_embeddings: false,
  };
  const rank_pattern = {};
  for (let i = 0; i < n; i++) rank_pattern[`model.layers.${i % 1000}.mlp.extra_${i}`] = 4;
  rank_pattern['layers.3.self_attn.q_proj'] = 16;
  const peft = {
    peft_type: 'LORA',
    r: 8,
    lora_alpha: 16,
    target_modules: ['q_proj', 'v_proj'],
    rank_pattern,
  };
  const ms = [];
  let trainable;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    // A fresh copy each run: nothing indexed on the previous run's object is reused.
    trainable = estimateParameters(model, { ...peft, rank_pattern: { ...rank_pattern } }).trainableParams;
    ms.push(performance.now() - t0);
  }
  return { n, ms: median(ms), trainable };
}

series('unknown keys (Axolotl dataset entries, 10 per line)', [1_000, 10_000, 100_000], unknownKeys);
series('anchor/alias pairs (Axolotl)', [1_000, 4_000], aliases);
const rp = [1_000, 20_000].map(rankPattern);
console.log('rank_pattern keys through estimateParameters (Llama-2-7B shape, LoRA q/v):');
rp.forEach((r, i) =>
  console.log(
    `  ${String(r.n).padStart(7)} keys: ${fmt(r.ms).padStart(7)} ms, trainable ${r.trainable}${i ? `  x${(r.ms / rp[0].ms).toFixed(1)} for x${r.n / rp[0].n} keys` : ''}`,
  ),
);
