// Worker side of harness.ts: loads the cases, says ready, runs one case when told, posts the
// result (JSON-cloneable) and its wall time.
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { CASES } from './cases';

const { name, arg } = workerData as { name: keyof typeof CASES; arg: unknown };
parentPort?.once('message', async () => {
  const start = performance.now();
  try {
    const value = await (CASES[name] as (a: unknown) => unknown)(arg);
    parentPort?.postMessage({ ok: true, value, ms: performance.now() - start });
  } catch (err) {
    parentPort?.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) });
  }
});
parentPort?.postMessage({ ready: true });
