// The messages between the extension host and the analysis worker are checked on receipt: a
// malformed one is refused with the reason, never passed on.
import * as assert from 'node:assert/strict';
import { parseQuery, parseReply, parseRequest, type DocumentRequest } from '../../src/vscode/worker/protocol';

const REQUEST: DocumentRequest = {
  kind: 'document',
  id: 7,
  uri: 'file:///w/a.yaml',
  version: 3,
  text: 'adapter: lora\n',
  fileName: '/w/a.yaml',
  settings: {
    dialectChoice: 'axolotl',
    validationEnabled: true,
    associations: { '**/r/*.yaml': 'trl' },
    maxDiagnostics: 100,
    frameworkVersions: { trl: '0.26' },
    maxAnalysedChars: 250_000,
    models: {
      cwd: '/w',
      homeDir: '/home/u',
      env: { HF_HOME: '/hf' },
      allowNetwork: false,
      known: {},
      roots: [],
    },
  },
};
const RESULT = {
  dialect: 'axolotl',
  reason: 'keys',
  validated: true,
  diagnostics: [{ start: 0, end: 7, severity: 'error', code: 'unknown-key', message: 'm' }],
  targetDiagnostics: [],
};
const why = (c: { ok: boolean; why?: string }): string | undefined => (c.ok ? undefined : c.why);
const withSettings = (patch: Record<string, unknown>): unknown => ({
  ...REQUEST,
  settings: { ...REQUEST.settings, ...patch },
});

describe('analysis worker protocol', () => {
  it('accepts a well-formed document request as it is', () => {
    assert.deepEqual(parseRequest(structuredClone(REQUEST)), { ok: true, value: REQUEST });
  });

  it('refuses malformed requests with the reason', () => {
    assert.equal(why(parseRequest(null)), 'request is not an object');
    assert.equal(why(parseRequest({ ...REQUEST, kind: 'hover' })), 'unknown request kind "hover"');
    assert.equal(why(parseRequest({ ...REQUEST, id: -1 })), 'request id is not a count');
    assert.equal(why(parseRequest({ ...REQUEST, version: 1.5 })), 'request uri/version missing');
    assert.equal(why(parseRequest({ ...REQUEST, text: undefined })), 'request text/fileName is not a string');
    assert.equal(
      why(parseRequest(withSettings({ dialectChoice: 'keras' }))),
      'settings.dialectChoice is not a dialect',
    );
    assert.equal(
      why(parseRequest(withSettings({ frameworkVersions: { trl: 5 } }))),
      'settings.frameworkVersions is not a map of strings',
    );
    assert.equal(
      why(parseRequest(withSettings({ maxDiagnostics: 'abc' }))),
      'settings.maxDiagnostics is not a count',
    );
    assert.equal(
      why(
        parseRequest(withSettings({ models: { ...REQUEST.settings.models, known: { x: { location: 1 } } } })),
      ),
      'settings.models.known is not a map of models',
    );
  });

  it('accepts results, errors and progress replies', () => {
    const result = { kind: 'result', id: 7, uri: REQUEST.uri, version: 3, result: RESULT };
    assert.deepEqual(parseReply(result), { ok: true, value: result });
    const error = { kind: 'error', id: 7, uri: REQUEST.uri, version: 3, error: 'boom' };
    assert.deepEqual(parseReply(error), { ok: true, value: error });
    const progress = { kind: 'progress', id: 7, phase: 'validation', detail: 'torchtune schema' };
    assert.deepEqual(parseReply(progress), { ok: true, value: progress });
    assert.deepEqual(parseReply({ kind: 'ready' }), { ok: true, value: { kind: 'ready' } });
  });

  it('checks hover/completion queries and their answers', () => {
    const query = { kind: 'query', id: 9, what: 'hover', text: 'a: 1\n', offset: 0, dialect: 'trl' };
    assert.deepEqual(parseQuery(query), { ok: true, value: query });
    assert.equal(why(parseQuery({ ...query, dialect: 'cobol' })), 'query.dialect is not a dialect');
    assert.equal(
      why(parseQuery({ ...query, what: 'rename' })),
      'query.what is not hover/complete/panel/architecture/estimate',
    );
    assert.equal(why(parseQuery({ ...query, offset: -1 })), 'query text/offset missing');
    const hover = {
      kind: 'answer',
      id: 9,
      answer: { what: 'hover', path: ['a'], info: { type: ['integer'] } },
    };
    assert.deepEqual(parseReply(hover), { ok: true, value: hover });
    const item = { label: 'lr', kind: 'key', insertText: 'lr: ', documentation: '', start: 0, end: 0 };
    const complete = { kind: 'answer', id: 9, answer: { what: 'complete', items: [item] } };
    assert.deepEqual(parseReply(complete), { ok: true, value: complete });
    assert.equal(
      why(parseReply({ kind: 'answer', id: 9, answer: { what: 'hover', path: [1] } })),
      'answer.path is not a list of keys',
    );
    assert.equal(
      why(parseReply({ kind: 'answer', id: 9, answer: { what: 'complete', items: [{ ...item, end: -1 }] } })),
      'answer.items has a malformed entry',
    );
  });

  it('checks palette command queries and their answers', () => {
    const models = { cwd: '/w', homeDir: '/h', env: {}, allowNetwork: false, known: {}, roots: ['/w'] };
    const query = {
      kind: 'query',
      id: 5,
      what: 'architecture',
      model: 'gpt2',
      targets: 'c_attn',
      taskType: null,
      models,
    };
    assert.deepEqual(parseQuery(query), { ok: true, value: query });
    assert.equal(
      why(parseQuery({ ...query, targets: [1] })),
      'query.targets is not a string or a list of strings',
    );
    assert.equal(why(parseQuery({ ...query, what: 'estimate' })), 'query.peft is not an object');
    assert.equal(why(parseQuery({ ...query, model: 2 })), 'query.model is not a string');
    const table = {
      kind: 'answer',
      id: 5,
      answer: { what: 'architecture', table: { baseParams: 1, rows: [] } },
    };
    assert.deepEqual(parseReply(table), { ok: true, value: table });
    const failed = { kind: 'answer', id: 5, answer: { what: 'estimate', error: 'unknown model' } };
    assert.deepEqual(parseReply(failed), { ok: true, value: failed });
    assert.equal(
      why(parseReply({ kind: 'answer', id: 5, answer: { what: 'estimate', estimate: { label: 'x' } } })),
      'answer.estimate is malformed',
    );
  });

  it('checks panel queries and their answers', () => {
    const models = { cwd: '/w', homeDir: '/h', env: {}, allowNetwork: false, known: {}, roots: ['/w'] };
    const query = {
      kind: 'query',
      id: 4,
      what: 'panel',
      inputs: { modelRef: 'meta-llama/Llama-3.2-1B' },
      models,
    };
    assert.deepEqual(parseQuery(query), { ok: true, value: query });
    assert.equal(why(parseQuery({ ...query, inputs: { modelRef: 3 } })), 'query.inputs is not a panel input');
    assert.equal(why(parseQuery({ ...query, analysis: 'x' })), 'query.analysis is not an object');
    assert.equal(
      why(parseQuery({ ...query, models: { ...models, roots: '/w' } })),
      'settings.models.roots is not a list of folders',
    );
    const answer = { kind: 'answer', id: 4, answer: { what: 'panel', model: { laws: [] } } };
    assert.deepEqual(parseReply(answer), { ok: true, value: answer });
    assert.equal(
      why(parseReply({ kind: 'answer', id: 4, answer: { what: 'panel', model: {} } })),
      'answer.model is not a panel model',
    );
  });

  it('refuses malformed replies with the reason', () => {
    const reply = (result: unknown): unknown => ({
      kind: 'result',
      id: 7,
      uri: REQUEST.uri,
      version: 3,
      result,
    });
    assert.equal(why(parseReply({ kind: 'result', uri: 'u', version: 1 })), 'reply id is not a count');
    assert.equal(
      why(parseReply({ kind: 'progress', id: 1, phase: 'sleeping', detail: '' })),
      'progress without phase/detail',
    );
    assert.equal(
      why(parseReply({ kind: 'shout', id: 1, uri: 'u', version: 1 })),
      'unknown reply kind "shout"',
    );
    assert.equal(
      why(parseReply({ kind: 'error', id: 1, uri: 'u', version: 1 })),
      'error reply without a message',
    );
    assert.equal(
      why(parseReply(reply({ ...RESULT, validated: 'yes' }))),
      'result.validated is not a boolean',
    );
    assert.equal(
      why(parseReply(reply({ ...RESULT, diagnostics: [{ ...RESULT.diagnostics[0], end: -1 }] }))),
      'result.diagnostics has an entry without a valid range',
    );
    assert.equal(
      why(
        parseReply(
          reply({
            ...RESULT,
            targetDiagnostics: [{ start: 0, end: 1, severity: 'fatal', code: 'c', message: 'm' }],
          }),
        ),
      ),
      'result.targetDiagnostics has an entry without severity/code/message',
    );
    assert.equal(
      why(parseReply(reply({ ...RESULT, analysis: { dialect: 'trl' } }))),
      'result.analysis is malformed',
    );
  });
});
