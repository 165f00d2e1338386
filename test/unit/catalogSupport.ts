// Shared check for catalog entries pinned to the parameter total the Hugging Face Hub reports.
import * as assert from 'node:assert/strict';
import { buildInventory } from '../../src/core/estimator/inventory';
import { findCatalogModel } from '../../src/core/models/catalog';

/** One test per entry: the catalog config builds exactly `total` parameters on 4.57.6 and 5.12.1. */
export function itMatchesHubTotals(totals: Record<string, number>): void {
  for (const [id, total] of Object.entries(totals)) {
    it(`${id} = ${total.toLocaleString('en-US')} params on transformers 4.57.6 and 5.12.1`, () => {
      const entry = findCatalogModel(id);
      assert.ok(entry, id);
      for (const v of ['4.57.6', '5.12.1'])
        assert.equal(buildInventory(entry.config, { transformersVersion: v }).baseParams, total, v);
    });
  }
}

/** Each [name, id]: the name resolves to the catalog entry with that id. */
export function assertResolves(pairs: [string, string][]): void {
  for (const [name, id] of pairs) assert.equal(findCatalogModel(name)?.id, id, name);
}
