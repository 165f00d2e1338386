// Accelerate config dialect: detection, the generated schema (accelerate v1.14.0) and its launch checks, each
// with a file `accelerate launch` refuses (or warns on) and one it accepts.
import * as assert from 'node:assert/strict';
import { detectDialect } from '../../src/core/dialects';
import { validateText } from '../../src/core/pipeline';
import type { Diagnostic } from '../../src/core/validate';
import { lineOf } from './validateSupport';

const check = (text: string): Diagnostic[] => validateText(text, { fileName: 'fsdp.yaml' }).diagnostics;
const ofCode = (text: string, code: string): Array<[string, number, string]> =>
  check(text)
    .filter((d) => d.code === code)
    .map((d) => [d.severity, lineOf(text, d.start), text.slice(d.start, d.end)]);
const ddp =
  'compute_environment: LOCAL_MACHINE\ndistributed_type: MULTI_GPU\nmixed_precision: bf16\nnum_machines: 1\nnum_processes: 8\n';

describe('Accelerate config dialect', () => {
  it('is claimed by content and by file name (no longer "not validated")', () => {
    assert.deepEqual(detectDialect(ddp), {
      dialect: 'accelerate',
      reason: 'content: `compute_environment` / `distributed_type` (an Accelerate launcher config)',
    });
    assert.equal(
      detectDialect('', { fileName: '/home/u/.cache/huggingface/accelerate/default_config.yaml' }).dialect,
      'accelerate',
    );
    assert.equal(
      detectDialect('num_processes: 2\n', { fileName: 'accelerate_fsdp.yaml' }).dialect,
      'accelerate',
    );
  });

  it('a DDP config, an FSDP2 config (fsdp_version: 2 as an int) and a DeepSpeed one are clean', () => {
    assert.deepEqual(check(ddp), []);
    assert.deepEqual(
      check(
        `${ddp.replace('MULTI_GPU', 'FSDP')}fsdp_config:\n  fsdp_version: 2\n  fsdp_reshard_after_forward: true\n  fsdp_auto_wrap_policy: TRANSFORMER_BASED_WRAP\n  fsdp_offload_params: false\n  fsdp_state_dict_type: SHARDED_STATE_DICT\n`,
      ),
      [],
    );
    assert.deepEqual(
      check(
        `${ddp.replace('MULTI_GPU', 'DEEPSPEED')}deepspeed_config:\n  zero_stage: 3\n  offload_optimizer_device: cpu\n  zero3_init_flag: true\n`,
      ),
      [],
    );
  });

  it('an unknown top-level key is an error (from_yaml_file raises), with a did-you-mean', () => {
    const text = `${ddp}num_process: 4\n`;
    const [d] = check(text);
    assert.deepEqual([d.severity, d.code, lineOf(text, d.start)], ['error', 'unknown-key', 6]);
    assert.match(d.message, /Did you mean "num_processes"\?/);
  });

  it('an unknown key inside fsdp_config is a warning (copied onto args, never read)', () => {
    assert.deepEqual(ofCode(`${ddp}fsdp_config:\n  fsdp_sharding_stratgy: FULL_SHARD\n`, 'unknown-key'), [
      ['warning', 7, 'fsdp_sharding_stratgy'],
    ]);
  });

  it('a bad distributed_type is an enum error', () => {
    assert.deepEqual(ofCode(ddp.replace('MULTI_GPU', 'MULTIGPU'), 'enum'), [['error', 2, 'MULTIGPU']]);
  });

  it('acc-distributed-type-required', () => {
    assert.deepEqual(
      ofCode('compute_environment: LOCAL_MACHINE\nnum_processes: 2\n', 'acc-distributed-type-required').map(
        (x) => x[0],
      ),
      ['error'],
    );
  });

  it('acc-num-processes-unset: -1 is a warning on the value', () => {
    assert.deepEqual(
      ofCode(ddp.replace('num_processes: 8', 'num_processes: -1'), 'acc-num-processes-unset'),
      [['warning', 5, '-1']],
    );
  });

  it('acc-multi-gpu-gpu-ids: one GPU id with MULTI_GPU on one machine is an error; "0,1" passes', () => {
    assert.deepEqual(ofCode(`${ddp}gpu_ids: '0'\n`, 'acc-multi-gpu-gpu-ids'), [['error', 6, "'0'"]]);
    assert.deepEqual(check(`${ddp}gpu_ids: 0,1\n`), []);
  });
});
