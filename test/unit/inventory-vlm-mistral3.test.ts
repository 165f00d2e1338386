// Mistral 3 (Mistral3ForConditionalGeneration) module tree per transformers release, Ministral 3's text
// model, and LLaMA-Factory's vision switches on Mistral 3. Expected counts are written out from the config
// (Pixtral tower, patch-merger projector, Mistral text model); test/data/oracle/local/mistral3-*.json and
// ministral3-*.json hold the real PEFT counts.
import * as assert from 'node:assert/strict';
import { estimateParameters } from '../../src/core/estimator';
import { buildInventory, type HfConfig } from '../../src/core/estimator/inventory';
import { buildEstimateReport } from '../../src/core/estimator-input/report';
import { mapLlamaFactory } from '../../src/core/estimator-input/llamafactory';
import { findCatalogModel } from '../../src/core/models/catalog';

const SMALL_31 = findCatalogModel('mistral-small-3.1')!.config as HfConfig;

const lin = (i: number, o: number) => i * o;
const lora = (r: number, i: number, o: number) => r * (i + o);
// Text: h 5120, 32 heads of 128 (q 4096), 8 kv heads (1024), ff 32768, 40 layers, vocab 131072.
const [h, q, kv, ff, L, V] = [5120, 4096, 1024, 32768, 40, 131072];
// Pixtral: h 1024, ff 4096, 24 layers, patch 14; spatial merge 2.
const [vh, vff, vL] = [1024, 4096, 24];
const VISION = 3 * 14 * 14 * vh + vh + vL * (2 * vh + 3 * lin(vh, vff) + 4 * lin(vh, vh));
const PROJECTOR = vh + lin(4 * vh, vh) + lin(vh, h) + lin(h, h);
const LAYER = lin(h, q) + 2 * lin(h, kv) + lin(q, h) + 3 * lin(h, ff) + 2 * h;
const UNTIED = VISION + PROJECTOR + V * h + L * LAYER + h + V * h;

const base = (cfg: HfConfig, v: string) => buildInventory(cfg, { transformersVersion: v }).baseParams;
const names = (v: string) => buildInventory(SMALL_31, { transformersVersion: v }).modules.map((m) => m.name);

describe('Mistral 3 (mistral3) inventory', () => {
  it('4.x keeps lm_head apart (text config); 5.x ties it (Mistral3Config top-level default True)', () => {
    assert.equal(base(SMALL_31, '4.57.6'), UNTIED);
    assert.equal(base(SMALL_31, '5.17.0'), UNTIED - V * h);
    assert.equal(base({ ...SMALL_31, tie_word_embeddings: false }, '5.17.0'), UNTIED);
  });

  it('names: 4.50-4.51 flat, >= 4.52 under model.', () => {
    const flat = names('4.51.3');
    assert.ok(flat.includes('vision_tower.transformer.layers.0.attention.q_proj'));
    assert.ok(flat.includes('multi_modal_projector.patch_merger.merging_layer'));
    assert.ok(flat.includes('language_model.model.layers.39.mlp.down_proj'));
    assert.ok(flat.includes('language_model.lm_head'));
    for (const v of ['4.57.6', '5.17.0']) {
      const n = names(v);
      assert.ok(n.includes('model.vision_tower.patch_conv'), v);
      assert.ok(n.includes('model.multi_modal_projector.linear_2'), v);
      assert.ok(n.includes('model.language_model.layers.0.self_attn.k_proj'), v);
      assert.ok(n.includes('lm_head'), v);
      assert.ok(!n.some((x) => x.startsWith('language_model.')), v);
    }
  });

  it('all-linear adapts the tower, merger and projector Linears too, never lm_head', () => {
    const r = 16;
    const text = L * (lora(r, h, q) + 2 * lora(r, h, kv) + lora(r, q, h) + 3 * lora(r, h, ff));
    const vision = vL * (3 * lora(r, vh, vff) + 4 * lora(r, vh, vh));
    const projector = lora(r, 4 * vh, vh) + lora(r, vh, h) + lora(r, h, h);
    const e = estimateParameters(
      SMALL_31,
      { peft_type: 'LORA', r, target_modules: 'all-linear' },
      { taskType: 'CAUSAL_LM', transformersVersion: '5.17.0' },
    );
    assert.equal(e.trainableParams, text + vision + projector);
  });

  it('refuses releases before 4.50 and towers or text models it does not model', () => {
    assert.throws(
      () => buildInventory(SMALL_31, { transformersVersion: '4.49.0' }),
      /Mistral3ForConditionalGeneration first appeared in transformers 4.50/,
    );
    const text = { ...(SMALL_31.text_config as HfConfig), model_type: 'mistral4' };
    assert.throws(() => buildInventory({ ...SMALL_31, text_config: text }), /"mistral4" language model/);
    const vision = { ...(SMALL_31.vision_config as HfConfig), model_type: 'siglip_vision_model' };
    assert.throws(() => buildInventory({ ...SMALL_31, vision_config: vision }), /"siglip_vision_model"/);
  });
});

describe('Mistral 3 with a Ministral 3 language model (transformers 5.x)', () => {
  const ministral = {
    ...SMALL_31,
    text_config: { ...(SMALL_31.text_config as HfConfig), model_type: 'ministral3' },
  };

  it('has the Mistral text model module for module; 4.x, which has no models/ministral3, refuses it', () => {
    assert.equal(base(ministral, '5.17.0'), base(SMALL_31, '5.17.0'));
    assert.throws(() => base(ministral, '4.57.6'), /needs transformers 5.0 or later/);
  });

  it('fills in Ministral3Config defaults (34 layers of 4096, ff 14336, head_dim 128), not MistralConfig ones', () => {
    const cfg = { model_type: 'mistral3', text_config: { model_type: 'ministral3' } };
    const inv = buildInventory(cfg, { taskType: 'CAUSAL_LM' });
    assert.deepEqual([inv.dims.numLayers, inv.dims.hiddenSize, inv.dims.headDim], [34, 4096, 128]);
  });
});

describe('Ministral 3 (ministral3) causal LM', () => {
  it('Ministral3Config defaults: 34 layers of 4096 (32 heads, 8 KV of 128, ff 14336), untied lm_head; 4.x refuses', () => {
    const [mh, mq, mkv, mff, mL, mV] = [4096, 4096, 1024, 14336, 34, 131072];
    const layer = lin(mh, mq) + 2 * lin(mh, mkv) + lin(mq, mh) + 3 * lin(mh, mff) + 2 * mh;
    const cfg = { model_type: 'ministral3' };
    assert.equal(buildInventory(cfg, { taskType: 'CAUSAL_LM' }).baseParams, 2 * mV * mh + mL * layer + mh);
    assert.throws(
      () => buildInventory(cfg, { taskType: 'CAUSAL_LM', transformersVersion: '4.57.6' }),
      /Ministral3Model first appeared in transformers 5.0/,
    );
  });
});

describe("LLaMA-Factory's vision switches on Mistral 3", () => {
  const report = (yaml: Record<string, unknown>) =>
    buildEstimateReport(mapLlamaFactory({ stage: 'sft', finetuning_type: 'lora', ...yaml }), {
      config: SMALL_31 as never,
      kind: 'file',
      location: 'config.json',
    }).params;
  const r = 8;
  const text = L * (lora(r, h, q) + 2 * lora(r, h, kv) + lora(r, q, h) + 3 * lora(r, h, ff));

  it('lora_target all: the language model only; freeze_vision_tower false adds the Pixtral Linears', () => {
    assert.equal(report({ lora_rank: r, lora_target: 'all' }).trainableParams, text);
    const vision = vL * (3 * lora(r, vh, vff) + 4 * lora(r, vh, vh));
    assert.equal(
      report({ lora_rank: r, lora_target: 'all', freeze_vision_tower: false }).trainableParams,
      text + vision,
    );
  });

  it('full tuning freezes vision_tower and model.multi_modal_projector by default', () => {
    const tied = UNTIED - V * h;
    assert.equal(report({ finetuning_type: 'full' }).trainableParams, tied - VISION - PROJECTOR);
    assert.equal(
      report({ finetuning_type: 'full', freeze_vision_tower: false, freeze_multi_modal_projector: false })
        .trainableParams,
      tied,
    );
  });
});
