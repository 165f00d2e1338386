// Axolotl's unfrozen_parameters (utils/freeze.py freeze_layers_except at 067b021): applied to the model the
// loader returns, so with an adapter the names begin "base_model.model." and re.match is anchored there.
// Counts derived by hand from the published shapes (LoRA r = 16: 16 * (in + out) per Linear).
import * as assert from 'node:assert/strict';
import { mapDialectConfig } from '../../src/core/dialects';
import { buildEstimateReport } from '../../src/core/estimator-input/report';
import { layerNameRegex } from '../../src/core/estimator/unfreeze';
import { findCatalogModel } from '../../src/core/models/catalog';

function report(id: string, yaml: Record<string, unknown>, transformersVersion?: string) {
  const entry = findCatalogModel(id);
  assert.ok(entry, id);
  const input = mapDialectConfig({ base_model: id, ...yaml }, 'axolotl');
  return buildEstimateReport(
    input,
    { config: entry.config, kind: 'catalog', location: id },
    { transformersVersion },
  );
}

const lora = (i: number, o: number): number => 16 * (i + o);
/** LLaVA-1.5-7B's model.language_model: embed 32064 x 4096, 32 Llama-2-7B layers, final norm. */
const LLAVA_LANGUAGE_MODEL = 32064 * 4096 + 32 * (4 * 4096 * 4096 + 3 * 4096 * 11008 + 2 * 4096) + 4096;
const LLAVA_TEXT_LORA = 32 * (4 * lora(4096, 4096) + 3 * lora(4096, 11008));
const LORA = { adapter: 'lora', lora_r: 16, lora_alpha: 32, lora_target_linear: true };

describe('Axolotl unfrozen_parameters', () => {
  it("LayerNamePattern: dots literal unless before '+', a trailing range stripped", () => {
    assert.equal(layerNameRegex('^model.language_model.*'), '^model\\.language_model\\.*');
    assert.equal(layerNameRegex('^model.embed_tokens.weight$[:32000]'), '^model\\.embed_tokens\\.weight$');
    assert.equal(layerNameRegex('layers.2[0-9]+.mlp'), 'layers\\.2[0-9]+\\.mlp');
  });

  it('full tuning of LLaVA-1.5 with ^model.language_model.*: the language model trains (transformers 5 names)', () => {
    const r = report(
      'llava-hf/llava-1.5-7b-hf',
      { unfrozen_parameters: ['^model.language_model.*'] },
      '5.12.1',
    );
    assert.equal(LLAVA_LANGUAGE_MODEL, 6_607_605_760);
    assert.equal(r.params.trainableParams, LLAVA_LANGUAGE_MODEL);
    // transformers 4.47 names it language_model.model: the pattern matches nothing and nothing trains.
    const old = report(
      'llava-hf/llava-1.5-7b-hf',
      { unfrozen_parameters: ['^model.language_model.*'] },
      '4.47.0',
    );
    assert.equal(old.params.trainableParams, 0);
  });

  it('with an adapter the same pattern misses "base_model.model." names: the LoRA layers freeze too', () => {
    const plain = report('google/gemma-3-1b-it', { ...LORA });
    // gemma-3-1b-qlora.yml in Axolotl's examples: lora_target_linear with ^model.language_model.*, ^lm_head.*.
    const r = report('google/gemma-3-1b-it', {
      ...LORA,
      unfrozen_parameters: ['^model.language_model.*', '^lm_head.*'],
    });
    assert.ok(plain.params.trainableParams > 0);
    assert.equal(r.params.trainableParams, 0);
    assert.equal(r.params.totalParams, plain.params.totalParams);
  });

  it('a pattern written for the PEFT names keeps its LoRA layers and unfreezes the base weights it matches', () => {
    const r = report('llava-hf/llava-1.5-7b-hf', {
      ...LORA,
      unfrozen_parameters: ['^base_model.model.model.language_model.*'],
    });
    assert.equal(r.params.trainableParams, LLAVA_TEXT_LORA + LLAVA_LANGUAGE_MODEL);
  });

  it('rl: dpo with an adapter: TRL wraps the model after the freezes, so neither changes the count', () => {
    const yaml = { ...LORA, rl: 'dpo', freeze_mm_modules: true, unfrozen_parameters: ['^nothing'] };
    const r = report('llava-hf/llava-1.5-7b-hf', yaml);
    // Text LoRA + CLIP tower (24 layers: 4 x 1024->1024, 1024->4096, 4096->1024) + projector.
    const tower = 24 * (4 * lora(1024, 1024) + lora(1024, 4096) + lora(4096, 1024));
    const projector = lora(1024, 4096) + lora(4096, 4096);
    assert.equal(r.params.trainableParams, LLAVA_TEXT_LORA + tower + projector);
    assert.ok(r.notes.some((n) => /rl: dpo with an adapter/.test(n)));
  });
});
