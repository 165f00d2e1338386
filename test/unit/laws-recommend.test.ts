// recommend(): fitted-range edges of every law that has one, regime handling, Kaplan's sign change,
// the LR comparison wording and unverified labels.
import * as assert from 'node:assert/strict';
import {
  LAWS,
  applyLaw,
  findLaw,
  recommend,
  sig,
  stepLawLearningRate,
  type LawInputs,
  type LawResult,
} from '../../src/core/laws';

function run(id: string, inputs: LawInputs): LawResult {
  const law = findLaw(id);
  assert.ok(law, `law ${id} exists`);
  return applyLaw(law, inputs);
}

/** For each law with a fitted range: inputs that put one range input at x, every other input comfortably inside. */
const EDGE_CASES: Array<{
  law: string;
  input: string;
  min: number;
  max: number;
  at: (x: number) => LawInputs;
}> = [
  {
    law: 'step-law',
    input: 'nonEmbeddingParams',
    min: 2.147e8,
    max: 1.074e9,
    at: (x) => ({ regime: 'pretrain', nonEmbeddingParams: x, tokens: 1e10 }),
  },
  {
    law: 'step-law',
    input: 'tokens',
    min: 4e9,
    max: 1e11,
    at: (x) => ({ regime: 'pretrain', nonEmbeddingParams: 5e8, tokens: x }),
  },
  // C = 6·N·D with N 1e8 when n_layer/d_model are unknown.
  {
    law: 'deepseek',
    input: 'computeFlops',
    min: 1e17,
    max: 2e19,
    at: (x) => ({ regime: 'pretrain', nonEmbeddingParams: 1e8, tokens: x / 6e8 }),
  },
  {
    law: 'power-scheduler',
    input: 'tokens',
    min: 2e9,
    max: 2.56e11,
    at: (x) => ({ regime: 'pretrain', tokens: x, batchTokens: 256 * 4096, seqLen: 4096 }),
  },
  {
    law: 'power-scheduler',
    input: 'batchSequences',
    min: 16,
    max: 512,
    at: (x) => ({ regime: 'pretrain', tokens: 1e10, batchTokens: x * 4096, seqLen: 4096 }),
  },
  {
    law: 'kaplan',
    input: 'nonEmbeddingParams',
    min: 768,
    max: 1.5e9,
    at: (x) => ({ regime: 'pretrain', nonEmbeddingParams: x }),
  },
  {
    law: 'porian',
    input: 'nonEmbeddingParams',
    min: 2.5e7,
    max: 1.1e8,
    at: (x) => ({ regime: 'pretrain', nonEmbeddingParams: x }),
  },
  {
    law: 'chinchilla',
    input: 'totalParams',
    min: 7e7,
    max: 1.6e10,
    at: (x) => ({ regime: 'pretrain', totalParams: x }),
  },
  {
    law: 'besiroglu',
    input: 'computeFlops',
    min: 6e18,
    max: 3e21,
    at: (x) => ({ regime: 'pretrain', totalParams: 1e9, tokens: x / 6e9 }),
  },
  {
    law: 'qlora',
    input: 'totalParams',
    min: 6.5e9,
    max: 6.6e10,
    at: (x) => ({ regime: 'lora', totalParams: x }),
  },
];

describe('laws: the table', () => {
  it('gives every law an id, citation, formula, units, range text and regimes', () => {
    assert.equal(new Set(LAWS.map((l) => l.id)).size, LAWS.length);
    for (const l of LAWS) {
      assert.ok(l.title && l.formulaDisplay && l.units.inputs && l.fittedRangeText && l.lrNoun, l.id);
      assert.ok(l.regimes.length > 0, l.id);
      assert.match(l.source.url, /^https:\/\//, l.id);
      if (l.source.arxiv) assert.equal(l.source.url, `https://arxiv.org/abs/${l.source.arxiv}`);
      else
        assert.match(
          l.source.version ?? '',
          /^\d{4}-\d{2}-\d{2}/,
          `${l.id}: a blog post carries the date of the version cited`,
        );
      assert.equal(l.unverified, l.evidence === 'unverified', l.id);
      for (const v of Object.values(l.constants)) assert.equal(typeof v, 'number', l.id);
    }
  });

  it('cites each paper of the issue by its arXiv id', () => {
    const cited = new Set(LAWS.map((l) => l.source.arxiv));
    for (const id of [
      '2503.04715',
      '2401.02954',
      '2408.13359',
      '2001.08361',
      '2203.15556',
      '2404.10102',
      '2203.03466',
      '2106.09685',
      '2305.14314',
      '2402.12354',
      '2312.03732',
      '2405.09673',
      '2308.04014',
    ]) {
      assert.ok(cited.has(id), id);
    }
  });
});

describe('laws: fitted-range edges', () => {
  it('covers every law that declares a fitted range, bound by bound', () => {
    const declared = LAWS.flatMap((l) =>
      l.fittedRange.map((b) => `${l.id}:${b.input}:${b.min}:${b.max}`),
    ).sort();
    assert.deepEqual(EDGE_CASES.map((c) => `${c.law}:${c.input}:${c.min}:${c.max}`).sort(), declared);
  });

  for (const c of EDGE_CASES) {
    it(`${c.law} ${c.input}: inside just within [${c.min}, ${c.max}], outside just beyond`, () => {
      for (const x of [c.min * 1.001, c.max * 0.999]) {
        const r = run(c.law, c.at(x));
        assert.equal(r.inRange.inside, true, `${x} inside`);
        assert.deepEqual(r.inRange.outOfRange, []);
      }
      for (const x of [c.min * 0.999, c.max * 1.001]) {
        const r = run(c.law, c.at(x));
        assert.equal(r.inRange.inside, false, `${x} outside`);
        assert.equal(r.inRange.outOfRange.length, 1);
        assert.equal(r.inRange.outOfRange[0].input, c.input);
        assert.ok(Math.abs(r.inRange.outOfRange[0].value / x - 1) < 1e-9, 'reports the offending value');
        assert.ok(
          r.warnings.some((w) => w.includes('outside the fitted range') && w.includes('extrapolation')),
        );
      }
    });
  }

  it('reports inRange null and no value when a needed input is missing', () => {
    const r = run('step-law', { regime: 'pretrain', nonEmbeddingParams: 5e8 });
    assert.equal(r.learningRate, null);
    assert.equal(r.batchSizeTokens, null);
    assert.equal(r.inRange.inside, null);
    assert.match(r.formula, /^needs N \(non-embedding parameters\) and D/);
  });
});

describe('laws: Kaplan learning-rate sign change', () => {
  it('gives no LR and warns above 1.21e10 params, where Eq. D.1 turns negative', () => {
    const r = run('kaplan', { regime: 'pretrain', nonEmbeddingParams: 2e10 });
    assert.equal(r.learningRate, null);
    assert.ok(r.warnings[0].startsWith('LR(N) = -6.98e-5 ≤ 0'), r.warnings[0]);
    assert.ok(r.warnings[0].includes('turns negative above 1.213e10'));
    assert.ok(r.batchSizeTokens !== null, 'the critical batch is still given');
  });

  it('warns that the formula breaks down between 1e10 and the zero crossing', () => {
    const r = run('kaplan', { regime: 'pretrain', nonEmbeddingParams: 1.1e10 });
    assert.ok(r.learningRate !== null && r.learningRate > 0 && r.learningRate < 2e-5);
    assert.match(r.warnings[0], /breaks down above 1e10/);
  });
});

describe('laws: regimes', () => {
  const setup: Omit<LawInputs, 'regime'> = {
    totalParams: 1.1e9,
    nonEmbeddingParams: 9.7e8,
    tokens: 5e10,
    batchTokens: 1048576,
    seqLen: 2048,
    dModel: 2048,
    modelFamily: 'llama',
    currentLearningRate: 3e-4,
  };

  it('makes pre-training laws the recommendation for pre-training and LoRA guidance context', () => {
    const byId = new Map(recommend({ ...setup, regime: 'pretrain' }).map((r) => [r.law, r]));
    assert.equal(byId.get('step-law')?.applies, 'recommendation');
    assert.equal(byId.get('qlora')?.applies, 'context');
    assert.ok(byId.get('qlora')?.warnings[0].includes('for pre-training from scratch it is context'));
  });

  it('shows pre-training laws on LoRA fine-tuning as context with a warning, after the recommendations', () => {
    const results = recommend({ ...setup, regime: 'lora' });
    const step = results.find((r) => r.law === 'step-law')!;
    assert.equal(step.applies, 'context');
    assert.equal(
      step.warnings[0],
      'Step Law was derived for pre-training from scratch; for LoRA-family fine-tuning it is context, not a recommendation.',
    );
    assert.ok(step.learningRate !== null, 'context still shows the number');
    const firstContext = results.findIndex((r) => r.applies === 'context');
    assert.ok(results.slice(0, firstContext).every((r) => r.applies === 'recommendation'));
    assert.ok(results.slice(firstContext).every((r) => r.applies === 'context'));
    assert.deepEqual(
      results.slice(0, firstContext).map((r) => r.law),
      ['lora-without-regret', 'qlora', 'lora', 'lora-plus', 'rslora', 'biderman'],
    );
  });

  it('divides the LoRA Without Regret LR by 10 for full fine-tuning', () => {
    const lora = run('lora-without-regret', { ...setup, regime: 'lora' });
    const full = run('lora-without-regret', { ...setup, regime: 'full' });
    assert.ok(Math.abs(lora.learningRate! / full.learningRate! - 10) < 1e-12);
    assert.equal(full.applies, 'recommendation');
  });

  it('recommends re-warming only for continued pre-training', () => {
    assert.equal(run('rewarm', { ...setup, regime: 'continued' }).applies, 'recommendation');
    assert.equal(run('rewarm', { ...setup, regime: 'full' }).applies, 'context');
  });
});

describe('laws: comparison with the config learning rate and labels', () => {
  it('says "3.1x above Step Law\'s optimum"', () => {
    const opt = stepLawLearningRate(5e8, 2e10);
    const r = run('step-law', {
      regime: 'pretrain',
      nonEmbeddingParams: 5e8,
      tokens: 2e10,
      currentLearningRate: 3.1 * opt,
    });
    assert.equal(r.comparison, "3.1x above Step Law's optimum");
  });

  it('says "2.0x below" and "within 5% of"', () => {
    const opt = stepLawLearningRate(5e8, 2e10);
    assert.equal(
      run('step-law', {
        regime: 'pretrain',
        nonEmbeddingParams: 5e8,
        tokens: 2e10,
        currentLearningRate: opt / 2,
      }).comparison,
      "2.0x below Step Law's optimum",
    );
    assert.equal(
      run('step-law', {
        regime: 'pretrain',
        nonEmbeddingParams: 5e8,
        tokens: 2e10,
        currentLearningRate: opt * 1.02,
      }).comparison,
      "within 5% of Step Law's optimum",
    );
  });

  it('compares against the published QLoRA learning rate, not an optimum', () => {
    assert.equal(
      run('qlora', { regime: 'lora', totalParams: 7e9, currentLearningRate: 1e-3 }).comparison,
      "5.0x above QLoRA's published learning rate",
    );
  });

  it('labels LoRA+ (λ = 16) unverified in the result and its warnings', () => {
    const r = run('lora-plus', { regime: 'lora', currentLearningRate: 1e-4 });
    assert.equal(r.unverified, true);
    assert.ok(r.warnings.some((w) => w.startsWith('Unverified')));
    assert.equal(r.formula, 'η_B = 16 · 1e-4 = 1.6e-3 (B matrices; A keeps 1e-4)');
  });

  it('substitutes the user numbers into the Step Law formula (T1)', () => {
    const r = run('step-law', { regime: 'pretrain', nonEmbeddingParams: 1e9, tokens: 1e11, seqLen: 2048 });
    assert.equal(
      r.formula,
      'η = 1.7973 · (1e9)^-0.71292 · (1e11)^0.30749 = 1.662e-3; B = 0.58069 · (1e11)^0.57094 = 1.107e6 tokens (540.8 sequences of 2048)',
    );
    assert.equal(r.source.arxiv, '2503.04715');
  });

  it('shows DeepSeek 67B with Eq. 2 and the real-architecture note (T7, T7b)', () => {
    const d = 8192;
    const r = run('deepseek', {
      regime: 'pretrain',
      nLayer: 95,
      dModel: d,
      seqLen: 4096,
      tokens: 2e12,
      nonEmbeddingParams: 95 * (2 * d * d + 2 * d * 1024 + 3 * d * 22016),
    });
    assert.equal(r.learningRate!.toPrecision(4), '0.0003120');
    assert.ok(
      r.notes.some(
        (n) => n.includes('M = 6·N + 12·n_layer·d_model·l_seq = 4.327e11') && n.includes('η 3.175e-4'),
      ),
    );
    assert.equal(r.inRange.inside, false, 'DeepSeek 67B itself lies beyond the 2e19 fit');
  });
});

describe('laws: number formatting', () => {
  it('prints 4 significant digits, scientific outside [1e-2, 1e4)', () => {
    assert.deepEqual(
      [sig(1.662379e-3), sig(65536), sig(9999.7), sig(2048), sig(540.76), sig(0.01253), sig(1.1e10)],
      ['1.662e-3', '6.554e4', '1e4', '2048', '540.8', '0.01253', '1.1e10'],
    );
  });
});
