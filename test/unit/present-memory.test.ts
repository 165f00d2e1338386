// The memory estimate in words (core/present/memory.ts) and the CodeLens texts (core/present/codeLens.ts):
// every surface calls these, so their exact strings are the contract.
import * as assert from 'node:assert/strict';
import { analyzeConfigText } from '../../src/core/analysis';
import type { MemoryComponent, MemoryEstimate } from '../../src/core/memory';
import { lensTexts, noEstimateLens } from '../../src/core/present/codeLens';
import {
  gbSpan,
  memoryHeadline,
  memoryLensText,
  memoryLensTooltip,
  memoryRangeShort,
  memoryReadingLines,
} from '../../src/core/present/memory';

const part = (
  id: MemoryComponent['id'],
  label: string,
  bytes: number,
  placement: MemoryComponent['placement'],
) => ({ id, label, bytes, formula: '', assumptions: [], source: '', placement }) as MemoryComponent;

/** 19.8 GB allocated; reserved band 19.8–20.0 GB; + 1.4 GB context → 21.2–21.4 GB on nvidia-smi. */
function estimate(unified = false): MemoryEstimate {
  return {
    kind: 'estimate',
    components: [part('weights', 'Weights', 13.5e9, 'gpu'), part('activations', 'Activations', 6.3e9, 'gpu')],
    totalBytes: 19.8e9,
    totalGB: 19.8,
    totalGiB: 19.8e9 / 2 ** 30,
    range: {
      allocatedBytes: 19.8e9,
      reservedBytes: 19.8e9,
      reservedHighBytes: 20.0e9,
      reservedBasis: 'BASIS',
      deviceBytes: 21.2e9,
      deviceHighBytes: 21.4e9,
      headline: 'allocated',
    },
    outside: unified ? [part('optimizer', 'Paged', 1e9, 'unified')] : [],
    host: [],
    hostBytes: 0,
    precision: {} as MemoryEstimate['precision'],
    notes: [],
  };
}

describe('present: memory readings in words', () => {
  it('gbSpan joins two edges under one unit, or gives one number when they format alike', () => {
    assert.equal(gbSpan(19.8e9, 21.4e9), '19.8–21.4 GB');
    assert.equal(gbSpan(19.81e9, 19.84e9), '19.8 GB');
    assert.equal(gbSpan(9.9e9, 10.2e9), '9.90–10.2 GB');
  });

  it('headline says it is the peak allocated; ≥ when activations are missing', () => {
    assert.equal(memoryHeadline(estimate()), '~19.8 GB peak allocated');
    assert.equal(memoryHeadline(estimate(), 'sequence length not stated'), '≥ 19.8 GB peak allocated');
  });

  it('the short range runs from reserved (low edge) to nvidia-smi (high edge)', () => {
    assert.equal(memoryRangeShort(estimate()), '19.8–21.4 GB reserved/nvidia-smi');
  });

  it('three readings, each saying what it is, the headline marked', () => {
    assert.deepEqual(memoryReadingLines(estimate()), [
      '19.8 GB peak allocated by PyTorch (torch.cuda.max_memory_allocated) — the headline number',
      "19.8–20.0 GB reserved by PyTorch's caching allocator (torch.cuda.max_memory_reserved; segment rounding counted, fragmentation not)",
      '21.2–21.4 GB as nvidia-smi shows it (reserved + CUDA context)',
    ]);
    assert.equal(
      memoryReadingLines(estimate(true))[2],
      '21.2–21.4 GB as nvidia-smi shows it (reserved + paged optimizer states in unified memory + CUDA context)',
    );
  });

  it('CodeLens text: headline and range; no range without a sequence length', () => {
    assert.equal(memoryLensText(estimate()), '~19.8 GB peak allocated (19.8–21.4 GB reserved/nvidia-smi)');
    assert.equal(
      memoryLensText(estimate(), 'sequence length not stated'),
      '≥ 19.8 GB peak allocated (no sequence length)',
    );
    assert.equal(
      memoryLensText(estimate(), 'model has no sequence dimension'),
      '≥ 19.8 GB peak allocated (19.8–21.4 GB reserved/nvidia-smi)',
    );
  });

  it('CodeLens tooltip: unit, readings, the band basis, then the parts', () => {
    assert.equal(
      memoryLensTooltip(estimate()),
      [
        'Estimated training memory per device (1 GB = 1e9 bytes)',
        '19.8 GB peak allocated by PyTorch (torch.cuda.max_memory_allocated) — the headline number',
        "19.8–20.0 GB reserved by PyTorch's caching allocator (torch.cuda.max_memory_reserved; segment rounding counted, fragmentation not)",
        '21.2–21.4 GB as nvidia-smi shows it (reserved + CUDA context)',
        'Reserved band: BASIS',
        'Parts of the peak allocated:',
        'Weights: 13.5 GB',
        'Activations: 6.30 GB',
      ].join('\n'),
    );
  });
});

describe('present: CodeLens texts', () => {
  const CONFIG = [
    'base_model: meta-llama/Llama-2-7b-hf',
    'adapter: lora',
    'lora_r: 8',
    'lora_target_modules:',
    '  - q_proj',
    '  - v_proj',
    'sequence_len: 4096',
    'micro_batch_size: 2',
    'learning_rate: 0.0002',
    '',
  ].join('\n');

  it('trainable, memory (headline + range) and learning-rate lenses, in that order', () => {
    const a = analyzeConfigText(CONFIG, { dialect: 'axolotl' });
    const lenses = lensTexts(a);
    assert.deepEqual(
      lenses.map((l) => l.opens),
      ['panel', 'panel', 'recommend'],
    );
    assert.equal(lenses[0].title, '$(symbol-numeric) 4,194,304 trainable (0.0622%)');
    assert.equal(lenses[1].title, `$(server) ${memoryLensText(a.memory!)}`);
    assert.match(
      lenses[1].title,
      /^\$\(server\) ~\d+\.\d GB peak allocated \(\d+\.\d–\d+\.\d GB reserved\/nvidia-smi\)$/,
    );
    assert.equal(lenses[1].tooltip, memoryLensTooltip(a.memory!));
    assert.match(lenses[2].title, /^\$\(graph-line\) LR \d\.\d\de-\d \(.+\) · yours /);
  });

  it('no estimate: an unresolved model offers the picker; the model name cannot render icons', () => {
    const a = analyzeConfigText(CONFIG.replace('meta-llama/Llama-2-7b-hf', 'my-org/$(zap)-private'), {
      dialect: 'axolotl',
    });
    const lens = noEstimateLens(a);
    assert.equal(
      lens.title,
      "$(question) Model 'my-org/$\\(zap)-private' not found locally: click to choose a model for the estimate",
    );
    assert.equal(lens.opens, 'panel');
  });
});
