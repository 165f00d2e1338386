// The palette commands' model questions, answered in the analysis worker (src/vscode/worker/queries.ts):
// "Show Model Architecture" gets its module table and "Estimate Trainable Parameters" its count from
// the worker, so neither builds a module tree or matches target patterns on the extension host thread.
import * as assert from 'node:assert/strict';
import { answerQuery } from '../../src/vscode/worker/queries';
import type { ModelSettings } from '../../src/vscode/worker/protocol';
import { notFoundMessage } from '../../src/core/models/resolve';
import { buildInventory } from '../../src/core/estimator/inventory';
import { findCatalogModel } from '../../src/core/models/catalog';
import { defaultInputs } from '../../src/core/panel/inputs';

const MODELS: ModelSettings = {
  cwd: '/nonexistent',
  homeDir: '/nonexistent',
  env: {},
  allowNetwork: false,
  known: {},
  roots: [],
};
const LLAMA = 'meta-llama/Llama-3.2-1B';

describe('palette command queries in the worker', () => {
  it('architecture: one row per repeated module, the targeted rows counted', () => {
    const a = answerQuery({
      kind: 'query',
      id: 1,
      what: 'architecture',
      model: LLAMA,
      targets: ['q_proj', 'v_proj'],
      taskType: null,
      models: MODELS,
    });
    assert.equal(a.what, 'architecture');
    if (a.what !== 'architecture' || !a.table) throw new Error(`no table: ${JSON.stringify(a)}`);
    const inventory = buildInventory(findCatalogModel(LLAMA)!.config, {});
    assert.equal(a.table.baseParams, inventory.baseParams);
    const q = a.table.rows.find((r) => r.pattern === 'model.layers.*.self_attn.q_proj');
    assert.deepEqual(q && [q.count, q.targeted, q.inFeatures, q.outFeatures], [16, 16, 2048, 2048]);
    const targeted = a.table.rows.filter((r) => r.targeted > 0).map((r) => r.pattern);
    assert.deepEqual(targeted, ['model.layers.*.self_attn.q_proj', 'model.layers.*.self_attn.v_proj']);
  });

  it('estimate: the count for a chosen method, labelled with the catalog id', () => {
    const a = answerQuery({
      kind: 'query',
      id: 2,
      what: 'estimate',
      model: LLAMA,
      peft: { peft_type: 'LORA', r: 16, lora_alpha: 32, target_modules: 'all-linear' },
      taskType: 'CAUSAL_LM',
      models: MODELS,
    });
    assert.deepEqual(
      a.what === 'estimate' && [a.estimate?.label, a.estimate?.method, a.estimate?.trainableParams],
      [LLAMA, 'LORA', 11_272_192],
    );
  });

  it('an unknown model is an error answer in the resolver’s words, never a throw', () => {
    for (const what of ['architecture', 'estimate'] as const) {
      const a = answerQuery({
        kind: 'query',
        id: 3,
        what,
        model: 'nobody/nothing-7b',
        taskType: null,
        models: MODELS,
        ...(what === 'estimate' ? { peft: { peft_type: 'LORA', r: 8 } } : {}),
      } as Parameters<typeof answerQuery>[0]);
      assert.deepEqual(a, { what, error: notFoundMessage('nobody/nothing-7b', false) });
    }
  });

  it('the panel names an unknown model in the resolver’s words too, with the Hub setting', () => {
    const inputs = { ...defaultInputs(), modelRef: 'nobody/nothing-7b' };
    const a = answerQuery({ kind: 'query', id: 4, what: 'panel', inputs, models: MODELS });
    assert.deepEqual(a.what === 'panel' && a.model.problems, [notFoundMessage('nobody/nothing-7b', false)]);
  });
});
