// The Llama 3.2 Vision and Llama 4 catalog entries: each builds on transformers 4.57.6 and 5.12.1 with
// exactly the parameter total the Hugging Face Hub reports for the published safetensors (sources in
// src/core/models/catalog-vlm-llama.ts), and resolves by the names users type.
import { assertResolves, itMatchesHubTotals } from './catalogSupport';

describe('catalog: Llama 3.2 Vision and Llama 4', () => {
  itMatchesHubTotals({
    'meta-llama/Llama-3.2-11B-Vision-Instruct': 10_670_220_835,
    'meta-llama/Llama-4-Scout-17B-16E-Instruct': 108_641_793_536,
    'meta-llama/Llama-4-Maverick-17B-128E-Instruct': 401_583_781_376,
  });

  it('base repos and short names resolve to the entries', () => {
    assertResolves([
      ['meta-llama/Llama-3.2-11B-Vision', 'meta-llama/Llama-3.2-11B-Vision-Instruct'],
      ['llama-3.2-11b-vision', 'meta-llama/Llama-3.2-11B-Vision-Instruct'],
      ['meta-llama/Llama-4-Scout-17B-16E', 'meta-llama/Llama-4-Scout-17B-16E-Instruct'],
      ['llama-4-maverick', 'meta-llama/Llama-4-Maverick-17B-128E-Instruct'],
    ]);
  });
});
