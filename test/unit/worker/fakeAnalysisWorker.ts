// A stand-in for dist/analysisWorker.js in the client tests: a real worker thread whose behaviour the
// request text picks. 'answer' replies at once; 'sleep N' blocks N ms, then replies; 'spin' reports
// that it reads a model, then never returns; 'garbage' posts a malformed reply before the real one;
// 'exit' ends the thread. Every result says which request of this worker it answers ("request 2"),
// so a test sees which requests reached which worker.
import { parentPort } from 'node:worker_threads';
import type { DocumentRequest, WorkerReply } from '../../../src/vscode/worker/protocol';

const port = parentPort;
let seen = 0;

function reply(req: DocumentRequest): WorkerReply {
  return {
    kind: 'result',
    id: req.id,
    uri: req.uri,
    version: req.version,
    result: {
      dialect: 'trl',
      reason: `request ${seen}`,
      validated: true,
      diagnostics: [],
      targetDiagnostics: [],
    },
  };
}

port?.postMessage({ kind: 'ready' } satisfies WorkerReply);
port?.on('message', (req: DocumentRequest) => {
  seen++;
  const [what, arg] = req.text.split(' ');
  if (what === 'sleep') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(arg));
  if (what === 'spin') {
    port.postMessage({
      kind: 'progress',
      id: req.id,
      phase: 'model',
      detail: "reading the config of model '/dev/zero'",
    } satisfies WorkerReply);
    for (;;) {
      /* never returns: only terminate() ends this */
    }
  }
  if (what === 'garbage')
    port.postMessage({
      kind: 'result',
      id: req.id,
      uri: req.uri,
      version: req.version,
      result: {
        dialect: 'trl',
        reason: 'x',
        validated: true,
        diagnostics: [{ start: 5, end: 2 }],
        targetDiagnostics: [],
      },
    });
  if (what === 'exit') process.exit(3);
  port.postMessage(reply(req));
});
