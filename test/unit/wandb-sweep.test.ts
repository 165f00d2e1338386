import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { detectDialect } from '../../src/core/dialects';
import { type Diagnostic } from '../../src/core/validate';
import { validateText } from '../../src/core/pipeline';
import { distributionOf, sweptParameters, yamlFloat } from '../../src/core/validate/rulesWandbSweep';

const lineOf = (text: string, d: Diagnostic): number => text.slice(0, d.start).split('\n').length;
const check = (text: string): Diagnostic[] => validateText(text, { dialect: 'wandb-sweep' }).diagnostics;
const codes = (text: string): string[] =>
  check(text).map((d) => `${lineOf(text, d)}:${d.severity}:${d.code}`);
const applyFix = (text: string, d: Diagnostic): string => {
  const edits = [...(d.fixes?.[0]?.edits ?? [])].sort((a, b) => b.start - a.start);
  return edits.reduce((t, e) => t.slice(0, e.start) + e.newText + t.slice(e.end), text);
};

const GOOD = `program: train.py
method: bayes
metric:
  name: eval/loss
  goal: minimize
parameters:
  learning_rate:
    distribution: log_uniform_values
    min: 1.0e-5
    max: 1.0e-3
  lora_r:
    values: [8, 16, 32]
early_terminate:
  type: hyperband
  min_iter: 3
`;

describe('W&B sweeps: detection', () => {
  it('method + parameters is a sweep; a launch sweep with a scheduler too', () => {
    assert.deepEqual(detectDialect(GOOD), {
      dialect: 'wandb-sweep',
      reason: 'content: `method` (or a launch `scheduler`) with `parameters`',
    });
    assert.equal(
      detectDialect('scheduler:\n  job: j\nparameters:\n  lr:\n    values: [1]\n').dialect,
      'wandb-sweep',
    );
  });
  it('other dialects keep their files', () => {
    assert.equal(
      detectDialect('base_model: m\nsequence_len: 2048\nmicro_batch_size: 1\n').dialect,
      'axolotl',
    );
    assert.equal(
      detectDialect('model:\n  _component_: torchtune.models.llama3_2.lora_llama3_2_1b\n').dialect,
      'torchtune',
    );
  });
});

describe('W&B sweeps: schema and rules', () => {
  it('a correct sweep has no findings', () => assert.deepEqual(check(GOOD), []));

  it('bayes needs a metric (error); random does not', () => {
    const bad = 'method: bayes\nparameters:\n  lr:\n    values: [1, 2]\n';
    assert.deepEqual(codes(bad), ['1:error:sweep-bayes-needs-metric']);
    assert.deepEqual(codes(bad.replace('bayes', 'random')), []);
  });

  it('hyperband needs a metric', () => {
    const bad =
      'method: random\nparameters:\n  lr:\n    values: [1, 2]\nearly_terminate:\n  type: hyperband\n  min_iter: 3\n';
    assert.deepEqual(codes(bad), ['5:error:sweep-hyperband-needs-metric']);
    assert.deepEqual(codes(`${bad}metric:\n  name: loss\n`), []);
  });

  it('grid search refuses continuous distributions, also inferred from real min/max', () => {
    const bad =
      'method: grid\nparameters:\n  dropout:\n    min: 0.0\n    max: 0.5\n  r:\n    min: 4\n    max: 8\n';
    const found = check(bad);
    assert.deepEqual(
      found.map((d) => `${lineOf(bad, d)}:${d.code}`),
      ['3:sweep-grid-param-type'],
    );
    assert.match(found[0].message, /`dropout` is `uniform`/);
    assert.deepEqual(codes(bad.replace('min: 0.0\n    max: 0.5', 'values: [0.0, 0.5]')), []);
  });

  it('min must be below max; probabilities match values and sum to 1', () => {
    assert.deepEqual(codes('method: random\nparameters:\n  d:\n    min: 0.5\n    max: 0.1\n'), [
      '4:error:sweep-min-not-below-max',
    ]);
    assert.deepEqual(
      codes('method: random\nparameters:\n  r:\n    values: [8, 16]\n    probabilities: [0.5, 0.4]\n'),
      ['5:error:sweep-probabilities'],
    );
    assert.deepEqual(
      codes('method: random\nparameters:\n  r:\n    values: [8, 16]\n    probabilities: [1.0]\n'),
      ['5:error:sweep-probabilities'],
    );
    assert.deepEqual(
      codes('method: random\nparameters:\n  r:\n    values: [8, 16]\n    probabilities: [0.25, 0.75]\n'),
      [],
    );
  });

  it('log_uniform with limit values: warning, sampled range, preferred fix to log_uniform_values', () => {
    const text =
      'method: random\nparameters:\n  learning_rate:\n    distribution: log_uniform\n    min: 0.00001\n    max: 0.001\n';
    const [d] = check(text);
    assert.equal(d.code, 'sweep-log-uniform-deprecated');
    assert.equal(d.severity, 'warning');
    assert.match(d.message, /drawn from e\^1\.00e-5 … e\^0\.001, about 1\.0 in every run/);
    assert.equal(d.fixes?.[0].isPreferred, true);
    const fixed = applyFix(text, d);
    assert.equal(fixed, text.replace('log_uniform', 'log_uniform_values'));
    assert.deepEqual(check(fixed), []);
  });

  it('log_uniform with exponents is still deprecated, and says what it samples', () => {
    const [d] = check(
      'method: random\nparameters:\n  lr:\n    distribution: log_uniform\n    min: -11\n    max: -2\n',
    );
    assert.equal(d.code, 'sweep-log-uniform-deprecated');
    assert.match(d.message, /exp\(-11\) … exp\(-2\) = 1\.67e-5 … 0\.1353/);
    assert.equal(d.fixes?.[0].isPreferred, undefined);
  });

  it('log_uniform_values with negative log bounds: the fix writes the limits as PyYAML floats', () => {
    const text =
      'method: random\nparameters:\n  wd:\n    distribution: log_uniform_values\n    min: -9.2\n    max: -4.6\n';
    const found = check(text);
    assert.deepEqual(
      found.map((d) => `${lineOf(text, d)}:${d.severity}:${d.code}`),
      ['4:warning:sweep-log-uniform-values-negative', '5:error:range'],
    );
    const fixed = applyFix(text, found[0]);
    assert.equal(fixed, text.replace('min: -9.2', 'min: 1.01e-4').replace('max: -4.6', 'max: 1.01e-2'));
    assert.deepEqual(check(fixed), []);
  });

  it('a key that belongs to another distribution is not applicable; a misspelt one is unknown', () => {
    const text =
      'method: random\nparameters:\n  d:\n    distribution: uniform\n    min: 0.1\n    max: 0.3\n    q: 0.1\n  e:\n    valus: [1]\n';
    const found = check(text);
    assert.deepEqual(
      found.map((d) => `${lineOf(text, d)}:${d.severity}:${d.code}`),
      ['7:error:unknown-key', '9:error:unknown-key'],
    );
    assert.equal(
      found[0].message,
      '"q" does not apply in parameters.d with `distribution: uniform`; wandb-sweeps rejects it there.',
    );
    assert.match(found[1].message, /Did you mean "values"\?/);
  });

  it('metric with metrics, metrics without custom, scheduler conflicts, method and parameters required', () => {
    assert.deepEqual(
      codes(
        'method: bayes\nmetric:\n  name: a\nmetrics:\n  - name: a\n  - name: b\nparameters:\n  x:\n    values: [1]\n',
      ),
      ['4:error:sweep-metric-and-metrics'],
    );
    assert.deepEqual(
      codes('method: random\nmetrics:\n  - name: a\n  - name: b\nparameters:\n  x:\n    values: [1]\n'),
      ['1:error:sweep-metrics-needs-custom'],
    );
    assert.deepEqual(
      codes(
        'method: custom\nscheduler:\n  engine: wandb\ncontroller:\n  type: local\nparameters:\n  x:\n    values: [1]\n',
      ),
      ['4:error:sweep-scheduler-conflicts'],
    );
    assert.deepEqual(codes('program: t.py\nparameters:\n  x:\n    values: [1]\n'), [
      '2:error:sweep-method-required',
    ]);
    assert.deepEqual(
      codes('scheduler:\n  job: org/proj/job:latest\nparameters:\n  x:\n    values: [1]\n'),
      [],
    );
    assert.deepEqual(codes('method: random\nmetric:\n  name: loss\n'), ['1:error:sweep-parameters-required']);
  });

  it('PyYAML reads 1e-5 as a string, but !!float 1e-5 as a float', () => {
    assert.deepEqual(codes('method: random\nparameters:\n  lr:\n    min: 1e-5\n    max: 0.1\n'), [
      '4:error:numeric-string',
    ]);
    assert.deepEqual(codes('method: random\nparameters:\n  lr:\n    min: !!float 1e-5\n    max: 0.1\n'), []);
  });

  it('nested parameters are walked; distributions are inferred as the sweeps library does', () => {
    const cfg = {
      parameters: {
        opt: { parameters: { lr: { min: 0.1, max: 0.2 }, n: { min: 1, max: 3 } } },
        c: { value: 1 },
        v: { values: [1], probabilities: [1] },
      },
    };
    assert.deepEqual(
      sweptParameters(cfg).map((p) => [p.path.join('.'), distributionOf(p.config)]),
      [
        ['parameters.opt.parameters.lr', 'uniform'],
        ['parameters.opt.parameters.n', 'int_uniform'],
        ['parameters.c', 'constant'],
        ['parameters.v', 'categorical_w_probabilities'],
      ],
    );
    assert.equal(yamlFloat(1e-5), '1.0e-5');
    assert.equal(yamlFloat(0.00025), '2.5e-4');
  });
});

describe('W&B sweeps: real files (wandb/sweeps examples)', () => {
  const dir = resolve('test/fixtures/wandb-sweep');
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
  it('found the real files', () => assert.equal(files.length, 6));
  it('no findings on any', () => {
    const findings = files.flatMap((f) => {
      const text = readFileSync(join(dir, f), 'utf8');
      return validateText(text, { fileName: f }).diagnostics.map(
        (d) => `${f}:${lineOf(text, d)}:${d.severity}:${d.code}`,
      );
    });
    assert.deepEqual(findings, []);
  });
});
