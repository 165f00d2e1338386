// Methods beyond the oracle (pseudo types, AdapterHub bottlenecks, paper-only counts) and the
// estimator's outputs (diagnostics, breakdown, preview, refusals), with exact expected values.
import * as assert from 'node:assert/strict';
import { EstimateError, estimateParameters, previewTargets } from '../../src/core/estimator';
import { readTestJson } from '../support/shared';

interface OracleModel extends Record<string, unknown> {
  name: string;
  auto_class: string;
  full_ft_params: number;
}
const models: OracleModel[] = readTestJson<{ models: OracleModel[] }>('oracle/models.json').models;

function model(name: string): { cfg: Record<string, unknown>; autoClass: string; base: number } {
  const m = models.find((x) => x.name === name);
  if (!m) throw new Error(`no oracle model ${name}`);
  const {
    name: _n,
    hf_reference: _h,
    auto_class: _a,
    resolved_config: _r,
    full_ft_params: _f,
    embedding_params: _e,
    lm_head_tied: _t,
    ...cfg
  } = m;
  return { cfg, autoClass: m.auto_class, base: m.full_ft_params };
}

function trainable(name: string, peft: Record<string, unknown>): number {
  const m = model(name);
  return estimateParameters(m.cfg, peft, { autoClass: m.autoClass }).trainableParams;
}

describe('estimator methods: AdapterHub bottleneck adapters (formulas.md 4.2)', () => {
  const cases: [string, string, number][] = [
    ['bert-base-uncased', 'pfeiffer', 894_528],
    ['bert-base-uncased', 'houlsby', 1_789_056],
    ['bert-base-uncased', 'parallel', 7_091_712],
    ['bert-base-uncased', 'compacter', 57_088],
    ['bert-base-uncased', 'compacter++', 28_576],
    ['llama-2-7b', 'seq_bn', 67_248_128],
    ['llama-2-7b', 'double_seq_bn', 134_496_256],
    ['llama-2-7b', 'par_bn', 537_067_520],
    ['llama-2-7b', 'compacter', 811_072],
    ['llama-2-7b', 'compacter++', 405_568],
  ];
  for (const [name, preset, expected] of cases) {
    it(`${name} ${preset}: ${expected}`, () =>
      assert.equal(trainable(name, { peft_type: 'BOTTLENECK', preset }), expected));
  }
  it('explicit fields: one adapter after the FFN, reduction 16, layer norm after', () => {
    const peft = {
      peft_type: 'BOTTLENECK',
      mh_adapter: false,
      output_adapter: true,
      reduction_factor: 16,
      ln_after: true,
    };
    assert.equal(trainable('bert-base-uncased', peft), 894_528 + 12 * 2 * 768);
  });
  it('adds the adapters to the total', () => {
    const m = model('bert-base-uncased');
    const e = estimateParameters(
      m.cfg,
      { peft_type: 'BOTTLENECK', preset: 'pfeiffer' },
      { autoClass: m.autoClass },
    );
    assert.equal(e.totalParams, m.base + 894_528);
  });
});

describe('estimator methods: counts from the papers (formulas.md 2.3)', () => {
  it('SSF after every linear and norm of Llama-2-7B layers: 3,244,032', () =>
    assert.equal(trainable('llama-2-7b', { peft_type: 'SSF' }), 3_244_032));
  it('FLoRA r 8 on q/v of Llama-2-7B: 4,198,400', () =>
    assert.equal(
      trainable('llama-2-7b', { peft_type: 'FLORA', r: 8, target_modules: ['q_proj', 'v_proj'] }),
      4_198_400,
    ));
  it('SVFit r 8 on the default q/v: one value per rank and matrix', () =>
    assert.equal(trainable('llama-2-7b', { peft_type: 'SVFIT', r: 8 }), 64 * 8));
  it('says the count comes from the paper', () => {
    const m = model('llama-2-7b');
    assert.match(
      estimateParameters(m.cfg, { peft_type: 'SSF' }, { autoClass: m.autoClass }).basis,
      /count from the paper.*arXiv 2210\.08823/,
    );
  });
});

describe('estimator methods: full, BitFit and LLaMA-Factory freeze', () => {
  it('FULL trains every parameter', () => {
    const m = model('bert-base-uncased');
    const e = estimateParameters(m.cfg, { peft_type: 'FULL' }, { autoClass: m.autoClass });
    assert.deepEqual([e.trainableParams, e.totalParams, e.trainablePercent], [m.base, m.base, 100]);
  });
  it('BITFIT trains every bias of BERT-base with its 2-label classifier', () =>
    assert.equal(trainable('bert-base-uncased', { peft_type: 'BITFIT' }), 102_914));
  it('FREEZE defaults to the last 2 layers of Llama-2-7B', () =>
    assert.equal(trainable('llama-2-7b', { peft_type: 'FREEZE' }), 2 * 202_383_360));
  it('a negative count trains the first layers', () =>
    assert.equal(trainable('llama-2-7b', { peft_type: 'FREEZE', freeze_trainable_layers: -1 }), 202_383_360));
  it('modules narrow the layers; extra modules match by substring ("norm" hits every *_layernorm)', () => {
    assert.equal(
      trainable('llama-2-7b', { peft_type: 'FREEZE', freeze_trainable_modules: ['mlp'] }),
      2 * 135_266_304,
    );
    assert.equal(
      trainable('llama-2-7b', { peft_type: 'FREEZE', freeze_extra_modules: ['norm'] }),
      2 * 202_383_360 + 60 * 4096 + 4096,
    );
  });
  it('refuses a module name the layers do not have', () => {
    assert.throws(
      () => trainable('llama-2-7b', { peft_type: 'FREEZE', freeze_trainable_modules: ['ffn'] }),
      /Module ffn is not found/,
    );
  });
});

describe('estimator methods: LoRA target_parameters', () => {
  it('wraps a 2-D parameter: r (in + out) per match', () => {
    const peft = { peft_type: 'LORA', r: 8, target_modules: [], target_parameters: ['mlp.down_proj.weight'] };
    assert.equal(trainable('llama-2-7b', peft), 32 * 8 * (11008 + 4096));
  });
  it('keeps the model_type default targets when target_modules is unset', () => {
    const peft = { peft_type: 'LORA', r: 8, target_parameters: ['mlp.down_proj.weight'] };
    assert.equal(trainable('llama-2-7b', peft), 32 * 8 * (11008 + 4096) + 4_194_304);
  });
  it('refuses a parameter of a module the targets already wrap', () => {
    assert.throws(
      () => trainable('llama-2-7b', { peft_type: 'LORA', target_parameters: ['q_proj.weight'] }),
      EstimateError,
    );
  });
});

describe('estimator outputs', () => {
  const m = model('llama-2-7b');
  const peft = { peft_type: 'LORA', r: 8, target_modules: ['q_proj', 'qproj'] };
  const e = estimateParameters(m.cfg, peft, { autoClass: m.autoClass, taskType: 'CAUSAL_LM' });
  it('counts hits per target entry, 0 for a typo', () =>
    assert.deepEqual(e.targetMatches, [
      { entry: 'q_proj', matched: 32 },
      { entry: 'qproj', matched: 0 },
    ]));
  it('lists the names a target could use', () =>
    assert.ok(
      ['q_proj', 'down_proj', 'lm_head', 'embed_tokens'].every((n) => e.availableTargetNames.includes(n)),
    ));
  it('breaks the count down by kind, layer and module pattern', () => {
    assert.deepEqual(e.breakdown.byKind, { 'Linear adapters': 2_097_152 });
    assert.equal(e.breakdown.byLayer['0'], 65_536);
    assert.deepEqual(e.breakdown.byModule, [
      { pattern: 'model.layers.*.self_attn.q_proj', modules: 32, params: 2_097_152 },
    ]);
  });
  it('reports PEFT percent: 100 x trainable / total', () =>
    assert.equal(e.trainablePercent, (100 * 2_097_152) / (m.base + 2_097_152)));
  it('previews all-linear without lm_head', () => {
    const names = previewTargets(m.cfg, 'all-linear', { autoClass: m.autoClass });
    assert.equal(names.length, 7 * 32);
    assert.ok(!names.includes('lm_head'));
  });
});

describe('estimator refusals', () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['unknown method', { peft_type: 'NOPE' }, /not counted by this estimator/],
    ['no peft_type', { r: 8 }, /no "peft_type"/],
    [
      'targets that match nothing',
      { peft_type: 'LORA', target_modules: ['qproj'] },
      /not found in the base model/,
    ],
    [
      'modules_to_save on a ModuleList',
      { peft_type: 'PROMPT_TUNING', modules_to_save: ['layers'] },
      /ModuleList/,
    ],
    [
      'modules_to_save shielding every target',
      { peft_type: 'LORA', target_modules: ['q_proj'], modules_to_save: ['layers'] },
      /No modules were targeted/,
    ],
    ['a container as LoRA target', { peft_type: 'LORA', target_modules: ['mlp'] }, /container/],
    [
      'OFT with both r and block size',
      { peft_type: 'OFT', r: 4, oft_block_size: 16 },
      /either r \(4\) or oft_block_size \(16\)/,
    ],
    ['AdaLoRA without total_step', { peft_type: 'ADALORA' }, /total_step/],
    ['a bad regex', { peft_type: 'LORA', target_modules: '(q_proj' }, /not a valid regular expression/],
  ];
  for (const [what, peft, message] of cases) {
    it(what, () =>
      assert.throws(
        () => trainable('llama-2-7b', peft),
        (err: unknown) => err instanceof EstimateError && message.test(err.message),
      ),
    );
  }
});
