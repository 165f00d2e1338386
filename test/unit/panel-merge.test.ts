// The panel on a mergekit config: the merge estimate the CodeLens shows, as the panel model carries
// it (exact counts and bytes worked out by hand for Mistral-7B), and accepted by the host protocol.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyzeDocument } from '../../src/core/pipeline';
import { matchCatalogModel } from '../../src/core/models/catalog';
import type { ResolvedModel } from '../../src/core/models/types';
import { mergePanelModel } from '../../src/core/panel/merge';
import { defaultInputs } from '../../src/core/panel/inputs';
import { parseHostMessage } from '../../src/core/panel/protocol';
import { mergeLenses } from '../../src/core/present/merge';

const catalog = (ref: string): ResolvedModel | undefined => {
  const m = matchCatalogModel(ref);
  return m ? { config: m.entry.config, kind: 'catalog', location: m.entry.id, entry: m.entry } : undefined;
};

// Mistral-7B by hand: hidden 4096, MLP 14336, 32 heads / 8 KV heads, vocabulary 32000, bfloat16 checkpoint.
const LAYER = 2 * 4096 * 4096 + 2 * 4096 * 1024 + 3 * 4096 * 14336 + 2 * 4096; // 218,112,000
const OUTSIDE = 2 * 32000 * 4096 + 4096; // embed_tokens + lm_head + final norm
const MISTRAL = OUTSIDE + 32 * LAYER; // 7,241,732,096
const STACKED = OUTSIDE + 48 * LAYER; // 10,731,524,096
const EMBED = 32000 * 4096; // the largest tensor

// Mistral-7B's layers 0-23 then 8-31 at bfloat16 (the host panel test opens the same file).
const PASSTHROUGH = readFileSync('test/fixtures/panel/mistral-stack.yml', 'utf8');

const estimate = (text: string) => analyzeDocument({ text, fileName: 'merge.yml' }, catalog).analysis!.merge!;

describe('panel: a mergekit merge', () => {
  it('a passthrough stack: 48 layers, 10,731,524,096 params, each size at its dtype, disk and memory', () => {
    const m = mergePanelModel(defaultInputs(), estimate(PASSTHROUGH)).merge!;
    assert.equal(m.method, 'passthrough');
    assert.equal(m.headline, 'merged model: 10.73B params (48 layers), 21.5 GB at bfloat16');
    assert.equal(m.params, STACKED);
    assert.deepEqual([m.layers, m.baseLayers], [48, 32]);
    assert.deepEqual(m.models, [
      {
        role: 'input',
        ref: 'mistralai/Mistral-7B-v0.1',
        params: MISTRAL,
        bytes: 2 * MISTRAL,
        dtype: 'bfloat16',
        problem: null,
      },
      {
        role: 'output',
        ref: 'merged model',
        params: STACKED,
        bytes: 2 * STACKED,
        dtype: 'bfloat16',
        problem: null,
      },
    ]);
    assert.deepEqual(m.needs, {
      inputBytes: 2 * MISTRAL,
      outputBytes: 2 * STACKED,
      diskBytes: 2 * MISTRAL + 2 * STACKED,
      // lazy loading: one largest tensor per input plus the result, at bfloat16
      workingBytes: 2 * EMBED * 2,
    });
    assert.deepEqual(m.shapeMismatches, []);
    assert.deepEqual(m.problems, []);
  });

  it('carries the CodeLens words: the same headline and the disk and memory lines', () => {
    const e = estimate(PASSTHROUGH);
    const m = mergePanelModel(defaultInputs(), e).merge!;
    const [count, needs] = mergeLenses(e);
    assert.equal(count.title, `$(symbol-numeric) ${m.headline}`);
    assert.deepEqual(m.needLines, needs.tooltip.split('\n'));
    assert.equal(m.needLines.length, 2);
    assert.match(m.needLines[0], /^Disk: 35\.9 GB = inputs 14\.5 GB \(downloaded whole/);
  });

  it('same-architecture merge: the base count and layers; an unknown model is a row with its reason', () => {
    const text = [
      'models:',
      '  - model: mistralai/Mistral-7B-v0.1',
      '  - model: someone/not-a-real-model',
      'merge_method: linear',
      'dtype: float16',
    ].join('\n');
    const m = mergePanelModel(defaultInputs(), estimate(text)).merge!;
    assert.equal(m.params, MISTRAL);
    assert.deepEqual([m.layers, m.baseLayers], [32, 32]);
    assert.equal(m.headline, 'merged model: 7.24B params, 14.5 GB at float16');
    assert.deepEqual(
      m.models.map((r) => [r.ref, r.params, r.bytes, r.dtype, r.problem]),
      [
        // The catalog's config.json states no torch_dtype: the input is counted at the merge's dtype.
        ['mistralai/Mistral-7B-v0.1', MISTRAL, 2 * MISTRAL, 'float16', null],
        [
          'someone/not-a-real-model',
          null,
          null,
          null,
          "'someone/not-a-real-model' is not in the catalog, the workspace or the local Hugging Face cache",
        ],
        ['merged model', MISTRAL, 2 * MISTRAL, 'float16', null],
      ],
    );
    // An input without a size: no disk total, but the memory bound still holds.
    assert.deepEqual(m.needs, {
      inputBytes: null,
      outputBytes: 2 * MISTRAL,
      diskBytes: null,
      workingBytes: 3 * EMBED * 2,
    });
  });

  it('the training sections stay empty, and the host protocol accepts the result after a JSON round trip', () => {
    const model = mergePanelModel(defaultInputs(), estimate(PASSTHROUGH));
    assert.deepEqual([model.params, model.memory, model.laws, model.lawChart], [null, null, [], null]);
    const raw = JSON.parse(JSON.stringify({ type: 'result', seq: 1, model })) as unknown;
    assert.equal(parseHostMessage(raw).ok, true);
    const bad = JSON.parse(JSON.stringify({ type: 'result', seq: 1, model })) as {
      model: { merge: { params: unknown } };
    };
    bad.model.merge.params = '10B';
    assert.deepEqual(parseHostMessage(bad), {
      ok: false,
      error: 'result: $.model.merge.params: expected a finite number',
    });
  });
});
