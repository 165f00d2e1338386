// The analysis worker's host client with real worker threads (test/unit/worker/fakeAnalysisWorker):
// one request at a time, queued older versions cancelled, stale answers dropped, a deadline that
// terminates the worker and starts a new one without re-running the version that timed out.
// No timing assertions: ordering follows from the queue; only mocha's timeout bounds a hang.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  AnalysisClient,
  describeFailure,
  type DocumentJob,
  type Outcome,
} from '../../src/vscode/worker/client';
import type { DocumentSettings } from '../../src/vscode/worker/protocol';

const FAKE = join(__dirname, 'worker', 'fakeAnalysisWorker.js');
const SETTINGS: DocumentSettings = {
  validationEnabled: true,
  associations: {},
  maxDiagnostics: 100,
  frameworkVersions: {},
  maxAnalysedChars: 250_000,
  models: { cwd: '/tmp', homeDir: '/tmp', env: {}, allowNetwork: false, known: {}, roots: [] },
};
const job = (uri: string, version: number, text: string): DocumentJob => ({
  uri,
  version,
  text,
  fileName: `/w/${uri}.yaml`,
  settings: SETTINGS,
});
/** The worker's answer without the timing. */
const seen = (o: Outcome): string => (o.kind === 'result' ? o.result.reason : o.kind);

describe('analysis worker client', () => {
  let client: AnalysisClient;
  let ignored: string[];
  const make = (deadlineMs = 10_000, stretch?: () => number): AnalysisClient => {
    ignored = [];
    client = new AnalysisClient(() => new Worker(FAKE), {
      deadlineMs,
      stretch,
      onIgnored: (why) => ignored.push(why),
    });
    return client;
  };
  afterEach(() => client.dispose());

  it("answers a request with the worker's result", async () => {
    const o = await make().analyse(job('a', 1, 'answer'));
    assert.equal(o.kind, 'result');
    assert.deepEqual(o.kind === 'result' && o.result, {
      dialect: 'trl',
      reason: 'request 1',
      validated: true,
      diagnostics: [],
      targetDiagnostics: [],
    });
  });

  it('cancels a queued version superseded before it starts; the newest one runs', async () => {
    const c = make();
    const a = c.analyse(job('a', 1, 'sleep 200'));
    const b1 = c.analyse(job('b', 1, 'answer'));
    const b2 = c.analyse(job('b', 2, 'answer'));
    assert.deepEqual((await Promise.all([a, b1, b2])).map(seen), ['request 1', 'cancelled', 'request 2']);
  });

  it('drops an answer for a version older than the newest requested (stale), then applies the newest', async () => {
    const c = make();
    const v1 = c.analyse(job('a', 1, 'sleep 200'));
    const v2 = c.analyse(job('a', 2, 'answer'));
    assert.deepEqual((await Promise.all([v1, v2])).map(seen), ['stale', 'request 2']);
  });

  it('stops a request at its deadline, says what was slow, and starts a new worker', async () => {
    const c = make(1000);
    const slow = await c.analyse(job('a', 1, 'spin'));
    assert.deepEqual(slow, {
      kind: 'timeout',
      ms: 1000,
      phase: 'model',
      detail: "reading the config of model '/dev/zero'",
      repeated: false,
    });
    assert.equal(
      describeFailure(slow as Extract<Outcome, { kind: 'timeout' }>),
      "ML Config Lens stopped analysing this file after 1 s: reading the config of model '/dev/zero' did not finish. It runs again when you edit the file.",
    );
    assert.equal(seen(await c.analyse(job('b', 1, 'answer'))), 'request 1');
    assert.equal(c.started, 2);
  });

  it('does not run a version that timed out again; the next version runs', async () => {
    const c = make(1000);
    await c.analyse(job('a', 1, 'spin'));
    const again = await c.analyse(job('a', 1, 'spin'));
    assert.deepEqual(again, {
      kind: 'timeout',
      ms: 1000,
      phase: 'model',
      detail: "reading the config of model '/dev/zero'",
      repeated: true,
    });
    assert.equal(c.started, 1, 'the repeated request started no worker');
    assert.equal(seen(await c.analyse(job('a', 2, 'answer'))), 'request 1');
    assert.equal(c.started, 2);
  });

  it('stretches the deadline by the factor it is given (a busy machine), never shrinks it', async () => {
    const stretched = await make(400, () => 2.5).analyse(job('a', 1, 'spin'));
    assert.equal(stretched.kind === 'timeout' && stretched.ms, 1000);
    assert.match(describeFailure(stretched as Extract<Outcome, { kind: 'timeout' }>), /after 1 s: reading/);
    client.dispose();
    const floor = await make(1000, () => 0.1).analyse(job('a', 1, 'spin'));
    assert.equal(floor.kind === 'timeout' && floor.ms, 1000);
  });

  it('drops a malformed reply with its reason and applies the valid one that follows', async () => {
    const o = await make().analyse(job('a', 1, 'garbage'));
    assert.equal(seen(o), 'request 1');
    assert.deepEqual(ignored, ['result.diagnostics has an entry without a valid range']);
  });

  it('reports a worker that exits as an error and answers the next request in a new worker', async () => {
    const c = make();
    assert.deepEqual(await c.analyse(job('a', 1, 'exit')), {
      kind: 'error',
      error: 'the analysis worker exited (code 3)',
    });
    assert.equal(seen(await c.analyse(job('a', 2, 'answer'))), 'request 1');
    assert.equal(c.started, 2);
  });

  it('drops the answer of a document cancelled while it runs, and cancels what is queued', async () => {
    const c = make();
    const running = c.analyse(job('a', 1, 'sleep 100'));
    const queued = c.analyse(job('a2', 1, 'answer'));
    c.cancel('a');
    c.cancel('a2');
    assert.deepEqual((await Promise.all([running, queued])).map(seen), ['cancelled', 'cancelled']);
  });

  it('answers every pending request as cancelled on dispose', async () => {
    const c = make();
    const running = c.analyse(job('a', 1, 'sleep 100'));
    const queued = c.analyse(job('b', 1, 'answer'));
    c.dispose();
    assert.deepEqual((await Promise.all([running, queued])).map(seen), ['cancelled', 'cancelled']);
    assert.deepEqual(await c.analyse(job('c', 1, 'answer')), { kind: 'cancelled' });
  });
});
