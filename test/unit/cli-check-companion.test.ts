// `ml-config-lens check` takes DeepSpeed and Accelerate files (detected through the pipeline).
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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

describe('cli check --deepspeed-launcher plain: each file checked once', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlcl-plain-once-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a folder, the DeepSpeed files by name and through a symlink: every finding appears once', async () => {
    writeFileSync(
      join(dir, 'train.yml'),
      'base_model: HuggingFaceTB/SmolLM2-135M\nadapter: lora\nlora_r: 8\nlora_alpha: 16\nmicro_batch_size: 2\ngradient_accumulation_steps: 1\ndeepspeed: ds_linked.json\ndatasets:\n  - path: tatsu-lab/alpaca\n    type: alpaca\n',
    );
    writeFileSync(
      join(dir, 'ds_linked.json'),
      '{\n  "train_micro_batch_size_per_gpu": 4,\n  "gradient_accumulation_steps": "auto",\n  "zero_optimization": {"stage": 3, "stage3_gather_16bit_weigths_on_model_save": true}\n}\n',
    );
    writeFileSync(join(dir, 'ds_plain.json'), '{\n  "train_micro_batch_size_per_gpu": "auto"\n}\n');
    symlinkSync(join(dir, 'ds_plain.json'), join(dir, 'alias.json'));
    const lines: string[] = [];
    const log = console.log;
    console.log = (...a: unknown[]) => void lines.push(a.join(' '));
    let code: number;
    try {
      code = await run([
        '--no-env',
        '--deepspeed-launcher',
        'plain',
        dir,
        join(dir, 'ds_linked.json'),
        `${dir}/./ds_plain.json`,
        join(dir, 'alias.json'),
        join(dir, 'train.yml'),
      ]);
    } finally {
      console.log = log;
    }
    // ds_linked.json is linked by train.yml (HF Trainer: its "auto" is filled); ds_plain.json is not.
    assert.deepEqual(
      [code, lines],
      [
        1,
        [
          `${dir}/ds_linked.json:4:37: error [unknown-key] Unknown key "stage3_gather_16bit_weigths_on_model_save" in zero_optimization. Did you mean "stage3_gather_16bit_weights_on_model_save"? deepspeed rejects unknown keys here.`,
          `${dir}/ds_plain.json:2:37: error [deepspeed-auto-plain] train_micro_batch_size_per_gpu: "auto" is filled only by the HF Trainer / Accelerate (transformers HfTrainerDeepSpeedConfig); plain deepspeed.initialize reads the string "auto" and stops. Set a number, or launch through the HF Trainer or Accelerate.`,
          `${dir}/train.yml:7:12: error [deepspeed-mismatch] ds_linked.json sets train_micro_batch_size_per_gpu = 4 but this config sets micro_batch_size = 2 (TrainingArguments.per_device_train_batch_size): neither wins, the HF Trainer stops with "Please correct the following DeepSpeed config values that mismatch TrainingArguments values" (transformers integrations/deepspeed.py HfTrainerDeepSpeedConfig.fill_match). Set train_micro_batch_size_per_gpu to "auto" in ds_linked.json to take this config's value.`,
          '3 file(s): 3 error(s), 0 warning(s), 0 information',
        ],
      ],
    );
  });
});
