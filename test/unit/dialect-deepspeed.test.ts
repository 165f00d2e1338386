// DeepSpeed config dialect: detection, the generated schema (deepspeed v0.19.5), each launch check with a
// file DeepSpeed refuses (or warns on) and one it accepts, the classic typo, and real files without errors.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { detectDialect } from '../../src/core/dialects';
import { validateText } from '../../src/core/pipeline';
import type { Diagnostic } from '../../src/core/validate';
import { repoRoot, span, lineOf } from './validateSupport';

const check = (text: string): Diagnostic[] => validateText(text, { fileName: 'ds_config.json' }).diagnostics;
const ofCode = (text: string, code: string): Array<[string, number, string]> =>
  check(text)
    .filter((d) => d.code === code)
    .map((d) => [d.severity, lineOf(text, d.start), text.slice(d.start, d.end)]);
const ds = (o: Record<string, unknown>): string => `${JSON.stringify(o, null, 2)}\n`;
const base = { train_micro_batch_size_per_gpu: 4, gradient_accumulation_steps: 2 };

describe('DeepSpeed config dialect', () => {
  it('detects by content and by file name, not TRL/Axolotl files', () => {
    assert.equal(detectDialect('{"zero_optimization": {"stage": 2}}').dialect, 'deepspeed');
    assert.equal(
      detectDialect('{"train_micro_batch_size_per_gpu": 1}', { fileName: 'a/cfg.json' }).dialect,
      'deepspeed',
    );
    assert.equal(detectDialect('{}', { fileName: 'configs/ds_config_zero3.json' }).dialect, 'deepspeed');
    assert.equal(
      detectDialect('{"gradient_clipping": 1.0}', { fileName: 'zero2.json' }).dialect,
      'deepspeed',
    );
    assert.equal(
      detectDialect('{"peft_type": "LORA"}', { fileName: 'deepspeed_adapter.json' }).dialect,
      'peft',
    );
    assert.equal(
      detectDialect('base_model: m\ndeepspeed: ds_config.json\nsequence_len: 2048\n').dialect,
      'axolotl',
    );
  });

  it('the typo stage3_gather_16bit_weigths_on_model_save is an error with a did-you-mean and a fix', () => {
    const text = ds({
      ...base,
      zero_optimization: { stage: 3, stage3_gather_16bit_weigths_on_model_save: true },
    });
    const [d] = check(text).filter((x) => x.code === 'unknown-key');
    assert.deepEqual(
      [d.severity, d.start, d.end],
      ['error', ...span(text, '"stage3_gather_16bit_weigths_on_model_save"')],
    );
    assert.equal(
      d.message,
      'Unknown key "stage3_gather_16bit_weigths_on_model_save" in zero_optimization. Did you mean "stage3_gather_16bit_weights_on_model_save"? deepspeed rejects unknown keys here.',
    );
    assert.equal(d.fixes?.[0].edits[0].newText, 'stage3_gather_16bit_weights_on_model_save');
  });

  it('an unknown top-level key is a warning (DeepSpeed never reads it)', () => {
    const text = ds({ ...base, monitor_config: { enabled: true } });
    assert.deepEqual(ofCode(text, 'unknown-key'), [['warning', 4, '"monitor_config"']]);
  });

  it('deprecated stage3_gather_fp16_weights_on_model_save is a warning with the new name', () => {
    const text = ds({
      ...base,
      zero_optimization: { stage: 3, stage3_gather_fp16_weights_on_model_save: true },
    });
    const d = check(text).find((x) => x.code === 'deprecated-key');
    assert.equal(d?.severity, 'warning');
    assert.equal(d?.fixes?.[0].edits[0].newText, 'gather_16bit_weights_on_model_save');
  });

  it('"auto" is accepted wherever the HF integration fills values', () => {
    const text = ds({
      train_batch_size: 'auto',
      train_micro_batch_size_per_gpu: 'auto',
      gradient_accumulation_steps: 'auto',
      gradient_clipping: 'auto',
      bf16: { enabled: 'auto' },
      zero_optimization: { stage: 3, reduce_bucket_size: 'auto', stage3_prefetch_bucket_size: 'auto' },
    });
    assert.deepEqual(check(text), []);
  });

  it('ds-batch-size-product: 10 is not 4 × 1 × any world size; 16 = 4 × 2 × 2 passes', () => {
    assert.deepEqual(
      ofCode(ds({ ...base, gradient_accumulation_steps: 1, train_batch_size: 10 }), 'ds-batch-size-product'),
      [['error', 4, '10']],
    );
    assert.deepEqual(check(ds({ ...base, train_batch_size: 16 })), []);
  });

  it('ds-batch-size-positive and ds-batch-size-missing', () => {
    assert.deepEqual(ofCode(ds({ train_micro_batch_size_per_gpu: 0 }), 'ds-batch-size-positive'), [
      ['error', 2, '0'],
    ]);
    assert.deepEqual(
      ofCode(ds({ gradient_accumulation_steps: 4 }), 'ds-batch-size-missing').map((x) => x[0]),
      ['warning'],
    );
    assert.deepEqual(check(ds({ train_batch_size: 32 })), []);
  });

  it('ds-fp16-and-bf16: both enabled is an error; one enabled, or "auto", passes', () => {
    assert.deepEqual(
      ofCode(ds({ ...base, fp16: { enabled: true }, bf16: { enabled: true } }), 'ds-fp16-and-bf16'),
      [['error', 5, 'true']],
    );
    assert.deepEqual(
      ofCode(ds({ ...base, fp16: { enabled: true }, bfloat16: { enabled: true } }), 'ds-fp16-and-bf16').map(
        (x) => x[0],
      ),
      ['error'],
    );
    assert.deepEqual(check(ds({ ...base, fp16: { enabled: 'auto' }, bf16: { enabled: 'auto' } })), []);
  });

  it('ZeRO stage above 3 is a schema error', () => {
    assert.deepEqual(
      check(ds({ ...base, zero_optimization: { stage: 4 } })).map((d) => [d.severity, d.code]),
      [['error', 'enum']],
    );
  });

  it('ds-fp16/bf16-master-weights-needs-zero: error under stage 0, accepted under stage 2', () => {
    assert.deepEqual(
      ofCode(
        ds({ ...base, fp16: { enabled: true, fp16_master_weights_and_grads: true } }),
        'ds-fp16-master-weights-needs-zero',
      ),
      [['error', 6, 'true']],
    );
    assert.deepEqual(
      ofCode(
        ds({ ...base, bf16: { enabled: true, bf16_master_weights_and_grads: true } }),
        'ds-bf16-master-weights-needs-zero',
      ),
      [['error', 6, 'true']],
    );
    assert.deepEqual(
      check(
        ds({
          ...base,
          bf16: { enabled: true, bf16_master_weights_and_grads: true },
          zero_optimization: { stage: 2 },
        }),
      ),
      [],
    );
  });

  it('ds-bf16-optimizer-states needs master weights', () => {
    const text = ds({
      ...base,
      bf16: { enabled: true, bf16_optimizer_states: true },
      zero_optimization: { stage: 1 },
    });
    assert.deepEqual(ofCode(text, 'ds-bf16-optimizer-states'), [['error', 6, 'true']]);
    assert.deepEqual(
      check(
        ds({
          ...base,
          bf16: { enabled: true, bf16_optimizer_states: true, bf16_master_weights_and_grads: true },
          zero_optimization: { stage: 1 },
        }),
      ),
      [],
    );
  });

  it('ds-partial-offload-needs-zero3: ratio < 1 under stage 2 is an error, under stage 3 passes', () => {
    assert.deepEqual(
      ofCode(
        ds({ ...base, zero_optimization: { stage: 2, offload_optimizer: { device: 'cpu', ratio: 0.5 } } }),
        'ds-partial-offload-needs-zero3',
      ),
      [['error', 8, '0.5']],
    );
    assert.deepEqual(
      check(
        ds({ ...base, zero_optimization: { stage: 3, offload_optimizer: { device: 'cpu', ratio: 0.5 } } }),
      ),
      [],
    );
  });

  it('ds-zero3-option-below-stage3: offload_param under stage 2 is a warning on the key; under stage 3 passes', () => {
    assert.deepEqual(
      ofCode(
        ds({ ...base, zero_optimization: { stage: 2, offload_param: { device: 'cpu' } } }),
        'ds-zero3-option-below-stage3',
      ),
      [['warning', 6, '"offload_param"']],
    );
    assert.deepEqual(
      check(ds({ ...base, zero_optimization: { stage: 3, offload_param: { device: 'cpu' } } })),
      [],
    );
  });

  it('offload to nvme needs nvme_path', () => {
    assert.deepEqual(
      ofCode(
        ds({ ...base, zero_optimization: { stage: 3, offload_param: { device: 'nvme' } } }),
        'ds-offload-param-nvme-path',
      ),
      [['error', 7, '"nvme"']],
    );
    assert.deepEqual(
      ofCode(
        ds({ ...base, zero_optimization: { stage: 3, offload_optimizer: { device: 'nvme' } } }),
        'ds-offload-optimizer-nvme-path',
      ),
      [['error', 7, '"nvme"']],
    );
    assert.deepEqual(
      check(
        ds({
          ...base,
          zero_optimization: { stage: 3, offload_param: { device: 'nvme', nvme_path: '/local_nvme' } },
        }),
      ),
      [],
    );
  });

  it('an unknown offload device is an enum error with a did-you-mean', () => {
    const [d] = check(ds({ ...base, zero_optimization: { stage: 3, offload_param: { device: 'cup' } } }));
    assert.deepEqual([d.severity, d.code, d.fixes?.[0].edits[0].newText], ['error', 'enum', '"cpu"']);
  });

  it('ds-max-grad-norm-fp32: optimizer max_grad_norm without fp16 is a warning', () => {
    assert.deepEqual(
      ofCode(
        ds({ ...base, optimizer: { type: 'AdamW', params: { lr: 1e-5, max_grad_norm: 1.0 } } }),
        'ds-max-grad-norm-fp32',
      ),
      [['warning', 8, '1']],
    );
    assert.deepEqual(
      check(
        ds({
          ...base,
          fp16: { enabled: true },
          optimizer: { type: 'AdamW', params: { max_grad_norm: 1.0 } },
        }),
      ),
      [],
    );
  });

  it('real DeepSpeed files from Axolotl and LLaMA-Factory: no errors (test/fixtures/deepspeed/real)', () => {
    const dir = resolve(repoRoot, 'test/fixtures/deepspeed/real');
    const found: string[] = [];
    for (const f of readdirSync(dir)
      .filter((n) => n.endsWith('.json'))
      .sort()) {
      const r = validateText(readFileSync(resolve(dir, f), 'utf8'), { fileName: resolve(dir, f) });
      assert.equal(r.dialect, 'deepspeed', f);
      for (const d of r.diagnostics) found.push(`${f} ${d.severity} ${d.code}`);
    }
    // LLaMA-Factory's files carry "comms_config" and "monitor_config", keys DeepSpeed v0.19.5 never reads.
    assert.deepEqual(found, [
      'llamafactory-ds_z2_config.json warning unknown-key',
      'llamafactory-ds_z2_config.json warning unknown-key',
      'llamafactory-ds_z3_offload_config.json warning unknown-key',
      'llamafactory-ds_z3_offload_config.json warning unknown-key',
    ]);
  });
});
