// The analysis worker (bundled as dist/analysisWorker.js, run in a worker_threads Worker by
// client.ts): receives one document request at a time, runs the core entry on it and posts the
// result back. Before each step it posts a progress message, so that the host can say what was
// slow when it stops a request at its deadline.
import { parentPort } from 'node:worker_threads';
import { parseQuery, parseRequest, type Phase, type WorkerReply } from './protocol';
import { runDocument } from './entry';
import { answerQuery } from './queries';
import { linkedFileReader, localResolver } from './resolver';

const port = parentPort;
if (!port) throw new Error('analysisWorker.js runs inside a worker thread');

port.postMessage({ kind: 'ready' } satisfies WorkerReply);
port.on('message', (data: unknown) => {
  const query = parseQuery(data);
  if (query.ok) {
    // A query that throws gets no answer: the host's wait for it ends at its own deadline.
    try {
      port.postMessage({
        kind: 'answer',
        id: query.value.id,
        answer: answerQuery(query.value),
      } satisfies WorkerReply);
    } catch (err) {
      console.error(
        `ML Config Lens worker: query failed: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    return;
  }
  const parsed = parseRequest(data);
  if (!parsed.ok) {
    const d = (data ?? {}) as { id?: unknown; uri?: unknown; version?: unknown };
    const id = typeof d.id === 'number' ? d.id : -1;
    const reply: WorkerReply = {
      kind: 'error',
      id,
      uri: String(d.uri ?? ''),
      version: typeof d.version === 'number' ? d.version : 0,
      error: `bad request: ${parsed.why}`,
    };
    if (id >= 0) port.postMessage(reply);
    return;
  }
  const req = parsed.value;
  const progress = (phase: Phase, detail: string): void =>
    port.postMessage({ kind: 'progress', id: req.id, phase, detail } satisfies WorkerReply);
  let reply: WorkerReply;
  try {
    const result = runDocument(
      req,
      localResolver(req.settings.models, progress),
      progress,
      linkedFileReader(req.settings.models),
    );
    reply = { kind: 'result', id: req.id, uri: req.uri, version: req.version, result };
  } catch (err) {
    reply = {
      kind: 'error',
      id: req.id,
      uri: req.uri,
      version: req.version,
      error: err instanceof Error ? err.message : String(err),
    };
  }
  port.postMessage(reply);
});
