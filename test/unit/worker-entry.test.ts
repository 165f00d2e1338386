// The worker's one core entry (src/vscode/worker/entry.ts) in plain Node, and the real worker module
// (compiled analysisWorker.js) in a worker thread: validation plus estimates of one document.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { runDocument } from '../../src/vscode/worker/entry';
import { analyzeDocument } from '../../src/core/pipeline';
import { completionsAt, describeKeyPath } from '../../src/core/validate';
import { AnalysisClient } from '../../src/vscode/worker/client';
import type { DocumentRequest } from '../../src/vscode/worker/protocol';

const ROOT = join(__dirname, '../../..');
const QLORA = readFileSync(join(ROOT, 'test/fixtures/axolotl/qlora.yml'), 'utf8');
// Llama-3.2-1B, LoRA r=16 on all 7 linear projections of 16 layers (see test/host/editor.test.ts).
const TRAINABLE = 11_272_192;
const request = (text: string, settings: Partial<DocumentRequest['settings']> = {}): DocumentRequest => ({
  kind: 'document',
  id: 1,
  uri: 'file:///w/qlora.yml',
  version: 1,
  text,
  fileName: '/w/qlora.yml',
  settings: {
    validationEnabled: true,
    associations: {},
    maxDiagnostics: 100,
    frameworkVersions: {},
    maxAnalysedChars: 250_000,
    models: { cwd: '/w', homeDir: '/w', env: {}, allowNetwork: false, known: {}, roots: [] },
    ...settings,
  },
});
const catalogOnly = (): undefined => undefined;

describe('analysis worker entry', () => {
  it('validates and estimates a document, asking the injected resolver for its model', () => {
    const asked: string[] = [];
    const r = runDocument(request(QLORA), (ref) => {
      asked.push(ref);
      return undefined;
    });
    assert.deepEqual([r.dialect, r.validated, r.diagnostics, r.targetDiagnostics], ['axolotl', true, [], []]);
    assert.deepEqual(asked, ['NousResearch/Llama-3.2-1B']);
    assert.deepEqual(r.analysis?.problems, [
      "model 'NousResearch/Llama-3.2-1B' is not in the catalog, the workspace or the local Hugging Face cache",
    ]);
  });

  it('reports validation findings with offsets and the phases it went through', () => {
    const phases: string[] = [];
    const text = QLORA.replace('lora_r: 16', 'lora_rr: 16');
    const r = runDocument(request(text), catalogOnly, (phase, detail) => phases.push(`${phase}: ${detail}`));
    const at = text.indexOf('lora_rr');
    assert.deepEqual(
      r.diagnostics.map((d) => [d.code, d.start, d.end]),
      [['unknown-key', at, at + 'lora_rr'.length]],
    );
    // One pipeline call validates and analyses; the catalog resolver reads no file, so no 'model' phase.
    assert.deepEqual(phases, ['validation: dialect detection and schema']);
  });

  it('still estimates with validation off, and does neither for a file turned off', () => {
    const off = runDocument(
      request(QLORA.replace('lora_r: 16', 'lora_rr: 16'), { validationEnabled: false }),
      catalogOnly,
    );
    assert.deepEqual([off.dialect, off.validated, off.diagnostics], ['axolotl', false, []]);
    assert.ok(off.analysis);
    assert.deepEqual(runDocument(request(QLORA, { dialectChoice: 'none' }), catalogOnly), {
      dialect: undefined,
      reason: 'turned off for this file',
      validated: false,
      diagnostics: [],
      targetDiagnostics: [],
    });
  });

  it('with validation off and the file above the size limit, only detects the dialect (in the pipeline)', () => {
    // A syntax error and an unknown key: neither is reported, since nothing is parsed or validated.
    const text = `${QLORA.replace('lora_r: 16', 'lora_rr: 16')}\nbad: [unclosed\n`;
    const off = { validationEnabled: false, maxAnalysedChars: 10 };
    assert.deepEqual(runDocument(request(text, off), catalogOnly), {
      dialect: 'axolotl',
      reason: analyzeDocument({ text, fileName: '/w/qlora.yml' }).reason,
      validated: false,
      diagnostics: [],
      analysis: undefined,
      targetDiagnostics: [],
    });
    assert.deepEqual(
      analyzeDocument({ text, fileName: '/w/qlora.yml', validate: false, analyse: false }).diagnostics,
      [],
    );
    assert.equal(
      runDocument(request(text, { ...off, dialectChoice: 'trl' }), catalogOnly).reason,
      'chosen with ML Config: Select Config Dialect',
    );
  });

  it('validates but does not estimate a file above the size limit', () => {
    const r = runDocument(request(QLORA, { maxAnalysedChars: 100, dialectChoice: 'axolotl' }), catalogOnly);
    assert.deepEqual(
      [r.dialect, r.reason, r.validated, r.analysis],
      ['axolotl', 'chosen with ML Config: Select Config Dialect', true, undefined],
    );
  });

  it('runs in a real worker thread and posts the result back', async () => {
    const client = new AnalysisClient(
      () => new Worker(join(ROOT, 'out/src/vscode/worker/analysisWorker.js')),
      { deadlineMs: 15_000 },
    );
    try {
      const o = await client.analyse({
        uri: 'file:///w/qlora.yml',
        version: 1,
        text: QLORA,
        fileName: '/w/qlora.yml',
        settings: request('').settings,
      });
      assert.equal(o.kind, 'result');
      if (o.kind !== 'result') return;
      assert.equal(o.result.analysis?.estimate?.trainableParams, TRAINABLE);
      assert.equal(o.result.analysis?.model?.kind, 'catalog');
    } finally {
      client.dispose();
    }
  });

  it('answers hover and completion queries in the worker thread, as the core does in-thread', async () => {
    const client = new AnalysisClient(
      () => new Worker(join(ROOT, 'out/src/vscode/worker/analysisWorker.js')),
      { deadlineMs: 15_000 },
    );
    try {
      const offset = QLORA.indexOf('lora_r:') + 2;
      const hover = await client.query({ what: 'hover', text: QLORA, offset, dialect: 'axolotl' });
      const info = describeKeyPath('axolotl', ['lora_r']);
      assert.ok(info?.type.includes('integer'));
      assert.deepEqual(hover, { what: 'hover', path: ['lora_r'], info });
      const text = `${QLORA}lora_fan`;
      const complete = await client.query({
        what: 'complete',
        text,
        offset: text.length,
        dialect: 'axolotl',
      });
      const items = completionsAt(text, text.length, 'axolotl');
      // Keys not yet in the mapping (the editor filters them by the typed prefix): lora_r is there already.
      const labels = items.map((c) => c.label);
      assert.deepEqual([labels.includes('lora_fan_in_fan_out'), labels.includes('lora_r')], [true, false]);
      assert.deepEqual(complete, { what: 'complete', items });
    } finally {
      client.dispose();
    }
  });

  it('gives no answer to a query once the client is disposed', async () => {
    const client = new AnalysisClient(
      () => new Worker(join(ROOT, 'out/src/vscode/worker/analysisWorker.js')),
      { deadlineMs: 15_000 },
    );
    const pending = client.query({ what: 'hover', text: 'a: 1\n', offset: 0, dialect: 'trl' });
    client.dispose();
    assert.equal(await pending, undefined);
  });
});
