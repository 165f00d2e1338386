// Catalog entries added for the models users ask for: totals checked against numbers read outside the
// config (a checkpoint's byte count) or worked out by hand from the published shapes.
import * as assert from 'node:assert/strict';
import { estimateParameters } from '../../src/core/estimator';
import { findCatalogModel, suggestCatalogName } from '../../src/core/models/catalog';

const full = (id: string) => {
  const entry = findCatalogModel(id);
  assert.ok(entry, `${id} is in the catalog`);
  return estimateParameters(entry.config, { peft_type: 'FULL' }, { taskType: 'CAUSAL_LM' }).totalParams;
};

describe('catalog: OLMo-2 13B and Mistral-Nemo', () => {
  it('OLMo-2-1124-13B: 13,716,198,400 = its float32 checkpoint (model.safetensors.index.json total_size 54,864,793,600 bytes) / 4', () => {
    assert.equal(full('allenai/OLMo-2-1124-13B'), 54864793600 / 4);
    assert.equal(full('olmo-2-13b-instruct'), 54864793600 / 4);
  });
  it('Mistral-Nemo-Base-2407: 12,247,782,400 (untied 131072 x 5120 embeddings, 40 layers of GQA 32/8 x 128 + SwiGLU 14336)', () => {
    const layer = 5120 * 4096 * 2 + 5120 * 1024 * 2 + 3 * 5120 * 14336 + 2 * 5120;
    assert.equal(full('mistral-nemo'), 2 * 131072 * 5120 + 40 * layer + 5120);
  });
  it('a model of a known family that is not in the catalog gets the closest catalog name', () => {
    assert.match(suggestCatalogName('allenai/OLMo-2-0325-32B'), /OLMo-2-1124-13B/);
  });
});

describe('catalog: DeepSeek-V3 and R1 (FP8 checkpoints)', () => {
  it('DeepSeek-V3: 671,026,404,352 = the PEFT oracle base_total; DeepSeek names 671B main-model weights (685B on the Hub with the 14B MTP module transformers does not build)', () => {
    assert.equal(full('deepseek-ai/DeepSeek-V3'), 671026404352);
    assert.equal(full('deepseek-r1'), 671026404352);
  });
  it('keeps the published FP8 block quantization in the config the model facts read', () => {
    assert.deepEqual(findCatalogModel('deepseek-ai/DeepSeek-R1')?.config.quantization_config, {
      activation_scheme: 'dynamic',
      fmt: 'e4m3',
      quant_method: 'fp8',
      weight_block_size: [128, 128],
    });
  });
});
