// `ml-config-lens check` takes DeepSpeed and Accelerate files (detected through the pipeline).
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/check';

async function json(args: string[]): Promise<{
  code: number;
  out: Array<{ dialect: string; diagnostics: Array<{ line: number; severity: string; code: string }> }>;
}> {
  const out: string[] = [];
  const log = console.log;
  console.log = (...a: unknown[]) => out.push(a.join(' '));
  try {
    const code = await run(['--format', 'json', ...args]);
    return { code, out: JSON.parse(out.join('\n')) };
  } finally {
    console.log = log;
  }
}

describe('cli check: companion configs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlcl-companion-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a ds_config.json with the weigths typo fails with exit 1; an Accelerate config is checked', async () => {
    const ds = join(dir, 'ds_config.json');
    writeFileSync(
      ds,
      '{\n  "zero_optimization": {\n    "stage": 3,\n    "stage3_gather_16bit_weigths_on_model_save": true\n  },\n  "train_micro_batch_size_per_gpu": 1\n}\n',
    );
    const acc = join(dir, 'fsdp.yaml');
    writeFileSync(
      acc,
      'compute_environment: LOCAL_MACHINE\ndistributed_type: MULTI_GPU\nnum_processes: -1\n',
    );
    const r = await json([ds, acc]);
    assert.equal(r.code, 1);
    assert.deepEqual(
      r.out.map((f) => [f.dialect, f.diagnostics.map((d) => [d.line, d.severity, d.code])]),
      [
        ['deepspeed', [[4, 'error', 'unknown-key']]],
        ['accelerate', [[3, 'warning', 'acc-num-processes-unset']]],
      ],
    );
  });
});
