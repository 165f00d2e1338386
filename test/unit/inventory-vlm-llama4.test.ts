// Llama 4 (Scout, Maverick) module trees and LLaMA-Factory's vision switches on Llama 3.2 Vision and
// Llama 4. Counts are derived by hand from the config with the formula written out (no PEFT oracle case
// exists for these models); base totals equal the Hub safetensors totals named in catalog-vlm-llama.ts.
import * as assert from 'node:assert/strict';
import { estimateParameters } from '../../src/core/estimator';
import { buildInventory, type HfConfig } from '../../src/core/estimator/inventory';
import { buildEstimateReport } from '../../src/core/estimator-input/report';
import { mapLlamaFactory } from '../../src/core/estimator-input/llamafactory';
import { findCatalogModel } from '../../src/core/models/catalog';

const config = (id: string): HfConfig => findCatalogModel(id)!.config as HfConfig;
const SCOUT = config('meta-llama/Llama-4-Scout-17B-16E-Instruct');
const MAVERICK = config('meta-llama/Llama-4-Maverick-17B-128E-Instruct');
const MLLAMA_11B = config('meta-llama/Llama-3.2-11B-Vision-Instruct');

const lin = (i: number, o: number, bias = false) => i * o + (bias ? o : 0);
const lora = (r: number, i: number, o: number) => r * (i + o);
const trainable = (cfg: HfConfig, lcfg: Record<string, unknown>, v = '5.12.1') =>
  estimateParameters(cfg, { peft_type: 'LORA', ...lcfg }, { taskType: 'CAUSAL_LM', transformersVersion: v })
    .trainableParams;

// Shared widths: text h 5120, 40 heads / 8 kv of 128, expert I 8192, dense MLP 16384, vocab 202048;
// vision h 1408, ff 5632, 34 layers, 336/14 -> 577 patches, adapter 5632 -> 4096 -> 4096, projector 4096.
const [h, q, kv, I, Imlp, V] = [5120, 5120, 1024, 8192, 16384, 202048];
const [vh, vff, vL, patches] = [1408, 5632, 34, 24 * 24 + 1];
const VISION =
  lin(3 * 14 * 14, vh) + // patch_embedding.linear
  vh * (1 + patches) + // class_embedding + positional_embedding_vlm
  2 * 2 * vh + // layernorm_pre/post
  vL * (4 * lin(vh, vh, true) + lin(vh, vff, true) + lin(vff, vh, true) + 4 * vh) +
  lin(vff, 4096) +
  lin(4096, 4096); // vision_adapter.mlp fc1, fc2
const ATTN = lin(h, q) + 2 * lin(h, kv) + lin(q, h);
const moeLayer = (E: number) => ATTN + E * h * 2 * I + E * I * h + h * E + 3 * h * I + 2 * h;
const denseLayer = ATTN + 3 * h * Imlp + 2 * h;
const total = (E: number, moe: number, dense: number) =>
  VISION + lin(4096, h) + V * h + moe * moeLayer(E) + dense * denseLayer + h + V * h;

describe('Llama 4 (llama4) inventory', () => {
  it('Scout (16 experts in all 48 layers) and Maverick (128 experts in the odd 24) = Hub totals on 4.57.6 and 5.12.1', () => {
    for (const v of ['4.57.6', '5.12.1']) {
      assert.equal(buildInventory(SCOUT, { transformersVersion: v }).baseParams, total(16, 48, 0), v);
      assert.equal(buildInventory(SCOUT, { transformersVersion: v }).baseParams, 108_641_793_536, v);
      assert.equal(buildInventory(MAVERICK, { transformersVersion: v }).baseParams, total(128, 24, 24), v);
      assert.equal(buildInventory(MAVERICK, { transformersVersion: v }).baseParams, 401_583_781_376, v);
    }
    const names = buildInventory(MAVERICK).modules.map((m) => m.name);
    assert.equal(new Set(names).size, names.length);
    assert.ok(names.includes('language_model.model.layers.0.feed_forward.gate_proj'));
    assert.ok(names.includes('language_model.model.layers.1.feed_forward.experts.gate_up_proj'));
    assert.ok(names.includes('language_model.model.layers.1.feed_forward.router'));
    assert.ok(!names.includes('language_model.model.layers.0.feed_forward.router'));
    assert.ok(names.includes('vision_model.vision_adapter.mlp.fc2'));
  });

  it('all-linear reaches router, shared expert, vision and projector, never the fused experts; same on 4.57 and 5.x', () => {
    const r = 16;
    const text = lora(r, h, q) + 2 * lora(r, h, kv) + lora(r, q, h) + lora(r, h, 16) + 3 * lora(r, h, I);
    const vision =
      lora(r, 588, vh) +
      vL * (4 * lora(r, vh, vh) + lora(r, vh, vff) + lora(r, vff, vh)) +
      lora(r, vff, 4096) +
      lora(r, 4096, 4096);
    const expected = 48 * text + vision + lora(r, 4096, h);
    for (const v of ['4.57.6', '5.12.1'])
      assert.equal(trainable(SCOUT, { r, target_modules: 'all-linear' }, v), expected, v);
    assert.equal(expected, 74_034_368);
  });

  it('q_proj/v_proj adapt text and vision attention; target_parameters adapt the fused experts (r*E*(in+out))', () => {
    const r = 16;
    const qv = 48 * (lora(r, h, q) + lora(r, h, kv)) + vL * 2 * lora(r, vh, vh);
    assert.equal(trainable(SCOUT, { r, target_modules: ['q_proj', 'v_proj'] }), qv);
    const experts = (E: number, layers: number) => layers * r * E * (h + 2 * I + I + h);
    const params = ['feed_forward.experts.gate_up_proj', 'feed_forward.experts.down_proj'];
    for (const v of ['4.57.6', '5.12.1']) {
      assert.equal(
        trainable(SCOUT, { r, target_modules: ['v_proj'], target_parameters: params }, v),
        48 * lora(r, h, kv) + vL * lora(r, vh, vh) + experts(16, 48),
        v,
      );
      assert.equal(
        trainable(MAVERICK, { r, target_modules: ['v_proj'], target_parameters: params }, v),
        48 * lora(r, h, kv) + vL * lora(r, vh, vh) + experts(128, 24),
        v,
      );
    }
  });

  it('refuses transformers releases before Llama 4 existed', () => {
    assert.throws(
      () => buildInventory(SCOUT, { transformersVersion: '4.50.3' }),
      /Llama4ForConditionalGeneration first appeared in transformers 4.51/,
    );
  });
});

describe("LLaMA-Factory's vision switches on Llama 3.2 Vision and Llama 4", () => {
  const report = (cfg: HfConfig, yaml: Record<string, unknown>) =>
    buildEstimateReport(mapLlamaFactory({ stage: 'sft', finetuning_type: 'lora', ...yaml }), {
      config: cfg as never,
      kind: 'file',
      location: 'config.json',
    }).params.trainableParams;

  it('mllama lora_target all: the language model only (self and cross attention); freeze_vision_tower false adds both encoders', () => {
    const [th, tkv, tff, r] = [4096, 1024, 14336, 8];
    const text = 40 * (2 * lora(r, th, th) + 2 * lora(r, th, tkv) + 2 * lora(r, th, tff) + lora(r, tff, th));
    assert.equal(report(MLLAMA_11B, { lora_rank: r, lora_target: 'all' }), text);
    const vision = 40 * (4 * lora(r, 1280, 1280) + 2 * lora(r, 1280, 5120));
    assert.equal(
      report(MLLAMA_11B, { lora_rank: r, lora_target: 'all', freeze_vision_tower: false }),
      text + vision,
    );
  });

  it('llama4 lora_target all skips the router (class Llama4Router has no "Linear" in its name) and the fused experts', () => {
    const r = 8;
    const text = 48 * (lora(r, h, q) + 2 * lora(r, h, kv) + lora(r, q, h) + 3 * lora(r, h, I));
    assert.equal(report(SCOUT, { lora_rank: r, lora_target: 'all' }), text);
  });

  it('full tuning freezes vision_model and multi_modal_projector by default', () => {
    const full = (yaml: Record<string, unknown>) => report(SCOUT, { finetuning_type: 'full', ...yaml });
    assert.equal(full({}), 108_641_793_536 - VISION - lin(4096, h));
    assert.equal(full({ freeze_vision_tower: false, freeze_multi_modal_projector: false }), 108_641_793_536);
  });
});
