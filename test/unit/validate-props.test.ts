// Property-based checks over random and mutated YAML/JSON: validation never throws, always ends,
// and every diagnostic and fix stays inside the text.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { validateText } from '../../src/core/pipeline';
import { completionsAt, keyPathAt, validateWith } from '../../src/core/validate';
import type { Diagnostic } from '../../src/core/validate';
import { repoRoot, toySchema } from './validateSupport';
import { sharedPath } from '../support/shared';

// Seeds: the real configs in examples/ (always present), plus corpus mutations when ../shared is there.
const EXAMPLES = [
  'axolotl/mistral-qlora.yml',
  'llamafactory/qwen3_lora_sft.yaml',
  'trl/zephyr-7b-sft-qlora.yaml',
  'torchtune/llama3_2_1B_qlora_single_device.yaml',
  'peft/llama-3.2-3B-lora-r32/adapter_config.json',
];
const CORPUS_SEEDS = [
  'mutations/m005_axolotl__qlora.yml',
  'mutations/m037_llamafactory__qwen3_lora_sft_bnb_npu.yaml',
  'mutations/m096_torchtune__27B_qlora_single_device.yaml',
  'mutations/m110_peft__adapter_config.json',
];
function seeds(): string[] {
  const corpus = sharedPath('corpus'); // a seed missing from a present corpus fails the test that reads it
  const files = [
    ...EXAMPLES.map((p) => resolve(repoRoot, 'examples', p)),
    ...(corpus ? CORPUS_SEEDS.map((p) => resolve(corpus, p)) : []),
  ];
  return files.map((f) => readFileSync(f, 'utf8'));
}

function inBounds(text: string, ds: Diagnostic[]): void {
  for (const d of ds) {
    assert.ok(
      d.start >= 0 && d.start <= d.end && d.end <= text.length,
      `range ${d.start}-${d.end} outside 0-${text.length}`,
    );
    for (const f of d.fixes ?? [])
      for (const e of f.edits) assert.ok(e.start >= 0 && e.start <= e.end && e.end <= text.length);
  }
}

const yamlish = fc.stringMatching(/^[a-z_:\- \n"'{}[\],#&*!|>$.0-9e]{0,200}$/);
/** Mutations of a real file: delete, insert or replace a slice, as typing does. */
function mutated(): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...seeds()), fc.nat(), fc.nat({ max: 20 }), fc.string({ maxLength: 12 }))
    .map(([s, at, len, ins]) => {
      const i = at % (s.length + 1);
      return s.slice(0, i) + ins + s.slice(Math.min(s.length, i + len));
    });
}

describe('validate: properties (fast-check)', () => {
  it('random YAML-like text: no throw, offsets within the text', () => {
    const toy = toySchema();
    fc.assert(
      fc.property(yamlish, (text) => inBounds(text, validateWith(text, toy))),
      { numRuns: 400 },
    );
  });
  it('arbitrary unicode: no throw, offsets within the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        inBounds(text, validateText(text).diagnostics);
        inBounds(text, validateText(text, { dialect: 'axolotl' }).diagnostics);
      }),
      { numRuns: 300 },
    );
  });
  it('mutated real configs in every dialect: no throw, offsets within the text', () => {
    fc.assert(
      fc.property(
        mutated(),
        fc.constantFrom('axolotl', 'llamafactory', 'trl', 'peft', 'torchtune', undefined),
        (text, dialect) => {
          inBounds(text, validateText(text, { dialect: dialect as never, fileName: 'x.yaml' }).diagnostics);
        },
      ),
      { numRuns: 300 },
    );
  });
  it('completion and key paths never throw, items replace text inside the document', () => {
    fc.assert(
      fc.property(mutated(), fc.nat(), (text, at) => {
        const offset = at % (text.length + 1);
        keyPathAt(text, offset);
        for (const c of completionsAt(text, offset, 'llamafactory'))
          assert.ok(c.start >= 0 && c.start <= c.end && c.end <= text.length);
      }),
      { numRuns: 200 },
    );
  });
  it('deeply nested input is skipped with a message, not a stack overflow or a crash', () => {
    for (const n of [501, 5000, 100_000]) {
      const deep = `${'['.repeat(n)}${']'.repeat(n)}`;
      assert.deepEqual(
        validateWith(deep, toySchema()).map((d) => [d.code, d.message]),
        [['validation-skipped', 'Validation skipped: brackets nest deeper than 500 levels.']],
      );
    }
    assert.deepEqual(
      validateWith(`base_model: m\nx: ${'['.repeat(400)}${']'.repeat(400)}\n`, toySchema()).map(
        (d) => d.code,
      ),
      ['unknown-key'],
    );
  });
});
