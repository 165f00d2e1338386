// Each dialect's real (generated) schema, one exact range per kind of finding, and the contract
// that every x-rules entry of every schema is implemented (in code or as a compiled condition).
import * as assert from 'node:assert/strict';
import { validateText } from '../../src/core/pipeline';
import { availableDialects, dialectSchema, RULES } from '../../src/core/validate';
import type { Diagnostic } from '../../src/core/validate';
import type { DialectId } from '../../src/core/dialects';
import { span } from './validateSupport';

const find = (text: string, dialect: DialectId, code: string): Diagnostic[] =>
  validateText(text, { dialect }).diagnostics.filter((d) => d.code === code);
const at = (d: Diagnostic | undefined): [string, number, number] | undefined =>
  d && [d.severity, d.start, d.end];

describe('validate: rules and findings per dialect (real schemas)', () => {
  it('every schema x-rules id is implemented in code or compiled from its JSON Schema condition', () => {
    const coded = new Set(RULES.map((r) => r.id));
    const missing: string[] = [];
    for (const id of availableDialects()) {
      for (const [ruleId, rule] of dialectSchema(id)!.rules)
        if (!coded.has(ruleId) && !rule.check) missing.push(`${id}:${ruleId}`);
    }
    assert.deepEqual(missing, []);
  });
  it('LLaMA-Factory: quantization with full fine-tuning, error on the finetuning_type value', () => {
    const text =
      'model_name_or_path: m\nstage: sft\ndo_train: true\nfinetuning_type: full\nquantization_bit: 4\ntemplate: llama3\nbf16: true\nupcast_layernorm: true\n';
    assert.deepEqual(at(find(text, 'llamafactory', 'lf-quantization-needs-lora')[0]), [
      'error',
      ...span(text, 'full'),
    ]);
  });
  it('LLaMA-Factory: LoRA-only option without LoRA, error on the key', () => {
    const text =
      'model_name_or_path: m\nstage: sft\nfinetuning_type: freeze\nuse_dora: true\ntemplate: llama3\n';
    assert.deepEqual(at(find(text, 'llamafactory', 'lf-lora-only-options')[0]), [
      'error',
      ...span(text, 'use_dora'),
    ]);
  });
  it('TRL: 4-bit model without use_peft, error on the use_peft value (compiled or coded rule)', () => {
    const text = 'model_name_or_path: m\nload_in_4bit: true\nuse_peft: false\nlearning_rate: 2.0e-4\n';
    assert.deepEqual(at(find(text, 'trl', 'quantized-model-needs-peft')[0]), [
      'error',
      ...span(text, 'false'),
    ]);
  });
  it('TRL: 2e-5 is information (TrlParser hands strings to argparse, which converts them)', () => {
    const text = 'model_name_or_path: m\nlearning_rate: 2e-5\n';
    assert.deepEqual(at(find(text, 'trl', 'numeric-string')[0]), ['information', ...span(text, '2e-5')]);
  });
  it('PEFT: layers_pattern without layers_to_transform, error on the layers_pattern value', () => {
    const text =
      '{\n  "peft_type": "LORA",\n  "r": 8,\n  "target_modules": ["q_proj"],\n  "layers_pattern": "layers",\n  "layers_to_transform": null\n}\n';
    const ds = find(text, 'peft', 'layers-pattern-needs-layers-to-transform');
    assert.deepEqual(at(ds[0]), ['error', ...span(text, '"layers"')]);
  });
  it('PEFT: a rank written as a JSON string is an error with an unquoting fix', () => {
    const text = '{\n  "peft_type": "LORA",\n  "r": "64",\n  "target_modules": ["q_proj"]\n}\n';
    const [d] = find(text, 'peft', 'numeric-string');
    assert.deepEqual(at(d), ['error', ...span(text, '"64"')]);
    assert.equal(d.fixes?.[0].edits[0].newText, '64');
  });
  it('torchtune: ${...} interpolations are not type errors; OmegaConf reads 3e-4 as a float', () => {
    const text =
      'output_dir: /tmp/x\nbatch_size: ${bs}\noptimizer:\n  _component_: torch.optim.AdamW\n  lr: 3e-4\n';
    assert.deepEqual(
      validateText(text, { dialect: 'torchtune' }).diagnostics.filter(
        (d) => d.severity === 'error' && d.code !== 'required',
      ),
      [],
    );
  });
  it('torchtune: an unknown component kwarg is an error on the key', () => {
    const text = 'model:\n  _component_: torchtune.models.llama3_2.lora_llama3_2_1b\n  lora_rnak: 8\n';
    assert.deepEqual(at(find(text, 'torchtune', 'unknown-key')[0]), ['error', ...span(text, 'lora_rnak')]);
  });
  it('Axolotl: an unknown key is a warning (Axolotl ignores it) with a did-you-mean fix', () => {
    const text =
      'base_model: m\nmicro_batch_size: 1\ngradient_accumulation_steps: 1\ndatasets:\n  - path: p\n    type: alpaca\nlora_alpah: 16\n';
    const [d] = find(text, 'axolotl', 'unknown-key');
    assert.deepEqual(at(d), ['warning', ...span(text, 'lora_alpah')]);
    assert.equal(d.fixes?.[0].edits[0].newText, 'lora_alpha');
  });
  it('AdapterHub: a wrong type inside config, on the value', () => {
    const text =
      '{\n  "config": {\n    "reduction_factor": "sixteen"\n  },\n  "model_class": "BertAdapterModel"\n}\n';
    const ds = validateText(text, { fileName: 'adapter_config.json' });
    assert.equal(ds.dialect, 'adapterhub');
    const bad = ds.diagnostics.filter((d) => d.severity === 'error');
    assert.ok(bad.length >= 1);
    assert.deepEqual([bad[0].start, bad[0].end], span(text, '"sixteen"'));
  });
  it('torchtune: a deprecated loss component is a warning on the value', () => {
    const text = 'loss:\n  _component_: torchtune.modules.loss.CEWithChunkedOutputLoss\n';
    assert.deepEqual(at(find(text, 'torchtune', 'deprecated-value')[0]), [
      'warning',
      ...span(text, 'torchtune.modules.loss.CEWithChunkedOutputLoss'),
    ]);
  });
  it('LLaMA-Factory v1: bad enum on the value', () => {
    const text = 'model: Qwen/Qwen3-4B\nmodel_class: causal_lm\ntrain_dataset: d.yaml\n';
    assert.deepEqual(at(find(text, 'llamafactory-v1', 'enum')[0]), ['error', ...span(text, 'causal_lm')]);
  });
});
