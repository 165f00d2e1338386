// Activation memory by attention kernel, logits, gradient checkpointing and ZeRO/FSDP sharding, with
// exact bytes derived from the formulas (Korthikanti arXiv 2205.05198, FlashAttention arXiv 2205.14135,
// ZeRO arXiv 1910.02054) on Llama-2-7B (h 4096, a 32, L 32, V 32,000, P = 6,738,415,616).
import * as assert from 'node:assert/strict';
import {
  FROZEN_LINEAR_INPUT_COEF,
  KORTHIKANTI_TERMS,
  memoryEfficientLayerBytes,
  SBH_COEF,
  SCORES_COEF,
} from '../../src/core/memory/attention-terms';
import { activationComponent, logitsComponent } from '../../src/core/memory/activations';
import { estimateTrainingMemory, MemoryInputError, type MemoryInput } from '../../src/core/memory';
import { memoryInputFor } from '../../src/core/memory/plan';
import { buildInventory } from '../../src/core/estimator/inventory';
import { findCatalogModel } from '../../src/core/models/catalog';
import type { TrainingShape } from '../../src/core/estimator-input';

const P = 6_738_415_616;
const T = 4_194_304; // LoRA r 8 on q_proj, v_proj (formulas.md 4.2)
const s = 4096,
  b = 2,
  h = 4096,
  a = 32,
  L = 32,
  V = 32_000;
const sbh = s * b * h;
const llama2 = buildInventory(findCatalogModel('llama-2-7b')!.config, { taskType: 'CAUSAL_LM' });

function lora(training: TrainingShape, modelConfig?: Record<string, unknown>) {
  return memoryInputFor({
    trainableParams: T,
    totalParams: P + T,
    peftType: 'LORA',
    inventory: llama2,
    training,
    modelConfig,
  });
}
const bytesOf = (input: MemoryInput, id: string) =>
  estimateTrainingMemory(input).components.find((c) => c.id === id)?.bytes;

describe('memory: Korthikanti term table', () => {
  it('sums to the 34 and the 5 of s·b·h·(34 + 5·a·s/h); 14 of the 34 are frozen-Linear inputs', () => {
    assert.equal(SBH_COEF, 34);
    assert.equal(SCORES_COEF, 5);
    assert.equal(FROZEN_LINEAR_INPUT_COEF, 14);
    assert.equal(KORTHIKANTI_TERMS.filter((t) => t.scores).length, 3);
  });

  it('memory-efficient attention: 34·s·b·h + 4·a·s·b per layer (s 4096, b 1)', () => {
    assert.equal(memoryEfficientLayerBytes(4096, 1, 4096, 32), 570_425_344 + 524_288);
  });
});

describe('memory: Llama-2-7B LoRA r 8 q/v, s 4096, micro-batch 2, bf16, AdamW', () => {
  const fixed = 2 * P + 16 * T; // bf16 base + fp32 adapter, grads, Adam (formulas.md 4.3: 13.544 GB at T)
  const logits = s * b * V * (2 + 4 + 4);
  const flashLayer = 34 * sbh + 4 * a * s * b;
  const eagerLayer = sbh * (34 + (5 * a * s) / h);

  it('sdpa, no checkpointing: 52,706,156,544 B (52.71 GB)', () => {
    const { input } = lora({
      sequenceLength: s,
      microBatchSize: b,
      dtype: 'bf16',
      attention: 'sdpa',
      attentionSetting: 'sdp_attention: true',
    });
    const m = estimateTrainingMemory(input);
    assert.equal(bytesOf(input, 'activations'), L * flashLayer);
    assert.equal(bytesOf(input, 'logits'), 2_621_440_000);
    assert.equal(m.totalBytes, fixed + L * flashLayer + logits);
    assert.equal(m.totalBytes, 52_706_156_544);
    const act = m.components.find((c) => c.id === 'activations')!;
    assert.match(act.assumptions[0], /^SDPA attention \(sdp_attention: true\): no s×s matrix is stored/);
    assert.match(act.source, /2205\.14135/);
    assert.equal(act.formula, 'L·34·s·b·h + 4·a·s·b with s=4096, b=2, h=4096, a=32, L=32');
    assert.equal(act.label, 'Activations (sdpa attention, no recomputation)');
  });

  it('sdpa with gradient checkpointing: 2·s·b·h·L + one layer = 19,454,763,008 B', () => {
    const { input } = lora({
      sequenceLength: s,
      microBatchSize: b,
      dtype: 'bf16',
      attention: 'sdpa',
      gradientCheckpointing: true,
    });
    assert.equal(bytesOf(input, 'activations'), 2 * sbh * L + flashLayer);
    assert.equal(estimateTrainingMemory(input).totalBytes, 19_454_763_008);
  });

  it('eager, no checkpointing: Korthikanti as before + logits = 224,471,293,952 B', () => {
    const { input } = lora({
      sequenceLength: s,
      microBatchSize: b,
      dtype: 'bf16',
      attention: 'eager',
      attentionSetting: 'eager_attention: true',
    });
    assert.equal(bytesOf(input, 'activations'), L * eagerLayer);
    assert.equal(bytesOf(input, 'activations'), 208_305_913_856);
    assert.equal(
      estimateTrainingMemory(input).components[3].label,
      'Activations (eager attention, no recomputation)',
    );
    assert.equal(estimateTrainingMemory(input).totalBytes, 224_471_293_952);
  });

  it('eager with checkpointing: 24,822,423,552 B', () => {
    const { input } = lora({
      sequenceLength: s,
      microBatchSize: b,
      dtype: 'bf16',
      attention: 'eager',
      gradientCheckpointing: true,
    });
    assert.equal(estimateTrainingMemory(input).totalBytes, fixed + 2 * sbh * L + eagerLayer + logits);
    assert.equal(estimateTrainingMemory(input).totalBytes, 24_822_423_552);
  });

  it('no attention setting: sdpa assumed and said so; eager with dropout 0 names the fp32 softmax', () => {
    const { input, notes } = lora({ sequenceLength: s, microBatchSize: b, dtype: 'bf16' });
    assert.equal(input.activations?.attention, 'sdpa');
    assert.ok(notes.some((n) => /^attention implementation not stated: assumed sdpa/.test(n)));
    const eager = lora(
      { sequenceLength: s, microBatchSize: b, attention: 'eager' },
      { attention_dropout: 0.0 },
    ).input;
    assert.equal(eager.activations?.attentionDropout, 0);
    assert.match(
      activationComponent(eager.activations!).assumptions[0],
      /attention dropout 0 stores no mask, but transformers' eager softmax runs in fp32/,
    );
    const unknown = lora({ sequenceLength: s, attentionSetting: 'attn_implementation: bogus' });
    assert.equal(unknown.input.activations?.attention, 'sdpa');
    assert.ok(
      unknown.notes.includes(
        'attn_implementation: bogus is not an attention kernel ML Config Lens knows: assumed sdpa (no s×s matrix stored)',
      ),
    );
  });

  it('frozen base: every term kept, with the reason noted; full fine-tuning has no such note', () => {
    const { input } = lora({ sequenceLength: s, attention: 'flash' });
    assert.ok(
      activationComponent(input.activations!).assumptions.some((x) =>
        /^frozen base \(PEFT\): all terms kept.*14·s·b·h of the 34/.test(x),
      ),
    );
    const full = memoryInputFor({
      trainableParams: P,
      totalParams: P,
      peftType: 'FULL',
      inventory: llama2,
      training: { sequenceLength: s },
    }).input;
    assert.ok(!activationComponent(full.activations!).assumptions.some((x) => x.startsWith('frozen base')));
  });
});

describe('memory: checkpoint dtype and logits variants', () => {
  it('fp32 training keeps 4-byte layer inputs, a 4-byte recomputed layer (66·s·b·h) and 8 B per logit (no upcast copy)', () => {
    const { input } = lora({
      sequenceLength: 1024,
      microBatchSize: 1,
      dtype: 'fp32',
      attention: 'flash',
      gradientCheckpointing: true,
    });
    assert.equal(bytesOf(input, 'activations'), 4 * 1024 * 4096 * 32 + 66 * 1024 * 4096 + 4 * 32 * 1024);
    assert.equal(bytesOf(input, 'logits'), 1024 * 32_000 * 8);
  });

  it('fused linear cross-entropy: no logits component, a note instead', () => {
    const { input } = lora({ sequenceLength: 1024, fusedCrossEntropy: 'cut_cross_entropy: true' });
    const m = estimateTrainingMemory(input);
    assert.equal(
      m.components.some((c) => c.id === 'logits'),
      false,
    );
    assert.ok(
      m.notes.includes(
        'cut_cross_entropy: true: fused linear cross-entropy computes the loss in chunks, so the full logits are not counted',
      ),
    );
  });

  it('a sequence-classification head has no vocabulary-wide logits', () => {
    const cls = buildInventory(findCatalogModel('llama-2-7b')!.config, { taskType: 'SEQ_CLS', numLabels: 2 });
    const { input } = memoryInputFor({
      trainableParams: T,
      totalParams: P,
      peftType: 'LORA',
      inventory: cls,
      training: { sequenceLength: 512 },
    });
    assert.equal(input.activations?.vocabSize, undefined);
    assert.equal(logitsComponent(input.activations!), undefined);
  });
});

describe('memory: ZeRO / FSDP per device (arXiv 1910.02054 §5)', () => {
  const full = (training: TrainingShape) =>
    memoryInputFor({
      trainableParams: P,
      totalParams: P,
      peftType: 'FULL',
      inventory: llama2,
      training: { dtype: 'bf16', optimizer: 'adamw_torch', ...training },
    });
  const zero = (stage: 0 | 1 | 2 | 3) => ({
    framework: 'deepspeed' as const,
    stage,
    setting: `deepspeed: zero${stage}.json`,
  });

  it('full fine-tuning on 8 devices: stage 1 = 2Ψ + 2Ψ + 12Ψ/8, stage 2 = 2Ψ + 14Ψ/8, stage 3 = 16Ψ/8', () => {
    assert.equal(
      estimateTrainingMemory(full({ devices: 8, sharding: zero(1) }).input).totalBytes,
      2 * P + 2 * P + (12 * P) / 8,
    );
    assert.equal(
      estimateTrainingMemory(full({ devices: 8, sharding: zero(2) }).input).totalBytes,
      2 * P + (14 * P) / 8,
    );
    const z3 = estimateTrainingMemory(full({ devices: 8, sharding: zero(3) }).input);
    // 16Ψ/8 plus the working set: root (embed + lm_head + norm = 262,148,096) and two layers
    // (202,383,360 each) gathered in bf16, and one layer's unsharded bf16 gradients.
    const gathered = (262_148_096 + 2 * 202_383_360) * 2 + 202_383_360 * 2;
    assert.equal(z3.components.find((c) => c.id === 'gathered-weights')?.bytes, gathered);
    assert.equal(z3.totalBytes - gathered, (16 * P) / 8);
    assert.equal(z3.totalBytes - gathered, 13_476_831_232);
    assert.equal(
      z3.components[0].formula,
      '(0 frozen × 2 B + 6,738,415,616 trainable × 2 B) / N_d with N_d = 8',
    );
    assert.match(z3.components[0].source, /1910\.02054 §5/);
    assert.ok(
      z3.notes[0].startsWith('per-device numbers: deepspeed: zero3.json → ZeRO stage 3 over 8 devices'),
    );
  });

  it('activations and logits are per rank: not divided', () => {
    const one = estimateTrainingMemory(full({ sequenceLength: 2048, attention: 'sdpa' }).input);
    const eight = estimateTrainingMemory(
      full({ sequenceLength: 2048, attention: 'sdpa', devices: 8, sharding: zero(3) }).input,
    );
    for (const id of ['activations', 'logits']) {
      assert.equal(
        eight.components.find((c) => c.id === id)?.bytes,
        one.components.find((c) => c.id === id)?.bytes,
      );
    }
  });

  it('a stated stage without a device count is explained, not guessed; stage 0 changes nothing', () => {
    const { input, notes } = full({ sharding: zero(3) });
    assert.equal(input.sharding, undefined);
    assert.ok(
      notes.includes(
        'deepspeed: zero3.json shards over data-parallel devices, but the config does not say how many: numbers are for one device holding everything; with N_d devices, ZeRO stage 3 divides optimizer states, master weights, gradients and weights by N_d (arXiv 1910.02054 §5)',
      ),
    );
    assert.equal(full({ devices: 4, sharding: zero(0) }).input.sharding, undefined);
  });

  it('rejects a fractional device count and non-positive activation shapes', () => {
    const base = full({}).input;
    assert.throws(
      () => estimateTrainingMemory({ ...base, sharding: { stage: 3, devices: 2.5, setting: 'x' } }),
      MemoryInputError,
    );
    assert.throws(
      () =>
        estimateTrainingMemory({
          ...base,
          activations: {
            seqLen: 0,
            microBatch: 1,
            hiddenSize: 1,
            numLayers: 1,
            numHeads: 1,
            gradientCheckpointing: false,
          },
        }),
      /activations.seqLen must be a positive number/,
    );
  });
});
