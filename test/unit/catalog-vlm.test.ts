// The catalog entries added for vision-language models and the dialects' example models: each builds,
// resolves by its short names, and reproduces the parameter total the Hugging Face Hub reports for the
// published safetensors (Gemma 3 totals as a public model registry script lists them from the Hub API).
import * as assert from 'node:assert/strict';
import { buildInventory } from '../../src/core/estimator/inventory';
import { notFoundMessage } from '../../src/core/models/resolve';
import { assertResolves, itMatchesHubTotals } from './catalogSupport';

const HUB_TOTALS: Record<string, number> = {
  'google/gemma-3-4b-it': 4_300_079_472,
  'google/gemma-3-12b-it': 12_187_325_040,
  'google/gemma-3-27b-it': 27_432_406_640,
  'Qwen/Qwen2-VL-7B-Instruct': 8_291_375_616,
  'Qwen/Qwen2.5-VL-7B-Instruct': 8_292_166_656,
  'llava-hf/llava-1.5-7b-hf': 7_063_427_072,
  'deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B': 1_777_088_000,
  'deepseek-ai/DeepSeek-R1-Distill-Qwen-7B': 7_615_616_512,
  'deepseek-ai/DeepSeek-R1-Distill-Qwen-14B': 14_770_033_664,
  'deepseek-ai/DeepSeek-R1-Distill-Qwen-32B': 32_763_876_352,
  'allenai/OLMo-2-1124-7B': 7_298_617_344,
};

describe('catalog: vision-language and distilled entries', () => {
  itMatchesHubTotals(HUB_TOTALS);

  it('short names resolve (gemma-3-12b, qwen2.5-vl-7b, llava-1.5-7b, deepseek-r1-distill-qwen-1.5b, olmo-2-7b)', () => {
    const pairs: [string, string][] = [
      ['gemma-3-12b', 'google/gemma-3-12b-it'],
      ['qwen2.5-vl-7b', 'Qwen/Qwen2.5-VL-7B-Instruct'],
      ['llava-1.5-7b', 'llava-hf/llava-1.5-7b-hf'],
      ['deepseek-r1-distill-qwen-1.5b', 'deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B'],
      ['olmo-2-7b', 'allenai/OLMo-2-1124-7B'],
    ];
    assertResolves(pairs);
  });
});

describe('models not in the catalog: never a bare refusal', () => {
  it('names the closest catalog model of the same family and the Hub setting (editor and CLI spelling)', () => {
    const m = notFoundMessage('Qwen/Qwen2-VL-2B-Instruct', false);
    assert.match(
      m,
      /did you mean 'Qwen\/Qwen2-VL-7B-Instruct' \(the closest catalog model of the same family\)/,
    );
    assert.match(
      m,
      /enable mlConfig\.huggingFace\.allowNetwork \(CLI: --allow-network\) to fetch it from the Hub/,
    );
  });
  it('a short name gets the Hub setting too; a vision model without a catalog VLM of its family gets its text model, said so', () => {
    const m = notFoundMessage('phi-3.5-vision-instruct', false);
    assert.match(
      m,
      /did you mean 'phi-3\.5-mini' \(the closest catalog model of its family is text-only: no vision tower\)/,
    );
    assert.match(m, /give its Hugging Face id \(org\/name\) with mlConfig\.huggingFace\.allowNetwork/);
  });
  it('an unmodelled model_type names the nearest catalog model_type', () => {
    assert.throws(
      () => buildInventory({ model_type: 'qwen3_omni_moe' }),
      /model_type "qwen3_omni_moe" is not supported yet; the closest catalog model is Qwen\/Qwen3-VL-30B-A3B-Instruct \(model_type "qwen3_vl_moe"\)/,
    );
  });
});
