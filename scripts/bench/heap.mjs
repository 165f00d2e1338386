// Heap after validating 10,000 distinct documents (issue 11: within 10 MB of the start). Runs in a
// child process with --expose-gc: validators loaded and one document of each dialect validated
// first, then a full GC and the starting heap; then BENCH_DOCS (default 10,000) documents, each with
// its own unknown keys and values, spread over the dialects; a full GC; the heap again.
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DOCS = Math.max(1, Number(process.env.BENCH_DOCS ?? 10_000));

const child = `
const e = require(${JSON.stringify(join(root, 'out/src/core/pipeline/index.js'))});
const docs = {
  axolotl: (i) => 'base_model: NousResearch/Llama-2-7b-hf\\nadapter: lora\\nlora_r: ' + (i % 64 + 1) + '\\nlearning_rate: 2e-4\\nmicro_batch_size: 2\\ngradient_accumulation_steps: 4\\nnum_epochs: 1\\ndatasets:\\n  - path: data/set' + i + '\\n    type: alpaca\\nunknown_' + i + ': ' + i + '\\n',
  trl: (i) => 'model_name_or_path: Qwen/Qwen2-0.5B\\nlearning_rate: ' + (i + 1) + '.0e-5\\nper_device_train_batch_size: 2\\nno_such_' + i + ': true\\n',
  llamafactory: (i) => 'model_name_or_path: Qwen/Qwen2-0.5B\\nstage: sft\\nfinetuning_type: lora\\nlora_rank: ' + (i % 32 + 1) + '\\ndataset: d' + i + '\\nnot_a_key_' + i + ': 1\\n',
  torchtune: (i) => 'output_dir: /tmp/o' + i + '\\nmodel:\\n  _component_: torchtune.models.llama3_2.lora_llama3_2_1b\\n  lora_rank: ' + (i % 64 + 1) + '\\n  extra_' + i + ': 1\\nbatch_size: 2\\nepochs: 1\\n',
  peft: (i) => JSON.stringify({ peft_type: 'LORA', r: i % 64 + 1, lora_alpha: 16, target_modules: ['q_proj'], ['key_' + i]: i }),
};
const ids = Object.keys(docs);
const run = (i) => { const id = ids[i % ids.length]; e.validateText(docs[id](i), { dialect: id, fileName: id === 'peft' ? 'adapter_config.json' : 'c.yaml' }); };
for (let i = 0; i < ids.length; i++) run(1e9 + i);
const mb = () => { gc(); gc(); return process.memoryUsage().heapUsed / 1048576; };
const start = mb();
let mid = 0;
for (let i = 0; i < ${DOCS}; i++) { run(i); if (i === 999) mid = mb(); }
const end = mb();
console.log(JSON.stringify({ start, mid, end }));
`;

const r = spawnSync(process.execPath, ['--expose-gc', '-e', child], { encoding: 'utf8', timeout: 600_000 });
if (r.status !== 0) {
  console.log(`memory: child failed (${(r.stderr || String(r.error)).trim().split('\n').pop()})`);
} else {
  const { start, mid, end } = JSON.parse(r.stdout);
  const grown = end - start;
  console.log(
    `memory after ${DOCS.toLocaleString('en-US')} distinct documents validated (5 dialects, heap after full GC): start ${start.toFixed(1)} MB, after 1,000 ${mid.toFixed(1)} MB, end ${end.toFixed(1)} MB, growth ${grown.toFixed(1)} MB (goal <= 10 MB: ${grown <= 10 ? 'met' : 'NOT met'})`,
  );
}
