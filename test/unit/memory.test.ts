// Reproduces ../shared/reference/formulas.md §4.3 (Llama-2-7B, P = 6,738,415,616) exactly.
import * as assert from 'node:assert/strict';
import { accelerateEstimate } from '../../src/core/memory/accelerate';
import {
  activationComponent,
  checkpointedLayerBytes,
  korthikantiLayerBytes,
  megatronSelectiveLayerBytes,
  selectiveLayerBytes,
} from '../../src/core/memory/activations';
import { estimateTrainingMemory, lookupOptimizer, MemoryInputError } from '../../src/core/memory';
import { memoryInputFor, quantizableLinearParams } from '../../src/core/memory/plan';
import { buildInventory } from '../../src/core/estimator/inventory';
import { findCatalogModel } from '../../src/core/models/catalog';

const P = 6_738_415_616;
const GB = 1e9;
const GiB = 2 ** 30;
const round = (x: number, d: number) => Number(x.toFixed(d));

describe('memory: formulas.md 4.3 vectors', () => {
  it('full fine-tuning, mixed-precision AdamW = 16 B/param = 107.81 GB (100.41 GiB)', () => {
    const m = estimateTrainingMemory({
      totalParams: P,
      trainableParams: P,
      trainsBaseWeights: true,
      weightDtype: 'bf16',
      computeDtype: 'bf16',
      optimizer: 'adamw_torch',
    });
    assert.equal(m.totalBytes, 16 * P);
    assert.equal(round(m.totalBytes / GB, 2), 107.81);
    assert.equal(round(m.totalBytes / GiB, 2), 100.41);
    assert.deepEqual(
      m.components.map((c) => [c.id, c.bytes]),
      [
        ['weights', 2 * P],
        ['master-weights', 4 * P],
        ['gradients', 2 * P],
        ['optimizer', 8 * P],
      ],
    );
  });

  it('LoRA r 8 q+v: bf16 base + 16 B per trainable = 13.544 GB', () => {
    const t = 4_194_304;
    const m = estimateTrainingMemory({
      totalParams: P + t,
      trainableParams: t,
      trainsBaseWeights: false,
      weightDtype: 'bf16',
      computeDtype: 'bf16',
      optimizer: 'adamw_torch',
    });
    assert.equal(m.totalBytes, 2 * P + 16 * t);
    assert.equal(round(m.totalBytes / GB, 3), 13.544);
  });

  it('QLoRA base 3.8656 GB; + LoRA r 64 all-linear at 16 B = 6.4241 GB', () => {
    const quantized = 6_476_005_376;
    const bf16 = 262_410_240;
    assert.equal(quantized + bf16, P);
    const base = estimateTrainingMemory({
      totalParams: P,
      trainableParams: 0,
      trainsBaseWeights: false,
      weightDtype: 'nf4',
      quantizedLinearParams: quantized,
      computeDtype: 'bf16',
    });
    assert.equal(round(base.totalBytes / GB, 4), 3.8656);
    const t = 159_907_840;
    const qlora = estimateTrainingMemory({
      totalParams: P + t,
      trainableParams: t,
      trainsBaseWeights: false,
      weightDtype: 'nf4',
      quantizedLinearParams: quantized,
      computeDtype: 'bf16',
      optimizer: 'paged_adamw_32bit',
    });
    // The paged optimizer's 8 B per trainable param sit in CUDA unified memory, outside the allocated peak.
    const paged = qlora.outside.find((c) => c.id === 'optimizer')!;
    assert.equal(paged.bytes, 8 * t);
    assert.equal(paged.placement, 'unified');
    assert.equal(round((qlora.totalBytes + paged.bytes) / GB, 4), 6.4241);
    assert.equal(qlora.range.deviceBytes, qlora.totalBytes + paged.bytes + 1343 * 2 ** 20);
    assert.match(qlora.components[0].source, /2305\.14314/);
  });

  it('Korthikanti activations, s 4096, b 1, h 4096, a 32, 32 layers', () => {
    assert.equal(korthikantiLayerBytes(4096, 1, 4096, 32), 3_254_779_904);
    const total = 32 * korthikantiLayerBytes(4096, 1, 4096, 32);
    assert.equal(round(total / GB, 2), 104.15);
    assert.equal(round(total / GiB, 1), 97.0);
    const selective = 32 * selectiveLayerBytes(4096, 1, 4096);
    assert.equal(round(selective / GB, 2), 18.25);
    assert.equal(round(selective / GiB, 1), 17.0);
    assert.equal(round((32 * megatronSelectiveLayerBytes(4096, 1, 4096, 11008)) / GB, 2), 15.44);
  });

  it('same at s 2048: 30.60 GB (28.5 GiB), selective 9.13 GB', () => {
    const total = 32 * korthikantiLayerBytes(2048, 1, 4096, 32);
    assert.equal(round(total / GB, 2), 30.6);
    assert.equal(round(total / GiB, 1), 28.5);
    assert.equal(round((32 * selectiveLayerBytes(2048, 1, 4096)) / GB, 2), 9.13);
  });

  it('accelerate estimate-memory, LlamaModel 6,607,343,616 params', () => {
    const rows = accelerateEstimate(6_607_343_616);
    const g = (x: number | null) => (x === null ? null : round(x / GiB, 2));
    assert.deepEqual(
      rows.map((r) => [r.dtype, g(r.totalBytes), g(r.adamBytes)]),
      [
        ['float32', 24.61, 98.46],
        ['float16', 12.31, 49.23],
        ['int8', 6.15, null],
        ['int4', 3.08, null],
      ],
    );
  });
});

describe('memory: components and inputs', () => {
  it('gradient checkpointing keeps 2·s·b·h per layer plus one layer being recomputed', () => {
    const shape = { seqLen: 4096, microBatch: 1, hiddenSize: 4096, numLayers: 32, numHeads: 32 };
    const off = activationComponent({ ...shape, gradientCheckpointing: false });
    const on = activationComponent({ ...shape, gradientCheckpointing: true });
    assert.equal(off.bytes, 104_152_956_928);
    assert.equal(on.bytes, 32 * checkpointedLayerBytes(4096, 1, 4096) + 3_254_779_904);
    assert.equal(on.bytes, 4_328_521_728);
    assert.match(on.source, /2205\.05198/);
  });

  it('maps framework optimizer names onto state sizes (per fp32 parameter)', () => {
    const bytes = (n: string) => lookupOptimizer(n)?.stateBytesPerParam;
    const eightBit = 2 * (1 + 4 / 256); // two 8-bit states + one fp32 absmax per 256-element block
    assert.equal(bytes('adamw_torch'), 8);
    assert.equal(bytes('adamw_torch_fused'), 8);
    assert.equal(bytes('adamw_bnb_8bit'), eightBit);
    assert.equal(bytes('adamw_8bit'), eightBit);
    assert.equal(bytes('paged_adamw_8bit'), eightBit);
    assert.equal(bytes('adamw_torch_8bit'), eightBit);
    assert.equal(bytes('adamw_torch_4bit'), 2 * (0.5 + 4 / 128));
    assert.equal(lookupOptimizer('paged_adamw_32bit')?.paged, true);
    assert.equal(bytes('torch.optim.AdamW'), 8);
    assert.equal(bytes('bitsandbytes.optim.PagedAdamW8bit'), eightBit);
    assert.equal(lookupOptimizer('bitsandbytes.optim.PagedAdamW')?.id, 'paged-adamw');
    assert.equal(bytes('sgd'), 0);
    assert.equal(bytes('lion_32bit'), 4);
    assert.equal(bytes('ademamix'), 12);
    assert.equal(lookupOptimizer('adafactor')?.factored, true);
    assert.equal(lookupOptimizer('lomo')?.fusedUpdate, true);
    assert.equal(lookupOptimizer('muon'), undefined);
  });

  it("knows every optimizer name transformers' OptimizerNames accepts", () => {
    const names = [
      'adamw_torch',
      'adamw_torch_fused',
      'adamw_torch_xla',
      'adamw_torch_npu_fused',
      'adamw_apex_fused',
      'adafactor',
      'adamw_anyprecision',
      'adamw_torch_4bit',
      'adamw_torch_8bit',
      'ademamix',
      'sgd',
      'adagrad',
      'adamw_bnb_8bit',
      'adamw_8bit',
      'ademamix_8bit',
      'lion_8bit',
      'lion_32bit',
      'paged_adamw_32bit',
      'paged_adamw_8bit',
      'paged_ademamix_32bit',
      'paged_ademamix_8bit',
      'paged_lion_32bit',
      'paged_lion_8bit',
      'rmsprop',
      'rmsprop_bnb',
      'rmsprop_bnb_8bit',
      'rmsprop_bnb_32bit',
      'galore_adamw',
      'galore_adamw_8bit',
      'galore_adafactor',
      'galore_adamw_layerwise',
      'galore_adamw_8bit_layerwise',
      'galore_adafactor_layerwise',
      'lomo',
      'adalomo',
      'grokadamw',
      'schedule_free_radam',
      'schedule_free_adamw',
      'schedule_free_sgd',
      'apollo_adamw',
      'apollo_adamw_layerwise',
      'stable_adamw',
    ];
    assert.deepEqual(
      names.filter((n) => !lookupOptimizer(n)),
      [],
    );
  });

  it('says so when the optimizer is unknown and assumes AdamW', () => {
    const m = estimateTrainingMemory({
      totalParams: 100,
      trainableParams: 10,
      trainsBaseWeights: false,
      weightDtype: 'bf16',
      computeDtype: 'bf16',
      optimizer: 'muon',
    });
    assert.equal(m.components.find((c) => c.id === 'optimizer')?.bytes, 80);
    assert.match(m.notes[0], /'muon' is not in the table/);
    assert.equal(m.kind, 'estimate');
  });

  it('8-bit base: 1 B per quantized Linear param, bf16 elsewhere', () => {
    const m = estimateTrainingMemory({
      totalParams: 1000,
      trainableParams: 0,
      trainsBaseWeights: false,
      weightDtype: 'int8',
      quantizedLinearParams: 800,
      computeDtype: 'bf16',
    });
    assert.equal(m.components[0].bytes, 800 + 400);
  });

  it('pure fp32 full fine-tuning: 4 + 4 + 8 = 16 B/param without master copy', () => {
    const m = estimateTrainingMemory({
      totalParams: 10,
      trainableParams: 10,
      trainsBaseWeights: true,
      weightDtype: 'fp32',
      computeDtype: 'fp32',
    });
    assert.deepEqual(
      m.components.map((c) => c.id),
      ['weights', 'gradients', 'optimizer'],
    );
    assert.equal(m.totalBytes, 160);
  });

  it('rejects impossible inputs with a clear error', () => {
    assert.throws(
      () =>
        estimateTrainingMemory({
          totalParams: 1,
          trainableParams: 2,
          trainsBaseWeights: false,
          weightDtype: 'bf16',
          computeDtype: 'bf16',
        }),
      MemoryInputError,
    );
    assert.throws(
      () =>
        estimateTrainingMemory({
          totalParams: -1,
          trainableParams: 0,
          trainsBaseWeights: false,
          weightDtype: 'bf16',
          computeDtype: 'bf16',
        }),
      /non-negative/,
    );
  });
});

describe('memory: plan from the model inventory and training shape', () => {
  const llama2 = buildInventory(findCatalogModel('llama-2-7b')!.config, { taskType: 'CAUSAL_LM' });

  it('counts Llama-2-7B Linear weights bitsandbytes quantizes: 6,476,005,376 (formulas.md 4.3)', () => {
    assert.equal(quantizableLinearParams(llama2), 6_476_005_376);
  });

  it('QLoRA r 64 all-linear from a 4-bit training shape: 6.4241 GB without activations', () => {
    const t = 159_907_840;
    const { input, notes } = memoryInputFor({
      trainableParams: t,
      totalParams: P + t,
      peftType: 'LORA',
      inventory: llama2,
      training: { loadIn4bit: true, dtype: 'bf16', optimizer: 'paged_adamw_32bit' },
    });
    assert.equal(input.weightDtype, 'nf4');
    const m = estimateTrainingMemory(input);
    // Allocated peak without the paged states (CUDA unified memory), which count towards nvidia-smi.
    assert.equal(
      m.totalBytes,
      estimateTrainingMemory({ ...input, optimizer: 'adamw_torch' }).totalBytes - 8 * t,
    );
    assert.equal(round((m.totalBytes + m.outside[0].bytes) / GB, 4), 6.4241);
    assert.deepEqual(notes, ['sequence length not stated: activations not estimated']);
  });

  it('full fine-tuning shape: trains base weights, activations from the config dims, defaults noted', () => {
    const { input, notes } = memoryInputFor({
      trainableParams: P,
      totalParams: P,
      peftType: 'FULL',
      inventory: llama2,
      training: { sequenceLength: 2048 },
    });
    assert.equal(input.trainsBaseWeights, true);
    assert.deepEqual(input.activations, {
      seqLen: 2048,
      microBatch: 1,
      hiddenSize: 4096,
      numLayers: 32,
      numHeads: 32,
      gradientCheckpointing: false,
      attention: 'sdpa',
      attentionSetting: 'framework default assumed',
      computeBytes: 2,
      frozenBase: false,
      vocabSize: 32000,
    });
    // SDPA: 32 × (34·s·b·h + 4·a·s·b) instead of formulas.md's eager 30.60 GB.
    assert.equal(estimateTrainingMemory(input).components[4].bytes, 32 * (34 * 2048 * 4096 + 4 * 32 * 2048));
    assert.equal(
      round(
        estimateTrainingMemory({ ...input, activations: { ...input.activations!, attention: 'eager' } })
          .components[4].bytes / GB,
        2,
      ),
      30.6,
    );
    assert.deepEqual(notes.slice(0, 3), [
      'dtype not stated: assumed bf16 mixed precision',
      'optimizer not stated: assumed AdamW',
      'micro-batch size not stated: assumed 1 sequence per device',
    ]);
    assert.match(
      notes[3],
      /^attention implementation not stated: assumed sdpa, transformers' default since v4\.36/,
    );
    assert.equal(notes.length, 4);
  });
});
