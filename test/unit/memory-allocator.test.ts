// The caching allocator's reserved band (core/memory/allocator.ts): segment rounding read from
// pytorch/pytorch c10/cuda/CUDACachingAllocator.cpp (512 B blocks, 2 MiB small and 20 MiB mid
// segments, ≥ 10 MiB requests in their own segment rounded up to 2 MiB).
import * as assert from 'node:assert/strict';
import { estimateTrainingMemory, type MemoryInput } from '../../src/core/memory';
import { segmentSlack } from '../../src/core/memory/allocator';

const MiB = 2 ** 20;

describe('memory: caching-allocator reserved band', () => {
  it('segment slack: packed below 10 MiB, rounded up to 2 MiB from 10 MiB', () => {
    assert.equal(segmentSlack(9 * MiB), 0);
    assert.equal(segmentSlack(32 * MiB), 0);
    assert.equal(segmentSlack(32 * MiB + 1), 2 * MiB - 1);
    // BERT-large word embeddings in fp32: 30522 × 1024 × 4 B = 125,018,112 B → 120 MiB segment.
    assert.equal(segmentSlack(30522 * 1024 * 4), 120 * MiB - 30522 * 1024 * 4);
  });

  it('full fine-tune: each parameter-shaped tensor rounds per part, + 22 MiB of packed segments per part', () => {
    // One 10,000,000-element tensor (fp32 40,000,000 B → 40 MiB segment, slack 1,943,040 B) trained
    // with fp32 AdamW: weights, gradients and two optimizer states each round once.
    const input: MemoryInput = {
      totalParams: 10_000_000,
      trainableParams: 10_000_000,
      trainsBaseWeights: true,
      weightDtype: 'fp32',
      computeDtype: 'fp32',
      optimizer: 'adamw_torch',
      paramTensors: { sizes: [[10_000_000, 1]], allTrain: true },
    };
    const m = estimateTrainingMemory(input);
    const slack = 40 * MiB - 40_000_000;
    const parts = m.components.length;
    assert.deepEqual(
      m.components.map((c) => c.id),
      ['weights', 'gradients', 'optimizer'],
    );
    assert.equal(m.range.reservedBytes, m.totalBytes);
    assert.equal(m.range.reservedHighBytes, m.totalBytes + 4 * slack + parts * 22 * MiB);
    assert.equal(m.range.deviceHighBytes - m.range.deviceBytes, 4 * slack + parts * 22 * MiB);
    assert.match(
      m.range.reservedBasis,
      /fragmentation from reusing freed blocks of other sizes is not included/,
    );
  });

  it('LoRA on a frozen bf16 base: only the base weights round; adapters pack', () => {
    const input: MemoryInput = {
      totalParams: 10_000_000 + 1000,
      trainableParams: 1000,
      trainsBaseWeights: false,
      weightDtype: 'bf16',
      computeDtype: 'bf16',
      paramTensors: { sizes: [[10_000_000, 1]], allTrain: false },
    };
    const m = estimateTrainingMemory(input);
    // 20,000,000 B in a 20 MiB (20,971,520 B) segment.
    const weights = 20 * MiB - 20_000_000;
    assert.equal(m.range.reservedHighBytes, m.totalBytes + weights + m.components.length * 22 * MiB);
  });
});

describe('panel: the memory section carries the readings from core/present', () => {
  it('readings and the short range are the same strings the CodeLens and hover use', async () => {
    const { panelMemory } = await import('../../src/core/panel/memory');
    const { memoryRangeShort, memoryReadingLines } = await import('../../src/core/present/memory');
    const input: MemoryInput = {
      totalParams: 10_000_000,
      trainableParams: 10_000_000,
      trainsBaseWeights: true,
      weightDtype: 'fp32',
      computeDtype: 'fp32',
      paramTensors: { sizes: [[10_000_000, 1]], allTrain: true },
    };
    const p = panelMemory(input, []);
    const m = estimateTrainingMemory(input);
    assert.deepEqual(p.readings, memoryReadingLines(m));
    assert.equal(p.rangeShort, memoryRangeShort(m));
    assert.equal(p.readings.length, 3);
  });
});
