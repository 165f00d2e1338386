// formulas.md 4.2 test vectors (Llama-2-7B and Llama-3-8B with GQA), all trainable counts.
import * as assert from 'node:assert/strict';
import { estimateParameters } from '../../src/core/estimator';
import { readTestJson } from '../support/shared';

const models: Record<string, unknown>[] = readTestJson<{ models: Record<string, unknown>[] }>(
  'oracle/models.json',
).models;

function trainable(name: string, peft: Record<string, unknown>): number {
  const m = models.find((x) => x.name === name);
  if (!m) throw new Error(`no oracle model ${name}`);
  const { name: _n, hf_reference: _h, auto_class: autoClass, resolved_config: _r, ...cfg } = m;
  return estimateParameters(cfg, peft, { autoClass: autoClass as string, taskType: 'CAUSAL_LM' })
    .trainableParams;
}

const QV = ['q_proj', 'v_proj'];
const ALL = ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj'];

/** [config, Llama-2-7B, Llama-3-8B] exactly as formulas.md 4.2 lists them. */
const VECTORS: [Record<string, unknown>, number, number][] = [
  [{ peft_type: 'LORA', r: 8, target_modules: QV }, 4_194_304, 3_407_872],
  [{ peft_type: 'LORA', r: 8, target_modules: 'all-linear' }, 19_988_480, 20_971_520],
  [{ peft_type: 'LORA', r: 16, target_modules: 'all-linear' }, 39_976_960, 41_943_040],
  [{ peft_type: 'LORA', r: 64, target_modules: 'all-linear' }, 159_907_840, 167_772_160],
  [{ peft_type: 'LORA', r: 8, target_modules: QV, use_dora: true }, 4_456_448, 3_571_712],
  [{ peft_type: 'LORA', r: 8, target_modules: 'all-linear', use_dora: true }, 21_348_352, 22_347_776],
  [{ peft_type: 'ADALORA', target_modules: QV, total_step: 1000 }, 6_292_224, 5_112_576],
  [{ peft_type: 'IA3' }, 614_400, 524_288],
  [{ peft_type: 'LOHA', target_modules: QV }, 8_388_608, 6_815_744],
  [{ peft_type: 'LOHA', target_modules: ALL }, 39_976_960, 41_943_040],
  [{ peft_type: 'LOKR', target_modules: QV }, 327_680, 253_952],
  [{ peft_type: 'LOKR', target_modules: ALL }, 1_331_200, 1_343_488],
  [{ peft_type: 'VERA', target_modules: QV }, 278_528, 180_224],
  [{ peft_type: 'OFT', target_modules: QV }, 4_063_232, 4_063_232],
  [{ peft_type: 'OFT', target_modules: ALL }, 17_649_664, 19_300_352],
  [{ peft_type: 'BOFT', target_modules: QV }, 1_310_720, 1_212_416],
  [{ peft_type: 'PROMPT_TUNING', num_virtual_tokens: 20 }, 81_920, 81_920],
  [{ peft_type: 'PREFIX_TUNING', num_virtual_tokens: 20 }, 5_242_880, 1_310_720],
  [
    { peft_type: 'PREFIX_TUNING', num_virtual_tokens: 20, prefix_projection: true },
    1_090_867_200,
    68_244_480,
  ],
  [
    { peft_type: 'PREFIX_TUNING', num_virtual_tokens: 20, prefix_projection: true, encoder_hidden_size: 512 },
    136_659_456,
    34_165_248,
  ],
  [{ peft_type: 'P_TUNING', num_virtual_tokens: 20 }, 50_425_856, 50_425_856],
  [{ peft_type: 'P_TUNING', num_virtual_tokens: 20, encoder_hidden_size: 128 }, 1_151_232, 1_151_232],
  [
    { peft_type: 'P_TUNING', num_virtual_tokens: 20, encoder_reparameterization_type: 'LSTM' },
    771_977_216,
    771_977_216,
  ],
];

describe('estimator formulas.md 4.2 vectors', () => {
  for (const [peft, llama2, llama3] of VECTORS) {
    it(`${JSON.stringify(peft)}: ${llama2} / ${llama3}`, () => {
      assert.equal(trainable('llama-2-7b', peft), llama2);
      assert.equal(trainable('llama-3-8b', peft), llama3);
    });
  }
});
