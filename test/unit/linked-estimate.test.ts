// Estimates across files: a training config's linked DeepSpeed file (read through the caller's reader)
// sets the ZeRO stage and offload of its memory estimate; an Accelerate launch config sets the world
// size and sharding; non-"auto" DeepSpeed values that differ from the training config are errors.
import * as assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { analyzeDocument } from '../../src/core/pipeline';
import { launchFromAccelerate } from '../../src/core/links/accelerate-launch';
import { linkCandidates } from '../../src/core/links';
import type { LinkReader } from '../../src/core/links/linked';
import { cliJson } from './surfaces';

const LORA = `base_model: meta-llama/Llama-3.2-1B
adapter: lora
lora_r: 16
lora_alpha: 32
lora_target_linear: true
sequence_len: 2048
micro_batch_size: 2
gradient_accumulation_steps: 4
learning_rate: 0.0002
bf16: true
datasets:
  - path: tatsu-lab/alpaca
    type: alpaca
deepspeed: configs/zero2.json
`;
const Z3_OFFLOAD = JSON.stringify({
  train_micro_batch_size_per_gpu: 'auto',
  zero_optimization: { stage: 3, offload_optimizer: { device: 'cpu' }, offload_param: { device: 'cpu' } },
});

/** A reader that serves one text for every link, recording the paths it was asked for. */
function serving(text: string | undefined, seen: string[] = []): LinkReader {
  return (link, from) => {
    const tried = linkCandidates(link.target, from, ['/ws']);
    seen.push(...tried);
    return text === undefined ? { link, tried } : { link, path: tried[0], text, tried };
  };
}

// Llama-3.2-1B with LoRA r=16 on all linear layers: 1,235,814,400 frozen + 11,272,192 trainable (PEFT count).
const FROZEN = 1_235_814_400;
const TRAINABLE = 11_272_192;

describe('linked files: the estimate follows the linked DeepSpeed file', () => {
  it('the content (ZeRO-3, both offloads) wins over the file name (zero2.json)', () => {
    const seen: string[] = [];
    const r = analyzeDocument(
      { text: LORA, fileName: '/ws/train/lora.yml', training: { devices: 8 } },
      undefined,
      serving(Z3_OFFLOAD, seen),
    );
    assert.deepEqual(seen, ['/ws/train/configs/zero2.json', '/ws/configs/zero2.json']);
    assert.deepEqual(r.linkedPaths, ['/ws/train/configs/zero2.json']);
    const s = r.analysis?.input?.training.sharding;
    assert.deepEqual(s, {
      framework: 'deepspeed',
      stage: 3,
      setting:
        'deepspeed: configs/zero2.json (zero_optimization.stage 3, offload_optimizer + offload_param to CPU)',
      offload: true,
      offloadOptimizer: true,
      offloadParams: true,
    });
    const m = r.analysis?.memory;
    assert.ok(m);
    // Per device over 8, in CPU RAM: bf16 weights, fp32 master, bf16 gradients, AdamW m and v (fp32).
    assert.deepEqual(
      m.host.map((c) => [c.id, c.bytes]),
      [
        ['weights', ((FROZEN + TRAINABLE) * 2) / 8],
        ['master-weights', (TRAINABLE * 4) / 8],
        ['gradients', (TRAINABLE * 2) / 8],
        ['optimizer', (TRAINABLE * 8) / 8],
      ],
    );
    assert.equal(m.hostBytes, 331_497_984);
    assert.deepEqual(
      m.components.map((c) => c.id),
      ['activations', 'adapter-activations', 'logits', 'gathered-weights'],
    );
    assert.equal(m.totalBytes, 13_292_818_432);
  });

  it('a linked file found nowhere keeps the file-name guess and says so', () => {
    const r = analyzeDocument({ text: LORA, fileName: '/ws/lora.yml' }, undefined, serving(undefined));
    assert.equal(r.analysis?.input?.training.sharding?.stage, 2);
    assert.equal(r.analysis?.input?.training.sharding?.offload, undefined);
    assert.ok(
      r.analysis?.input?.notes.includes(
        'deepspeed: configs/zero2.json was not found (tried /ws/configs/zero2.json); its sharding is guessed from the file name',
      ),
    );
    assert.deepEqual(r.linkedPaths, []);
  });

  it('without a reader (no file system) nothing is read: the file-name guess', () => {
    const r = analyzeDocument({ text: LORA, fileName: '/ws/lora.yml' });
    assert.equal(r.analysis?.input?.training.sharding?.setting, 'deepspeed: configs/zero2.json');
  });

  it('an Axolotl full fine-tune with a linked ZeRO-3 file over 4 devices (CLI, exact bytes)', async () => {
    const file = resolve(__dirname, '../../../test/fixtures/linked/full-z3.yml');
    const out = await cliJson([file, '--devices', '4']);
    assert.equal(out.code, 0, out.err);
    const memory = (out.json as { memory: { components: { id: string; bytes: number }[] } }).memory;
    assert.deepEqual(
      memory.components.map((c) => [c.id, c.bytes]),
      [
        ['weights', (FROZEN * 2) / 4],
        ['master-weights', (FROZEN * 4) / 4],
        ['gradients', (FROZEN * 2) / 4],
        ['optimizer', (FROZEN * 8) / 4],
        ['activations', 277_086_208],
        ['logits', 2_626_682_880],
        // (262,670,336 root + 2 × 60,821,504 layer) × 2 B + one layer's bf16 gradients.
        ['gathered-weights', (262_670_336 + 2 * 60_821_504) * 2 + 60_821_504 * 2],
      ],
    );
  });

  it('CLI --accelerate-config: num_processes is the world size, FSDP2 reshard = ZeRO-3', async () => {
    const dir = resolve(__dirname, '../../../test/fixtures/linked');
    const out = await cliJson([`${dir}/full.yml`, '--accelerate-config', `${dir}/accelerate_fsdp2.yaml`]);
    assert.equal(out.code, 0, out.err);
    const j = out.json as { memory: { components: { id: string; bytes: number }[] }; notes: string[] };
    assert.deepEqual(
      j.memory.components.slice(0, 3).map((c) => [c.id, c.bytes]),
      [
        ['weights', (FROZEN * 2) / 4],
        ['gradients', (FROZEN * 2) / 4],
        // Axolotl loads the model in bf16 (bf16: true) and AdamW keeps m and v like the parameter: 2 × 2 B.
        ['optimizer', (FROZEN * 2 * 2) / 4],
      ],
    );
    assert.ok(j.notes.includes('accelerate_fsdp2.yaml: num_processes 4 = the world size over all machines'));
  });
});

describe('linked files: the Accelerate launch config', () => {
  it('num_processes counts every machine (launch.py:198), not × num_machines', () => {
    const l = launchFromAccelerate(
      {
        distributed_type: 'DEEPSPEED',
        num_processes: 16,
        num_machines: 2,
        deepspeed_config: { zero_stage: 3, offload_optimizer_device: 'cpu' },
      },
      'acc.yaml',
    );
    assert.equal(l.devices, 16);
    assert.deepEqual(l.sharding, {
      framework: 'deepspeed',
      stage: 3,
      setting: 'acc.yaml: deepspeed zero_stage 3, offload_optimizer_device cpu',
      offload: true,
      offloadOptimizer: true,
      offloadParams: false,
    });
  });

  it("zero_stage defaults to 2; FSDP strategies by name or 1-based index; the linked file's stage wins", () => {
    assert.equal(
      launchFromAccelerate({ distributed_type: 'DEEPSPEED', deepspeed_config: {} }, 'a').sharding?.stage,
      2,
    );
    const fsdp = (fc: Record<string, unknown>) =>
      launchFromAccelerate({ distributed_type: 'FSDP', fsdp_config: fc }, 'a').sharding?.stage;
    assert.deepEqual(
      [
        fsdp({}),
        fsdp({ fsdp_sharding_strategy: 'SHARD_GRAD_OP' }),
        fsdp({ fsdp_sharding_strategy: 3 }),
        fsdp({ fsdp_version: 2, fsdp_reshard_after_forward: false }),
        fsdp({ fsdp_reshard_after_forward: 'HYBRID_SHARD' }),
      ],
      [3, 2, 0, 2, 3],
    );
    const viaFile = launchFromAccelerate(
      {
        distributed_type: 'DEEPSPEED',
        deepspeed_config: { deepspeed_config_file: 'ds.json', zero_stage: 2 },
      },
      'a',
      '{"zero_optimization": {"stage": 1}}',
    );
    assert.equal(viaFile.sharding?.stage, 1);
    assert.equal(
      launchFromAccelerate({ distributed_type: 'MULTI_GPU', num_processes: 2 }, 'a').sharding,
      undefined,
    );
  });
});

describe('linked files: non-"auto" DeepSpeed values against the training config', () => {
  const FIXED = JSON.stringify({
    train_micro_batch_size_per_gpu: 4,
    gradient_accumulation_steps: 4,
    gradient_clipping: 1.0,
    optimizer: { type: 'AdamW', params: { lr: 0.0001 } },
    bf16: { enabled: false },
    zero_optimization: { stage: 2 },
  });

  it('each differing value is an error at the link, naming both keys; equal values pass', () => {
    const text = LORA.replace('learning_rate: 0.0002', 'learning_rate: 2e-4\nmax_grad_norm: 1.0');
    const r = analyzeDocument({ text, fileName: '/ws/lora.yml', analyse: false }, undefined, serving(FIXED));
    const mine = r.diagnostics.filter((d) => d.code === 'deepspeed-mismatch');
    assert.deepEqual(
      mine.map((d) => [d.severity, text.slice(d.start, d.end), d.message.split(' (')[0]]),
      [
        [
          'error',
          'configs/zero2.json',
          'configs/zero2.json sets train_micro_batch_size_per_gpu = 4 but this config sets micro_batch_size = 2',
        ],
        [
          'error',
          'configs/zero2.json',
          'configs/zero2.json sets optimizer.params.lr = 0.0001 but this config sets learning_rate = 0.0002',
        ],
        [
          'error',
          'configs/zero2.json',
          'configs/zero2.json sets bf16.enabled = false but this config sets bf16 = true',
        ],
      ],
    );
    assert.match(mine[0].message, /neither wins, the HF Trainer stops/);
    assert.match(mine[0].message, /Set train_micro_batch_size_per_gpu to "auto"/);
  });

  it('"auto" values, unstated training values and bf16: auto are not compared', () => {
    const text = LORA.replace('micro_batch_size: 2\n', '').replace('bf16: true', 'bf16: auto');
    const ds = JSON.stringify({
      train_micro_batch_size_per_gpu: 4,
      bf16: { enabled: true },
      optimizer: { params: { lr: 'auto' } },
    });
    const r = analyzeDocument({ text, fileName: '/ws/lora.yml', analyse: false }, undefined, serving(ds));
    assert.deepEqual(
      r.diagnostics.filter((d) => d.code === 'deepspeed-mismatch'),
      [],
    );
  });

  it('LLaMA-Factory compares per_device_train_batch_size', () => {
    const text =
      'model_name_or_path: meta-llama/Llama-3.2-1B\nstage: sft\nfinetuning_type: lora\nper_device_train_batch_size: 1\ndeepspeed: ds.json\n';
    const r = analyzeDocument({ text, fileName: '/ws/lf.yaml', analyse: false }, undefined, serving(FIXED));
    assert.deepEqual(
      r.diagnostics.filter((d) => d.code === 'deepspeed-mismatch').map((d) => d.message.split(' (')[0]),
      [
        'ds.json sets train_micro_batch_size_per_gpu = 4 but this config sets per_device_train_batch_size = 1',
      ],
    );
  });
});

describe('links: candidates for a bare file name', () => {
  it('a config named without a folder resolves links against the working directory', () => {
    assert.deepEqual(linkCandidates('ds.json', 'lora.yml', []), ['ds.json']);
    assert.deepEqual(linkCandidates('../ds.json', 'lora.yml', []), ['../ds.json']);
  });
});

describe('linked files: "auto" when plain deepspeed.initialize reads the file', () => {
  const DS =
    '{\n  "train_micro_batch_size_per_gpu": "auto",\n  "optimizer": { "params": { "lr": "auto" } },\n  "zero_optimization": { "stage": 2, "reduce_bucket_size": "auto" }\n}\n';

  it('top-level and optimizer values stop it (errors); a DeepSpeedConfigModel section drops it (warning)', () => {
    const r = analyzeDocument({
      text: DS,
      fileName: '/ws/ds.json',
      deepspeedLauncher: 'plain',
      analyse: false,
    });
    assert.deepEqual(
      r.diagnostics
        .filter((d) => d.code === 'deepspeed-auto-plain')
        .map((d) => [d.severity, DS.slice(d.start, d.end), d.message.split(':')[0]]),
      [
        ['error', '"auto"', 'train_micro_batch_size_per_gpu'],
        ['error', '"auto"', 'optimizer.params.lr'],
        ['warning', '"auto"', 'zero_optimization.reduce_bucket_size'],
      ],
    );
  });

  it('read by the HF Trainer / Accelerate (the default): "auto" is no finding', () => {
    const r = analyzeDocument({ text: DS, fileName: '/ws/ds.json', analyse: false });
    assert.deepEqual(
      r.diagnostics.filter((d) => d.code === 'deepspeed-auto-plain'),
      [],
    );
  });

  it('check --deepspeed-launcher plain: a file a checked training config links stays hf', async () => {
    const { run } = await import('../../src/cli/check');
    const dir = resolve(__dirname, '../../../test/fixtures/linked');
    const out: string[] = [];
    const [log, error] = [console.log, console.error];
    console.log = (...a: unknown[]) => void out.push(a.join(' '));
    console.error = () => undefined;
    try {
      await run([
        '--deepspeed-launcher',
        'plain',
        '--format',
        'json',
        `${dir}/full-z3.yml`,
        `${dir}/ds_sharded.json`,
        `${dir}/ds_offload.json`,
      ]);
    } finally {
      [console.log, console.error] = [log, error];
    }
    const files = JSON.parse(out.join('\n')) as { file: string; diagnostics: { code: string }[] }[];
    const autos = (name: string) =>
      files.find((f) => f.file.endsWith(name))!.diagnostics.filter((d) => d.code === 'deepspeed-auto-plain')
        .length;
    // ds_sharded.json is linked by full-z3.yml; ds_offload.json is not (3 "auto" values).
    assert.deepEqual([autos('ds_sharded.json'), autos('ds_offload.json')], [0, 3]);
  });
});
