// PEFT's own config tests (tests/test_config.py at 5d602fd) as vectors: each config PEFT's test
// expects to raise or warn is reported with the rule at PEFT's severity, and each config PEFT's test
// builds without error gets no error from us.
import * as assert from 'node:assert/strict';
import { validateText } from '../../src/core/pipeline';

const check = (cfg: Record<string, unknown>): Array<[string, string]> =>
  validateText(JSON.stringify(cfg, null, 2), { dialect: 'peft' }).diagnostics.map((d) => [
    d.code,
    d.severity,
  ]);
const lora = (extra: Record<string, unknown>): Record<string, unknown> => ({ peft_type: 'LORA', ...extra });
const ada = (extra: Record<string, unknown>): Record<string, unknown> => ({ peft_type: 'ADALORA', ...extra });
const errors = (cfg: Record<string, unknown>): string[] =>
  check(cfg)
    .filter(([, s]) => s === 'error')
    .map(([c]) => c)
    .sort();

describe('validate: PEFT tests/test_config.py vectors', () => {
  it('test_regex_with_layer_indexing_lora: regex targets with layers_to_transform / layers_pattern raise; lists do not', () => {
    assert.deepEqual(errors(lora({ target_modules: '.*foo', layers_to_transform: [0] })), [
      'layers-to-transform-with-regex-targets',
    ]);
    assert.deepEqual(errors(lora({ target_modules: '.*foo', layers_pattern: ['bar'] })), [
      'layers-pattern-needs-layers-to-transform',
      'peft-regex-target-with-layers-pattern',
    ]);
    assert.deepEqual(
      errors(lora({ target_modules: ['foo'], layers_pattern: ['bar'], layers_to_transform: [0] })),
      [],
    );
  });
  it('test_ia3_is_feedforward_subset_*: a list outside target_modules raises; regexes and subsets do not', () => {
    assert.deepEqual(errors({ peft_type: 'IA3', target_modules: ['k', 'v'], feedforward_modules: ['q'] }), [
      'peft-ia3-feedforward-subset',
    ]);
    assert.deepEqual(
      errors({
        peft_type: 'IA3',
        target_modules: '.*.(SelfAttention|EncDecAttention|DenseReluDense).*(q|v|wo)$',
        feedforward_modules: '.*.DenseReluDense.wo$',
      }),
      [],
    );
    assert.deepEqual(
      errors({ peft_type: 'IA3', target_modules: ['k', 'v', 'wo'], feedforward_modules: ['wo'] }),
      [],
    );
  });
  it('test_adalora_config_r_warning: the default r is silent, r: 10 warns', () => {
    const base = { task_type: 'SEQ_2_SEQ_LM', init_r: 12, lora_alpha: 32, total_step: 1 };
    assert.deepEqual(
      check(ada(base)).filter(([c]) => c === 'peft-adalora-r-ignored'),
      [],
    );
    assert.deepEqual(
      check(ada({ r: 10, total_step: 1 })).filter(([c]) => c === 'peft-adalora-r-ignored'),
      [['peft-adalora-r-ignored', 'warning']],
    );
  });
  it('test_adalora_config_valid_timing_works: no error', () => {
    for (const t of [
      { total_step: 100, tinit: 0, tfinal: 0 },
      { total_step: 100, tinit: 10, tfinal: 10 },
      { total_step: 100, tinit: 79, tfinal: 20 },
      { total_step: 100, tinit: 80, tfinal: 19 },
    ]) {
      assert.deepEqual(errors(ada(t)), [], JSON.stringify(t));
    }
  });
  it('test_adalora_config_timing_bounds_error: the schedule error', () => {
    for (const t of [
      { total_step: 100, tinit: 20, tfinal: 80 },
      { total_step: 100, tinit: 80, tfinal: 20 },
      { total_step: 10, tinit: 20, tfinal: 0 },
      { total_step: 10, tinit: 0, tfinal: 10 },
      { total_step: 10, tinit: 10, tfinal: 0 },
      { total_step: 10, tinit: 20, tfinal: 20 },
      { total_step: 10, tinit: 0, tfinal: 20 },
    ]) {
      assert.deepEqual(errors(ada(t)), ['peft-adalora-schedule'], JSON.stringify(t));
    }
  });
  it('test_adalora_config_invalid_total_step_raises: total_step null', () => {
    assert.deepEqual(errors(ada({ total_step: null })), ['peft-adalora-total-step']);
  });
  it('test_lora_config_layers_to_transform_validation: pattern alone raises; with indices, or neither, does not', () => {
    const base = { r: 8, lora_alpha: 16, target_modules: ['query', 'value'] };
    assert.deepEqual(errors(lora({ ...base, layers_pattern: 'model.layers' })), [
      'layers-pattern-needs-layers-to-transform',
    ]);
    assert.deepEqual(
      errors(lora({ ...base, layers_to_transform: [0, 1, 2], layers_pattern: 'model.layers' })),
      [],
    );
    assert.deepEqual(errors(lora(base)), []);
    assert.deepEqual(errors(lora({ ...base, layers_to_transform: 0, layers_pattern: 'model.layers' })), []);
  });
});
