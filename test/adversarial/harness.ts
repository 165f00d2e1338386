// Runs one adversarial case in a worker thread with a hard timeout and a heap limit, so a case that
// hangs or balloons fails the test instead of the test run. The worker loads the code first, then
// the clock starts: only the case's own work is timed.
import * as os from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * Budgets on an idle 2-core machine: 250 ms of work for an answer, 2 s before the worker is killed.
 * Both scale with the machine's load (os.loadavg per core, at least 1), because this suite runs on
 * shared machines where a busy neighbour slows every thread; a hang (main: 20 s and more) still fails.
 */
export const WORK_BUDGET_MS = 250;
export const HARD_TIMEOUT_MS = 2_000;
/** Heap limit of the worker (old generation); `/dev/zero` read whole grew the host past 1 GB. */
export const HEAP_BUDGET_MB = 192;

export function loadFactor(): number {
  return Math.max(1, os.loadavg()[0] / Math.max(1, os.cpus().length));
}

export interface CaseResult<T = unknown> {
  value: T;
  /** Wall time of the case inside the worker, in ms. */
  ms: number;
}

/** Runs `cases[name](arg)` (test/adversarial/cases.ts) in a fresh worker; rejects on timeout, heap overflow or a thrown error. */
export function runCase<T>(name: string, arg?: unknown): Promise<CaseResult<T>> {
  const factor = loadFactor();
  const hard = HARD_TIMEOUT_MS * factor;
  return new Promise((resolve, reject) => {
    const worker = new Worker(join(__dirname, 'worker.js'), {
      workerData: { name, arg },
      resourceLimits: { maxOldGenerationSizeMb: HEAP_BUDGET_MB, maxYoungGenerationSizeMb: 32 },
      stdout: true,
      stderr: true,
    });
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      f();
    };
    worker.on('message', (m: { ready?: true; ok?: boolean; value?: T; error?: string; ms?: number }) => {
      if (m.ready) {
        timer = setTimeout(
          () =>
            finish(() =>
              reject(
                new Error(
                  `case '${name}' did not answer within ${Math.round(hard)} ms (hard timeout; load factor ${factor.toFixed(1)})`,
                ),
              ),
            ),
          hard,
        );
        worker.postMessage('go');
      } else if (m.ok) {
        // MLCONFIG_ADVERSARIAL_TIMES=1 prints each case's time inside its worker (the figures of issue 11).
        if (process.env.MLCONFIG_ADVERSARIAL_TIMES)
          console.log(`      [${name}: ${(m.ms ?? 0).toFixed(1)} ms]`);
        finish(() => resolve({ value: m.value as T, ms: m.ms ?? 0 }));
      } else finish(() => reject(new Error(`case '${name}' threw: ${m.error}`)));
    });
    worker.on('error', (err: Error & { code?: string }) =>
      finish(() =>
        reject(
          new Error(
            err.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? `case '${name}' went over the ${HEAP_BUDGET_MB} MB heap budget`
              : `case '${name}' worker failed: ${err.message}`,
          ),
        ),
      ),
    );
    worker.on('exit', (code) =>
      finish(() => reject(new Error(`case '${name}' worker exited with code ${code} before answering`))),
    );
  });
}

/** The work budget for this machine's current load, in ms. */
export function workBudgetMs(): number {
  return WORK_BUDGET_MS * loadFactor();
}
