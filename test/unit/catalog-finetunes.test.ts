// The fine-tunes and dated re-releases of src/core/models/catalog-finetunes.ts: each name resolves to its
// base with a note saying on what evidence, counts equal the base's (real PEFT's numbers for the base), and
// the corpus configs that train them now resolve.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { estimateParameters } from '../../src/core/estimator';
import { buildInventory } from '../../src/core/estimator/inventory';
import { findCatalogModel, matchCatalogModel } from '../../src/core/models/catalog';
import { catalogModel } from '../../src/core/models/resolve';
import { describeWithShared } from '../support/shared';
import { assertResolves } from './catalogSupport';

describe('catalog: fine-tunes of catalog models (catalog-finetunes)', () => {
  it('each name resolves to its base', () => {
    assertResolves([
      ['Qwen/Qwen3-30B-A3B-Instruct-2507', 'Qwen/Qwen3-30B-A3B'],
      ['qwen3-30b-a3b-instruct-2507', 'Qwen/Qwen3-30B-A3B'],
      ['google/gemma-3-270m-it', 'google/gemma-3-270m'],
      ['gemma-3-270m-it', 'google/gemma-3-270m'],
      ['openai/gpt-oss-safeguard-20b', 'openai/gpt-oss-20b'],
      ['agentica-org/DeepCoder-14B-Preview', 'deepseek-ai/DeepSeek-R1-Distill-Qwen-14B'],
      ['neuralmagic/Sparse-Llama-3.1-8B-2of4', 'meta-llama/Llama-3.1-8B'],
      ['RedHatAI/Sparse-Llama-3.1-8B-2of4', 'meta-llama/Llama-3.1-8B'],
      ['open-r1/Qwen2.5-Math-7B-RoPE-300k', 'Qwen/Qwen2.5-7B'],
      ['alignment-handbook/zephyr-7b-sft-full', 'mistralai/Mistral-7B-v0.1'],
      ['alignment-handbook/mistral-7b-sft-constitutional-ai', 'mistralai/Mistral-7B-v0.1'],
      ['HuggingFaceTB/SmolLM3-3B-checkpoints', 'HuggingFaceTB/SmolLM3-3B'],
      ['Qwen/Qwen3-235B-A22B-Instruct-2507', 'Qwen/Qwen3-235B-A22B'],
    ]);
  });

  it('the note says what differs, and when a model card is the evidence, says so', () => {
    assert.equal(
      matchCatalogModel('Qwen/Qwen3-30B-A3B-Instruct-2507')?.note,
      'Qwen/Qwen3-30B-A3B-Instruct-2507 has the architecture of Qwen/Qwen3-30B-A3B (differs only in max_position_embeddings 262144 and rope_theta 10000000); its config.json was checked against it',
    );
    assert.equal(
      matchCatalogModel('agentica-org/DeepCoder-14B-Preview')?.note,
      "agentica-org/DeepCoder-14B-Preview has the architecture of deepseek-ai/DeepSeek-R1-Distill-Qwen-14B; its publisher's model card derives it from that model's weights",
    );
    assert.equal(
      matchCatalogModel('alignment-handbook/zephyr-7b-sft-full')?.note,
      "alignment-handbook/zephyr-7b-sft-full has the architecture of mistralai/Mistral-7B-v0.1; its publisher's training recipe starts from that model and adds no tokens",
    );
  });

  // [name, base's oracle set, base_total, lora_r16_all_linear trainable and total]: real PEFT 0.20.0's
  // numbers for the base (transformers 5.17.0), which the variant's resolved config reproduces.
  const counted: [string, string, number, number, number][] = [
    ['google/gemma-3-270m-it', 'catalog-more-5.17.0.json', 268_098_176, 3_796_992, 271_895_168],
    [
      'Qwen/Qwen3-235B-A22B-Instruct-2507',
      'qwen3-235b-5.17.0.json',
      235_093_634_560,
      3_901_255_680,
      238_994_890_240,
    ],
  ];
  for (const [ref, set, baseTotal, trainable, total] of counted) {
    it(`${ref} counts as real PEFT 0.20.0 counted its base (${set})`, () => {
      const config = catalogModel(ref)!.model.config;
      assert.equal(buildInventory(config, { transformersVersion: '5.17.0' }).baseParams, baseTotal);
      const e = estimateParameters(config, { peft_type: 'LORA', r: 16, target_modules: 'all-linear' });
      assert.deepEqual([e.trainableParams, e.totalParams], [trainable, total]);
    });
  }

  it("DeepCoder-14B-Preview builds the base's Hub total, 14,770,033,664", () => {
    const config = catalogModel('agentica-org/DeepCoder-14B-Preview')!.model.config;
    assert.equal(config, findCatalogModel('deepseek-ai/DeepSeek-R1-Distill-Qwen-14B')!.config);
    assert.equal(buildInventory(config, { transformersVersion: '5.17.0' }).baseParams, 14_770_033_664);
  });

  it('names without cited evidence stay unresolved', () => {
    for (const id of [
      'loubnabnl/smollm2-360M-sft',
      'axolotl-quants/Llama-4-Scout-17B-16E-Linearized-bnb-nf4-bf16',
      'casperhansen/llama-3-70b-fp16',
    ])
      assert.equal(matchCatalogModel(id), undefined, id);
  });
});

/** Corpus configs (relative to ../shared/corpus/real) whose model now resolves, with the entry it resolves to. */
const CORPUS_FILES: Record<string, string> = {
  'axolotl/examples/expert_parallel/qwen3_30ba3b_ep_fft_4gpu.yaml': 'Qwen/Qwen3-30B-A3B',
  'axolotl/examples/expert_parallel/qwen3_30ba3b_ep_lora_4gpu.yaml': 'Qwen/Qwen3-30B-A3B',
  'llamafactory/examples/megatron/qwen3_moe_full.yaml': 'Qwen/Qwen3-30B-A3B',
  'llamafactory/examples/ascend/qwen3moe_full_sft_fsdp.yaml': 'Qwen/Qwen3-30B-A3B',
  'axolotl/examples/gemma3/gemma-3-270m-qlora.yml': 'google/gemma-3-270m',
  'axolotl/examples/gpt-oss/gpt-oss-safeguard-20b-sft-lora-singlegpu.yaml': 'openai/gpt-oss-20b',
  'axolotl/examples/archived/deepcoder/deepcoder-14B-preview-lora.yml':
    'deepseek-ai/DeepSeek-R1-Distill-Qwen-14B',
  'axolotl/examples/llama-3/sparse-finetuning.yaml': 'meta-llama/Llama-3.1-8B',
  'open-r1/recipes/OpenR1-Distill-7B/sft/config_distill.yaml': 'Qwen/Qwen2.5-7B',
  'alignment-handbook/recipes/zephyr-7b-beta/dpo/config_full.yaml': 'mistralai/Mistral-7B-v0.1',
  'alignment-handbook/recipes/pref_align_scan/dpo/config_zephyr.yaml': 'mistralai/Mistral-7B-v0.1',
  'alignment-handbook/recipes/constitutional-ai/dpo/config_anthropic.yaml': 'mistralai/Mistral-7B-v0.1',
  'alignment-handbook/recipes/smollm3/sft/sft.yaml': 'HuggingFaceTB/SmolLM3-3B',
  'alignment-handbook/recipes/smollm3/dpo/apo.yaml': 'HuggingFaceTB/SmolLM3-3B',
  'llamafactory/examples/ktransformers/train_lora/qwen3moe_lora_sft_kt.yaml': 'Qwen/Qwen3-235B-A22B',
};

describeWithShared(
  'corpus/real',
  'catalog: corpus configs training a fine-tune of a catalog model resolve',
  (real) => {
    for (const [file, id] of Object.entries(CORPUS_FILES)) {
      it(`${file} -> ${id}`, () => {
        const text = readFileSync(resolve(real, file), 'utf8');
        const ref = /^(?:base_model|model_name_or_path):\s*['"]?([^\s'"]+)/m.exec(text)?.[1];
        assert.ok(ref, file);
        assert.equal(catalogModel(ref)?.model.entry?.id, id);
      });
    }
  },
);
