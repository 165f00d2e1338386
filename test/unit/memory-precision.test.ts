// What each framework stores in which dtype, and the real-run components: optimizer_in_bwd, paged and
// factored optimizer states, CPU offload, chunked loss, activation offloading, the quantization load peak.
import * as assert from 'node:assert/strict';
import { mapDialectConfig } from '../../src/core/dialects';
import { buildEstimateReport } from '../../src/core/estimator-input/report';
import { estimateTrainingMemory, memoryReadings, precisionPlan } from '../../src/core/memory';
import { findCatalogModel } from '../../src/core/models/catalog';
import type { ResolvedModel } from '../../src/core/models/types';

const entry = findCatalogModel('llama-2-7b')!;
const model: ResolvedModel = { config: entry.config, kind: 'catalog', location: entry.id, entry };
const P = 6_738_415_616;
const EMBED = 32_000 * 4096; // the largest single tensor (embed_tokens, lm_head)

function report(
  cfg: Record<string, unknown>,
  dialect: 'axolotl' | 'torchtune' | 'llamafactory' | 'trl',
  devices?: number,
) {
  const input = mapDialectConfig(cfg, dialect);
  if (devices) input.training.devices = devices;
  return buildEstimateReport(input, model);
}
const bytes = (m: { components: Array<{ id: string; bytes: number }> }, id: string) =>
  m.components.find((c) => c.id === id)?.bytes;

describe('memory: precision rules per framework', () => {
  it('torchtune dtype: bf16 is pure bf16: no master, bf16 gradients and AdamW states', () => {
    const p = precisionPlan({ framework: 'torchtune', computeDtype: 'bf16' });
    assert.deepEqual(
      [p.trainableWeights, p.adapterWeights, p.master, p.gradients, p.optimizerStates, p.autocastWeightCopy],
      ['bf16', 'bf16', null, 'bf16', 'bf16', false],
    );
    assert.match(p.source, /lora_finetune_single_device\.py:431,479/);
  });

  it('HF launchers: autocast over fp32 weights keeps them as the master; bf16-loaded weights have none', () => {
    const amp = precisionPlan({ framework: 'hf', computeDtype: 'bf16', loadDtype: 'fp32' });
    assert.deepEqual(
      [
        amp.trainableWeights,
        amp.master,
        amp.gradients,
        amp.optimizerStates,
        amp.activations,
        amp.autocastWeightCopy,
      ],
      ['fp32', null, 'fp32', 'fp32', 'amp', true],
    );
    const pure = precisionPlan({ framework: 'hf', computeDtype: 'bf16', loadDtype: 'bf16' });
    assert.deepEqual(
      [pure.trainableWeights, pure.master, pure.gradients, pure.optimizerStates, pure.adapterWeights],
      ['bf16', null, 'bf16', 'bf16', 'fp32'],
    );
    // fp16 autocast runs a GradScaler, which refuses fp16 gradients: trainable weights are fp32.
    assert.equal(
      precisionPlan({ framework: 'hf', computeDtype: 'fp16', loadDtype: 'fp16' }).trainableWeights,
      'fp32',
    );
  });

  it('DeepSpeed bf16 keeps an fp32 master and fp32 states; LLaMA-Factory upcasts unless pure_bf16', () => {
    const ds = precisionPlan({ framework: 'hf', computeDtype: 'bf16', loadDtype: 'bf16', deepspeed: true });
    assert.deepEqual(
      [ds.trainableWeights, ds.master, ds.gradients, ds.optimizerStates],
      ['bf16', 'fp32', 'bf16', 'fp32'],
    );
    assert.match(ds.source, /stage_1_and_2\.py:439,457/);
    assert.equal(precisionPlan({ framework: 'llamafactory', computeDtype: 'bf16' }).trainableWeights, 'fp32');
    assert.equal(
      precisionPlan({ framework: 'llamafactory', computeDtype: 'bf16', pureBf16: true }).trainableWeights,
      'bf16',
    );
  });

  it('Axolotl full fine-tune with bf16: true = 2 + 2 + 4 B/param (bf16 weights, gradients, AdamW states)', () => {
    const m = report(
      { base_model: 'meta-llama/Llama-2-7b-hf', bf16: true, optimizer: 'adamw_torch' },
      'axolotl',
    ).memory;
    assert.deepEqual(
      m.components.map((c) => [c.id, c.bytes, c.dtype]),
      [
        ['weights', 2 * P, 'bf16'],
        ['gradients', 2 * P, 'bf16'],
        ['optimizer', 4 * P, 'bf16'],
      ],
    );
    assert.match(m.precision.basis, /no fp32 master copy/);
  });

  it('Axolotl torch_dtype: float32 with fp16: true = 4 + 4 + 8 B/param plus the autocast fp16 copy of the Linear weights', () => {
    const m = report(
      {
        base_model: 'meta-llama/Llama-2-7b-hf',
        fp16: true,
        torch_dtype: 'float32',
        optimizer: 'adamw_torch',
      },
      'axolotl',
    ).memory;
    const linear = P - 2 * EMBED - 65 * 4096; // every weight but the embeddings, lm_head and the 65 RMSNorm vectors
    assert.deepEqual(
      m.components.map((c) => [c.id, c.bytes]),
      [
        ['weights', 4 * P],
        ['autocast-weights', 2 * (linear + EMBED)],
        ['gradients', 4 * P],
        ['optimizer', 8 * P],
      ],
    );
  });
});

describe('memory: real-run components', () => {
  it('torchtune full fine-tune, PagedAdamW + optimizer_in_bwd: one gradient at a time, states in unified memory', () => {
    const r = report(
      {
        model: { _component_: 'torchtune.models.llama2.llama2_7b' },
        dtype: 'bf16',
        batch_size: 1,
        optimizer: { _component_: 'bitsandbytes.optim.PagedAdamW' },
        optimizer_in_bwd: true,
      },
      'torchtune',
    );
    const m = r.memory;
    assert.deepEqual(
      m.components.map((c) => [c.id, c.bytes]),
      [
        ['weights', 2 * P],
        ['gradients', 2 * EMBED],
      ],
    );
    assert.match(m.components[1].source, /memory\.py:219-242/);
    // bitsandbytes 32-bit states are fp32 even for bf16 parameters: 8 B/param, outside the allocator.
    assert.deepEqual(
      m.outside.map((c) => [c.id, c.bytes, c.placement]),
      [
        ['optimizer', 8 * P, 'unified'],
        ['cuda-context', 1343 * 2 ** 20, 'device'],
      ],
    );
    assert.equal(m.range.allocatedBytes, 2 * P + 2 * EMBED);
    assert.equal(m.range.deviceBytes, 2 * P + 2 * EMBED + 8 * P + 1343 * 2 ** 20);
    assert.equal(m.range.headline, 'allocated');
    assert.deepEqual(
      memoryReadings(m).map((x) => [x.kind, x.bytes]),
      [
        ['allocated', 2 * P + 2 * EMBED],
        ['reserved', 2 * P + 2 * EMBED],
        ['device', 2 * P + 2 * EMBED + 8 * P + 1343 * 2 ** 20],
      ],
    );
    assert.match(memoryReadings(m)[2].label, /paged optimizer states in unified memory/);
  });

  it('Adafactor: param bytes × (Σ rows + cols + vector params), not 0 and not 8 B/param', () => {
    const m = estimateTrainingMemory({
      totalParams: 20_010,
      trainableParams: 20_010,
      trainsBaseWeights: true,
      weightDtype: 'fp32',
      computeDtype: 'fp32',
      optimizer: 'adafactor',
      factored: { matrixRowsPlusCols: 300, vectorParams: 10, matrixParams: 20_000 },
    });
    assert.equal(bytes(m, 'optimizer'), 4 * 310);
  });

  it('DeepSpeed ZeRO-3 offload of optimizer and parameters: CPU RAM as its own line, off the GPU total', () => {
    const m = report(
      {
        base_model: 'meta-llama/Llama-2-7b-hf',
        bf16: true,
        deepspeed: 'deepspeed_configs/zero3_bf16_cpuoffload_all.json',
      },
      'axolotl',
      4,
    ).memory;
    assert.deepEqual(
      m.host.map((c) => [c.id, c.bytes]),
      [
        ['weights', (2 * P) / 4],
        ['master-weights', P],
        ['gradients', (2 * P) / 4],
        ['optimizer', (8 * P) / 4],
      ],
    );
    assert.equal(m.hostBytes, ((2 + 4 + 2 + 8) * P) / 4);
    assert.deepEqual(
      m.components.map((c) => c.id),
      ['gathered-weights'],
    );
    assert.ok(m.host.every((c) => c.placement === 'host' && /2101\.06840/.test(c.source)));
  });

  it('torchtune CEWithChunkedOutputLoss: bf16 logits + fp32 log-softmax + one fp32 chunk', () => {
    const m = report(
      {
        model: {
          _component_: 'torchtune.models.llama2.lora_llama2_7b',
          lora_attn_modules: ['q_proj', 'v_proj'],
        },
        dtype: 'bf16',
        batch_size: 2,
        tokenizer: { max_seq_len: 1024 },
        loss: { _component_: 'torchtune.modules.loss.CEWithChunkedOutputLoss' },
      },
      'torchtune',
    ).memory;
    assert.equal(bytes(m, 'logits'), 1024 * 2 * 32_000 * (2 + 4 + 4 / 8));
  });

  it('torchtune activation offloading: two layer inputs in flight on the GPU instead of L', () => {
    const base = {
      model: {
        _component_: 'torchtune.models.llama2.lora_llama2_7b',
        lora_attn_modules: ['q_proj', 'v_proj'],
      },
      dtype: 'bf16',
      batch_size: 1,
      tokenizer: { max_seq_len: 2048 },
      enable_activation_checkpointing: true,
    };
    const on = bytes(
      report({ ...base, enable_activation_offloading: true }, 'torchtune').memory,
      'activations',
    )!;
    const off = bytes(report(base, 'torchtune').memory, 'activations')!;
    assert.equal(off - on, (32 - 2) * 2 * 2048 * 4096);
  });

  it('a QLoRA load that peaks above training (tiny batch) is reported', () => {
    const m = report(
      {
        base_model: 'meta-llama/Llama-2-7b-hf',
        adapter: 'qlora',
        load_in_4bit: true,
        lora_r: 8,
        lora_target_modules: ['q_proj'],
        bf16: true,
      },
      'axolotl',
    ).memory;
    // No sequence length: training holds the 4-bit weights only; loading adds one 16-bit MLP weight being quantized.
    assert.equal(m.loadPeakBytes, bytes(m, 'weights')! + 2 * 4096 * 11008);
  });
});
