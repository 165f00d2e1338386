// Qwen3-VL, Qwen3-VL-MoE, Qwen3-Next and Qwen3.5 in the catalog: names resolve (NVIDIA's -NVFP4 copies to
// their base), each entry builds to the total real transformers 5.17.0 built from the same config.json
// (base_total in test/data/oracle/local/<set>-5.17.0.json), and a release without the model_type refuses.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildInventory } from '../../src/core/estimator/inventory';
import { estimateParameters } from '../../src/core/estimator';
import { findCatalogModel, matchCatalogModel } from '../../src/core/models/catalog';
import { catalogModel } from '../../src/core/models/resolve';
import { describeWithShared } from '../support/shared';

/** base_total of the oracle case built from the same published config (transformers 5.17.0, PEFT 0.20.0). */
const ORACLE_TOTAL: Record<string, number> = {
  'Qwen/Qwen3-VL-4B-Instruct': 4_437_815_808, // qwen3-vl-5.17.0.json
  'Qwen/Qwen3-VL-30B-A3B-Instruct': 31_070_754_032, // qwen3-vl-moe-5.17.0.json
  'Qwen/Qwen3.5-0.8B': 852_985_920, // qwen3-5-5.17.0.json
};

function entry(id: string) {
  const e = findCatalogModel(id);
  assert.ok(e, id);
  return e;
}

describe('catalog: Qwen3-VL, Qwen3-Next, Qwen3.5', () => {
  for (const [id, total] of Object.entries(ORACLE_TOTAL)) {
    it(`${id} = ${total.toLocaleString('en-US')} params on transformers 5.17.0, as the oracle built it`, () => {
      assert.equal(buildInventory(entry(id).config, { transformersVersion: '5.17.0' }).baseParams, total);
    });
  }

  it('Qwen3-Next-80B-A3B: the same total with 4.57 per-expert modules and 5.x fused experts', () => {
    const cfg = entry('Qwen/Qwen3-Next-80B-A3B-Instruct').config;
    const v4 = buildInventory(cfg, { transformersVersion: '4.57.6' });
    const v5 = buildInventory(cfg, { transformersVersion: '5.17.0' });
    assert.equal(v4.baseParams, v5.baseParams);
    assert.equal(v4.modules.filter((m) => m.name.endsWith('.experts.511.down_proj')).length, 48);
    assert.equal(v5.modules.filter((m) => m.name.endsWith('.experts.down_proj')).length, 48);
  });

  it('short names and the NVIDIA ModelOpt NVFP4 copies resolve to their base', () => {
    assert.equal(findCatalogModel('qwen3-vl-4b')?.id, 'Qwen/Qwen3-VL-4B-Instruct');
    assert.equal(findCatalogModel('qwen3-next-80b-a3b')?.id, 'Qwen/Qwen3-Next-80B-A3B-Instruct');
    const next = matchCatalogModel('nvidia/Qwen3-Next-80B-A3B-Instruct-NVFP4');
    assert.equal(next?.entry.id, 'Qwen/Qwen3-Next-80B-A3B-Instruct');
    assert.equal(next?.via, 'mirror');
    assert.match(next?.note ?? '', /nvfp4 quantized copy of Qwen\/Qwen3-Next-80B-A3B-Instruct/);
    assert.equal(matchCatalogModel('nvidia/Qwen3-30B-A3B-NVFP4')?.entry.id, 'Qwen/Qwen3-30B-A3B');
  });

  it('a release without the model_type refuses, naming the first release that has it', () => {
    assert.throws(
      () => buildInventory(entry('Qwen/Qwen3.5-0.8B').config, { transformersVersion: '4.57.6' }),
      /model_type "qwen3_5" first appeared in transformers 5\.2\.0/,
    );
    assert.throws(
      () => buildInventory(entry('Qwen/Qwen3-VL-4B-Instruct').config, { transformersVersion: '4.56.2' }),
      /model_type "qwen3_vl" first appeared in transformers 4\.57\.0/,
    );
    assert.throws(
      () =>
        buildInventory(entry('Qwen/Qwen3-Next-80B-A3B-Instruct').config, { transformersVersion: '4.56.2' }),
      /model_type "qwen3_next" first appeared in transformers 4\.57\.0/,
    );
  });

  it('fused-expert target_parameters on 4.57, where Qwen3-Next keeps per-expert modules: PEFT warns, trains none', () => {
    const peft = {
      peft_type: 'LORA',
      r: 16,
      target_modules: ['q_proj', 'k_proj', 'v_proj', 'o_proj'],
      target_parameters: ['experts.gate_up_proj', 'experts.down_proj'],
    };
    const cfg = entry('Qwen/Qwen3-Next-80B-A3B-Instruct').config;
    const e = estimateParameters(cfg, peft, { taskType: 'CAUSAL_LM', transformersVersion: '4.57.6' });
    // qwen3-next-4.57.6.json lora_r16_qkvo_experts: the q/k/v/o adapters only
    assert.equal(e.trainableParams, 4_128_768);
    assert.ok(
      e.warnings.some((w) => /were set but no parameter was matched/.test(w)),
      e.warnings.join('\n'),
    );
  });

  it('LoRA on q/k/v/o of Qwen3.5 reaches only the full-attention layers (6 of 24 in the 0.8B)', () => {
    const e = estimateParameters(
      entry('Qwen/Qwen3.5-0.8B').config,
      { peft_type: 'LORA', r: 16, target_modules: ['q_proj', 'k_proj', 'v_proj', 'o_proj'] },
      { taskType: 'CAUSAL_LM', transformersVersion: '5.17.0' },
    );
    // qwen3-5-5.17.0.json lora_r16_qkvo: gated q_proj 1024 -> 4096, k/v 1024 -> 512, o 2048 -> 1024
    assert.equal(e.trainableParams, 1_081_344);
  });
});

/** Real configs naming these models (base_model / model_name_or_path), relative to ../shared/corpus/real. */
const CORPUS_FILES: Record<string, string> = {
  'axolotl/examples/qwen3-next/qwen3-next-80b-a3b-nvfp4-lora.yaml': 'Qwen/Qwen3-Next-80B-A3B-Instruct',
  'axolotl/examples/qwen3/30b-a3b-nvfp4-lora.yaml': 'Qwen/Qwen3-30B-A3B',
  'llamafactory/examples/train_lora/qwen3vl_lora_sft.yaml': 'Qwen/Qwen3-VL-4B-Instruct',
  'llamafactory/examples/train_full/qwen3vl_full_sft.yaml': 'Qwen/Qwen3-VL-4B-Instruct',
  'llamafactory/examples/ascend/qwen3vlmoe_full_sft_fsdp2.yaml': 'Qwen/Qwen3-VL-30B-A3B-Instruct',
};

describeWithShared('corpus/real', 'catalog: corpus configs naming Qwen3-Next / Qwen3-VL resolve', (real) => {
  for (const [file, id] of Object.entries(CORPUS_FILES)) {
    it(`${file} -> ${id}`, () => {
      const text = readFileSync(resolve(real, file), 'utf8');
      const ref = /^(?:base_model|model_name_or_path):\s*(\S+)/m.exec(text)?.[1];
      assert.ok(ref, file);
      assert.equal(catalogModel(ref)?.model.entry?.id, id);
    });
  }
});
