// PaliGemma, LLaVA-NeXT, Idefics3/SmolVLM, GLM and ChatGLM module trees: every count derived here by hand
// from the config with the formula written out (the published totals are pinned in catalog-vlm-more.test.ts).
import * as assert from 'node:assert/strict';
import { estimateParameters } from '../../src/core/estimator';
import { buildInventory, type HfConfig } from '../../src/core/estimator/inventory';
import { findCatalogModel } from '../../src/core/models/catalog';

const lin = (i: number, o: number, bias = true) => i * o + (bias ? o : 0);
/** LoRA A (r x in) + B (out x r). */
const lora = (r: number, i: number, o: number) => r * (i + o);
const cfg = (id: string): HfConfig => findCatalogModel(id)!.config as HfConfig;
const loraCount = (c: HfConfig, target: string | string[], r = 16, transformersVersion?: string) =>
  estimateParameters(
    c,
    { peft_type: 'LORA', r, target_modules: target },
    { taskType: 'CAUSAL_LM', transformersVersion },
  ).trainableParams;
const names = (c: HfConfig, v: string) =>
  buildInventory(c, { taskType: 'CAUSAL_LM', transformersVersion: v }).modules.map((m) => m.name);

/** SigLIP tower without head: Conv2d with bias, position embedding, L blocks, post_layernorm. */
function siglip(vh: number, vff: number, vL: number, patch: number, patches: number): number {
  const block = 4 * lin(vh, vh) + lin(vh, vff) + lin(vff, vh) + 4 * vh;
  return lin(3 * patch * patch, vh) + patches * vh + vL * block + 2 * vh;
}

describe('PaliGemma inventory', () => {
  const PALI = cfg('google/paligemma-3b-pt-224');
  const [vh, vff, vL] = [1152, 4304, 27];
  const [h, ff, L, nh, nkv, hd, V] = [2048, 16384, 18, 8, 1, 256, 257216];
  const textLayer = h * nh * hd + 2 * h * nkv * hd + nh * hd * h + 3 * h * ff + 2 * h;

  it('SigLIP (16x16 patches) + Linear projector with bias + Gemma with tied lm_head, on every release', () => {
    const total = siglip(vh, vff, vL, 14, 256) + lin(vh, 2048) + V * h + L * textLayer + h;
    for (const v of ['4.51.3', '4.57.6', '5.12.1'])
      assert.equal(buildInventory(PALI, { transformersVersion: v }).baseParams, total, v);
  });

  it('names: language_model.model.* (4.51), model.language_model.* (4.57), no vision_model on 5.x', () => {
    assert.ok(names(PALI, '4.51.3').includes('vision_tower.vision_model.encoder.layers.0.self_attn.q_proj'));
    assert.ok(names(PALI, '4.51.3').includes('language_model.model.layers.17.mlp.down_proj'));
    assert.ok(names(PALI, '4.57.6').includes('model.vision_tower.vision_model.encoder.layers.26.mlp.fc2'));
    assert.ok(names(PALI, '4.57.6').includes('model.multi_modal_projector.linear'));
    assert.ok(names(PALI, '5.12.1').includes('model.vision_tower.encoder.layers.0.self_attn.q_proj'));
    assert.ok(names(PALI, '5.12.1').includes('model.language_model.layers.0.self_attn.q_proj'));
  });

  it('LoRA all-linear, q_proj/v_proj and a regex restricted to the language model, exact', () => {
    const r = 16;
    const vision = vL * (4 * lora(r, vh, vh) + lora(r, vh, vff) + lora(r, vff, vh)) + lora(r, vh, 2048);
    const text =
      L *
      (lora(r, h, nh * hd) +
        2 * lora(r, h, nkv * hd) +
        lora(r, nh * hd, h) +
        2 * lora(r, h, ff) +
        lora(r, ff, h));
    assert.equal(loraCount(PALI, 'all-linear'), vision + text);
    const textQv = L * (lora(r, h, nh * hd) + lora(r, h, nkv * hd));
    assert.equal(loraCount(PALI, ['q_proj', 'v_proj']), textQv + vL * 2 * lora(r, vh, vh));
    for (const v of ['4.51.3', '4.57.6', '5.12.1'])
      assert.equal(loraCount(PALI, '.*language_model.*\\.(q_proj|v_proj)', r, v), textQv, v);
  });

  it('PaliGemma 2: Gemma 2 layers carry four norms; other text models are refused', () => {
    const P2 = cfg('google/paligemma2-3b-pt-224');
    const [h2, ff2, L2, nh2, nkv2] = [2304, 9216, 26, 8, 4];
    const layer = h2 * nh2 * hd + 2 * h2 * nkv2 * hd + nh2 * hd * h2 + 3 * h2 * ff2 + 4 * h2;
    const total = siglip(vh, vff, vL, 14, 256) + lin(vh, 2304) + V * h2 + L2 * layer + h2;
    assert.equal(buildInventory(P2).baseParams, total);
    assert.throws(
      () => buildInventory({ ...PALI, text_config: { model_type: 'llama' } }),
      /PaliGemma with a "llama" language model is not modelled/,
    );
  });
});

describe('LLaVA-NeXT inventory', () => {
  const NEXT = cfg('llava-hf/llava-v1.6-mistral-7b-hf');
  const [vh, vff, vL, patches] = [1024, 4096, 24, (336 / 14) ** 2];
  const [h, ff, L, V] = [4096, 14336, 32, 32064];

  it('CLIP tower + LLaVA projector + Mistral + image_newline (text hidden), exact', () => {
    const clipLayer = 4 * lin(vh, vh) + lin(vh, vff) + lin(vff, vh) + 4 * vh;
    const clip = vh + vh * 3 * 14 * 14 + (patches + 1) * vh + 2 * vh + vL * clipLayer + 2 * vh;
    const mistral = 2 * V * h + L * (2 * h * h + 2 * h * 1024 + 3 * h * ff + 2 * h) + h;
    const total = clip + lin(vh, h) + lin(h, h) + mistral + h;
    for (const v of ['4.51.3', '4.57.6', '5.12.1'])
      assert.equal(buildInventory(NEXT, { transformersVersion: v }).baseParams, total, v);
  });

  it("no vision_config: LlavaNextConfig's own CLIP ViT-L/14-336, the published one", () => {
    const { vision_config: _tower, ...bare } = NEXT as Record<string, unknown>;
    assert.equal(buildInventory(bare as HfConfig).baseParams, buildInventory(NEXT).baseParams);
  });

  it('image_newline belongs to the task model on 4.51 and to model (LlavaNextModel) from 4.52', () => {
    const own = (v: string) =>
      buildInventory(NEXT, { transformersVersion: v }).modules.filter(
        (m) => m.otherParams === h && m.kind === 'Other',
      );
    assert.deepEqual(
      own('4.51.3').map((m) => m.name),
      ['image_newline'],
    );
    assert.deepEqual(
      own('4.57.6').map((m) => m.name),
      ['model'],
    );
  });

  it('all-linear adapts tower, projector and decoder; never image_newline or lm_head', () => {
    const r = 8;
    const vision = vL * (4 * lora(r, vh, vh) + lora(r, vh, vff) + lora(r, vff, vh));
    const projector = lora(r, vh, h) + lora(r, h, h);
    const text = L * (2 * lora(r, h, h) + 2 * lora(r, h, 1024) + 2 * lora(r, h, ff) + lora(r, ff, h));
    assert.equal(loraCount(NEXT, 'all-linear', r), vision + projector + text);
  });
});

describe('Idefics3 / SmolVLM inventory', () => {
  // Idefics3Config() defaults: vision 1152 / 3072 / 12 layers / image 224 / patch 32, scale_factor 2, Llama text.
  const BARE: HfConfig = { architectures: ['Idefics3ForConditionalGeneration'], model_type: 'idefics3' };
  const [vh, vff, vL] = [1152, 3072, 12];
  const [h, ff, L, V] = [4096, 11008, 32, 32000];
  const llama = (tied: boolean) => (tied ? 1 : 2) * V * h + L * (4 * h * h + 3 * h * ff + 2 * h) + h;
  const vision = siglip(vh, vff, vL, 32, 49);
  const connector = vh * 4 * h; // pixel shuffle x scale_factor^2, Linear without bias

  it('vision_model + connector.modality_projection.proj + text_model, the same names on every release', () => {
    for (const v of ['4.51.3', '4.57.6', '5.12.1']) {
      assert.equal(
        buildInventory(BARE, { transformersVersion: v }).baseParams,
        vision + connector + llama(false),
        v,
      );
      const n = names(BARE, v);
      assert.ok(n.includes('model.vision_model.encoder.layers.11.self_attn.out_proj'), v);
      assert.ok(n.includes('model.connector.modality_projection.proj'), v);
      assert.ok(n.includes('model.text_model.layers.31.self_attn.q_proj'), v);
    }
  });

  it('tying follows text_config on 4.x and the top-level flag on 5.x', () => {
    const textTied = { ...BARE, text_config: { model_type: 'llama', tie_word_embeddings: true } };
    assert.equal(
      buildInventory(textTied, { transformersVersion: '4.57.6' }).baseParams,
      vision + connector + llama(true),
    );
    assert.equal(
      buildInventory(textTied, { transformersVersion: '5.12.1' }).baseParams,
      vision + connector + llama(false),
    );
    const topTied = { ...BARE, tie_word_embeddings: true };
    assert.equal(
      buildInventory(topTied, { transformersVersion: '4.57.6' }).baseParams,
      vision + connector + llama(false),
    );
    assert.equal(
      buildInventory(topTied, { transformersVersion: '5.12.1' }).baseParams,
      vision + connector + llama(true),
    );
  });

  it('a regex on model.text_model adapts the text model only; plain q_proj reaches the vision tower too', () => {
    const r = 16;
    const textQv = L * 2 * lora(r, h, h);
    assert.equal(loraCount(BARE, 'model\\.text_model\\..*\\.(q_proj|v_proj)'), textQv);
    assert.equal(loraCount(BARE, ['q_proj', 'v_proj']), textQv + vL * 2 * lora(r, vh, vh));
    assert.equal(
      loraCount(BARE, 'all-linear'),
      loraCount(BARE, [
        'q_proj',
        'k_proj',
        'v_proj',
        'o_proj',
        'gate_proj',
        'up_proj',
        'down_proj',
        'out_proj',
        'fc1',
        'fc2',
        'proj',
      ]),
    );
  });

  it('SmolVLM builds the same tree under its own class, from transformers 4.50', () => {
    const smol = { ...BARE, architectures: ['SmolVLMForConditionalGeneration'], model_type: 'smolvlm' };
    const inv = buildInventory(smol, { transformersVersion: '4.57.6' });
    assert.equal(inv.modelClass, 'SmolVLMForConditionalGeneration');
    assert.equal(inv.baseParams, vision + connector + llama(false));
    assert.throws(
      () => buildInventory(smol, { transformersVersion: '4.49.0' }),
      /SmolVLMForConditionalGeneration first appeared in transformers 4.50/,
    );
  });
});
