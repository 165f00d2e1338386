// Our own oracle (scripts/oracle/peft_count.py): real PEFT 0.20.0 on real transformers classes built from
// published configs, counted on this machine for the model types ../shared/oracle does not cover. Every
// file in test/data/oracle/local is named <set>-<transformers version>.json; each case is exact for the
// release it was counted on, and a combination PEFT refused must be refused.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { estimateParameters } from '../../src/core/estimator';
import { REPO_ROOT } from '../support/shared';

interface Case {
  id: string;
  model: Record<string, unknown> & { auto_class: string };
  peft: Record<string, unknown>;
  task_type: string | null;
  trainable?: number;
  total?: number;
  error?: string;
  peft_version: string;
  transformers_version: string;
}

const BOOKKEEPING = new Set([
  'name',
  'hf_reference',
  'source',
  'auto_class',
  'model_class',
  'resolved_config',
]);
const dir = resolve(REPO_ROOT, 'test/data/oracle/local');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();

/** The config.json fields the oracle set, without its bookkeeping fields. */
function configOf(model: Case['model']): Record<string, unknown> {
  return Object.fromEntries(Object.entries(model).filter(([k]) => !BOOKKEEPING.has(k)));
}

function estimate(c: Case) {
  return estimateParameters(configOf(c.model), c.peft, {
    taskType: c.task_type,
    autoClass: c.model.auto_class,
    transformersVersion: c.transformers_version,
  });
}

describe('oracle (local): PEFT on the transformers release of each case', () => {
  it('each file names the transformers release its cases were counted on', () => {
    assert.ok(files.length > 0);
    for (const f of files) {
      const cases = JSON.parse(readFileSync(resolve(dir, f), 'utf8')) as Case[];
      const versions = new Set(cases.map((c) => c.transformers_version));
      assert.deepEqual([...versions], [/-(\d+\.\d+\.\d+)\.json$/.exec(f)?.[1]], f);
      assert.deepEqual([...new Set(cases.map((c) => c.peft_version))], ['0.20.0'], f);
    }
  });
  for (const f of files) {
    const cases = JSON.parse(readFileSync(resolve(dir, f), 'utf8')) as Case[];
    describe(f, () => {
      for (const c of cases) {
        it(`${c.id} @ ${c.transformers_version}`, () => {
          if (c.error !== undefined) {
            assert.throws(() => estimate(c), Error, `PEFT refused: ${c.error}`);
            return;
          }
          const e = estimate(c);
          assert.deepEqual(
            { trainable: e.trainableParams, total: e.totalParams },
            { trainable: c.trainable, total: c.total },
          );
        });
      }
    });
  }
});
