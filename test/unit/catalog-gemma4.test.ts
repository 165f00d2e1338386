// Gemma 4 in the catalog and the estimator: each entry builds to the parameter total public records give
// for the released weights, a public LoRA count is reproduced, names (short, NVFP4 copies) resolve, and
// the transformers releases and PEFT defaults without Gemma 4 refuse. Every count here is also a real PEFT
// 0.20.0 answer on transformers 5.17.0 in test/data/oracle/local/gemma4-catalog-5.17.0.json.
import * as assert from 'node:assert/strict';
import { estimateParameters } from '../../src/core/estimator';
import { buildInventory } from '../../src/core/estimator/inventory';
import { findCatalogModel, matchCatalogModel } from '../../src/core/models/catalog';

function config(id: string) {
  const e = findCatalogModel(id);
  assert.ok(e, id);
  return e.config;
}

const lora = (r: number, target: string) => ({
  peft_type: 'LORA',
  r,
  lora_alpha: 2 * r,
  target_modules: target,
});
const opts = {
  taskType: 'CAUSAL_LM',
  autoClass: 'AutoModelForImageTextToText',
  transformersVersion: '5.17.0',
};
/** The language-only target of a public Gemma 4 training plan, which lists its rank-8 adapter counts. */
const LANGUAGE_ONLY = String.raw`^model\.language_model\.layers\..*\.(q_proj|k_proj|v_proj|o_proj|gate_proj|up_proj|down_proj)$`;

describe('catalog: Gemma 4', () => {
  const totals: Record<string, number> = {
    'google/gemma-4-E2B-it': 5_104_297_504,
    'google/gemma-4-26B-A4B-it': 25_805_933_872,
    'google/gemma-4-31B-it': 31_273_086_512,
  };
  for (const [id, total] of Object.entries(totals)) {
    it(`${id} = ${total.toLocaleString('en-US')} params, the count of the released weights`, () => {
      assert.equal(buildInventory(config(id), { transformersVersion: '5.17.0' }).baseParams, total);
    });
  }

  it('rank-8 language-only LoRA: 12,079,104 (E2B) and 61,214,720 (31B), as the public plan lists', () => {
    const e2b = estimateParameters(config('google/gemma-4-E2B-it'), lora(8, LANGUAGE_ONLY), opts);
    const big = estimateParameters(config('google/gemma-4-31B-it'), lora(8, LANGUAGE_ONLY), opts);
    assert.deepEqual([e2b.trainableParams, big.trainableParams], [12_079_104, 61_214_720]);
  });

  it('prefix tuning provisions the widest layer: 20 tokens x 35 layers x 2 x (512 x 1 KV head) on E2B', () => {
    const e = estimateParameters(config('google/gemma-4-E2B-it'), { peft_type: 'PREFIX_TUNING' }, opts);
    assert.equal(e.trainableParams, 716_800);
  });

  it('short names and the NVIDIA NVFP4 copy resolve to the -it entries', () => {
    assert.equal(findCatalogModel('gemma-4-31b')?.id, 'google/gemma-4-31B-it');
    const nv = matchCatalogModel('nvidia/Gemma-4-26B-A4B-NVFP4');
    assert.equal(nv?.entry.id, 'google/gemma-4-26B-A4B-it');
    assert.equal(nv?.via, 'mirror');
  });

  it('transformers 4.57.6 refuses, naming 5.5.0; gemma4_text has no PEFT default target', () => {
    assert.throws(
      () => buildInventory(config('google/gemma-4-E2B-it'), { transformersVersion: '4.57.6' }),
      /model_type "gemma4" first appeared in transformers 5\.5\.0/,
    );
    const text = { ...(config('google/gemma-4-E2B-it').text_config as Record<string, unknown>) };
    assert.throws(
      () =>
        estimateParameters(
          text as never,
          { peft_type: 'LORA' },
          { ...opts, autoClass: 'AutoModelForCausalLM' },
        ),
      /no default targets for model_type "gemma4_text"/,
    );
  });

  it('a null int field and per_layer_config are refused, not read as defaults', () => {
    const base = config('google/gemma-4-31B-it') as Record<string, unknown>;
    const text = base.text_config as Record<string, unknown>;
    for (const extra of [
      { hidden_size_per_layer_input: null },
      { per_layer_config: { 5: { head_dim: 512 } } },
    ]) {
      const cfg = { ...base, text_config: { ...text, ...extra } };
      assert.throws(
        () => buildInventory(cfg as never, { transformersVersion: '5.17.0' }),
        /config\.json field/,
      );
    }
  });
});
