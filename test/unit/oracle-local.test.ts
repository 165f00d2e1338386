// Our own oracle (scripts/oracle/peft_count.py): real PEFT 0.20.0 on real transformers classes built from
// published configs, counted on this machine for the model types ../shared/oracle does not cover. Every
// file in test/data/oracle/local (matrix/ aside: oracle-matrix.test.ts) is named <set>-<transformers version>.json; each case is exact for the
// release it was counted on, and a combination PEFT refused must be refused.
import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { buildInventory, LOCAL_ORACLE_VERIFIED } from '../../src/core/estimator/inventory';
import { assertMatchesPeft, oracleConfig, type LocalOracleAnswer } from '../support/oracle';
import { readTestJson, testData } from '../support/shared';

interface Case extends LocalOracleAnswer {
  id: string;
  model: Record<string, unknown> & { auto_class: string };
  peft_version: string;
  transformers_version: string;
}

const files = readdirSync(testData('oracle/local'))
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('oracle (local): PEFT on the transformers release of each case', () => {
  it('each file names the transformers release its cases were counted on', () => {
    assert.ok(files.length > 0);
    for (const f of files) {
      const cases = readTestJson<Case[]>(`oracle/local/${f}`);
      const versions = new Set(cases.map((c) => c.transformers_version));
      assert.deepEqual([...versions], [/-(\d+\.\d+\.\d+)\.json$/.exec(f)?.[1]], f);
      assert.deepEqual([...new Set(cases.map((c) => c.peft_version))], ['0.20.0'], f);
    }
  });
  for (const f of files) {
    const cases = readTestJson<Case[]>(`oracle/local/${f}`);
    describe(f, () => {
      for (const c of cases) {
        it(`${c.id} @ ${c.transformers_version}`, () =>
          assertMatchesPeft(c.model, c, c.transformers_version));
      }
    });
  }
});

describe('oracle (local): the table of locally checked model types', () => {
  it('lists exactly the (model_type, head) pairs of counted cases, each building without a caveat', () => {
    const seen = new Set<string>();
    for (const f of files) {
      for (const c of readTestJson<Case[]>(`oracle/local/${f}`)) {
        const type = c.model.model_type as string;
        if (c.error !== undefined || !LOCAL_ORACLE_VERIFIED[type]) continue;
        const inv = buildInventory(oracleConfig(c.model), {
          autoClass: c.model.auto_class,
          transformersVersion: c.transformers_version,
        });
        assert.equal(inv.unverified, undefined, `${f}: ${c.id}`);
        seen.add(`${type}:${inv.head}`);
      }
    }
    const table = Object.entries(LOCAL_ORACLE_VERIFIED).flatMap(([t, heads]) =>
      heads.map((h) => `${t}:${h}`),
    );
    assert.deepEqual([...seen].sort(), table.sort());
  });
});
