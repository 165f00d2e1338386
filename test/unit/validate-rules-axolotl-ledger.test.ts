// Axolotl ledger rules (rulesAxolotlLedger*.ts): the edges the rules corpus does not show — quick
// fixes, plugin rules that stay silent when the plugin is not listed, values Axolotl accepts that a
// naive check would refuse, and legacy attention flags read as Axolotl folds them (067b021).
import * as assert from 'node:assert/strict';
import { validateText } from '../../src/core/pipeline';
import { AXOLOTL_LEDGER_ALL } from '../../src/core/validate/rulesAxolotlLedgerAll';

/** 7 lines: a run Axolotl accepts; `extra` appended as YAML text. */
const BASE = [
  'base_model: meta-llama/Llama-3.1-8B',
  'datasets:',
  '  - path: tatsu-lab/alpaca',
  '    type: alpaca',
  'micro_batch_size: 2',
  'gradient_accumulation_steps: 4',
  'output_dir: ./out',
].join('\n');
const check = (extra: string) => validateText(`${BASE}\n${extra}\n`, { fileName: 'axolotl.yml' }).diagnostics;
const codes = (extra: string, prefix = 'ax-') =>
  check(extra)
    .filter((d) => d.code.startsWith(prefix))
    .map((d) => `${d.code}:${d.severity}`);

describe('validate: Axolotl ledger rules, edges', () => {
  it('ids are unique and every one names the axolotl dialect and a file:line at 067b021', () => {
    const ids = AXOLOTL_LEDGER_ALL.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const r of AXOLOTL_LEDGER_ALL) {
      assert.deepEqual(r.dialects, ['axolotl']);
      assert.match(r.source, /^axolotl@067b021 src\/axolotl\/[\w/]+\.py:\d+$/);
    }
  });
  it('save_strategy: best without metric_for_best_model: error on line 8 with the fix metric_for_best_model: eval_loss', () => {
    const d = check('save_strategy: best').find((x) => x.code === 'ax-save-best-needs-metric');
    assert.ok(d);
    assert.equal(d.severity, 'error');
    assert.deepEqual(
      d.fixes?.[0]?.edits.map((e) => e.newText),
      ['metric_for_best_model: eval_loss\n'],
    );
  });
  it('GRPO: the fix names the smallest gradient_accumulation_steps that divides by num_generations', () => {
    const d = check('rl: grpo\ntrl:\n  num_generations: 3').find(
      (x) => x.code === 'ax-grpo-generation-batch',
    );
    assert.ok(d);
    assert.equal(d.severity, 'error');
    assert.match(
      d.message,
      /= 8 must be divisible by `trl.num_generations` \(3\); smallest fix: gradient_accumulation_steps: 3\./,
    );
    assert.deepEqual(
      d.fixes?.[0]?.edits.map((e) => e.newText),
      ['3'],
    );
    assert.deepEqual(codes('rl: grpo\ntrl:\n  num_generations: 4', 'ax-grpo'), []);
  });
  it('plugin rules stay silent when the plugin is not listed (Axolotl then ignores the keys)', () => {
    assert.deepEqual(codes('liger_use_token_scaling: true', 'ax-liger'), []);
    assert.deepEqual(
      codes(
        'plugins:\n  - axolotl.integrations.liger.LigerPlugin\nliger_use_token_scaling: true',
        'ax-liger',
      ),
      ['ax-liger-token-scaling:error'],
    );
    assert.deepEqual(codes('use_swanlab: true', 'ax-swanlab'), []);
  });
  it('accepts what Axolotl accepts: perplexity metric, Python-only regex syntax, expert_backend casing', () => {
    assert.deepEqual(codes('eval_causal_lm_metrics: [sacrebleu, perplexity]', 'ax-causal'), []);
    assert.deepEqual(
      codes("adapter: lora\nlora_target_modules: ['(?P<n>q|v)_proj', 'k_proj']", 'ax-lora-target'),
      [],
    );
    assert.deepEqual(codes("adapter: lora\nlora_target_modules: ['layers.[0-9+.mlp']", 'ax-lora-target'), [
      'ax-lora-target-modules-regex:error',
    ]);
  });
  it('legacy attention flags count as the backend Axolotl maps them to', () => {
    assert.deepEqual(codes('sample_packing: true\nflash_attention: true', 'ax-sample-packing-attention'), []);
    assert.deepEqual(codes('context_parallel_size: 2\nflash_attention: true', 'ax-context-parallel'), [
      'ax-context-parallel-notes:warning',
    ]);
    assert.deepEqual(codes('context_parallel_size: 2\nsdp_attention: true', 'ax-context-parallel'), [
      'ax-context-parallel:error',
    ]);
  });
  it('an FSDP version written only inside fsdp_config counts (no false FSDP1 errors)', () => {
    const cfg =
      'optimizer: muon\nfsdp_config:\n  fsdp_version: 2\n  auto_wrap_policy: TRANSFORMER_BASED_WRAP';
    assert.deepEqual(codes(cfg, 'ax-muon'), []);
    assert.deepEqual(codes(cfg, 'ax-fsdp1'), []);
  });
});
