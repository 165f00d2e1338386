// The entries of src/core/models/catalog-more.ts and its variants: each builds the base total real PEFT
// 0.20.0 counted for it on transformers 4.57.6 and 5.17.0 (test/data/oracle/local/catalog-more-*.json,
// `base_total`), and the names the frameworks' example configs use resolve to it; names the catalog
// cannot hold get the closest model of their family.
import * as assert from 'node:assert/strict';
import { estimateParameters } from '../../src/core/estimator';
import { closestCatalogModel, findCatalogModel, matchCatalogModel } from '../../src/core/models/catalog';
import { notFoundMessage } from '../../src/core/models/resolve';
import { assertResolves, itMatchesHubTotals } from './catalogSupport';

describe('catalog: models the corpus fine-tunes (catalog-more)', () => {
  // base_total of the cases in catalog-more-*.json, smollm3-*.json and pythia-1.4b-*.json (equal on both releases).
  itMatchesHubTotals({
    'Qwen/Qwen2.5-72B': 72_706_203_648,
    'Qwen/Qwen2-1.5B-Instruct': 1_543_714_304,
    'mistralai/Mixtral-8x22B-v0.1': 140_620_634_112,
    'mistralai/Ministral-8B-Instruct-2410': 8_019_808_256,
    'huggyllama/llama-7b': 6_738_415_616,
    'bigcode/starcoder2-3b': 3_030_371_328,
    'google/gemma-3-270m': 268_098_176,
    'HuggingFaceTB/SmolLM3-3B': 3_075_098_624,
    // Also the total in the Pythia model card's table.
    'EleutherAI/pythia-1.4b': 1_414_647_808,
  });

  it('smollm3 is refused before transformers 4.53.0, the first release with it, and counted from it on', () => {
    const smol = findCatalogModel('HuggingFaceTB/SmolLM3-3B')!.config;
    const lora = { peft_type: 'LORA', r: 16, target_modules: 'all-linear' };
    assert.throws(
      () => estimateParameters(smol, lora, { transformersVersion: '4.52.4' }),
      /model_type "smollm3" first appeared in transformers 4\.53\.0 .*; transformers 4\.52\.4 has no such model/,
    );
    // smollm3-4.57.6.json: lora_r16_all_linear trains 30,228,480 of 3,105,327,104.
    const e = estimateParameters(smol, lora, { transformersVersion: '4.53.0' });
    assert.deepEqual([e.trainableParams, e.totalParams], [30_228_480, 3_105_327_104]);
  });

  it('the names in the example configs resolve', () => {
    assertResolves([
      ['Qwen/Qwen2.5-72B', 'Qwen/Qwen2.5-72B'],
      ['Qwen/Qwen2-1.5B-Instruct', 'Qwen/Qwen2-1.5B-Instruct'],
      ['mistral-community/Mixtral-8x22B-v0.1', 'mistralai/Mixtral-8x22B-v0.1'],
      ['mistralai/Ministral-8B-Instruct-2410', 'mistralai/Ministral-8B-Instruct-2410'],
      ['huggyllama/llama-7b', 'huggyllama/llama-7b'],
      ['bigcode/starcoder2-3b', 'bigcode/starcoder2-3b'],
      ['HuggingFaceTB/SmolLM3-3B', 'HuggingFaceTB/SmolLM3-3B'],
      ['EleutherAI/pythia-1.4b-deduped', 'EleutherAI/pythia-1.4b'],
      ['Qwen/Qwen2.5-Coder-7B-Instruct', 'Qwen/Qwen2.5-7B'],
      ['Qwen/Qwen2.5-Coder-32B-Instruct', 'Qwen/Qwen2.5-32B'],
      ['Qwen/Qwen2.5-Math-7B', 'Qwen/Qwen2.5-7B'],
    ]);
  });

  it('a variant says which fields differ from its base', () => {
    const m = matchCatalogModel('Qwen/Qwen2.5-72B-Instruct');
    assert.equal(m?.entry.id, 'Qwen/Qwen2.5-72B');
    assert.equal(
      m?.note,
      'Qwen/Qwen2.5-72B-Instruct has the architecture of Qwen/Qwen2.5-72B (differs only in max_position_embeddings 32768, max_window_layers 70, rms_norm_eps 1e-6); its config.json was checked against it',
    );
  });

  it('a release without a citable config.json names the closest model of its family', () => {
    const cases: [string, string][] = [['HuggingFaceH4/starchat2-15b-sft-v0.1', 'bigcode/starcoder2-3b']];
    for (const [ref, closest] of cases)
      assert.deepEqual(closestCatalogModel(ref), { name: closest, sameFamily: true, textOnly: false }, ref);
    assert.equal(
      notFoundMessage('HuggingFaceH4/starchat2-15b-sft-v0.1', false),
      "unknown model 'HuggingFaceH4/starchat2-15b-sft-v0.1': not a config.json path, not in the catalog (did you mean 'bigcode/starcoder2-3b' (the closest catalog model of the same family)?), not in the local Hugging Face cache; enable mlConfig.huggingFace.allowNetwork (CLI: --allow-network) to fetch it from the Hub",
    );
  });
});
