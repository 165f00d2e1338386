// Every case of the PEFT 0.20.0 oracle (test/data/oracle): trainable and total must equal what
// PeftModel.get_nb_trainable_parameters() returned, and every combination PEFT refused must throw.
import * as assert from 'node:assert/strict';
import { EstimateError, estimateParameters } from '../../src/core/estimator';
import { oracleConfig } from '../support/oracle';
import { readTestJson } from '../support/shared';

interface OracleModel extends Record<string, unknown> {
  name: string;
  auto_class: string;
}

interface OracleCase {
  id: string;
  model: OracleModel;
  peft: Record<string, unknown>;
  task_type: string | null;
  trainable: number;
  total: number;
  transformers_version: string;
}

interface OracleError {
  id: string;
  model: string;
  peft: Record<string, unknown>;
  task_type: string | null;
  error: string;
}

const read = <T>(file: string): T => readTestJson<T>(`oracle/${file}`);
const cases = read<OracleCase[]>('cases.json');
const errors = read<OracleError[]>('errors.json');
const models = read<{ models: OracleModel[] }>('models.json').models;

/** The oracle's transformers (main of December 2024) unless the case names another release. */
function run(
  model: OracleModel,
  peft: Record<string, unknown>,
  taskType: string | null,
  transformersVersion = '4.47.0.dev0',
) {
  return estimateParameters(oracleConfig(model), peft, {
    taskType,
    autoClass: model.auto_class,
    transformersVersion,
  });
}

describe('oracle: PEFT 0.20.0 trainable and total counts', () => {
  it('has the expected number of cases', () => {
    assert.equal(cases.length, 279);
  });
  for (const c of cases) {
    it(c.id, () => {
      const e = run(c.model, c.peft, c.task_type, c.transformers_version);
      assert.deepEqual(
        { trainable: e.trainableParams, total: e.totalParams },
        { trainable: c.trainable, total: c.total },
      );
    });
  }
});

describe('oracle: combinations PEFT refused', () => {
  it('has the expected number of error cases', () => {
    assert.equal(errors.length, 10);
  });
  /** torch 1.13 lacked kaiming_uniform_(generator=...): RandLoRA failed in that environment, PEFT 0.20 builds it on torch 2. */
  const torch113Only = (c: OracleError) =>
    c.error.includes("kaiming_uniform_() got an unexpected keyword argument 'generator'");
  for (const c of errors) {
    it(c.id, () => {
      const model = models.find((m) => m.name === c.model);
      assert.ok(model, `model ${c.model} is in models.json`);
      if (torch113Only(c)) assert.ok(run(model, c.peft, c.task_type).trainableParams > 0);
      else
        assert.throws(
          () => run(model, c.peft, c.task_type),
          (err: unknown) => err instanceof EstimateError && err.message.length > 20,
        );
    });
  }
});
