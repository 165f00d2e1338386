// PaliGemma, LLaVA-NeXT, SmolVLM2 and GLM catalog entries: each builds to the parameter total a published
// source reports, on transformers 4.51.3, 4.57.6 and 5.12.1; the LLaMA-Factory vision switches and the
// target-module check work on them.
import * as assert from 'node:assert/strict';
import { buildInventory } from '../../src/core/estimator/inventory';
import { findCatalogModel } from '../../src/core/models/catalog';
import { notFoundMessage } from '../../src/core/models/resolve';
import { buildEstimateReport } from '../../src/core/estimator-input/report';
import { mapLlamaFactory } from '../../src/core/estimator-input/llamafactory';
import { analyzeDocument } from '../../src/core/pipeline';
import { estimateParameters } from '../../src/core/estimator';

const LLAVA_15_7B = 7_063_427_072; // llava-hf/llava-1.5-7b-hf, Hub safetensors (catalog-vlm.test.ts)
const LLAMA_2_7B = 6_738_415_616; // meta-llama/Llama-2-7b-hf (catalog)
const MISTRAL_7B = 7_241_732_096; // mistralai/Mistral-7B-v0.1 (catalog)
const ADDED_ROWS = 2 * 64 * 4096; // vocabulary padded 32000 -> 32064, in embed_tokens and lm_head

/** Published totals, with where each was read. */
const PUBLISHED: Record<string, number> = {
  // a public module-tree dump of PaliGemmaForConditionalGeneration (paligemma-3b)
  'google/paligemma-3b-pt-224': 2_923_466_480,
  // a public hf_watch_arch dump of google/paligemma2-3b-mix-224 (same architecture as pt-224)
  'google/paligemma2-3b-pt-224': 3_032_242_416,
  // public reports of the Hub API count (SmolVLM-500M-Instruct / SmolVLM2-500M-Video-Instruct)
  'HuggingFaceTB/SmolVLM2-500M-Video-Instruct': 507_482_304,
  // a public torchinfo summary of ChatGLMForConditionalGeneration
  'THUDM/chatglm3-6b': 6_243_584_000,
  // the GLM-4 demo: "served by GLM-4, with 9399951360 (9.4B) parameters"
  'THUDM/glm-4-9b-chat': 9_399_951_360,
  'THUDM/glm-4-9b-chat-hf': 9_399_951_360,
  // LLaVA-NeXT = its text model with 64 padded rows + the CLIP tower and projector of llava-1.5 + image_newline
  'llava-hf/llava-v1.6-vicuna-7b-hf': LLAVA_15_7B + 4096,
  'llava-hf/llava-v1.6-mistral-7b-hf':
    MISTRAL_7B + ADDED_ROWS + (LLAVA_15_7B - LLAMA_2_7B - ADDED_ROWS) + 4096,
};

describe('catalog: PaliGemma, LLaVA-NeXT, SmolVLM2, GLM', () => {
  for (const [id, total] of Object.entries(PUBLISHED)) {
    it(`${id} = ${total.toLocaleString('en-US')} params on transformers 4.51.3, 4.57.6 and 5.12.1`, () => {
      const entry = findCatalogModel(id);
      assert.ok(entry, id);
      for (const v of ['4.51.3', '4.57.6', '5.12.1'])
        assert.equal(buildInventory(entry.config, { transformersVersion: v }).baseParams, total, v);
    });
  }

  it('short names resolve; an uncatalogued sibling gets the closest catalog model of its family', () => {
    assert.equal(findCatalogModel('paligemma-3b')?.id, 'google/paligemma-3b-pt-224');
    assert.equal(findCatalogModel('llava-v1.6-mistral-7b')?.id, 'llava-hf/llava-v1.6-mistral-7b-hf');
    assert.equal(findCatalogModel('chatglm3-6b')?.id, 'THUDM/chatglm3-6b');
    assert.match(
      notFoundMessage('THUDM/chatglm2-6b', false),
      /did you mean 'THUDM\/chatglm3-6b' \(the closest catalog model of the same family\)/,
    );
    assert.match(
      notFoundMessage('google/paligemma-3b-mix-448', false),
      /did you mean 'google\/paligemma-3b-pt-224' \(the closest catalog model of the same family\)/,
    );
  });
});

describe("LLaMA-Factory's switches on PaliGemma, SmolVLM and ChatGLM", () => {
  const report = (id: string, yaml: Record<string, unknown>) =>
    buildEstimateReport(mapLlamaFactory({ stage: 'sft', finetuning_type: 'lora', ...yaml }), {
      config: findCatalogModel(id)!.config,
      kind: 'catalog',
      location: id,
    });
  const lora = (r: number, i: number, o: number) => r * (i + o);

  it('PaliGemma lora_target all: tower and projector frozen by default, then the tower too', () => {
    const [h, ff, L, q, kv, vh, vff, vL] = [2048, 16384, 18, 2048, 256, 1152, 4304, 27];
    const text = (r: number) =>
      L * (lora(r, h, q) + 2 * lora(r, h, kv) + lora(r, q, h) + 2 * lora(r, h, ff) + lora(r, ff, h));
    const tower = (r: number) => vL * (4 * lora(r, vh, vh) + lora(r, vh, vff) + lora(r, vff, vh));
    const id = 'google/paligemma-3b-pt-224';
    assert.equal(report(id, { lora_rank: 8, lora_target: 'all' }).params.trainableParams, text(8));
    assert.equal(
      report(id, { lora_rank: 8, lora_target: 'all', freeze_vision_tower: false }).params.trainableParams,
      text(8) + tower(8),
    );
    const full = buildEstimateReport(mapLlamaFactory({ stage: 'sft', finetuning_type: 'full' }), {
      config: findCatalogModel(id)!.config,
      kind: 'catalog',
      location: id,
    });
    const towerAndProjector =
      1152 * 3 * 14 * 14 +
      1152 +
      256 * 1152 +
      vL * (4 * (vh * vh + vh) + vh * vff + vff + vff * vh + vh + 4 * vh) +
      2 * vh +
      vh * 2048 +
      2048;
    assert.equal(full.params.trainableParams, 2_923_466_480 - towerAndProjector);
  });

  it('SmolVLM is no composite model to LLaMA-Factory: lora_target all is all-linear, tower included, said so', () => {
    const id = 'HuggingFaceTB/SmolVLM2-500M-Video-Instruct';
    const r = report(id, { lora_rank: 8, lora_target: 'all', freeze_vision_tower: true });
    const peft = estimateParameters(
      findCatalogModel(id)!.config,
      { peft_type: 'LORA', r: 8, target_modules: 'all-linear' },
      { taskType: 'CAUSAL_LM' },
    );
    assert.equal(r.params.trainableParams, peft.trainableParams);
    assert.ok(r.notes.some((n) => /does not register smolvlm as a composite model/.test(n)));
  });

  it('ChatGLM lora_target all leaves output_layer out (find_all_linear_modules), unlike PEFT all-linear', () => {
    const [h, L, ff, qkv] = [4096, 28, 13696, 4608];
    const r = report('THUDM/chatglm3-6b', { lora_rank: 8, lora_target: 'all' });
    assert.equal(
      r.params.trainableParams,
      L * (lora(8, h, qkv) + lora(8, h, h) + lora(8, h, 2 * ff) + lora(8, ff, h)),
    );
    assert.ok(r.notes.some((n) => /leaves output_layer out/.test(n)));
  });
});

describe("target-module check knows ChatGLM's and PaliGemma's module names", () => {
  const codes = (model: string, entries: string[], transformersVersion = '4.57.6') => {
    const text = `base_model: ${model}\nadapter: lora\nlora_target_modules:\n${entries.map((e) => `  - ${e}\n`).join('')}`;
    return analyzeDocument({ text, dialect: 'axolotl', settings: { transformersVersion } })
      .diagnostics.filter((d) => d.code?.startsWith('target-') || d.code === 'model-unknown')
      .map((d) => `${d.code} ${text.slice(d.start, d.end)}`);
  };

  it('query_key_value / dense_h_to_4h / dense_4h_to_h are ChatGLM modules; q_proj is not', () => {
    assert.deepEqual(
      codes('THUDM/chatglm3-6b', ['query_key_value', 'dense', 'dense_h_to_4h', 'dense_4h_to_h']),
      [],
    );
    assert.deepEqual(codes('THUDM/chatglm3-6b', ['query_key_value', 'q_proj']), ['target-unmatched q_proj']);
    assert.deepEqual(codes('THUDM/glm-4-9b-chat-hf', ['query_key_value']), [
      'target-not-found query_key_value',
    ]);
  });

  it('PaliGemma full paths follow the release (language_model.model.* before 4.52)', () => {
    const old = 'language_model.model.layers.0.self_attn.q_proj';
    assert.deepEqual(codes('google/paligemma-3b-pt-224', [old], '4.51.3'), []);
    assert.deepEqual(codes('google/paligemma-3b-pt-224', [old], '4.57.6'), [`target-not-found ${old}`]);
  });
});
