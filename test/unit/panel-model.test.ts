// computePanelModel: the numbers the estimator panel shows, checked exactly on Llama-2-7B
// (config.json from the bundled catalog; PEFT 0.20.0 counts from formulas.md §4.2).
import * as assert from 'node:assert/strict';
import { findCatalogModel } from '../../src/core/models/catalog';
import { computePanelModel, type PanelContext } from '../../src/core/panel/model';
import { defaultInputs, inputsFromEstimatorInput } from '../../src/core/panel/inputs';
import { peftFromInputs, panelMethods } from '../../src/core/panel/methods';
import { analyzeConfigText } from '../../src/core/analysis';
import type { PanelInputs } from '../../src/core/panel/types';

const LLAMA2 = findCatalogModel('meta-llama/Llama-2-7b-hf')!;
const ctx: PanelContext = { model: { config: LLAMA2.config, label: LLAMA2.id } };
const BASE_PARAMS = 6_738_415_616;

function inputs(
  over: Partial<PanelInputs> = {},
  training: Partial<PanelInputs['training']> = {},
): PanelInputs {
  return {
    modelRef: LLAMA2.id,
    method: 'LORA',
    rank: 8,
    alpha: 16,
    targets: 'q_proj, v_proj',
    ...over,
    training: {
      dtype: 'bf16',
      quantization: 'none',
      optimizer: 'adamw_torch',
      gradientCheckpointing: true,
      sequenceLength: 2048,
      microBatchSize: 4,
      ...training,
    },
  };
}

describe('panel: computePanelModel parameters', () => {
  it('Llama-2-7B LoRA r=8 on q_proj, v_proj trains 4,194,304 of 6,742,609,920', () => {
    const m = computePanelModel(inputs(), ctx);
    assert.deepEqual(m.problems, []);
    assert.equal(m.params?.trainable, 4_194_304); // 32 layers × 2 modules × 8 × (4096 + 4096)
    assert.equal(m.params?.total, BASE_PARAMS + 4_194_304);
    assert.equal(m.params?.percent, (100 * 4_194_304) / 6_742_609_920);
    assert.deepEqual(m.params?.byKind, [{ kind: 'Linear adapters', params: 4_194_304 }]);
  });

  it('moves with the what-if controls: rank 16, all-linear, DoRA, full fine-tuning', () => {
    assert.equal(computePanelModel(inputs({ rank: 16 }), ctx).params?.trainable, 8_388_608);
    assert.equal(computePanelModel(inputs({ targets: 'all-linear' }), ctx).params?.trainable, 19_988_480);
    // DoRA adds one magnitude vector per adapted module: 64 modules × 4096.
    assert.equal(computePanelModel(inputs({ method: 'DORA' }), ctx).params?.trainable, 4_194_304 + 64 * 4096);
    assert.equal(computePanelModel(inputs({ method: 'FULL' }), ctx).params?.trainable, BASE_PARAMS);
  });

  it('counts AdaLoRA at its initial rank whatever total_step the schedule gets', () => {
    const a = computePanelModel(inputs({ method: 'ADALORA', rank: 12 }), ctx).params?.trainable;
    const b = computePanelModel(inputs({ method: 'ADALORA', rank: 12 }, { maxSteps: 50 }), ctx).params
      ?.trainable;
    // 64 modules × (12 × 4096 A + 4096 × 12 B + 12 E) = 6,292,224; PEFT also keeps ranknum (frozen).
    assert.equal(a, 64 * (12 * 4096 * 2 + 12));
    assert.equal(b, a);
  });

  it('counts prompt tuning from its virtual tokens: 20 × 4096', () => {
    assert.equal(
      computePanelModel(inputs({ method: 'PROMPT_TUNING', numVirtualTokens: 20 }), ctx).params?.trainable,
      81_920,
    );
    assert.equal(
      computePanelModel(inputs({ method: 'PROMPT_TUNING', numVirtualTokens: 100 }), ctx).params?.trainable,
      409_600,
    );
  });

  it('explains a missing model and still lists the laws that need no model size', () => {
    const m = computePanelModel(inputs({ modelRef: 'nowhere/model' }), {
      modelProblem: "model 'nowhere/model' is not in the catalog",
    });
    assert.deepEqual(m.problems, ["model 'nowhere/model' is not in the catalog"]);
    assert.equal(m.params, null);
    assert.equal(m.memory, null);
    assert.equal(m.laws.length, 15);
    assert.equal(m.lawChart, null);
  });

  it('turns an estimator refusal into a problem line, not an exception', () => {
    const m = computePanelModel(inputs({ method: 'TRAINABLE_TOKENS' }), ctx);
    assert.equal(m.params, null);
    assert.deepEqual(m.problems, ['`token_indices` must be a list of token ids (non-negative integers).']);
  });
});

describe('panel: computePanelModel memory', () => {
  it('weights, gradients and optimizer states follow ZeRO arithmetic for fp32 LoRA adapters', () => {
    const mem = computePanelModel(inputs(), ctx).memory!;
    const bytes = Object.fromEntries(mem.parts.map((p) => [p.id, p.bytes]));
    assert.equal(bytes.weights, BASE_PARAMS * 2 + 4_194_304 * 4);
    assert.equal(bytes.gradients, 4_194_304 * 4);
    assert.equal(bytes.optimizer, 4_194_304 * 8);
    assert.equal(
      mem.totalBytes,
      mem.parts.reduce((s, p) => s + p.bytes, 0),
    );
  });

  it('QLoRA stores the 6,476,005,376 Linear weights in NF4 (4.127 bit) and the rest in bf16', () => {
    const mem = computePanelModel(inputs({ method: 'QLORA' }), ctx).memory!;
    const linear = 32 * (4 * 4096 * 4096 + 3 * 4096 * 11008);
    assert.equal(linear, 6_476_005_376);
    const bits = 4 + 8 / 64 + 32 / (64 * 256);
    assert.equal(mem.parts[0].bytes, (linear * bits) / 8 + (BASE_PARAMS - linear) * 2 + 4_194_304 * 4);
  });

  it("stacks one bar per micro-batch 1, 2, 4, 8, 16 plus the user's, and says which GPU it fits", () => {
    const m = computePanelModel(inputs({}, { microBatchSize: 3 }), ctx).memory!;
    assert.deepEqual(
      m.bars.map((b) => b.microBatch),
      [1, 2, 3, 4, 8, 16],
    );
    assert.equal(m.current, 2);
    for (const b of m.bars)
      assert.equal(
        b.groups.reduce((s, x) => s + x, 0),
        b.totalBytes,
      );
    assert.equal(m.bars[2].totalBytes, m.totalBytes);
    assert.deepEqual(
      m.gpus.map((g) => g.bytes / 2 ** 30),
      [16, 24, 40, 48, 80],
    );
    assert.deepEqual(
      m.gpus.map((g) => g.label),
      [
        '17.2 GB (T4, V100 16GB)',
        '25.8 GB (RTX 4090, A10)',
        '42.9 GB (A100 40GB)',
        '51.5 GB (RTX A6000, L40S)',
        '85.9 GB (A100 80GB, H100)',
      ],
    );
    const fits = m.gpus.find((g) => m.totalBytes <= g.bytes);
    assert.equal(m.fitsOn, fits?.label ?? null);
  });
});

describe('panel: computePanelModel learning rates', () => {
  const m = computePanelModel(
    inputs({}, { learningRate: 2e-4, maxSteps: 1000, gradientAccumulationSteps: 4 }),
    ctx,
  );

  it('lists every law with its arXiv id; QLoRA recommends 2e-4 for a 7B model', () => {
    assert.equal(m.laws.length, 15);
    const qlora = m.laws.find((l) => l.id === 'qlora')!;
    assert.deepEqual(
      [qlora.arxiv, qlora.learningRate, qlora.applies, qlora.inRange],
      ['2305.14314', 2e-4, 'recommendation', true],
    );
    const step = m.laws.find((l) => l.id === 'step-law')!;
    assert.equal(step.applies, 'context');
    assert.equal(m.laws.find((l) => l.id === 'lora-plus')?.unverified, true);
  });

  it("charts each law against model size with the user's point on the grid and exact fitted edges", () => {
    const chart = m.lawChart!;
    assert.deepEqual(chart.point, { params: BASE_PARAMS, learningRate: 2e-4 });
    assert.ok(chart.params.includes(BASE_PARAMS));
    const qlora = chart.curves.find((c) => c.id === 'qlora')!;
    assert.deepEqual(qlora.fitted, [[6.5e9, 6.6e10]]); // QLoRA's totalParams bound, not rounded to the grid
    assert.equal(qlora.lr[chart.params.indexOf(BASE_PARAMS)], 2e-4);
    const ratio = BASE_PARAMS / 6_476_005_376; // total / non-embedding of Llama-2-7B
    const step = chart.curves.find((c) => c.id === 'step-law')!;
    assert.equal(step.fitted.length, 1);
    assert.ok(Math.abs(step.fitted[0][0] / (2.147e8 * ratio) - 1) < 1e-5);
    assert.ok(Math.abs(step.fitted[0][1] / (1.074e9 * ratio) - 1) < 1e-5);
  });
});

describe('panel: law chart without training tokens', () => {
  it('leaves out the laws that need D and says what each needs', () => {
    const chart = computePanelModel(inputs(), ctx).lawChart!;
    assert.deepEqual(
      chart.curves.map((c) => c.id),
      ['kaplan', 'porian', 'lora-without-regret', 'qlora'],
    );
    assert.deepEqual(
      chart.omitted.find((o) => o.title === 'Step Law'),
      { title: 'Step Law', needs: 'needs N (non-embedding parameters) and D (training tokens)' },
    );
    assert.deepEqual(
      chart.omitted.find((o) => o.title === 'LoRA'),
      { title: 'LoRA', needs: 'no learning-rate formula to plot (guidance or allocation only)' },
    );
    assert.equal(chart.curves.length + chart.omitted.length, 15);
  });
});

describe('panel: inputs and methods', () => {
  const AXOLOTL =
    'base_model: meta-llama/Llama-2-7b-hf\nadapter: qlora\nload_in_4bit: true\nlora_r: 32\nlora_alpha: 64\nlora_target_modules: [q_proj, k_proj]\nsequence_len: 1024\nmicro_batch_size: 2\nlearning_rate: 0.0001\n';

  it('seeds the controls from a config: QLoRA preset, rank, alpha, targets, shape', () => {
    const a = analyzeConfigText(AXOLOTL, { dialect: 'axolotl' });
    const i = inputsFromEstimatorInput(a.input!, a.input!.modelRef);
    assert.deepEqual(i, {
      modelRef: 'meta-llama/Llama-2-7b-hf',
      method: 'QLORA',
      rank: 32,
      alpha: 64,
      targets: 'q_proj, k_proj',
      training: {
        sequenceLength: 1024,
        microBatchSize: 2,
        learningRate: 0.0001,
        dtype: 'bf16',
        quantization: '4bit',
        optimizer: 'adamw_torch',
        gradientCheckpointing: false,
        sharding: 'none',
      },
    });
  });

  it("keeps the config's other PEFT fields for the same method and drops them for another", () => {
    const base = { peft_type: 'LORA', r: 4, modules_to_save: ['lm_head'], use_dora: true };
    assert.deepEqual(peftFromInputs(inputs({ method: 'LORA' }), base, 'CAUSAL_LM'), {
      peft_type: 'LORA',
      r: 8,
      lora_alpha: 16,
      modules_to_save: ['lm_head'],
      target_modules: ['q_proj', 'v_proj'],
    });
    assert.deepEqual(peftFromInputs(inputs({ method: 'IA3', targets: '' }), base, 'CAUSAL_LM'), {
      peft_type: 'IA3',
      task_type: 'CAUSAL_LM',
    });
  });

  it('offers every method the estimator counts, presets first', () => {
    const ids = panelMethods().map((m) => m.id);
    assert.deepEqual(ids.slice(0, 4), ['LORA', 'DORA', 'RSLORA', 'QLORA']);
    for (const t of [
      'IA3',
      'PREFIX_TUNING',
      'PROMPT_TUNING',
      'P_TUNING',
      'FULL',
      'FREEZE',
      'LOHA',
      'LOKR',
      'VERA',
      'ADALORA',
      'BITFIT',
    ])
      assert.ok(ids.includes(t), t);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('defaults to Llama-2-7B LoRA when no config is followed', () => {
    assert.equal(computePanelModel(defaultInputs(), ctx).params?.trainable, 4_194_304);
  });
});
