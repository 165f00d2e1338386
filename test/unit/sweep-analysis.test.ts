import * as assert from 'node:assert/strict';
import { analyzeConfigText } from '../../src/core/analysis';
import type { LawResult } from '../../src/core/laws';
import {
  gridRunCount,
  placeAgainstLaws,
  placementSummary,
  sweepTokens,
  sweptLearningRate,
  trainingConfigArgument,
} from '../../src/core/sweep/analysis';

const law = (lawId: string, lr: number, applies: LawResult['applies'] = 'recommendation'): LawResult =>
  ({ law: lawId, title: lawId, learningRate: lr, applies }) as unknown as LawResult;

describe('sweep analysis', () => {
  it("a grid makes the product of each parameter's values; run_cap caps it; random has no count", () => {
    const grid = {
      method: 'grid',
      parameters: {
        lr: { values: [1e-5, 2e-5, 5e-5] },
        r: { min: 4, max: 8 },
        d: { distribution: 'q_uniform', min: 0, max: 0.3, q: 0.1 },
        e: { value: 3 },
      },
    };
    // int_uniform 4..8: 5 values; q_uniform numpy.arange(0, 0.3, 0.1) = [0, 0.1, 0.2]: 3 values.
    assert.deepEqual(gridRunCount(grid), { runs: 3 * 5 * 3, capped: false });
    assert.deepEqual(gridRunCount({ ...grid, run_cap: 10 }), { runs: 10, capped: true });
    assert.equal(gridRunCount({ ...grid, method: 'random' }), undefined);
  });

  it('the swept learning rate, nested or not; log_uniform bounds are exponents', () => {
    assert.deepEqual(
      sweptLearningRate({
        parameters: {
          optimizer: { parameters: { lr: { distribution: 'log_uniform_values', min: 1e-5, max: 1e-3 } } },
        },
      }),
      {
        path: ['parameters', 'optimizer', 'parameters', 'lr'],
        name: 'lr',
        distribution: 'log_uniform_values',
        min: 1e-5,
        max: 1e-3,
      },
    );
    const r = sweptLearningRate({
      parameters: { learning_rate: { distribution: 'log_uniform', min: -11.5, max: -6.9 } },
    });
    assert.equal(r?.min, Math.exp(-11.5));
    assert.equal(r?.max, Math.exp(-6.9));
    assert.equal(sweptLearningRate({ parameters: { lora_r: { values: [8, 16] } } }), undefined);
  });

  it('placement against the laws, in numbers, and one sentence from them (context laws left out)', () => {
    const range = { path: ['parameters', 'lr'], name: 'lr', distribution: 'uniform', min: 1e-6, max: 1e-5 };
    const placed = placeAgainstLaws(range, [law('a', 2e-4), law('b', 1e-3), law('c', 5e-6, 'context')]);
    assert.deepEqual(
      placed.map((p) => [p.law, p.position, p.lowRatio, p.highRatio]),
      [
        ['a', 'below', 1e-6 / 2e-4, 1e-5 / 2e-4],
        ['b', 'below', 1e-6 / 1e-3, 1e-5 / 1e-3],
        ['c', 'inside', 1e-6 / 5e-6, 1e-5 / 5e-6],
      ],
    );
    assert.equal(
      placementSummary(placed),
      'this range lies 20–1000× below every recommendation for this model and method',
    );
    assert.equal(
      placementSummary(
        placeAgainstLaws({ ...range, min: 1e-4, max: 5e-4 }, [law('a', 2e-4), law('b', 1e-3)]),
      ),
      'this range contains the recommendation of a',
    );
    assert.equal(placementSummary(placeAgainstLaws(range, [law('c', 5e-6, 'context')])), undefined);
  });

  it('against a real training config: every recommendation for Llama-2-7B LoRA is above 1e-6 … 1e-5', () => {
    const text =
      'base_model: meta-llama/Llama-2-7b-hf\nadapter: lora\nlora_r: 8\nlora_alpha: 16\nlora_target_modules: [q_proj, v_proj]\nsequence_len: 4096\nmicro_batch_size: 2\ngradient_accumulation_steps: 4\nnum_epochs: 1\nlearning_rate: 0.0002\ndatasets:\n  - path: d\n    type: alpaca\n';
    const a = analyzeConfigText(text, { dialect: 'axolotl' });
    const recs = a.laws.filter((l) => l.applies === 'recommendation' && typeof l.learningRate === 'number');
    assert.ok(recs.length >= 2, 'the LoRA laws give learning rates');
    const placed = placeAgainstLaws(
      { path: [], name: 'lr', distribution: 'uniform', min: 1e-6, max: 1e-5 },
      a.laws,
    );
    assert.ok(placed.filter((p) => p.applies === 'recommendation').every((p) => p.position === 'below'));
    assert.match(
      placementSummary(placed) ?? '',
      /^this range lies \d+(\.\d)?–\d+× below every recommendation/,
    );
  });

  it('tokens of all runs; the training config named in command', () => {
    assert.equal(sweepTokens(12, 1000, 16, 2048), 12 * 1000 * 16 * 2048);
    assert.equal(sweepTokens(12, undefined, 16, 2048), undefined);
    assert.equal(
      trainingConfigArgument({ command: ['${env}', 'axolotl', 'train', 'configs/lora.yml', '${args}'] }),
      'configs/lora.yml',
    );
    assert.equal(
      trainingConfigArgument({ command: ['python', 'train.py', '--config', 'sft.yaml'] }),
      'sft.yaml',
    );
    assert.equal(
      trainingConfigArgument({ command: ['python', 'train.py', '--config_file=run.json'] }),
      'run.json',
    );
    assert.equal(trainingConfigArgument({ program: 'train.py' }), undefined);
  });
});
