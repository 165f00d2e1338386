// Axolotl 067b021 on vision-language models: lora_target_linear's leaf names (loaders/adapter.py:54-71,
// 174-182), regex lora_target_modules as the examples write them, and freeze_mm_modules (utils/freeze.py).
// Every expected count is derived by hand below from the published shapes, LoRA r = 16: r * (in + out),
// and the PEFT part of each is checked against the local oracle (test/data/oracle/local/vlm-axolotl-*).
import * as assert from 'node:assert/strict';
import { mapDialectConfig } from '../../src/core/dialects';
import { buildEstimateReport } from '../../src/core/estimator-input/report';
import { findCatalogModel } from '../../src/core/models/catalog';
import {
  axolotlLinearLeaves,
  AXOLOTL_MM_MODULE_PREFIXES,
} from '../../src/core/estimator-input/axolotl-linear';
import { readTestJson } from '../support/shared';

const lora = (i: number, o: number): number => 16 * (i + o);
const EXAMPLE_REGEX =
  'model.language_model.layers.[\\d]+.(mlp|cross_attn|self_attn).(up|down|gate|q|k|v|o)_proj';

function report(id: string, yaml: Record<string, unknown>, transformersVersion?: string) {
  const entry = findCatalogModel(id);
  assert.ok(entry, `${id} is in the catalog`);
  const model = { config: entry.config, kind: 'catalog' as const, location: id };
  const input = mapDialectConfig(
    { base_model: id, adapter: 'lora', lora_r: 16, lora_alpha: 32, ...yaml },
    'axolotl',
  );
  return buildEstimateReport(input, model, { transformersVersion });
}

/** Llama-2-7B-shaped decoder (LLaVA-1.5's language model): 32 layers, 4096 wide, MLP 11008, MHA. */
const LLAVA_TEXT = 32 * (4 * lora(4096, 4096) + 3 * lora(4096, 11008)); // 39,976,960
/** CLIP ViT-L/14-336 tower: 24 layers of q/k/v/out 1024->1024, fc1 1024->4096, fc2 4096->1024. */
const LLAVA_TOWER = 24 * (4 * lora(1024, 1024) + lora(1024, 4096) + lora(4096, 1024)); // 7,077,888
/** Projector linear_1 1024->4096, linear_2 4096->4096. */
const LLAVA_PROJECTOR = lora(1024, 4096) + lora(4096, 4096); // 212,992

describe('Axolotl lora_target_linear on vision-language models (leaf names, PEFT suffix match)', () => {
  it('a regex lora_target_modules stays a regex (the VLM examples), not a one-name list', () => {
    const m = mapDialectConfig({ adapter: 'lora', lora_target_modules: EXAMPLE_REGEX }, 'axolotl');
    assert.equal(m.peft.target_modules, EXAMPLE_REGEX);
  });

  it('LLaVA-1.5-7B: leaves reach tower, projector and language model (no lm_head)', () => {
    const r = report('llava-hf/llava-1.5-7b-hf', { lora_target_linear: true });
    assert.equal(LLAVA_TEXT, 39_976_960);
    assert.equal(r.params.trainableParams, LLAVA_TEXT + LLAVA_TOWER + LLAVA_PROJECTOR); // 47,267,840
    assert.equal(r.params.adaptedModules, 32 * 7 + 24 * 6 + 2);
  });

  it('with lora_target_linear a regex string is one more list entry (adapter.py:177-182), no longer a regex', () => {
    const r = report('llava-hf/llava-1.5-7b-hf', {
      lora_target_linear: true,
      lora_target_modules: EXAMPLE_REGEX,
    });
    assert.ok(r.params.targetMatches.some((m) => m.entry === EXAMPLE_REGEX && m.matched === 0));
    assert.equal(r.params.trainableParams, LLAVA_TEXT + LLAVA_TOWER + LLAVA_PROJECTOR);
  });

  it('freeze_mm_modules keeps those LoRA layers in the total but stops them training', () => {
    const plain = report('llava-hf/llava-1.5-7b-hf', { lora_target_linear: true });
    const r = report('llava-hf/llava-1.5-7b-hf', { lora_target_linear: true, freeze_mm_modules: true });
    assert.equal(r.params.trainableParams, LLAVA_TEXT);
    assert.equal(r.params.totalParams, plain.params.totalParams);
    assert.ok(r.notes.some((n) => /freeze_mm_modules: true freezes/.test(n)));
  });

  it("SmolVLM2-500M: freeze_mm_modules leaves the connector training ('connector' is not in the list)", () => {
    // Text: 32 layers, 960 wide, MLP 2560, 15 heads / 5 kv heads of 64 (k, v 960->320).
    const text = 32 * (2 * lora(960, 960) + 2 * lora(960, 320) + 2 * lora(960, 2560) + lora(2560, 960));
    // Connector proj: 768 * scale_factor^2 (4^2) = 12288 -> 960.
    const connector = lora(12288, 960);
    // Vision: 12 layers of q/k/v/out 768->768, fc1 768->3072, fc2 3072->768.
    const vision = 12 * (4 * lora(768, 768) + lora(768, 3072) + lora(3072, 768));
    const id = 'HuggingFaceTB/SmolVLM2-500M-Video-Instruct';
    assert.equal(report(id, { lora_target_linear: true }).params.trainableParams, text + connector + vision);
    const frozen = report(id, { lora_target_linear: true, freeze_mm_modules: true });
    assert.equal(frozen.params.trainableParams, text + connector); // 8,895,488
    assert.equal(text + connector, 8_895_488);
  });

  it('SmolVLM2-500M full tuning with freeze_mm_modules: everything but model.vision_model trains', () => {
    const lin = (i: number, o: number): number => i * o + o;
    // patch conv 3*16*16 -> 768 with bias, 32*32 positions, 12 layers (4 attn + fc1 + fc2 + 2 LayerNorms), post LN.
    const layer = 4 * lin(768, 768) + lin(768, 3072) + lin(3072, 768) + 2 * 2 * 768;
    const vision = 3 * 16 * 16 * 768 + 768 + 1024 * 768 + 12 * layer + 2 * 768; // 86,433,024
    const r = report('HuggingFaceTB/SmolVLM2-500M-Video-Instruct', {
      adapter: undefined,
      freeze_mm_modules: true,
    });
    assert.equal(r.params.totalParams, 507_482_304);
    assert.equal(r.params.trainableParams, 507_482_304 - vision);
    assert.equal(vision, 86_433_024);
  });

  it('Qwen2-VL-7B: the merger leaves "0"/"2" also name decoder layers 0 and 2, which PEFT refuses', () => {
    const leaves = axolotlLinearLeaves(findCatalogModel('Qwen/Qwen2-VL-7B-Instruct')!.config);
    assert.deepEqual(leaves.sort(), [
      '0',
      '2',
      'down_proj',
      'fc1',
      'fc2',
      'gate_proj',
      'k_proj',
      'o_proj',
      'proj',
      'q_proj',
      'qkv',
      'up_proj',
      'v_proj',
    ]);
    assert.throws(
      () => report('Qwen/Qwen2-VL-7B-Instruct', { lora_target_linear: true }),
      /"model\.visual\.blocks\.0" is a container.*"0" -> model\.visual\.blocks\.0 \(a container\)/s,
    );
  });

  it("Qwen2-VL-7B with the example's regex: the language model only (transformers 5 names)", () => {
    // 28 layers, 3584 wide, MLP 18944, 28 heads / 4 kv heads of 128 (k, v 3584->512).
    const perLayer = 2 * lora(3584, 3584) + 2 * lora(3584, 512) + 2 * lora(3584, 18944) + lora(18944, 3584);
    const r = report('Qwen/Qwen2-VL-7B-Instruct', { lora_target_modules: EXAMPLE_REGEX }, '5.12.1');
    assert.equal(r.params.trainableParams, 28 * perLayer);
    assert.equal(28 * perLayer, 40_370_176);
    // transformers 4.47 names the decoder model.layers.N: the regex matches nothing and PEFT raises.
    assert.throws(
      () => report('Qwen/Qwen2-VL-7B-Instruct', { lora_target_modules: EXAMPLE_REGEX }, '4.47.0'),
      /not found in the base model/,
    );
  });

  it("Llama-3.2-11B-Vision with the example's regex: self- and cross-attention layers alike", () => {
    // 40 layers (8 of them cross-attention, same widths): 4096 wide, MLP 14336, 32 heads / 8 kv of 128.
    const perLayer = 2 * lora(4096, 4096) + 2 * lora(4096, 1024) + 3 * lora(4096, 14336);
    const r = report('meta-llama/Llama-3.2-11B-Vision-Instruct', { lora_target_modules: EXAMPLE_REGEX });
    assert.equal(r.params.trainableParams, 40 * perLayer);
    assert.equal(40 * perLayer, 52_428_800);
  });

  it("Llama 4 Scout: the shared expert's down_proj leaf never reaches the fused experts.down_proj tensor", () => {
    const r = report('meta-llama/Llama-4-Scout-17B-16E-Instruct', { lora_target_modules: ['down_proj'] });
    // 48 shared experts: down_proj 8192 -> 5120.
    assert.equal(r.params.trainableParams, 48 * lora(8192, 5120));
  });

  it('GPT-2: Conv1D is no Linear to find_all_linear_names, and lm_head is dropped: an empty list', () => {
    assert.deepEqual(axolotlLinearLeaves(findCatalogModel('gpt2')!.config), []);
    assert.throws(() => report('gpt2', { lora_target_linear: true }), /not found in the base model/);
  });
});

interface OracleCase {
  id: string;
  peft: { target_modules: string | string[] };
  trainable: number;
  trainable_breakdown: Record<string, number>;
}

/** The Axolotl YAML each vlm-axolotl oracle case hands PEFT (case tag -> lora_* keys). */
const AXOLOTL_YAML: Record<string, Record<string, unknown>> = {
  axolotl_lora_target_linear: { lora_target_linear: true },
  axolotl_lora_target_linear_plus_regex: { lora_target_linear: true, lora_target_modules: EXAMPLE_REGEX },
  axolotl_example_regex: { lora_target_modules: EXAMPLE_REGEX },
};

/** freeze_mm_modules on the PEFT model: trainable parameters with no dotted component in the prefixes. */
function afterFreeze(breakdown: Record<string, number>): number {
  return Object.entries(breakdown)
    .filter(([name]) => !name.split('.').some((part) => AXOLOTL_MM_MODULE_PREFIXES.includes(part)))
    .reduce((sum, [, n]) => sum + n, 0);
}

for (const version of ['4.57.6', '5.17.0']) {
  describe(`Axolotl on vision-language models against the local PEFT oracle (transformers ${version})`, () => {
    const cases = readTestJson<OracleCase[]>(`oracle/local/vlm-axolotl-${version}.json`);
    for (const c of cases) {
      const [id, tag] = c.id.split('__');
      it(`${tag} on ${id}: PEFT's trainable count, and freeze_mm_modules on PEFT's parameters`, () => {
        const yaml = AXOLOTL_YAML[tag];
        assert.ok(yaml, `no YAML for ${tag}`);
        if (yaml.lora_target_linear) {
          const entries = [c.peft.target_modules].flat().filter((t) => t !== EXAMPLE_REGEX);
          assert.deepEqual(axolotlLinearLeaves(findCatalogModel(id)!.config).sort(), entries.sort());
        }
        assert.equal(report(id, yaml, version).params.trainableParams, c.trainable);
        const frozen = report(id, { ...yaml, freeze_mm_modules: true }, version);
        assert.equal(frozen.params.trainableParams, afterFreeze(c.trainable_breakdown));
      });
    }
  });
}
