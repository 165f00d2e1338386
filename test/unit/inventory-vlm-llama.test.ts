// Llama 3.2 Vision (mllama) module trees: every count is derived here by hand from
// the config with the formula written out (no PEFT oracle case exists for these models), and the base
// totals are compared with the parameter counts the Hugging Face Hub reports for the published
// safetensors (Llama-3.2-11B-Vision-Instruct 10,670,220,835; Llama-4-Scout-17B-16E-Instruct
// 108,641,793,536; Llama-4-Maverick-17B-128E-Instruct 401,583,781,376; sources in catalog-vlm-llama.ts).
import * as assert from 'node:assert/strict';
import { estimateParameters } from '../../src/core/estimator';
import { buildInventory, type HfConfig } from '../../src/core/estimator/inventory';
import { findCatalogModel } from '../../src/core/models/catalog';

const config = (id: string): HfConfig => findCatalogModel(id)!.config as HfConfig;
const MLLAMA_11B = config('meta-llama/Llama-3.2-11B-Vision-Instruct');

const lin = (i: number, o: number, bias = false) => i * o + (bias ? o : 0);
/** LoRA A (r x in) + B (out x r). */
const lora = (r: number, i: number, o: number) => r * (i + o);
const lora16 = (r: number, mods: [number, number][]) => mods.reduce((s, [i, o]) => s + lora(r, i, o), 0);
const trainable = (cfg: HfConfig, lcfg: Record<string, unknown>, v = '5.12.1') =>
  estimateParameters(cfg, { peft_type: 'LORA', ...lcfg }, { taskType: 'CAUSAL_LM', transformersVersion: v })
    .trainableParams;

// Llama-3.2-11B-Vision: vision h 1280, ff 5120, 32 local + 8 gated global layers, 560/14 -> 1601 patches,
// 4 tiles, 8 aspect ratios; text h 4096, ff 14336, 40 layers (8 cross), 32 heads / 8 kv of 128.
const [vh, vff, patches, tiles, ratios] = [1280, 5120, 40 * 40 + 1, 4, 8];
const [h, ff, kv, V] = [4096, 14336, 1024, 128256];
const visionLayer = 4 * lin(vh, vh) + lin(vh, vff, true) + lin(vff, vh, true) + 2 * 2 * vh;

describe('Llama 3.2 Vision (mllama) inventory', () => {
  it('11B: tiled ViT + gated global encoder + projector + Llama with 8 cross-attention layers = Hub total', () => {
    const vision =
      vh * 3 * 14 * 14 + // patch_embedding Conv2d, no bias
      vh + // class_embedding
      (1 + patches * vh + (ratios + 1) * tiles * patches * vh) + // gated position + tile embedding
      2 * (1 + (ratios + 1) * tiles * vh) + // pre/post tile aspect-ratio embeddings + gates
      2 * 2 * vh + // layernorm_pre/post
      32 * visionLayer +
      8 * (visionLayer + 2); // gate_attn, gate_ffn
    const attn = 2 * lin(h, h) + 2 * lin(h, kv);
    const layer = attn + 3 * h * ff + 2 * h;
    const text = (V + 8) * h + 32 * layer + 8 * (layer + 2 * 128 + 2) + h + V * h;
    const projector = lin(7680, h, true);
    for (const v of ['4.51.3', '4.57.6', '5.12.1']) {
      const inv = buildInventory(MLLAMA_11B, { taskType: 'CAUSAL_LM', transformersVersion: v });
      assert.equal(inv.baseParams, vision + projector + text, v);
      assert.equal(inv.baseParams, 10_670_220_835, v);
      assert.equal(inv.modelClass, 'MllamaForConditionalGeneration');
    }
  });

  it('names follow the release: 4.51 vision_model / language_model.model, >= 4.52 under model.', () => {
    const names = (v: string) =>
      buildInventory(MLLAMA_11B, { transformersVersion: v }).modules.map((m) => m.name);
    const old = names('4.51.3');
    assert.ok(old.includes('vision_model.global_transformer.layers.7'));
    assert.ok(old.includes('language_model.model.layers.3.cross_attn.k_norm'));
    assert.ok(old.includes('language_model.lm_head'));
    assert.ok(old.includes('multi_modal_projector'));
    for (const v of ['4.57.6', '5.12.1']) {
      const cur = names(v);
      assert.ok(cur.includes('model.language_model.layers.38.cross_attn.q_proj'), v);
      assert.ok(!cur.includes('model.language_model.layers.37.cross_attn.q_proj'), v);
      assert.ok(cur.includes('model.vision_model.transformer.layers.31.mlp.fc2'), v);
      assert.ok(cur.includes('model.multi_modal_projector'), v);
      assert.equal(cur.length, old.length, v);
    }
  });

  it('LoRA r16: all-linear (towers, projector, self and cross attention), q/v names, regex on the language model', () => {
    const r = 16;
    const textLayer = lora16(r, [
      [h, h],
      [h, kv],
      [h, kv],
      [h, h],
      [h, ff],
      [h, ff],
      [ff, h],
    ]);
    const visLayer = lora16(r, [
      [vh, vh],
      [vh, vh],
      [vh, vh],
      [vh, vh],
      [vh, vff],
      [vff, vh],
    ]);
    const allLinear = 40 * textLayer + 40 * visLayer + lora(r, 7680, h);
    const textQv = 40 * (lora(r, h, h) + lora(r, h, kv));
    for (const v of ['4.51.3', '4.57.6', '5.12.1']) {
      assert.equal(trainable(MLLAMA_11B, { r, target_modules: 'all-linear' }, v), allLinear, v);
      assert.equal(
        trainable(MLLAMA_11B, { r, target_modules: ['q_proj', 'v_proj'] }, v),
        textQv + 40 * 2 * lora(r, vh, vh),
        v,
      );
      assert.equal(
        trainable(MLLAMA_11B, { r, target_modules: '.*language_model.*\\.(q_proj|v_proj)' }, v),
        textQv,
        v,
      );
    }
    assert.equal(allLinear, 67_362_816);
  });

  it('lists each module once; a cross-attention layer owns its two gates, a self-attention layer none', () => {
    const inv = buildInventory(MLLAMA_11B, { transformersVersion: '5.12.1' });
    const names = inv.modules.map((m) => m.name);
    assert.equal(new Set(names).size, names.length);
    const layer3 = inv.modules.find((m) => m.name === 'model.language_model.layers.3');
    assert.equal(layer3?.otherParams, 2);
    assert.equal(
      inv.modules.find((m) => m.name === 'model.language_model.layers.2'),
      undefined,
    );
  });

  it('tie_word_embeddings true ties lm_head on 4.x only (transformers 5 dropped the tie)', () => {
    const tied = {
      ...MLLAMA_11B,
      text_config: { ...(MLLAMA_11B.text_config as object), tie_word_embeddings: true },
    };
    assert.equal(buildInventory(tied, { transformersVersion: '4.57.6' }).baseParams, 10_670_220_835 - V * h);
    assert.equal(buildInventory(tied, { transformersVersion: '5.12.1' }).baseParams, 10_670_220_835);
  });
});
