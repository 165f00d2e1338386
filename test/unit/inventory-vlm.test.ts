// Vision-language module trees (Qwen2-VL, Qwen2.5-VL, LLaVA 1.5, Gemma 3 multimodal): every count is
// derived here by hand from the config with the formula written out, and the base totals are also
// compared with the parameter counts the Hugging Face Hub shows for the published safetensors
// (Qwen2-VL-7B-Instruct 8,291,375,616; Qwen2.5-VL-7B-Instruct 8,292,166,656; llava-1.5-7b-hf
// 7,063,427,072; gemma-3-4b-it 4,300,079,472).
import * as assert from 'node:assert/strict';
import { estimateParameters } from '../../src/core/estimator';
import { buildInventory, type HfConfig } from '../../src/core/estimator/inventory';
import { buildEstimateReport } from '../../src/core/estimator-input/report';
import { mapLlamaFactory } from '../../src/core/estimator-input/llamafactory';

// Published config.json fields that shape the model (Qwen/Qwen2-VL-7B-Instruct).
const QWEN2_VL_7B: HfConfig = {
  architectures: ['Qwen2VLForConditionalGeneration'],
  model_type: 'qwen2_vl',
  hidden_size: 3584,
  intermediate_size: 18944,
  num_attention_heads: 28,
  num_hidden_layers: 28,
  num_key_value_heads: 4,
  tie_word_embeddings: false,
  vocab_size: 152064,
  vision_config: {
    depth: 32,
    embed_dim: 1280,
    mlp_ratio: 4,
    num_heads: 16,
    in_chans: 3,
    hidden_size: 3584,
    patch_size: 14,
    spatial_merge_size: 2,
    temporal_patch_size: 2,
  },
};
const QWEN25_VL_7B: HfConfig = {
  ...QWEN2_VL_7B,
  architectures: ['Qwen2_5_VLForConditionalGeneration'],
  model_type: 'qwen2_5_vl',
  vision_config: {
    depth: 32,
    hidden_size: 1280,
    intermediate_size: 3420,
    num_heads: 16,
    in_chans: 3,
    out_hidden_size: 3584,
    patch_size: 14,
    spatial_merge_size: 2,
    temporal_patch_size: 2,
  },
};
const LLAVA_15_7B: HfConfig = {
  architectures: ['LlavaForConditionalGeneration'],
  model_type: 'llava',
  text_config: { model_type: 'llama', vocab_size: 32064, max_position_embeddings: 4096 },
  tie_word_embeddings: false,
  vision_config: {
    hidden_size: 1024,
    image_size: 336,
    intermediate_size: 4096,
    model_type: 'clip_vision_model',
    num_attention_heads: 16,
    num_hidden_layers: 24,
    patch_size: 14,
    projection_dim: 768,
  },
  vision_feature_layer: -2,
};
const GEMMA3_4B: HfConfig = {
  architectures: ['Gemma3ForConditionalGeneration'],
  model_type: 'gemma3',
  text_config: {
    hidden_size: 2560,
    intermediate_size: 10240,
    model_type: 'gemma3_text',
    num_hidden_layers: 34,
  },
  vision_config: {
    hidden_size: 1152,
    image_size: 896,
    intermediate_size: 4304,
    model_type: 'siglip_vision_model',
    num_attention_heads: 16,
    num_hidden_layers: 27,
    patch_size: 14,
    vision_use_head: false,
  },
};

const lin = (i: number, o: number, bias = true) => i * o + (bias ? o : 0);
/** LoRA A (r x in) + B (out x r). */
const lora = (r: number, i: number, o: number) => r * (i + o);

/** Qwen2 decoder (q/k/v bias, o without) + untied lm_head; head_dim = h / heads. */
function qwenText(h: number, ff: number, L: number, nh: number, nkv: number, V: number) {
  const kv = nkv * (h / nh);
  const layer = lin(h, h) + 2 * lin(h, kv) + lin(h, h, false) + 3 * h * ff + 2 * h;
  return { total: 2 * V * h + L * layer + h, kv };
}

describe('vision-language inventories', () => {
  it('Qwen2-VL-7B: ViT (Conv3d, LayerNorm, fused qkv, fc1/fc2) + merger + Qwen2 decoder, exact', () => {
    const [E, depth, ff, C, T, P, out] = [1280, 32, 1280 * 4, 3, 2, 14, 3584];
    const block = 2 * 2 * E + lin(E, 3 * E) + lin(E, E) + lin(E, ff) + lin(ff, E);
    const vision = E * C * T * P * P + depth * block + 2 * E + lin(4 * E, 4 * E) + lin(4 * E, out);
    const text = qwenText(3584, 18944, 28, 28, 4, 152064);
    const inv = buildInventory(QWEN2_VL_7B, { taskType: 'CAUSAL_LM' });
    assert.equal(inv.baseParams, vision + text.total);
    assert.equal(inv.baseParams, 8_291_375_616);
    assert.equal(inv.modelClass, 'Qwen2VLForConditionalGeneration');

    // all-linear: every Linear of tower, merger and decoder; lm_head (the output layer) left out.
    const r = 16;
    const h = 3584;
    const visLora =
      depth * (lora(r, E, 3 * E) + lora(r, E, E) + lora(r, E, ff) + lora(r, ff, E)) +
      lora(r, 4 * E, 4 * E) +
      lora(r, 4 * E, out);
    const textLora =
      28 * (2 * lora(r, h, h) + 2 * lora(r, h, text.kv) + 2 * lora(r, h, 18944) + lora(r, 18944, h));
    const est = estimateParameters(
      QWEN2_VL_7B,
      { peft_type: 'LORA', r, target_modules: 'all-linear' },
      {
        taskType: 'CAUSAL_LM',
      },
    );
    assert.equal(est.trainableParams, visLora + textLora);
    assert.equal(est.trainableParams, 51_159_040);
  });

  it('Qwen2-VL names follow the transformers release: 4.51 flat, >= 4.52 under model.language_model', () => {
    const names = (v: string) =>
      buildInventory(QWEN2_VL_7B, { transformersVersion: v }).modules.map((m) => m.name);
    const old = names('4.51.3');
    assert.ok(old.includes('visual.blocks.0.attn.qkv'));
    assert.ok(old.includes('model.layers.27.self_attn.q_proj'));
    for (const v of ['4.57.6', '5.12.1']) {
      const cur = names(v);
      assert.ok(cur.includes('model.visual.blocks.31.mlp.fc2'), v);
      assert.ok(cur.includes('model.language_model.layers.0.self_attn.q_proj'), v);
      assert.ok(!cur.some((n) => n.startsWith('model.layers.')), v);
      assert.equal(cur.length, old.length, v);
    }
  });

  it('Qwen2-VL `proj` reaches the vision attention and the Conv3d patch embedding (LoRA conv: r*C*T*P*P + r*E)', () => {
    const r = 8;
    const est = estimateParameters(
      QWEN2_VL_7B,
      { peft_type: 'LORA', r, target_modules: ['proj'] },
      {
        taskType: 'CAUSAL_LM',
      },
    );
    assert.equal(est.trainableParams, 32 * lora(r, 1280, 1280) + (r * 3 * 2 * 14 * 14 + r * 1280));
  });

  it('Qwen2.5-VL-7B: RMSNorm tower with a biased gated MLP, exact', () => {
    const [E, depth, ff, C, T, P, out] = [1280, 32, 3420, 3, 2, 14, 3584];
    const block = 2 * E + lin(E, 3 * E) + lin(E, E) + 2 * lin(E, ff) + lin(ff, E);
    const vision = E * C * T * P * P + depth * block + E + lin(4 * E, 4 * E) + lin(4 * E, out);
    const inv = buildInventory(QWEN25_VL_7B, { taskType: 'CAUSAL_LM' });
    assert.equal(inv.baseParams, vision + qwenText(3584, 18944, 28, 28, 4, 152064).total);
    assert.equal(inv.baseParams, 8_292_166_656);
  });

  it('LLaVA-1.5-7B: CLIP tower + 2-layer projector + Llama, exact on 4.51, 4.57 and 5.x names', () => {
    const [vh, vff, vL, patches] = [1024, 4096, 24, (336 / 14) ** 2];
    const clipLayer = 4 * lin(vh, vh) + lin(vh, vff) + lin(vff, vh) + 2 * 2 * vh;
    const clip = vh + vh * 3 * 14 * 14 + (patches + 1) * vh + 2 * vh + vL * clipLayer + 2 * vh;
    const [h, ff, L, V] = [4096, 11008, 32, 32064];
    const llama = 2 * V * h + L * (4 * h * h + 3 * h * ff + 2 * h) + h;
    const projector = lin(vh, h) + lin(h, h);
    for (const v of ['4.51.3', '4.57.6', '5.12.1']) {
      const inv = buildInventory(LLAVA_15_7B, { taskType: 'CAUSAL_LM', transformersVersion: v });
      assert.equal(inv.baseParams, clip + projector + llama, v);
      assert.equal(inv.baseParams, 7_063_427_072, v);
    }
    const at = (v: string) =>
      buildInventory(LLAVA_15_7B, { transformersVersion: v }).modules.map((m) => m.name);
    assert.ok(at('4.51.3').includes('vision_tower.vision_model.encoder.layers.0.self_attn.q_proj'));
    assert.ok(at('4.51.3').includes('language_model.lm_head'));
    assert.ok(at('4.57.6').includes('model.vision_tower.vision_model.encoder.layers.0.self_attn.q_proj'));
    assert.ok(at('5.12.1').includes('model.vision_tower.encoder.layers.0.self_attn.q_proj'));
    assert.ok(at('5.12.1').includes('model.multi_modal_projector.linear_1'));
  });

  it('Gemma 3 4B: SigLIP tower + projector weight + Gemma 3 decoder with tied lm_head, exact', () => {
    const [vh, vff, vL, patches] = [1152, 4304, 27, (896 / 14) ** 2];
    const siglip =
      lin(3 * 14 * 14, vh) +
      patches * vh +
      vL * (4 * lin(vh, vh) + lin(vh, vff) + lin(vff, vh) + 4 * vh) +
      2 * vh;
    const [h, ff, L, nh, nkv, hd, V] = [2560, 10240, 34, 8, 4, 256, 262208];
    const layer = h * nh * hd + 2 * h * nkv * hd + nh * hd * h + 2 * hd + 3 * h * ff + 4 * h;
    const text = V * h + L * layer + h; // lm_head tied to embed_tokens
    const projector = vh * h + vh;
    const inv = buildInventory(GEMMA3_4B, { taskType: 'CAUSAL_LM' });
    assert.equal(inv.baseParams, siglip + projector + text);
    assert.equal(inv.baseParams, 4_300_079_472);

    const r = 16;
    const qv = (reg: string | string[]) =>
      estimateParameters(GEMMA3_4B, { peft_type: 'LORA', r, target_modules: reg }, { taskType: 'CAUSAL_LM' })
        .trainableParams;
    const textQv = L * (lora(r, h, nh * hd) + lora(r, h, nkv * hd));
    // A regex restricted to the language model adapts only its q/v; plain names reach SigLIP's q/v too.
    assert.equal(qv('.*language_model.*\\.(q_proj|v_proj)'), textQv);
    assert.equal(qv(['q_proj', 'v_proj']), textQv + vL * 2 * lora(r, vh, vh));
  });

  it('refuses what it cannot build: no default LoRA targets for these model types, unknown towers', () => {
    assert.throws(
      () => estimateParameters(QWEN2_VL_7B, { peft_type: 'LORA', r: 8 }, { taskType: 'CAUSAL_LM' }),
      /target_modules/,
    );
    assert.throws(
      () => buildInventory({ ...LLAVA_15_7B, vision_config: { model_type: 'pixtral' } }),
      /vision_config.model_type "pixtral" is not modelled/,
    );
    assert.throws(
      () => buildInventory(GEMMA3_4B, { transformersVersion: '4.49.0' }),
      /Gemma3ForConditionalGeneration first appeared in transformers 4.50/,
    );
  });
});

describe("LLaMA-Factory's vision switches on a vision-language model", () => {
  const model = { config: QWEN2_VL_7B as never, kind: 'file' as const, location: 'qwen2-vl-7b.json' };
  const [h, ff, L, kv, E] = [3584, 18944, 28, 512, 1280];
  const textLora = (r: number) =>
    L * (2 * lora(r, h, h) + 2 * lora(r, h, kv) + 2 * lora(r, h, ff) + lora(r, ff, h));
  const report = (yaml: Record<string, unknown>) =>
    buildEstimateReport(mapLlamaFactory({ stage: 'sft', finetuning_type: 'lora', ...yaml }), model);

  it('lora_target all with the defaults (tower and merger frozen) adapts the language model only', () => {
    const r = report({ lora_rank: 8, lora_target: 'all' });
    assert.equal(r.params.trainableParams, textLora(8));
    assert.ok(r.notes.some((n) => /LoRA targets 196 modules, none under visual.patch_embed/.test(n)));
  });

  it('freeze_vision_tower false adds the blocks (qkv, proj, fc1, fc2), never the Conv3d patch_embed.proj', () => {
    const r = report({ lora_rank: 8, lora_target: 'all', freeze_vision_tower: false });
    const blocks = 32 * (lora(8, E, 3 * E) + lora(8, E, E) + lora(8, E, 4 * E) + lora(8, 4 * E, E));
    assert.equal(r.params.trainableParams, textLora(8) + blocks);
  });

  it('full tuning freezes the tower and the merger by default (parameters whose name holds the keys)', () => {
    const r = buildEstimateReport(mapLlamaFactory({ stage: 'sft', finetuning_type: 'full' }), model);
    // patch_embed + 32 blocks + merger, the Qwen2-VL formula above.
    const block = 2 * 2 * E + lin(E, 3 * E) + lin(E, E) + lin(E, 4 * E) + lin(4 * E, E);
    const vision = E * 3 * 2 * 14 * 14 + 32 * block + 2 * E + lin(4 * E, 4 * E) + lin(4 * E, 3584);
    assert.equal(r.params.trainableParams, 8_291_375_616 - vision);
    const all = buildEstimateReport(
      mapLlamaFactory({
        stage: 'sft',
        finetuning_type: 'full',
        freeze_vision_tower: false,
        freeze_multi_modal_projector: false,
      }),
      model,
    );
    assert.equal(all.params.trainableParams, 8_291_375_616);
  });
});
