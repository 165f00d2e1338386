// Regenerates expected.json: every diagnostic the engine reports on the real corpus files, each
// with the reason it is right. Reasons come from REASON_BY_CODE (one sentence per kind of finding,
// naming what the framework does) or, for errors, from ERROR_REASONS keyed by "path:line:code";
// an error with no reason there is printed and NOT written, so the corpus test then fails on it.
// Usage (after npm run compile-tests): node test/corpus/update-expected.mjs
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const corpus = resolve(root, '../shared/corpus');
if (!existsSync(corpus)) {
  console.error(`error: ${corpus} not found: this tool needs ../shared/corpus beside the repository`);
  process.exit(2);
}
const { validateText } = require(join(root, 'out/src/core/pipeline/index.js'));
const { corpusFiles, dialectOf, lineOf } = require(join(root, 'out/test/unit/corpusSupport.js'));
// Warnings of the Axolotl ledger rules: Axolotl itself logs them (or overrides the value) at the cited site.
const { AXOLOTL_LEDGER_ALL } = require(join(root, 'out/src/core/validate/rulesAxolotlLedgerAll.js'));
const LEDGER_WARNING = new Map(AXOLOTL_LEDGER_ALL.map((r) => [r.id, `Axolotl logs this warning or overrides the value at launch (${r.source}).`]));

const REASON_BY_CODE = {
  'deprecated-key': 'The framework still accepts this key but has deprecated or renamed it (schema x-deprecationMessage); a warning with a rename fix is right.',
  'deprecated-value': 'The framework still accepts this value but has deprecated it (schema x-deprecatedValues); a warning is right.',
  'numeric-string': 'PyYAML (YAML 1.1) reads an exponent without a dot as a string and the framework converts this field itself (x-coercesString); information is right.',
  'unknown-key': 'The key is not a field of the framework at the schema\'s version; the framework ignores unknown keys here (x-unknownKeys: warning), so a warning is right.',
  'hf-fsdp-gradient-checkpointing': 'transformers TrainingArguments logs "When using FSDP, prefer `activation_checkpointing` in `fsdp_config` over `gradient_checkpointing`" (training_args.py:2755 at 5.17.0); Axolotl passes both (core/builders/base.py:600, :684-686 at 067b021), so a warning is right.',
  'lf-mixed-precision': 'LLaMA-Factory logs "We recommend enable mixed precision training" for this config (parser.py get_train_args).',
  'lf-upcast-layernorm': 'LLaMA-Factory logs "We recommend enable upcast_layernorm in quantized training" (parser.py get_train_args).',
  'acc-num-processes-unset': 'Accelerate stops with "You need to manually pass in `--num_processes` using this config yaml" unless the flag is given (launch.py:1299-1300); a warning is right.',
  'ax-lora-keys-without-adapter': 'Archived full fine-tuning example that still carries LoRA keys; Axolotl builds no adapter without `adapter:`, so they have no effect.',
};

/** Errors whose message already names the framework's own refusal (schema-sourced), per kind. */
const ERROR_REASON_BY_CODE = {
  'deprecated-key': 'The framework raises at launch when this removed key is set (schema x-deprecationSeverity: error); archived examples predate the removal.',
  'removed-value': 'The framework no longer accepts this value and raises (schema x-removedValues); the recipe predates the change.',
};

const ERROR_REASONS = {
  'real/axolotl/examples/mistral4/fft-vision.yml:34:ax-fsdp2-bnb-8bit-optimizer': 'The example sets optimizer: adamw_bnb_8bit with fsdp_version: 2 and an fsdp_config; Axolotl 0.18 check_fsdp2_w_8bit_optimizer (validation.py:1150) raises "FSDP2 not compatible with adamw_bnb_8bit, use `adamw_torch_8bit` instead" (the optimizer is a plain str, so "8bit" in str(optimizer) holds).',
  'real/axolotl/examples/archived/jeopardy-bot/config.yml:47:type': 'Archived example: special_tokens.tokens is list[str] | None in current Axolotl; a mapping fails pydantic validation.',
  'real/axolotl/examples/archived/mpt-7b/config.yml:48:type': 'Archived example: special_tokens.tokens is list[str] | None in current Axolotl; a mapping fails pydantic validation.',
  'real/axolotl/examples/expert_parallel/qwen3_30ba3b_ep_fft_4gpu.yaml:26:type': 'warmup_steps is int | None in Axolotl; pydantic rejects 0.1 (fractional). The example meant warmup_ratio.',
  'real/axolotl/examples/expert_parallel/qwen3_30ba3b_ep_lora_4gpu.yaml:48:type': 'warmup_steps is int | None in Axolotl; pydantic rejects 0.1 (fractional). The example meant warmup_ratio.',
  'real/torchtune/recipes/configs/qwen2_5/14B_to_7B_KD_lora_single_device.yaml:22:enum': 'torchtune.models.qwen2_5 has lora_qwen2_5_7b_base and lora_qwen2_5_7b_instruct but no lora_qwen2_5_7b; config.instantiate fails to import it (an upstream config bug).',
  'real/axolotl/examples/mistral-medium-3_5/qlora-vision.yml:21:type': 'output_dir is `str` (default ./model-out) in Axolotl, not Optional; an empty `output_dir:` is null and fails pydantic validation.',
};

const out = {};
let missing = 0;
for (const f of corpusFiles(corpus)) {
  const dialect = dialectOf(f.dialect);
  if (!dialect) continue;
  const text = readFileSync(join(corpus, f.path), 'utf8');
  const r = validateText(text, { fileName: f.path });
  const list = [];
  for (const d of r.diagnostics) {
    const line = lineOf(text, d.start);
    const key = `${f.path}:${line}:${d.code}`;
    const code = REASON_BY_CODE[d.code] ?? LEDGER_WARNING.get(d.code);
    const generic = code && `${code} Here: ${d.message}`;
    const byCode = ERROR_REASON_BY_CODE[d.code] && `${ERROR_REASON_BY_CODE[d.code]} Here: ${d.message}`;
    const reason = d.severity === 'error' ? (ERROR_REASONS[key] ?? byCode) : (ERROR_REASONS[key] ?? generic);
    if (!reason) {
      missing++;
      console.error(`no reason for ${key} (${d.severity}): ${d.message}`);
      continue;
    }
    list.push({ code: d.code, line, severity: d.severity, reason });
  }
  // Every file checked is listed, clean ones with [], so the corpus test can tell files it knows
  // (exact match required) from new ones (only an error fails there).
  out[f.path] = list;
}
writeFileSync(join(here, 'expected.json'), `${JSON.stringify(out, null, 1)}\n`);
console.log(`expected.json: ${Object.keys(out).length} files, ${Object.values(out).filter((l) => l.length).length} with diagnostics; ${missing} without a reason (left out)`);
