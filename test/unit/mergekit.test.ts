import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { detectDialect } from '../../src/core/dialects';
import { dialectSchema, type Diagnostic } from '../../src/core/validate';
import { validateText } from '../../src/core/pipeline';
import { mergeMethodInfo, settingNumbers } from '../../src/core/validate/rulesMergekit';

const lineOf = (text: string, d: Diagnostic): number => text.slice(0, d.start).split('\n').length;
const codes = (text: string): string[] =>
  validateText(text, { dialect: 'mergekit' }).diagnostics.map(
    (d) => `${lineOf(text, d)}:${d.severity}:${d.code}`,
  );

const TIES = `models:
  - model: mistralai/Mistral-7B-Instruct-v0.2
    parameters:
      density: 0.5
      weight: 0.5
  - model: BioMistral/BioMistral-7B
    parameters:
      density: 0.5
      weight: 0.5
merge_method: ties
base_model: mistralai/Mistral-7B-v0.1
parameters:
  normalize: false
  int8_mask: true
dtype: float16
`;

describe('mergekit: schema from the source', () => {
  it('is detected by merge_method', () =>
    assert.deepEqual(detectDialect(TIES), { dialect: 'mergekit', reason: 'content: `merge_method` key' }));
  it('reads every registered method with its parameters, defaults and base requirement', () => {
    const schema = dialectSchema('mergekit')?.schema;
    const methods = Object.keys((schema?.['x-mergeMethods'] ?? {}) as object);
    assert.deepEqual(methods, [
      'linear',
      'slerp',
      'nuslerp',
      'passthrough',
      'model_stock',
      'arcee_fusion',
      'karcher',
      'task_arithmetic',
      'ties',
      'dare_ties',
      'dare_linear',
      'breadcrumbs',
      'breadcrumbs_ties',
      'della',
      'della_linear',
      'multislerp',
      'nearswap',
      'sce',
    ]);
    const ties = mergeMethodInfo(schema, 'ties');
    assert.deepEqual(
      ties?.global.map((p) => [p.name, p.default]),
      [
        ['int8_mask', false],
        ['normalize', true],
        ['rescale', false],
        ['lambda', 1],
      ],
    );
    assert.deepEqual(
      ties?.perModel.map((p) => [p.name, p.required]),
      [
        ['weight', true],
        ['density', false],
      ],
    );
    assert.equal(ties?.requiresBase, true);
    assert.deepEqual(
      mergeMethodInfo(schema, 'breadcrumbs')?.perModel.map((p) => [p.name, p.default]),
      [
        ['weight', null],
        ['density', 1],
        ['gamma', 0.01],
      ],
    );
    assert.deepEqual(
      mergeMethodInfo(schema, 'della')?.perModel.map((p) => [p.name, p.default]),
      [
        ['weight', null],
        ['density', 1],
        ['epsilon', 0.15],
      ],
    );
    assert.equal(mergeMethodInfo(schema, 'linear')?.requiresBase, false);
    assert.deepEqual(
      mergeMethodInfo(schema, 'slerp')?.global.map((p) => [p.name, p.required]),
      [['t', true]],
    );
  });
  it('settings: scalars, gradients and conditional values', () => {
    assert.deepEqual(settingNumbers([{ filter: 'mlp', value: [0, 0.5] }, { value: 1 }]), [0, 0.5, 1]);
    assert.deepEqual(settingNumbers(0.3), [0.3]);
  });
});

describe('mergekit: rules', () => {
  it('a correct TIES merge has no findings', () => assert.deepEqual(codes(TIES), []));
  it('exactly one of models, slices, modules', () => {
    assert.deepEqual(codes('merge_method: linear\n'), ['1:error:merge-exactly-one-input']);
    assert.deepEqual(
      codes(
        'merge_method: linear\nmodels:\n  - model: a\n    parameters: {weight: 1}\nslices:\n  - sources:\n      - model: a\n        layer_range: [0, 2]\n',
      ),
      ['5:error:merge-exactly-one-input', '7:error:merge-missing-required-parameter'],
    );
  });
  it('tokenizer_source and tokenizer together', () => {
    assert.deepEqual(
      codes(
        'merge_method: linear\nmodels:\n  - model: a\n    parameters: {weight: 1}\ntokenizer_source: base\ntokenizer:\n  source: union\n',
      ),
      ['6:error:merge-tokenizer-both'],
    );
  });
  it('task-vector methods need a base model', () => {
    assert.deepEqual(codes(TIES.replace('base_model: mistralai/Mistral-7B-v0.1\n', '')), [
      '10:error:merge-needs-base-model',
    ]);
  });
  it('SLERP takes exactly two models, one of them the base', () => {
    const slerp =
      'merge_method: slerp\nbase_model: a\nparameters:\n  t: 0.5\nmodels:\n  - model: a\n  - model: b\n';
    assert.deepEqual(codes(slerp), []);
    assert.deepEqual(codes(`${slerp}  - model: c\n`), ['5:error:merge-slerp-two-models']);
    assert.deepEqual(codes(slerp.replace('base_model: a', 'base_model: z')), [
      '2:error:merge-slerp-two-models',
    ]);
    assert.deepEqual(codes(slerp.replace('parameters:\n  t: 0.5\n', '')), [
      '1:error:merge-missing-required-parameter',
    ]);
  });
  it('a weight is required on every model but the base, from the model, slice or global parameters', () => {
    // A real mistake: density/weight written beside `model:` instead of under `parameters:`.
    const text =
      'merge_method: ties\nbase_model: base\nmodels:\n  - model: a\n    density: 0.5\n    weight: 0.6\n  - model: base\n';
    assert.deepEqual(codes(text), [
      '4:error:merge-missing-required-parameter',
      '5:warning:unknown-key',
      '6:warning:unknown-key',
    ]);
    assert.deepEqual(
      codes(
        'merge_method: ties\nbase_model: base\nparameters:\n  weight: 1.0\nmodels:\n  - model: a\n  - model: base\n',
      ),
      [],
    );
  });
  it('a parameter the method does not read is ignored by mergekit: warning', () => {
    assert.deepEqual(
      codes(TIES.replace('  int8_mask: true\n', '  int8_mask: true\n  dare_pruning_rate: 0.2\n')),
      ['15:warning:merge-parameter-not-used'],
    );
    assert.deepEqual(
      codes(
        TIES.replace('merge_method: ties', 'merge_method: linear')
          .replace(/ {6}density: 0.5\n/g, '')
          .replace('base_model: mistralai/Mistral-7B-v0.1\n', '')
          .replace('  normalize: false\n  int8_mask: true\n', '  normalize: false\n  t: 0.3\n'),
      ),
      ['11:warning:merge-parameter-not-used'],
    );
  });
  it('density outside 0…1; DELLA density ± epsilon outside (0, 1)', () => {
    assert.deepEqual(
      codes(
        TIES.replace(
          'density: 0.5\n      weight: 0.5\n  - model: Bio',
          'density: 1.5\n      weight: 0.5\n  - model: Bio',
        ),
      ),
      ['4:warning:merge-density-range'],
    );
    const della = TIES.replace('merge_method: ties', 'merge_method: della');
    assert.deepEqual(codes(della), []);
    assert.deepEqual(codes(della.replace(/density: 0.5/g, 'density: 0.9')), ['2:error:merge-della-epsilon']);
    assert.deepEqual(
      codes(
        della
          .replace(/density: 0.5/g, 'density: 0.9')
          .replace('  int8_mask: true\n', '  int8_mask: true\n  epsilon: 0.05\n'),
      ),
      [],
    );
  });
  it('an unknown merge method is an error with the registered ones', () => {
    const [d] = validateText(TIES.replace('merge_method: ties', 'merge_method: tie'), {
      dialect: 'mergekit',
    }).diagnostics;
    assert.equal(d.severity, 'error');
    assert.match(d.message, /^"tie" is not a valid "merge_method"; expected one of: "linear", "slerp"/);
  });
});

describe('mergekit: real files (mergekit examples/)', () => {
  const dir = resolve('test/fixtures/mergekit');
  const files = readdirSync(dir).filter((f) => f.endsWith('.yml'));
  it('found them', () => assert.equal(files.length, 6));
  it('no findings on any', () => {
    const findings = files.flatMap((f) => {
      const text = readFileSync(join(dir, f), 'utf8');
      const r = validateText(text, { fileName: f });
      assert.equal(r.dialect, 'mergekit', f);
      return r.diagnostics.map((d) => `${f}:${lineOf(text, d)}:${d.code}`);
    });
    assert.deepEqual(findings, []);
  });
});
