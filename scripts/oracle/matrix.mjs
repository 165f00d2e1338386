// The PEFT matrix: every model of ../shared/oracle/transformers crossed with the PEFT methods below, counted
// by peft_count.py on each transformers release and kept compactly (each model config once per release).
//
//   node scripts/oracle/matrix.mjs specs ../shared/oracle/transformers/cases-5.12.1.json > specs.json
//   python scripts/oracle/peft_count.py specs.json > answers.json         (in batches; see README.md)
//   node scripts/oracle/matrix.mjs pack answers.json [more.json|.jsonl ...] > test/data/oracle/local/matrix/<release>.json
//
// `pack` keeps only the script's answers (trainable, total, or PEFT's error), never changes a number, and
// refuses answers that mix releases or disagree between partial runs.
import { readFileSync } from 'node:fs';

// Module names per model type: [q/v attention, MLP, input embedding, attention output]; the rest use DEFAULT.
const NAMES = {
  mt5: [['q', 'v'], ['wi_0', 'wi_1', 'wo'], 'shared', 'o'],
  'xlm-roberta': [
    ['query', 'value'],
    ['intermediate.dense', 'output.dense'],
    'word_embeddings',
    'attention.output.dense',
  ],
  starcoder2: [['q_proj', 'v_proj'], ['c_fc', 'c_proj'], 'embed_tokens', 'o_proj'],
  deepseek_v3: [['q_b_proj', 'kv_b_proj'], ['gate_proj', 'up_proj', 'down_proj'], 'embed_tokens', 'o_proj'],
};
const DEFAULT = [['q_proj', 'v_proj'], ['gate_proj', 'up_proj', 'down_proj'], 'embed_tokens', 'o_proj'];

/** The [tag, peft config] cases for one model. */
function methods(modelType, task) {
  const [qv, mlp, emb, o] = NAMES[modelType] ?? DEFAULT;
  const lora = (k) => ({ peft_type: 'LORA', r: 8, lora_alpha: 16, ...k });
  const cases = [
    ['lora_default', lora({})],
    ['lora_all_linear_r16', { peft_type: 'LORA', r: 16, lora_alpha: 32, target_modules: 'all-linear' }],
    ['dora_qv', lora({ target_modules: qv, use_dora: true })],
    ['lora_qv_bias_all', lora({ target_modules: qv, bias: 'all' })],
    ['lora_qv_lora_bias', lora({ target_modules: qv, lora_bias: true })],
    ['lora_qv_plus_embed', lora({ target_modules: [...qv, emb] })],
    ['lora_all_linear_excl_o', lora({ target_modules: 'all-linear', exclude_modules: [o] })],
    ['lora_mlp', lora({ target_modules: mlp })],
    ['lora_qv_layers01', lora({ target_modules: qv, layers_to_transform: [0, 1] })],
    [
      'lora_qv_rank_pattern',
      lora({ target_modules: qv, rank_pattern: { [qv[1]]: 16 }, alpha_pattern: { [qv[1]]: 32 } }),
    ],
    ['prefix_nvt20', { peft_type: 'PREFIX_TUNING', num_virtual_tokens: 20 }],
    ['prompt_nvt20', { peft_type: 'PROMPT_TUNING', num_virtual_tokens: 20 }],
    ['ptuning_nvt20', { peft_type: 'P_TUNING', num_virtual_tokens: 20 }],
    ['ia3_default', { peft_type: 'IA3' }],
    ['loha_r8_qv', { peft_type: 'LOHA', r: 8, alpha: 16, target_modules: qv }],
    ['lokr_r8_qv', { peft_type: 'LOKR', r: 8, alpha: 16, target_modules: qv }],
    ['oft_b32_qv', { peft_type: 'OFT', r: 0, oft_block_size: 32, target_modules: qv }],
    ['boft_b4_qv', { peft_type: 'BOFT', boft_block_size: 4, target_modules: qv }],
    ['vera_r256_qv', { peft_type: 'VERA', r: 256, target_modules: qv }],
    ['adalora_qv', { peft_type: 'ADALORA', init_r: 12, target_r: 8, total_step: 1000, target_modules: qv }],
    ['ln_tuning_default', { peft_type: 'LN_TUNING' }],
    ['fourierft_n500_qv', { peft_type: 'FOURIERFT', n_frequency: 500, target_modules: qv }],
    ['vblora_qv', { peft_type: 'VBLORA', r: 4, num_vectors: 256, vector_length: 128, target_modules: qv }],
    ['hra_r8_qv', { peft_type: 'HRA', r: 8, target_modules: qv }],
    ['miss_qv', { peft_type: 'MISS', r: 64, target_modules: qv }],
    ['c3a_b64_qv', { peft_type: 'C3A', block_size: 64, target_modules: qv }],
    ['randlora_r32_qv', { peft_type: 'RANDLORA', r: 32, target_modules: qv }],
  ];
  if (task === 'CAUSAL_LM')
    cases.push(['lora_qv_save_head', lora({ target_modules: qv, modules_to_save: ['lm_head'] })]);
  return cases;
}

// Large models get fewer cases (each is built on the meta device, but PEFT still walks every module).
const BIG = new Set([
  'deepseek-v3',
  'gpt-oss-120b',
  'qwen3-30b-a3b',
  'starcoder2-7b',
  'xlm-roberta-large',
  'mt5-base',
  'granite-3.1-8b',
]);
const BIG_TAGS = new Set([
  'lora_default',
  'lora_all_linear_r16',
  'dora_qv',
  'lora_mlp',
  'prefix_nvt20',
  'ia3_default',
  'lora_qv_layers01',
  'lora_all_linear_excl_o',
]);
const HUGE = { 'deepseek-v3': new Set(['lora_default', 'lora_all_linear_r16', 'prefix_nvt20', 'lora_mlp']) };

function specs(sharedCasesFile) {
  const models = new Map();
  for (const c of JSON.parse(readFileSync(sharedCasesFile, 'utf8')))
    if (!models.has(c.model.name)) models.set(c.model.name, [c.model, c.task_type]);
  const out = [];
  for (const [name, [model, task]] of models)
    for (const [tag, peft] of methods(model.model_type, task)) {
      if (BIG.has(name) && !BIG_TAGS.has(tag)) continue;
      if (HUGE[name] && !HUGE[name].has(tag)) continue;
      out.push({ id: `${name}__${tag}`, model, peft, task_type: task });
    }
  return out;
}

/** peft_count.py output: a JSON list, or one JSON answer a line (a streamed run). */
function readAnswers(file) {
  const text = readFileSync(file, 'utf8').trim();
  return text.startsWith('[')
    ? JSON.parse(text)
    : text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l));
}

function pack(files) {
  const models = {};
  const cases = new Map();
  const releases = new Set();
  for (const a of files.flatMap(readAnswers)) {
    releases.add(`${a.transformers_version} ${a.peft_version}`);
    const name = a.model.name;
    models[name] ??= a.model;
    if (JSON.stringify(models[name]) !== JSON.stringify(a.model))
      throw new Error(`${a.id}: two configs for ${name}`);
    const answer = a.error !== undefined ? { error: a.error } : { trainable: a.trainable, total: a.total };
    const c = { id: a.id, model: name, peft: a.peft, task_type: a.task_type, ...answer };
    const seen = cases.get(a.id);
    if (seen && JSON.stringify(seen) !== JSON.stringify(c)) throw new Error(`${a.id}: runs disagree`);
    cases.set(a.id, c);
  }
  if (releases.size !== 1) throw new Error(`answers of several releases: ${[...releases].join(', ')}`);
  const [transformers_version, peft_version] = [...releases][0].split(' ');
  const head = { transformers_version, peft_version, counted_by: 'scripts/oracle/peft_count.py', models };
  const lines = [...cases.values()].map((c) => ' ' + JSON.stringify(c));
  const top = JSON.stringify(head, null, 1).replace(/\n}$/, ',\n "cases": [\n');
  return `${top}${lines.join(',\n')}\n ]\n}\n`;
}

const [mode, ...args] = process.argv.slice(2);
if (mode === 'specs') process.stdout.write(JSON.stringify(specs(args[0]), null, 1) + '\n');
else if (mode === 'pack') process.stdout.write(pack(args));
else throw new Error('usage: matrix.mjs specs <shared cases.json> | pack <answers.json|.jsonl>...');
