// The PEFT matrix of our own oracle (scripts/oracle/matrix.mjs): the 21 models of ../shared/oracle/transformers
// crossed with 28 PEFT methods, counted by real PEFT 0.20.0 on each transformers release. One file per
// release, test/data/oracle/local/matrix/<release>.json, holds each model config once and the cases naming
// it; every case is exact (trainable and total) or, where PEFT refused, refused by the estimator.
import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { assertMatchesPeft, type LocalOracleAnswer } from '../support/oracle';
import { readTestJson, testData } from '../support/shared';

interface MatrixCase extends LocalOracleAnswer {
  id: string;
  model: string;
}

interface Matrix {
  transformers_version: string;
  peft_version: string;
  models: Record<string, Record<string, unknown> & { auto_class: string }>;
  cases: MatrixCase[];
}

const releases = readdirSync(testData('oracle/local/matrix'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -'.json'.length))
  .sort();

describe('oracle (local matrix): shared-oracle models × PEFT methods, per transformers release', () => {
  it('has one file per release, each counted by PEFT 0.20.0 on the release it is named for', () => {
    assert.deepEqual(releases, ['4.57.6', '5.17.0']);
    for (const r of releases) {
      const m = readTestJson<Matrix>(`oracle/local/matrix/${r}.json`);
      assert.deepEqual([m.transformers_version, m.peft_version], [r, '0.20.0']);
      const unknown = m.cases.filter((c) => !m.models[c.model] || !c.id.startsWith(`${c.model}__`));
      assert.deepEqual(unknown, [], r);
      assert.equal(new Set(m.cases.map((c) => c.id)).size, m.cases.length, `${r}: ids are unique`);
    }
  });
  for (const r of releases) {
    const m = readTestJson<Matrix>(`oracle/local/matrix/${r}.json`);
    describe(r, () => {
      for (const c of m.cases) it(`${c.id} @ ${r}`, () => assertMatchesPeft(m.models[c.model], c, r));
    });
  }
});
