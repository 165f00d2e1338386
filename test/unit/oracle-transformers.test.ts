// PEFT 0.20.0 on transformers 4.57.6 and 5.12.1 (test/data/oracle/transformers, copied from
// ../shared/oracle/transformers): every case exact for the transformers release it was counted on.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { estimateParameters } from '../../src/core/estimator';
import { oracleConfig } from '../support/oracle';

interface Case {
  id: string;
  model: Record<string, unknown> & { auto_class: string };
  peft: Record<string, unknown>;
  task_type: string | null;
  trainable: number;
  total: number;
  transformers_version: string;
}

const dir = resolve(__dirname, '../../..', 'test/data/oracle/transformers');
const files = readdirSync(dir)
  .filter((f) => /^cases-.*\.json$/.test(f))
  .sort();

describe('oracle: PEFT 0.20.0 on the transformers release of each case', () => {
  it('has both releases, 62 cases each', () => {
    assert.deepEqual(files, ['cases-4.57.6.json', 'cases-5.12.1.json']);
    for (const f of files)
      assert.equal((JSON.parse(readFileSync(resolve(dir, f), 'utf8')) as Case[]).length, 62);
  });
  for (const f of files) {
    const cases = JSON.parse(readFileSync(resolve(dir, f), 'utf8')) as Case[];
    describe(f, () => {
      for (const c of cases) {
        it(`${c.id} @ ${c.transformers_version}`, () => {
          const e = estimateParameters(oracleConfig(c.model), c.peft, {
            taskType: c.task_type,
            autoClass: c.model.auto_class,
            transformersVersion: c.transformers_version,
          });
          assert.deepEqual(
            { trainable: e.trainableParams, total: e.totalParams },
            { trainable: c.trainable, total: c.total },
          );
          assert.equal(e.transformers.version, c.transformers_version);
        });
      }
    });
  }
});
