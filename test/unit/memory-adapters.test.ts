// LoRA adapters' own activations (PEFT lora/layer.py Linear.forward) and the whole report for the
// Axolotl LoRA on Llama-2-7B that used to show ~222 GB: r 8 q/v, sequence_len 4096, micro_batch 2, bf16.
// Later keys override earlier ones (uniqueKeys: false, as the extension parses), so a case can switch the adapter.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { mapDialectConfig } from '../../src/core/dialects';
import { buildEstimateReport } from '../../src/core/estimator-input/report';
import { findCatalogModel } from '../../src/core/models/catalog';
import type { ResolvedModel } from '../../src/core/models/types';
import { itWithShared } from '../support/shared';

const entry = findCatalogModel('llama-2-7b')!;
const model: ResolvedModel = { config: entry.config, kind: 'catalog', location: entry.id, entry };
const s = 4096,
  b = 2;

function report(extra: string) {
  const yaml =
    'base_model: meta-llama/Llama-2-7b-hf\nadapter: lora\nlora_r: 8\nlora_alpha: 16\nlora_target_modules: [q_proj, v_proj]\n' +
    `sequence_len: ${s}\nmicro_batch_size: ${b}\nbf16: true\noptimizer: adamw_torch\n${extra}`;
  return buildEstimateReport(mapDialectConfig(parse(yaml, { uniqueKeys: false }), 'axolotl'), model);
}
const part = (r: ReturnType<typeof report>, id: string) => r.memory.components.find((c) => c.id === id);

describe('memory: LoRA adapter activations', () => {
  it('dropout 0: a 16-bit copy of each adapted input + lora_A output: s·b·(2·64·4096 + 2·8·64)', () => {
    const c = part(report('lora_dropout: 0\n'), 'adapter-activations')!;
    assert.equal(c.bytes, s * b * (2 * 64 * 4096 + 2 * 8 * 64));
    assert.equal(c.bytes, 4_303_355_904);
    assert.equal(c.formula, 's·b·(2·Σd_in + 2·r·n) with s=4096, b=2, Σd_in=262144, r=8, n=64');
    assert.match(c.source, /2106\.09685/);
  });

  it('dropout 0.05 adds a 1-byte mask per input element: 3 B', () => {
    assert.equal(
      part(report('lora_dropout: 0.05\n'), 'adapter-activations')!.bytes,
      s * b * (3 * 64 * 4096 + 2 * 8 * 64),
    );
  });

  it('gradient checkpointing: only the recomputed layer (2 modules) holds them', () => {
    const c = part(report('lora_dropout: 0\ngradient_checkpointing: true\n'), 'adapter-activations')!;
    assert.equal(c.bytes, s * b * (2 * 2 * 4096 + 2 * 8 * 2));
    assert.equal(c.label, 'LoRA adapter activations (one recomputed layer)');
  });

  it("4-bit base without dropout: only lora_A's r-wide output", () => {
    const c = part(report('adapter: qlora\nload_in_4bit: true\nlora_dropout: 0\n'), 'adapter-activations')!;
    assert.equal(c.bytes, s * b * 2 * 8 * 64);
  });

  it('layers_to_transform [0, 1]: 4 adapted modules, widths scaled to the estimator count', () => {
    const r = report('peft_layers_to_transform: [0, 1]\n');
    assert.equal(r.params.adaptedModules, 4);
    assert.equal(part(r, 'adapter-activations')!.bytes, s * b * (2 * 4 * 4096 + 2 * 8 * 4));
  });

  it('DoRA adds the base output (2 B) and fp32 adapter output (4 B) per output element of each adapted module', () => {
    const c = part(report('lora_dropout: 0\npeft_use_dora: true\n'), 'adapter-activations')!;
    // q_proj and v_proj on 32 layers: Σd_out = 64 × 4096.
    assert.equal(c.bytes, s * b * (2 * 64 * 4096 + 2 * 8 * 64 + 6 * 64 * 4096));
    assert.equal(c.label, 'DoRA adapter activations (64 adapted modules)');
    assert.match(c.source, /2402\.09353/);
    // More than LoRA on the same model, as measured (PEFT MetaMathQA: DoRA 24.5 GB vs LoRA 22.3 GB).
    assert.ok(
      report('lora_dropout: 0\npeft_use_dora: true\n').memory.totalBytes >
        report('lora_dropout: 0\n').memory.totalBytes,
    );
  });

  it('full fine-tuning has no adapter activations', () => {
    const full = buildEstimateReport(
      mapDialectConfig(parse(`base_model: llama-2-7b\nsequence_len: ${s}\n`), 'axolotl'),
      model,
    );
    assert.equal(part(full, 'adapter-activations'), undefined);
  });
});

describe('memory: the ~222 GB Axolotl report, per attention kernel', () => {
  const fixed = 13_493_608_448 + 16_777_216 + 33_554_432; // weights, fp32 adapter gradients, AdamW states
  const logits = s * b * 32_000 * 10;
  const cases: Array<[string, number, number]> = [
    // [config lines, activations, adapter activations]
    ['sdp_attention: true\n', 32 * (34 * s * b * 4096 + 4 * 32 * s * b), 4_303_355_904],
    [
      'sdp_attention: true\ngradient_checkpointing: true\n',
      2 * s * b * 4096 * 32 + 34 * s * b * 4096 + 4 * 32 * s * b,
      134_479_872,
    ],
    ['eager_attention: true\n', 208_305_913_856, 4_303_355_904],
    [
      'eager_attention: true\ngradient_checkpointing: true\n',
      2 * s * b * 4096 * 32 + 6_509_559_808,
      134_479_872,
    ],
  ];
  const totals = [57_009_512_448, 19_589_242_880, 228_774_649_856, 24_956_903_424];

  cases.forEach(([lines, act, adapters], i) => {
    it(`${lines.trim().replace(/\n/g, ', ')}: ${totals[i].toLocaleString('en-US')} B`, () => {
      const r = report(`lora_dropout: 0\n${lines}`);
      assert.equal(part(r, 'activations')!.bytes, act);
      assert.equal(part(r, 'adapter-activations')!.bytes, adapters);
      assert.equal(part(r, 'logits')!.bytes, logits);
      assert.equal(r.memory.totalBytes, fixed + act + adapters + logits);
      assert.equal(r.memory.totalBytes, totals[i]);
    });
  });
});

describe('memory: per device from a real FSDP config', () => {
  const hsdp = 'corpus/real/axolotl/examples/distributed-parallel/llama-3_1-8b-hsdp-tp.yaml';
  itWithShared(
    hsdp,
    'llama-3_1-8b-hsdp-tp.yaml: full fine-tuning sharded over dp_shard_size 4, loss fused by the plugin',
    (file) => {
      const input = mapDialectConfig(parse(readFileSync(file, 'utf8')), 'axolotl');
      const llama31 = findCatalogModel('llama-3.1-8b')!;
      const r = buildEstimateReport(input, {
        config: llama31.config,
        kind: 'catalog',
        location: llama31.id,
        entry: llama31,
      });
      const P = r.params.totalParams;
      assert.equal(P, 8_030_261_248);
      // Axolotl loads in bf16 (bf16: true): weights, gradients and torch AdamW's states are bf16, no fp32
      // master; FSDP full shard divides them by 4 (arXiv 1910.02054 §5), plus the gathered working set.
      const states = r.memory.components.filter((c) => c.id !== 'activations' && c.id !== 'gathered-weights');
      assert.deepEqual(
        states.map((c) => [c.id, c.bytes]),
        [
          ['weights', (2 * P) / 4],
          ['gradients', (2 * P) / 4],
          ['optimizer', (4 * P) / 4],
        ],
      );
      assert.equal(states[0].formula, '(0 frozen × 2 B + 8,030,261,248 trainable × 2 B) / N_d with N_d = 4');
      // Root = embed_tokens + lm_head (128,256 × 4096 each) + final norm; one layer = 218,112,000 params.
      const gathered = r.memory.components.find((c) => c.id === 'gathered-weights')!;
      assert.equal(gathered.bytes, (1_050_677_248 + 2 * 218_112_000) * 2 + 218_112_000 * 2);
      // flash_attention_2, no checkpointing, s 2048, b 1, h 4096, L 32, a 32; activations are per rank.
      assert.equal(
        r.memory.components.find((c) => c.id === 'activations')?.bytes,
        32 * (34 * 2048 * 4096 + 4 * 32 * 2048),
      );
      assert.ok(
        r.notes.includes(
          'plugins: axolotl.integrations.cut_cross_entropy.CutCrossEntropyPlugin: fused linear cross-entropy computes the loss in chunks, so the full logits are not counted',
        ),
      );
      assert.ok(
        r.notes.includes(
          'tensor_parallel_size: 2: tensor/context parallelism splits weights and activations further; not modelled, so per-device numbers are high',
        ),
      );
      assert.ok(
        r.notes.some((n) =>
          n.startsWith('per-device numbers: fsdp_version: 2, dp_shard_size: 4 → ZeRO stage 3 over 4 devices'),
        ),
      );
    },
  );
});
