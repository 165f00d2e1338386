// The training-memory estimate against 21 published, measured runs (test/data/memory-measured.json,
// copied from ../shared/reference/memory-measured.json): each within ±20% of the figure of the kind
// measured — nvidia-smi/NVML (the estimate's deviceBytes: allocated + paged states + CUDA context),
// torch max_memory_reserved (reservedBytes) or a peak whose kind the source does not state (allocated
// or reserved). Reserved and nvidia-smi are bands (core/memory/allocator.ts); the runs are compared with
// their low edge, the stricter reading. Runs that cannot be met name the component the config cannot tell.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { mapDialectConfig } from '../../src/core/dialects';
import { buildEstimateReport } from '../../src/core/estimator-input/report';
import type { MemoryEstimate } from '../../src/core/memory';
import { resolveModelLocal } from '../../src/io/resolve';

interface Run {
  id: string;
  measured_gb: number;
  measured_kind: string;
  estimator: {
    config: Record<string, unknown>;
    model: string;
    dialect: string;
    devices: number | null;
    task_type?: string;
    num_labels?: number;
  };
}

const data = JSON.parse(
  readFileSync(resolve(__dirname, '../../../test/data/memory-measured.json'), 'utf8'),
) as { source: string; runs: Run[] };

/** Runs the estimate cannot meet, with the component the config cannot tell; each must stay below the measured figure. */
const CANNOT_MEET: Readonly<Record<string, string>> = {
  'axo-llama2-7b-qlora-r32':
    'caching-allocator fragmentation with packed variable-length batches (reserved − allocated) and the measuring tool, neither stated ("about 17 GB")',
};

type Kind = 'device' | 'reserved' | 'unstated';

function kindOf(r: Run): Kind {
  if (/NVML|nvidia|VRAM/i.test(r.measured_kind)) return 'device';
  if (/max_memory_reserved/i.test(r.measured_kind)) return 'reserved';
  return 'unstated';
}

function estimateFor(r: Run): MemoryEstimate {
  const e = r.estimator;
  const input = mapDialectConfig(e.config, e.dialect as Parameters<typeof mapDialectConfig>[1]);
  if (e.devices) input.training.devices = e.devices;
  const model = resolveModelLocal(e.model, { cwd: '/', env: {}, homeDir: '/nonexistent' });
  assert.ok(model, `${e.model} resolves from the catalog`);
  return buildEstimateReport(input, model, { taskType: e.task_type, numLabels: e.num_labels }).memory;
}

/** Estimate / measured for the kind measured; for an unstated kind, whichever of allocated/reserved is closer. */
function ratioOf(r: Run, m: MemoryEstimate): number {
  const k = kindOf(r);
  const of = (bytes: number) => bytes / 1e9 / r.measured_gb;
  if (k === 'device') return of(m.range.deviceBytes);
  if (k === 'reserved') return of(m.range.reservedBytes);
  const [a, b] = [of(m.range.allocatedBytes), of(m.range.reservedBytes)];
  return Math.abs(a - 1) <= Math.abs(b - 1) ? a : b;
}

describe('memory: 21 published measured runs (±20% of the figure of the kind measured)', () => {
  it('holds the 21 runs with their source line', () => {
    assert.equal(data.runs.length, 21);
    assert.match(data.source, /shared\/reference\/memory-measured\.json/);
  });

  for (const r of data.runs) {
    const miss = CANNOT_MEET[r.id];
    it(`${r.id}: ${r.measured_gb} GB (${kindOf(r)})${miss ? ' — cannot be met: ' + miss.split(' (')[0] : ''}`, () => {
      const ratio = ratioOf(r, estimateFor(r));
      if (miss)
        assert.ok(ratio < 0.8, `${r.id}: ${ratio.toFixed(2)} is now within ±20%: drop its CANNOT_MEET note`);
      else assert.ok(Math.abs(ratio - 1) <= 0.2, `${r.id}: estimate / measured = ${ratio.toFixed(3)}`);
    });
  }

  it('20 of 21 within ±20%', () => {
    const within = data.runs.filter((r) => Math.abs(ratioOf(r, estimateFor(r)) - 1) <= 0.2).length;
    assert.equal(within, 20);
  });

  it('DoRA is estimated above LoRA on the same model, by its extra activations (measured: +2.24 GB)', () => {
    const byId = (id: string) => estimateFor(data.runs.find((r) => r.id === id)!);
    const diff =
      byId('peft-mmqa-llama3.2-3b-dora-r32-qv').totalBytes -
      byId('peft-mmqa-llama3.2-3b-lora-r32-qv').totalBytes;
    // q_proj (3072) + v_proj (1024) outputs on 28 layers × 4 × 768 tokens × 6 B, plus the magnitude vectors' training state.
    assert.ok(diff > 2.1e9 && diff < 2.2e9, `DoRA − LoRA = ${diff}`);
  });
});
