// The module inventory against the PEFT oracle: every distinct (model, head, num_labels) must give
// exactly the oracle's base_total, and every module name PEFT touched must exist in the inventory.
import * as assert from 'node:assert/strict';
import {
  allModuleNames,
  buildInventory,
  ORACLE_VERIFIED,
  supportedModelTypes,
  type ModelInventory,
} from '../../src/core/estimator/inventory';
import { oracleConfig } from '../support/oracle';
import { readTestJson } from '../support/shared';

interface OracleCase {
  id: string;
  model: Record<string, unknown> & { name: string; model_type: string; auto_class: string };
  task_type: string | null;
  base_total: number;
  adapted_modules: Record<string, number>;
  modules_to_save_wrapped: Record<string, number>;
  trainable_breakdown: Record<string, number>;
}

const cases = readTestJson<OracleCase[]>('oracle/cases.json');

function inventoryOf(c: OracleCase): ModelInventory {
  return buildInventory(oracleConfig(c.model), {
    taskType: c.task_type,
    autoClass: c.model.auto_class,
    transformersVersion: '4.47.0.dev0',
  });
}

/** One representative case per distinct (model name, head, num_labels). */
function distinctModels(): OracleCase[] {
  const seen = new Map<string, OracleCase>();
  for (const c of cases) {
    const key = `${c.model.name}|${c.model.auto_class}|${c.model.num_labels ?? ''}`;
    if (!seen.has(key)) seen.set(key, c);
  }
  return [...seen.values()];
}

function namePatterns(inv: ModelInventory): Set<string> {
  return new Set(inv.modules.map((m) => m.name.replace(/\.\d+\./g, '.*.')));
}

const ADAPTER_SEGMENT =
  /\.(lora_|ia3_|ln_tuning_layers|modules_to_save|oft_|boft_|vera_|hra_|loha_|lokr_|fourierft_|vblora_|shira_|miss_|c3a_|adaption_|trainable_tokens_)/;

describe('inventory: base_total equals the PEFT oracle for every oracle model', () => {
  it('covers every model_type in the oracle (cases and models.json)', () => {
    const models: { model_type: string }[] = readTestJson<{ models: never[] }>('oracle/models.json').models;
    const types = new Set([...cases.map((c) => c.model.model_type), ...models.map((m) => m.model_type)]);
    const missing = [...types].filter((t) => !supportedModelTypes().includes(t));
    assert.deepEqual(missing, []);
    assert.equal(types.size, 21);
  });
  it('models.json full_ft_params agree too, for every oracle model entry', () => {
    const models: (Record<string, unknown> & {
      name: string;
      model_type: string;
      auto_class: string;
      full_ft_params: number;
    })[] = readTestJson<{ models: never[] }>('oracle/models.json').models;
    for (const m of models) {
      const inv = buildInventory(oracleConfig(m), { autoClass: m.auto_class });
      assert.equal(inv.baseParams, m.full_ft_params, m.name);
    }
  });
  for (const c of distinctModels()) {
    it(`${c.model.name} as ${c.model.auto_class}: ${c.base_total}`, () => {
      assert.equal(inventoryOf(c).baseParams, c.base_total);
    });
  }
});

describe('inventory: oracle-verified table', () => {
  it('lists exactly the (model_type, head) pairs the shared oracle holds, and those build without a caveat', () => {
    const seen: Record<string, Set<string>> = {};
    const models: OracleCase['model'][] = readTestJson<{ models: never[] }>('oracle/models.json').models;
    // The transformers 4.57.6 / 5.12.1 oracle (same cases on both releases) adds the newer model types.
    const newer: { model: OracleCase['model'] }[] = readTestJson('oracle/transformers/cases-5.12.1.json');
    const all = [...distinctModels().map((c) => c.model), ...models, ...newer.map((c) => c.model)];
    for (const m of all) {
      const inv = buildInventory(oracleConfig(m), { autoClass: m.auto_class });
      (seen[m.model_type] ??= new Set()).add(inv.head);
      assert.equal(inv.unverified, undefined, m.name);
    }
    const table = Object.fromEntries(Object.entries(ORACLE_VERIFIED).map(([k, v]) => [k, [...v].sort()]));
    assert.deepEqual(Object.fromEntries(Object.entries(seen).map(([k, v]) => [k, [...v].sort()])), table);
  });
});

describe('inventory: module names PEFT adapted or trained exist', () => {
  const byModel = new Map<string, OracleCase[]>();
  for (const c of cases)
    byModel.set(`${c.model.name}|${c.model.auto_class}`, [
      ...(byModel.get(`${c.model.name}|${c.model.auto_class}`) ?? []),
      c,
    ]);
  for (const [key, group] of byModel) {
    it(`${key}: adapted, saved and bias-trained modules are in the inventory`, () => {
      const inv = inventoryOf(group[0]);
      const patterns = namePatterns(inv);
      const allPatterns = new Set(
        allModuleNames(inv).map((n) => `${n}.`.replace(/\.\d+\./g, '.*.').slice(0, -1)),
      );
      const byName = new Map(inv.modules.map((m) => [m.name.replace(/\.\d+\./g, '.*.'), m]));
      for (const c of group) {
        for (const n of Object.keys(c.adapted_modules))
          assert.ok(patterns.has(n), `${c.id}: adapted ${n} missing`);
        for (const n of Object.keys(c.modules_to_save_wrapped)) {
          const bare = n.replace(/^base_model\./, '');
          assert.ok(
            [...allPatterns].some((p) => p === bare || p.endsWith(`.${bare}`)),
            `${c.id}: saved ${n} missing`,
          );
        }
        for (const k of Object.keys(c.trainable_breakdown)) {
          if (!k.startsWith('base_model.model.') || !k.endsWith('.bias') || ADAPTER_SEGMENT.test(k)) continue;
          const mod = k.slice('base_model.model.'.length, -'.bias'.length).replace(/\.base_layer$/, '');
          assert.ok((byName.get(mod)?.biasParams ?? 0) > 0, `${c.id}: bias of ${mod} missing`);
        }
      }
    });
  }
});
