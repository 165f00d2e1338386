import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { estimateMerge, layerParams } from '../../src/core/merge/estimate';
import { buildInventory } from '../../src/core/estimator/inventory';
import { matchCatalogModel } from '../../src/core/models/catalog';
import type { ResolvedModel } from '../../src/core/models/types';

// Catalog aliases for the example's fine-tunes (same Llama-2-13B architecture), so the test needs no Hub.
const ALIASES: Record<string, string> = {
  'psmathur/orca_mini_v3_13b': 'meta-llama/Llama-2-13b-hf',
  'garage-bAInd/Platypus2-13B': 'meta-llama/Llama-2-13b-hf',
};
const resolve = (ref: string): ResolvedModel | undefined => {
  const m = matchCatalogModel(ALIASES[ref] ?? ref);
  return m ? { config: m.entry.config, kind: 'catalog', location: m.entry.id, entry: m.entry } : undefined;
};

// Llama-2-13B by hand: hidden 5120, MLP 13824, 40 layers, vocabulary 32000, untied head.
const LAYER_13B = 4 * 5120 * 5120 + 3 * 5120 * 13824 + 2 * 5120; // q,k,v,o + gate,up,down + 2 RMSNorms = 317,204,480
const OUTSIDE_13B = 2 * 32000 * 5120 + 5120; // embed_tokens + lm_head + final norm = 327,685,120

describe('merge estimates', () => {
  it('per-layer and outside-layer parameters of Llama-2-13B add up to its total', () => {
    const inv = buildInventory(resolve('meta-llama/Llama-2-13b-hf')?.config as Record<string, unknown>, {
      taskType: 'CAUSAL_LM',
    });
    const { perLayer, outside } = layerParams(inv);
    assert.equal(perLayer.length, 40);
    assert.ok(perLayer.every((p) => p === LAYER_13B));
    assert.equal(outside, OUTSIDE_13B);
    assert.equal(inv.baseParams, 13_015_864_320);
  });

  it("mergekit's 44-layer passthrough stack of two Llama-2-13B models: layers 0-23 + 20-39", () => {
    const cfg = parse(readFileSync('test/fixtures/mergekit/orcamini-platy-44layer.yml', 'utf8')) as Record<
      string,
      unknown
    >;
    const e = estimateMerge(cfg, resolve);
    assert.equal(e.outputLayers, 44);
    assert.equal(e.outputParams, OUTSIDE_13B + 44 * LAYER_13B);
    assert.equal(e.outputParams, 14_284_682_240);
    assert.equal(e.outputBytes, 14_284_682_240 * 2);
    assert.equal(e.outputDtype, 'float16');
    assert.equal(
      e.formula,
      '44 layers = 24 (psmathur/orca_mini_v3_13b 0–23) + 20 (garage-bAInd/Platypus2-13B 20–39); 14,284,682,240 parameters with the embeddings, final norm and head',
    );
    assert.deepEqual(e.shapeMismatches, []);
  });

  it('a tensor-by-tensor merge keeps the base architecture; Llama-2-7B with Mistral-7B is refused by shape', () => {
    const ok = estimateMerge(
      {
        merge_method: 'linear',
        models: [{ model: 'meta-llama/Llama-2-13b-hf' }, { model: 'meta-llama/Llama-2-13b-chat-hf' }],
        dtype: 'bfloat16',
      },
      resolve,
    );
    assert.equal(ok.outputParams, 13_015_864_320);
    assert.equal(ok.outputBytes, 13_015_864_320 * 2);
    const bad = estimateMerge(
      {
        merge_method: 'linear',
        models: [{ model: 'meta-llama/Llama-2-7b-hf' }, { model: 'mistralai/Mistral-7B-v0.1' }],
      },
      resolve,
    );
    assert.deepEqual(bad.shapeMismatches, [
      'mistralai/Mistral-7B-v0.1 (mistral: hidden 4096, 32 layers, 32 heads, 8 KV heads, vocabulary 32000) differs from meta-llama/Llama-2-7b-hf (llama: hidden 4096, 32 layers, 32 heads, 32 KV heads, vocabulary 32000)',
    ]);
  });

  it('a layer_range past the model and an unknown model are problems, not wrong numbers', () => {
    const past = estimateMerge(
      {
        merge_method: 'passthrough',
        slices: [{ sources: [{ model: 'meta-llama/Llama-2-13b-hf', layer_range: [30, 48] }] }],
      },
      resolve,
    );
    assert.equal(past.outputParams, undefined);
    assert.deepEqual(past.problems, [
      "slice 0: layer_range [30, 48] is outside meta-llama/Llama-2-13b-hf's 40 layers",
    ]);
    const unknown = estimateMerge(
      { merge_method: 'linear', models: [{ model: 'someone/unknown-7b' }] },
      resolve,
    );
    assert.deepEqual(unknown.problems, ['no model of the merge could be resolved, so no counts']);
    assert.equal(
      unknown.inputs[0].problem,
      "'someone/unknown-7b' is not in the catalog, the workspace or the local Hugging Face cache",
    );
  });
});
