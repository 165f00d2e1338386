// A sweep's batch size, warm-up and LoRA rank against the laws for the Axolotl config it runs
// (test/fixtures/sweep-laws/train.yaml: Llama-2-7B LoRA, micro batch 4 × 8 accumulation, 1,000 steps,
// lora_alpha 32): exact ranges, placements and the words of the CodeLens and the hover.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyzeDocument } from '../../src/core/pipeline';
import { matchCatalogModel } from '../../src/core/models/catalog';
import type { ResolvedModel } from '../../src/core/models/types';
import type { RelatedFile } from '../../src/core/sweep/report';
import { quantityLens, sweepEffects } from '../../src/core/present/sweep';
import { QLORA } from '../../src/core/laws/finetune-formulas';

const catalog = (ref: string): ResolvedModel | undefined => {
  const m = matchCatalogModel(ref);
  return m ? { config: m.entry.config, kind: 'catalog', location: m.entry.id, entry: m.entry } : undefined;
};
const TRAIN = readFileSync('test/fixtures/sweep-laws/train.yaml', 'utf8');
const FULL = TRAIN.replace('adapter: lora\n', '');
const EPOCHS = TRAIN.replace('max_steps: 1000', 'num_epochs: 1');

/** A grid sweep over `params` (YAML lines under parameters:) that runs `train` as train.yaml. */
function sweep(params: string[], train = TRAIN) {
  const text = [
    'method: grid',
    'parameters:',
    ...params.map((l) => `  ${l}`),
    'command: [python, train.py, --config, train.yaml]',
  ].join('\n');
  const readRelated = (path: string): RelatedFile =>
    path === 'train.yaml' ? { path: '/ws/train.yaml', text: train } : { path, error: 'ENOENT' };
  const s = analyzeDocument({ text, fileName: 'sweep.yaml', readRelated, settings: {} }, catalog).analysis!
    .sweep!;
  return s;
}

describe('sweep quantities against the laws', () => {
  it('per-device batch 1 – 4 × 8 accumulation = 8 – 32 sequences contains QLoRA’s 16', () => {
    const s = sweep(['micro_batch_size:', '  values: [1, 2, 4]']);
    const [q] = s.quantities;
    assert.equal(q.quantity, 'batchSize');
    assert.deepEqual(q.compared, {
      min: 8,
      max: 32,
      unit: 'sequences per step',
      how: 'per device × 8 gradient accumulation × 1 device',
    });
    assert.deepEqual(
      q.placements.find((p) => p.law === 'qlora'),
      {
        law: 'qlora',
        title: 'QLoRA',
        value: 16,
        applies: 'recommendation',
        lowRatio: 0.5,
        highRatio: 2,
        position: 'inside',
      },
    );
    assert.equal(q.summary, 'this range contains the recommendation of QLoRA');
    assert.equal(
      quantityLens(q, s).title,
      '$(graph-line) batch size 1 – 4 per device × 8 gradient accumulation × 1 device = 8 – 32 sequences per step: this range contains the recommendation of QLoRA (train.yaml)',
    );
    assert.match(quantityLens(q, s).tooltip, /^QLoRA: 16 sequences; the range contains it$/m);
    const hover = sweepEffects(['parameters', 'micro_batch_size', 'values'], s);
    assert.deepEqual(hover.slice(0, 3), [
      'Swept batch size: 1 – 4 per device × 8 gradient accumulation × 1 device = 8 – 32 sequences per step (categorical)',
      'Against the laws for `train.yaml`, model meta-llama/Llama-2-7b-hf: **this range contains the recommendation of QLoRA**',
      'QLoRA: 16 sequences; the range contains it ([arXiv 2305.14314](https://arxiv.org/abs/2305.14314))',
    ]);
  });

  it('a global batch of 64 – 128 sequences lies 4.0–8.0× above the recommendation', () => {
    const [q] = sweep(['train_batch_size:', '  values: [64, 128]']).quantities;
    assert.deepEqual([q.compared?.min, q.compared?.max, q.compared?.how], [64, 128, 'global batch as swept']);
    assert.equal(q.summary, 'this range lies 4.0–8.0× above every recommendation for this model and method');
  });

  it('warm-up steps 10 – 100 of 1,000 = 1% – 10% contain QLoRA’s published 3%', () => {
    const s = sweep(['warmup_steps:', '  values: [10, 100]']);
    const [q] = s.quantities;
    assert.equal(QLORA.warmupRatio, 0.03);
    assert.deepEqual([q.compared?.min, q.compared?.max], [0.01, 0.1]);
    assert.equal(q.placements.length, 1);
    assert.equal(q.placements[0].position, 'inside');
    assert.equal(
      quantityLens(q, s).title,
      '$(graph-line) warm-up 10 – 100 steps ÷ 1000 training steps = 1% – 10% of the steps: this range contains the recommendation of QLoRA (train.yaml)',
    );
    assert.equal(quantityLens(q, s).tooltip, 'QLoRA: 3%; the range contains it');
  });

  it('a warm-up ratio 0.1 – 0.2 lies 3.3–6.7× above; warm-up steps without max_steps are not compared', () => {
    const [above] = sweep(['warmup_ratio:', '  values: [0.1, 0.2]']).quantities;
    assert.equal(
      above.summary,
      'this range lies 3.3–6.7× above every recommendation for this model and method',
    );
    const [none] = sweep(['warmup_steps:', '  values: [10, 100]'], EPOCHS).quantities;
    assert.deepEqual(
      [none.compared, none.placements, none.summary, none.none],
      [undefined, [], undefined, 'not compared: the training config states no max_steps'],
    );
  });

  it('a full fine-tune: QLoRA’s batch and warm-up are context only, so no law gives either', () => {
    const [batch, warmup] = sweep(
      ['micro_batch_size:', '  values: [1, 2]', 'warmup_ratio:', '  values: [0.03]'],
      FULL,
    ).quantities;
    assert.equal(batch.summary, undefined);
    assert.equal(batch.none, 'no law here gives a batch size for this model and method');
    assert.equal(batch.placements.find((p) => p.law === 'qlora')?.applies, 'context');
    assert.equal(warmup.summary, undefined);
    assert.equal(warmup.none, 'no law here gives a warm-up for this model and method');
    assert.equal(warmup.placements[0].applies, 'context');
  });

  it('the rank: no law recommends one; the lens and hover say which law makes the LR rank-independent', () => {
    const s = sweep(['lora_r:', '  values: [8, 16]']);
    const [q] = s.quantities;
    assert.deepEqual([q.quantity, q.placements, q.summary], ['rank', [], undefined]);
    assert.equal(q.none, 'no law here recommends a LoRA rank');
    // rsLoRA's own line for train.yaml's r 16, lora_alpha 32: α/r = 2, α/√r = 8.
    assert.equal(
      q.note,
      "LoRA Without Regret finds the best learning rate nearly rank-independent with 1/r scaling and α = 32, and rsLoRA scales by α/√r so that large ranks keep learning (the training config's own rank: α/r = 32/16 = 2; α/√r = 32/√16 = 8)",
    );
    assert.equal(
      quantityLens(q, s).title,
      '$(graph-line) LoRA rank 8 – 16: no law here recommends a LoRA rank',
    );
    assert.equal(
      sweepEffects(['parameters', 'lora_r'], s)[1],
      'Against the laws for `train.yaml`, model meta-llama/Llama-2-7b-hf: **no law here recommends a LoRA rank**',
    );
  });
});
