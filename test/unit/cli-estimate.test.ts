// The estimate command on oracle-backed cases: exact PEFT counts, exact printed lines, exit codes.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { run } from '../../src/cli/estimate';
import { describeWithShared, readTestJson } from '../support/shared';

const root = resolve(__dirname, '../../..');
const cases = readTestJson<OracleCase[]>('oracle/cases.json');

interface OracleCase {
  id: string;
  model: { name: string; hf_reference: string };
  peft: Record<string, unknown>;
  task_type: string | null;
  trainable: number;
  total: number;
}

async function capture(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = console.log;
  const error = console.error;
  console.log = (...a: unknown[]) => void out.push(a.join(' '));
  console.error = (...a: unknown[]) => void err.push(a.join(' '));
  try {
    const code = await run(args);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    console.log = log;
    console.error = error;
  }
}

function adapterFile(c: OracleCase): string {
  const dir = mkdtempSync(join(tmpdir(), 'mcl-cli-'));
  const path = join(dir, 'adapter_config.json');
  writeFileSync(path, JSON.stringify({ ...c.peft, ...(c.task_type ? { task_type: c.task_type } : {}) }));
  return path;
}

const byId = (id: string): OracleCase => {
  const c = cases.find((x) => x.id === id);
  if (!c) throw new Error(`oracle case ${id} missing`);
  return c;
};

describe('cli-estimate: oracle-backed output', () => {
  it("prints PEFT's own trainable line for Llama-2-7B LoRA r 8 q/v", async () => {
    const c = byId('llama-2-7b__lora_r8_qv_bias_all');
    const r = await capture(['--model', 'llama-2-7b', '--peft', adapterFile(c)]);
    assert.equal(r.code, 0, r.err);
    const lines = r.out.split('\n');
    assert.equal(lines[0], 'Model: meta-llama/Llama-2-7b-hf (catalog)');
    assert.equal(lines[2], 'trainable params: 4,194,304 || all params: 6,742,609,920 || trainable%: 0.0622');
    assert.ok(lines.includes('  Total: 13.5 GB peak allocated'), r.out);
    const readings = lines.filter((l) => l.startsWith('  Reading: '));
    assert.deepEqual(readings, [
      '  Reading: 13.5 GB peak allocated by PyTorch (torch.cuda.max_memory_allocated) — the headline number',
      "  Reading: 13.5–13.6 GB reserved by PyTorch's caching allocator (torch.cuda.max_memory_reserved; segment rounding counted, fragmentation not)",
      '  Reading: 15.0 GB as nvidia-smi shows it (reserved + CUDA context)',
    ]);
  });

  it('--json carries the allocated, reserved and nvidia-smi readings and what lies outside the allocator', async () => {
    const c = byId('llama-2-7b__lora_r8_qv_bias_all');
    const j = JSON.parse((await capture(['--model', 'llama-2-7b', '--peft', adapterFile(c), '--json'])).out);
    const context = 1343 * 2 ** 20;
    // Llama-2-7B's bf16 matrices are whole multiples of 2 MiB, so the reserved band's high edge is
    // the packed allowance only: one 2 MiB + one 20 MiB segment for each of the 3 GPU parts.
    const band = 3 * 22 * 2 ** 20;
    assert.equal(j.memory.components.length, 3);
    assert.deepEqual(j.memory.range, {
      allocatedBytes: j.memory.totalBytes,
      reservedBytes: j.memory.totalBytes,
      reservedHighBytes: j.memory.totalBytes + band,
      reservedBasis:
        "low edge = allocated (every tensor fills its segment); high edge adds the caching allocator's segment rounding: each parameter-shaped tensor of 10 MiB or more in its own segment rounded up to 2 MiB, and one part-used 2 MiB and 20 MiB segment per part; fragmentation from reusing freed blocks of other sizes is not included",
      deviceBytes: j.memory.totalBytes + context,
      deviceHighBytes: j.memory.totalBytes + band + context,
      headline: 'allocated',
    });
    assert.deepEqual(
      j.memory.outside.map((o: { id: string; bytes: number }) => [o.id, o.bytes]),
      [['cuda-context', context]],
    );
    assert.deepEqual([j.memory.host, j.memory.hostBytes], [[], 0]);
  });

  it('--json agrees with the oracle on every case of a catalog model (exact trainable and total)', async function () {
    this.timeout(60_000);
    let checked = 0;
    for (const c of cases.filter((x) => !x.model.name.includes(':'))) {
      const r = await capture([
        '--model',
        c.model.hf_reference,
        '--peft',
        adapterFile(c),
        '--json',
        '--transformers-version',
        '4.47.0.dev0',
      ]);
      assert.equal(r.code, 0, `${c.id}: ${r.err}`);
      const j = JSON.parse(r.out);
      assert.deepEqual([j.trainableParams, j.totalParams], [c.trainable, c.total], c.id);
      assert.equal(j.trainablePercent, (100 * c.trainable) / c.total);
      assert.equal(j.memory.kind, 'estimate');
      checked++;
    }
    assert.equal(checked, 272);
  });

  it('BERT SEQ_CLS LoRA: head copied into modules_to_save, counted twice in total', async () => {
    const c = byId('bert-base-uncased__lora_r8_qv_seqcls');
    const r = await capture(['--model', 'bert-base-uncased', '--peft', adapterFile(c), '--json']);
    const j = JSON.parse(r.out);
    assert.deepEqual([j.trainableParams, j.totalParams], [296450, 109780228]);
  });
});

describe('cli-estimate: heads chosen by --task-type and --num-labels', () => {
  const peftOnly = (c: OracleCase) => {
    const dir = mkdtempSync(join(tmpdir(), 'mcl-cli-'));
    writeFileSync(join(dir, 'adapter_config.json'), JSON.stringify(c.peft));
    return join(dir, 'adapter_config.json');
  };
  for (const [id, model, extra] of [
    [
      'roberta-base:seq_cls3__lora_r8_qv_seqcls',
      'roberta-base',
      ['--task-type', 'seq_cls', '--num-labels', '3'],
    ],
    [
      'bert-base-uncased:token_cls9__lora_r8_qv',
      'bert-base-uncased',
      ['--task-type', 'TOKEN_CLS', '--num-labels', '9'],
    ],
    ['llama-2-7b:seq_cls2__lora_r8_qv_seqcls', 'llama-2-7b', ['--task-type', 'SEQ_CLS']],
    ['gpt2:base__lora_r8_cattn', 'gpt2', ['--task-type', 'FEATURE_EXTRACTION']],
  ] as const) {
    it(`${id}: exact oracle counts`, async () => {
      const c = byId(id);
      const r = await capture(['--model', model, '--peft', peftOnly(c), ...extra, '--json']);
      assert.equal(r.code, 0, r.err);
      const j = JSON.parse(r.out);
      assert.deepEqual([j.trainableParams, j.totalParams], [c.trainable, c.total]);
    });
  }
  it('refuses a non-numeric --num-labels', async () => {
    const r = await capture(['--peft', 'x.json', '--num-labels', 'two']);
    assert.equal(r.code, 2);
    assert.match(r.err, /--num-labels must be a positive whole number/);
  });
});

describeWithShared('corpus/real', 'cli-estimate: dialect configs', (real) => {
  it('torchtune QLoRA recipe: model from the builder, 4-bit NF4 weights', async () => {
    const r = await capture([
      '--peft',
      join(real, 'torchtune/recipes/configs/llama3/8B_qlora_single_device.yaml'),
      '--json',
    ]);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.equal(j.model.location, 'meta-llama/Meta-Llama-3-8B');
    // q, v, o and the MLP at r 8 on 32 layers: 32 × 8 × ((4096+4096) + (4096+1024) + (4096+4096) + 3 × (4096+14336)).
    assert.equal(j.trainableParams, 19_660_800);
    // torchtune keeps adapters in the run's dtype (bf16), not PEFT's fp32.
    assert.equal(j.memory.components[0].label, 'Weights (nf4 base, bf16 trainable)');
    assert.ok(j.notes.includes('sequence length not stated: activations not estimated'));
  });

  it('Axolotl Jamba QLoRA and Mamba full fine-tune resolve from the catalog (issue 16)', async () => {
    const jamba = await capture([
      '--peft',
      join(real, 'axolotl/examples/jamba/qlora_deepspeed.yaml'),
      '--json',
    ]);
    assert.equal(jamba.code, 0, jamba.err);
    // lora_target_linear at r 8: the local oracle's jamba-v0.1 all-linear r 8 count on transformers 5.17.0.
    assert.equal(JSON.parse(jamba.out).trainableParams, 19_588_096);
    const mamba = await capture(['--peft', join(real, 'axolotl/examples/mamba/config.yml'), '--json']);
    assert.equal(mamba.code, 0, mamba.err);
    assert.equal(JSON.parse(mamba.out).trainableParams, 2_768_345_600);
  });

  it('Axolotl config with --model override and activations from sequence_len', async () => {
    const r = await capture([
      '--peft',
      join(real, 'axolotl/examples/llama-3/lora-8b.yml'),
      '--model',
      'llama-3-8b',
      '--json',
    ]);
    const j = JSON.parse(r.out);
    assert.equal(j.dialect, 'axolotl');
    const act = j.memory.components.find((c: { id: string }) => c.id === 'activations');
    // Gradient checkpointing on, attn_implementation flash_attention_2, s 4096, b 2, h 4096, L 32, a 32: 2sbhL + 34sbh + 4asb.
    assert.equal(act.bytes, 2 * 4096 * 2 * 4096 * 32 + 34 * 4096 * 2 * 4096 + 4 * 32 * 4096 * 2);
  });
});

describe('cli-estimate: Axolotl lora_target_linear with extra names', () => {
  it("adds LoRA on embed_tokens to all-linear, as Axolotl's union of names does", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcl-cli-'));
    const p = join(dir, 'axolotl.yml');
    writeFileSync(
      p,
      'base_model: llama-2-7b\nadapter: lora\nlora_r: 8\nlora_alpha: 16\nlora_target_linear: true\nlora_target_modules:\n  - embed_tokens\n',
    );
    const r = await capture(['--peft', p, '--json']);
    assert.equal(r.code, 0, r.err);
    // all-linear r 8 (formulas.md 4.2: 19,988,480) + embedding r·(32000 + 4096) = 288,768.
    assert.equal(JSON.parse(r.out).trainableParams, 19_988_480 + 288_768);
  });
});

describe('cli-estimate: bad input', () => {
  it('exit 2 with one line for a missing --peft, unknown option, unreadable file, unknown model', async () => {
    const missing = await capture([]);
    assert.equal(missing.code, 2);
    assert.match(
      missing.err,
      /^ml-config-lens estimate: a PEFT_CONFIG file is required \(--peft FILE or FILE\)/,
    );
    assert.match((await capture(['a.yml', 'b.yml'])).err, /one config file only \(got a\.yml, b\.yml\)/);
    assert.equal((await capture(['--peft', 'x', '--bogus'])).code, 2);
    const unreadable = await capture(['--peft', '/nonexistent/adapter_config.json']);
    assert.match(unreadable.err, /cannot read \/nonexistent\/adapter_config.json: ENOENT/);
    const c = byId('llama-2-7b__lora_r8_qv_bias_all');
    const unknown = await capture(['--model', 'llama-2-7', '--peft', adapterFile(c)]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /unknown model 'llama-2-7'.*did you mean 'llama-2-7b'/);
  });

  it('a combination PEFT refuses is a one-line message, not a stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcl-cli-'));
    const p = join(dir, 'adapter_config.json');
    writeFileSync(
      p,
      JSON.stringify({ peft_type: 'LORA', target_modules: 'all-linear', layers_to_transform: [0] }),
    );
    const r = await capture(['--model', 'llama-2-7b', '--peft', p]);
    assert.equal(r.code, 2);
    assert.equal(r.err.split('\n').length, 1);
    assert.doesNotMatch(r.err, /\n\s+at /);
  });

  it('in a real process: no stack trace, exit code 2', () => {
    const cli = join(root, 'out/src/cli/main.js');
    const res = spawnSync(process.execPath, [cli, 'estimate', '--peft', join(root, 'package.json')], {
      encoding: 'utf8',
    });
    assert.equal(res.status, 2);
    assert.match(res.stderr, /^ml-config-lens estimate: cannot tell which framework package.json is for/);
    assert.doesNotMatch(res.stderr, /\s+at /);
  });
});

describeWithShared(
  'corpus/real/axolotl/examples/llama-3/qlora-fsdp-70b.yaml',
  'estimate CLI: --devices',
  (fsdp70b) => {
    type Mem = { components: Array<{ id: string; bytes: number }> };

    it('divides the sharded parts by the device count under FSDP full_shard (ZeRO stage 3)', async () => {
      const one = await capture(['--peft', fsdp70b, '--model', 'meta-llama/Llama-3.1-70B', '--json']);
      const eight = await capture([
        '--peft',
        fsdp70b,
        '--model',
        'meta-llama/Llama-3.1-70B',
        '--devices',
        '8',
        '--json',
      ]);
      assert.equal(eight.code, 0, eight.err);
      const bytes = (r: { out: string }, id: string) =>
        (JSON.parse(r.out).memory as Mem).components.find((c) => c.id === id)?.bytes ?? NaN;
      // Stage 3 shards weights, gradients and optimizer states; activations stay per rank.
      assert.equal(bytes(eight, 'weights'), bytes(one, 'weights') / 8);
      assert.equal(bytes(eight, 'optimizer'), bytes(one, 'optimizer') / 8);
      assert.equal(bytes(eight, 'activations'), bytes(one, 'activations'));
      assert.equal(JSON.parse(eight.out).trainableParams, 103_546_880);
    });

    it('refuses a device count that is not a positive whole number', async () => {
      const r = await capture(['--peft', fsdp70b, '--devices', '0']);
      assert.equal(r.code, 2);
      assert.match(r.err, /--devices must be a positive whole number/);
    });
  },
);

describe('estimate CLI: the config as a plain argument', () => {
  it('reads `estimate FILE` like `estimate --peft FILE`, as check and recommend do', async () => {
    const file = resolve(root, 'examples/axolotl/mistral-qlora.yml');
    const plain = await capture([file, '--json']);
    const flagged = await capture(['--peft', file, '--json']);
    assert.equal(plain.code, 0, plain.err);
    // Mistral-7B, LoRA r=32 on all 7 linear projections of 32 layers:
    // 32 × 32 × (2×(4096+4096) + 2×(4096+1024) + 3×(4096+14336)) = 83,886,080
    assert.equal(JSON.parse(plain.out).trainableParams, 83_886_080);
    assert.deepEqual(JSON.parse(plain.out), JSON.parse(flagged.out));
  });
});
