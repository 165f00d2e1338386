// The panel's message protocol: both sides validate every message at run time, so a malformed
// message is refused with the path of the first bad field, and real messages pass unchanged.
import * as assert from 'node:assert/strict';
import { findCatalogModel } from '../../src/core/models/catalog';
import { computePanelModel } from '../../src/core/panel/model';
import { defaultInputs } from '../../src/core/panel/inputs';
import { parseHostMessage, parseWebviewMessage } from '../../src/core/panel/protocol';
import { check, list, obj, opt } from '../../src/core/panel/shape';

const LLAMA2 = findCatalogModel('meta-llama/Llama-2-7b-hf')!;
const errorOf = (r: { ok: boolean; error?: string }): string | undefined => (r.ok ? undefined : r.error);

describe('panel protocol: webview → host', () => {
  it('accepts ready, compute, apply, reset and rendered messages', () => {
    for (const m of [
      { type: 'ready', restored: null },
      { type: 'ready', restored: defaultInputs() },
      { type: 'compute', seq: 3, inputs: defaultInputs() },
      { type: 'apply', field: 'rank', value: 16 },
      { type: 'apply', field: 'targetModules', value: 'q_proj, v_proj' },
      { type: 'reset' },
      { type: 'rendered', seq: 3, summary: 'Trainable 4,194,304' },
    ])
      assert.deepEqual(parseWebviewMessage(m), { ok: true, message: m });
  });

  it('refuses unknown types and non-objects', () => {
    assert.equal(
      errorOf(parseWebviewMessage({ type: 'delete-everything' })),
      'unknown message type "delete-everything"',
    );
    assert.equal(errorOf(parseWebviewMessage('compute')), 'message is not an object');
    assert.equal(errorOf(parseWebviewMessage(null)), 'message is not an object');
    assert.equal(errorOf(parseWebviewMessage({ type: 'toString' })), 'unknown message type "toString"');
  });

  it('names the first bad field of a compute request', () => {
    const bad = { type: 'compute', seq: 1, inputs: { ...defaultInputs(), rank: 'eight' } };
    assert.equal(errorOf(parseWebviewMessage(bad)), 'compute: $.inputs.rank: expected a finite number');
    const nan = {
      type: 'compute',
      seq: 1,
      inputs: { ...defaultInputs(), training: { ...defaultInputs().training, sequenceLength: Number.NaN } },
    };
    assert.equal(
      errorOf(parseWebviewMessage(nan)),
      'compute: $.inputs.training.sequenceLength: expected a finite number',
    );
    const dtype = {
      type: 'compute',
      seq: 1,
      inputs: { ...defaultInputs(), training: { ...defaultInputs().training, dtype: 'fp8' } },
    };
    assert.equal(
      errorOf(parseWebviewMessage(dtype)),
      'compute: $.inputs.training.dtype: expected one of "bf16", "fp16", "fp32"',
    );
  });

  it('checks apply values by field: positive numbers, a non-empty target list', () => {
    assert.equal(
      errorOf(parseWebviewMessage({ type: 'apply', field: 'rank', value: -4 })),
      'apply: $.value: expected a positive number',
    );
    assert.equal(
      errorOf(parseWebviewMessage({ type: 'apply', field: 'learningRate', value: '2e-4' })),
      'apply: $.value: expected a positive number',
    );
    assert.equal(
      errorOf(parseWebviewMessage({ type: 'apply', field: 'targetModules', value: '  ' })),
      'apply: $.value: expected a non-empty list of module names',
    );
    assert.equal(
      errorOf(parseWebviewMessage({ type: 'apply', field: 'lora_dropout', value: 0.1 })),
      'apply: $.field: expected one of "rank", "alpha", "learningRate", "targetModules", "sequenceLength", "microBatchSize", "gradientAccumulationSteps"',
    );
  });
});

describe('panel protocol: host → webview', () => {
  it('accepts a real computed result after a JSON round trip (what postMessage does)', () => {
    const model = computePanelModel(
      { ...defaultInputs(), training: { ...defaultInputs().training, learningRate: 2e-4 } },
      { model: { config: LLAMA2.config, label: LLAMA2.id } },
    );
    const msg = JSON.parse(JSON.stringify({ type: 'result', seq: 1, model }));
    assert.equal(errorOf(parseHostMessage(msg)), undefined);
    assert.equal(msg.model.params.trainable, 4_194_304);
  });

  it('refuses a result whose numbers are not numbers', () => {
    const model = computePanelModel(defaultInputs(), { model: { config: LLAMA2.config, label: LLAMA2.id } });
    const msg = JSON.parse(JSON.stringify({ type: 'result', seq: 1, model }));
    msg.model.params.trainable = '4194304';
    assert.equal(
      errorOf(parseHostMessage(msg)),
      'result: $.model.params.trainable: expected a finite number',
    );
    msg.model.params = null;
    msg.model.laws[0].applies = 'always';
    assert.equal(
      errorOf(parseHostMessage(msg)),
      'result: $.model.laws[0].applies: expected one of "recommendation", "context"',
    );
  });

  it('checks document and applied messages', () => {
    const doc = {
      type: 'document',
      doc: { uri: 'file:///a.yml', name: 'a.yml', dialect: 'axolotl' },
      inputs: defaultInputs(),
      applicable: ['rank'],
    };
    assert.equal(errorOf(parseHostMessage(doc)), undefined);
    assert.equal(
      errorOf(parseHostMessage({ ...doc, applicable: ['everything'] })),
      'document: $.applicable[0]: expected one of "rank", "alpha", "learningRate", "targetModules", "sequenceLength", "microBatchSize", "gradientAccumulationSteps"',
    );
    assert.equal(
      errorOf(parseHostMessage({ type: 'applied', field: 'rank', ok: 'yes', message: '' })),
      'applied: $.ok: expected true or false',
    );
  });
});

describe('panel protocol: shape checker', () => {
  it('reports optional, list length and nested object problems by path', () => {
    const s = obj({ a: opt('number'), b: list('string', 2) });
    assert.equal(check({ b: [] }, s), null);
    assert.equal(check({ a: 1, b: ['x', 'y', 'z'] }, s), '$.b: more than 2 items');
    assert.equal(check({ b: ['x', 3] }, s), '$.b[1]: expected a string');
    assert.equal(check([], s), '$: expected an object');
    assert.equal(check({ a: Infinity, b: [] }, s), '$.a: expected a finite number');
  });
});
