// The Code Llama entries (src/core/models/catalog-codellama.ts): each builds the total a Llama
// decoder of its published shape has, derived by hand, and resolves by the names Axolotl's examples use.
import * as assert from 'node:assert/strict';
import { buildInventory } from '../../src/core/estimator/inventory';
import { findCatalogModel } from '../../src/core/models/catalog';
import { assertResolves } from './catalogSupport';

/**
 * Untied Llama: embed + lm_head (2·V·h), per layer q and o (2·h²), k and v (2·h·kv), gate/up/down
 * (3·h·ff) and two RMSNorms (2·h), plus the final norm (h).
 */
function llamaTotal(V: number, h: number, ff: number, L: number, kv: number): number {
  return 2 * V * h + L * (2 * h * h + 2 * h * kv + 3 * h * ff + 2 * h) + h;
}

describe('catalog: Code Llama', () => {
  const cases: [string, number, number][] = [
    ['codellama/CodeLlama-7b-hf', llamaTotal(32016, 4096, 11008, 32, 4096), 6_738_546_688],
    ['codellama/CodeLlama-13b-hf', llamaTotal(32016, 5120, 13824, 40, 5120), 13_016_028_160],
    ['codellama/CodeLlama-34b-hf', llamaTotal(32016, 8192, 22016, 48, 1024), 33_744_232_448],
  ];
  for (const [id, derived, written] of cases)
    it(`${id}: ${written.toLocaleString('en-US')} parameters on transformers 4.57.6 and 5.12.1`, () => {
      assert.equal(derived, written);
      const entry = findCatalogModel(id);
      assert.ok(entry, id);
      for (const v of ['4.57.6', '5.12.1'])
        assert.equal(buildInventory(entry.config, { transformersVersion: v }).baseParams, written, v);
    });

  it('the names in the examples resolve', () => {
    assertResolves([
      ['codellama/CodeLlama-13b-hf', 'codellama/CodeLlama-13b-hf'],
      ['codellama-7b', 'codellama/CodeLlama-7b-hf'],
      ['CodeLlama-34b-hf', 'codellama/CodeLlama-34b-hf'],
    ]);
  });
});
