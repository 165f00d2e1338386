// The host side of the analysis worker, without `vscode`: a queue of document requests (one per
// document, the newest wins), one request in the worker at a time, a deadline per request after which
// the worker is terminated and a new one started, and results matched to the newest version
// requested (older ones are reported stale, never applied). The Worker comes from a factory, so the
// benchmark and the unit tests run this class in plain Node with real threads.
import { performance } from 'node:perf_hooks';
import {
  parseReply,
  type DocumentRequest,
  type DocumentResult,
  type KeyQuery,
  type Phase,
  type QueryAnswer,
} from './protocol';

/** The part of node:worker_threads' Worker this client uses. */
export interface WorkerLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (data: unknown) => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  terminate(): Promise<number>;
}

export type Outcome =
  | { kind: 'result'; result: DocumentResult; ms: number }
  | { kind: 'error'; error: string }
  /** Stopped at the deadline while in `phase` (the worker was replaced); `repeated`: not run again. */
  | { kind: 'timeout'; ms: number; phase: Phase | 'start'; detail: string; repeated: boolean }
  /** Superseded by a newer version of the document before it ran, or the document was closed. */
  | { kind: 'cancelled' }
  /** Answered, but a newer version of the document was requested meanwhile: not applied. */
  | { kind: 'stale' };

export type DocumentJob = Omit<DocumentRequest, 'kind' | 'id'>;
/** A query without its envelope (each kind keeps its own fields). */
export type QueryJob = KeyQuery extends infer Q
  ? Q extends KeyQuery
    ? Omit<Q, 'kind' | 'id'>
    : never
  : never;

/** What a surface says when a query got no answer (QUERY_WAIT_MS passed, or the worker stopped). */
export const NO_ANSWER = 'the analysis worker did not answer in time';

/** Longest a hover/completion/panel query waits for the worker (which may be busy with a document first), in ms. */
export const QUERY_WAIT_MS = 3_000;

export interface ClientOptions {
  /** Longest a request may run in the worker, in ms, before the worker is terminated (counted from the worker's 'ready'). */
  deadlineMs: number;
  /** Longest a new worker may take to load its module, in ms (default 10 s). */
  startupMs?: number;
  /**
   * Factor (≥ 1) applied to both allowances when a request starts, e.g. the machine's load per core:
   * the deadline stops runaway inputs, not ordinary files on a busy machine. Default 1.
   */
  stretch?: () => number;
  /** Called with the reason when a malformed reply is dropped. */
  onIgnored?: (why: string) => void;
}

interface Job {
  req: DocumentRequest;
  requested: number;
  resolve: (o: Outcome) => void;
}

interface Running {
  job: Job;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** The allowance of the current timer, in ms. */
  allowedMs: number;
  phase: Phase | 'start';
  detail: string;
  cancelled: boolean;
}

export class AnalysisClient {
  private worker: WorkerLike | undefined;
  private ready = false;
  private readonly queue = new Map<string, Job>();
  private running: Running | undefined;
  /** Newest version requested per document; answers for older ones are stale. */
  private readonly newest = new Map<string, number>();
  /** A version that timed out or crashed the worker is answered from here, not run again. */
  private readonly failed = new Map<string, { version: number; outcome: Outcome }>();
  private nextId = 1;
  private disposed = false;
  /** Hover/completion queries posted and not answered yet, by id. */
  private readonly queries = new Map<
    number,
    { resolve: (a: QueryAnswer | undefined) => void; timer: ReturnType<typeof setTimeout> | undefined }
  >();
  /** Workers started so far (the first one included). */
  started = 0;

  constructor(
    private readonly createWorker: () => WorkerLike,
    private readonly options: ClientOptions,
  ) {}

  /** Queues the analysis of one document version; a queued older version of it is cancelled. */
  analyse(job: DocumentJob): Promise<Outcome> {
    if (this.disposed) return Promise.resolve({ kind: 'cancelled' });
    const failed = this.failed.get(job.uri);
    if (failed?.version === job.version)
      return Promise.resolve(
        failed.outcome.kind === 'timeout' ? { ...failed.outcome, repeated: true } : failed.outcome,
      );
    this.newest.set(job.uri, job.version);
    this.dequeue(job.uri);
    return new Promise<Outcome>((resolve) => {
      this.queue.set(job.uri, {
        req: { kind: 'document', id: this.nextId++, ...job },
        requested: performance.now(),
        resolve,
      });
      this.pump();
    });
  }

  /**
   * Asks the worker a hover/completion question; undefined when it is not answered within
   * QUERY_WAIT_MS (stretched like the deadlines), or the worker stopped meanwhile.
   */
  query(job: QueryJob): Promise<QueryAnswer | undefined> {
    if (this.disposed) return Promise.resolve(undefined);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.queries.set(id, { resolve, timer: undefined });
      const worker = this.worker ?? this.start();
      this.armQuery(id);
      worker.postMessage({ kind: 'query', id, ...job } satisfies KeyQuery);
    });
  }

  /** The wait counts from the worker's 'ready' (its start has the startup allowance), like the deadlines. */
  private armQuery(id: number): void {
    const q = this.queries.get(id);
    if (!q) return;
    clearTimeout(q.timer);
    const wait =
      (this.ready ? QUERY_WAIT_MS : (this.options.startupMs ?? 10_000)) *
      Math.max(1, this.options.stretch?.() ?? 1);
    q.timer = setTimeout(() => this.answer(id, undefined), wait);
  }

  private answer(id: number, answer: QueryAnswer | undefined): void {
    const q = this.queries.get(id);
    if (!q) return;
    this.queries.delete(id);
    clearTimeout(q.timer);
    q.resolve(answer);
  }

  /** The worker went away: its unanswered queries get no answer. */
  private dropQueries(): void {
    for (const id of [...this.queries.keys()]) this.answer(id, undefined);
  }

  /** Forgets a document: its queued request is cancelled and a running one's answer dropped. */
  cancel(uri: string): void {
    this.dequeue(uri);
    if (this.running?.job.req.uri === uri) this.running.cancelled = true;
    this.newest.delete(uri);
    this.failed.delete(uri);
  }

  dispose(): void {
    this.disposed = true;
    for (const uri of [...this.queue.keys()]) this.dequeue(uri);
    if (this.running) this.finish({ kind: 'cancelled' });
    this.dropQueries();
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private dequeue(uri: string): void {
    const queued = this.queue.get(uri);
    if (!queued) return;
    this.queue.delete(uri);
    queued.resolve({ kind: 'cancelled' });
  }

  private pump(): void {
    if (this.running || this.disposed) return;
    const next = this.queue.values().next();
    if (next.done) return;
    const job = next.value;
    this.queue.delete(job.req.uri);
    const worker = this.worker ?? this.start();
    this.running = {
      job,
      phase: 'start',
      detail: 'starting',
      cancelled: false,
      timer: undefined,
      allowedMs: 0,
    };
    this.arm();
    worker.postMessage(job.req);
  }

  /** The deadline of the running request: from now when the worker is ready, else the startup allowance. */
  private arm(): void {
    const run = this.running;
    if (!run) return;
    clearTimeout(run.timer);
    run.allowedMs = Math.round(
      (this.ready ? this.options.deadlineMs : (this.options.startupMs ?? 10_000)) *
        Math.max(1, this.options.stretch?.() ?? 1),
    );
    run.timer = setTimeout(() => this.deadline(), run.allowedMs);
  }

  private start(): WorkerLike {
    const w = this.createWorker();
    this.started++;
    this.worker = w;
    this.ready = false;
    w.on('message', (data) => {
      if (w === this.worker) this.receive(data);
    });
    w.on('error', (err) => {
      if (w === this.worker) this.crashed(`the analysis worker failed: ${err.message}`);
    });
    w.on('exit', (code) => {
      if (w === this.worker) this.crashed(`the analysis worker exited (code ${code})`);
    });
    return w;
  }

  private receive(data: unknown): void {
    const parsed = parseReply(data);
    if (!parsed.ok) return this.options.onIgnored?.(parsed.why);
    const reply = parsed.value;
    if (reply.kind === 'ready') {
      this.ready = true;
      for (const id of this.queries.keys()) this.armQuery(id);
      return this.arm();
    }
    if (reply.kind === 'answer') return this.answer(reply.id, reply.answer);
    const run = this.running;
    if (!run || reply.id !== run.job.req.id)
      return this.options.onIgnored?.(`reply to request ${reply.id}, which is not running`);
    if (reply.kind === 'progress') {
      run.phase = reply.phase;
      run.detail = reply.detail;
      return;
    }
    const { uri, version } = run.job.req;
    if ((this.newest.get(uri) ?? -1) > version) return this.finish({ kind: 'stale' });
    if (reply.kind === 'error') return this.finish({ kind: 'error', error: reply.error });
    this.finish({ kind: 'result', result: reply.result, ms: performance.now() - run.job.requested });
  }

  /** The running request passed its deadline: replace the worker and remember not to retry this version. */
  private deadline(): void {
    const run = this.running;
    if (!run) return;
    const outcome: Outcome = {
      kind: 'timeout',
      ms: run.allowedMs,
      phase: run.phase,
      detail: run.detail,
      repeated: false,
    };
    this.replaceWorker();
    this.remember(run, outcome);
    this.finish(outcome);
  }

  private crashed(error: string): void {
    this.worker = undefined;
    this.dropQueries();
    const run = this.running;
    if (!run) return;
    const outcome: Outcome = { kind: 'error', error };
    this.remember(run, outcome);
    this.finish(outcome);
  }

  private remember(run: Running, outcome: Outcome): void {
    if (!run.cancelled) this.failed.set(run.job.req.uri, { version: run.job.req.version, outcome });
  }

  private replaceWorker(): void {
    const old = this.worker;
    this.worker = undefined;
    this.dropQueries();
    void old?.terminate();
  }

  private finish(outcome: Outcome): void {
    const run = this.running;
    if (!run) return;
    clearTimeout(run.timer);
    this.running = undefined;
    run.job.resolve(run.cancelled ? { kind: 'cancelled' } : outcome);
    this.pump();
  }
}

/** What the editor says on a document whose request timed out or failed. */
export function describeFailure(o: Extract<Outcome, { kind: 'timeout' | 'error' }>): string {
  if (o.kind === 'error') return `ML Config Lens could not analyse this file: ${o.error}`;
  const what =
    o.phase === 'start'
      ? 'starting the analysis worker'
      : o.phase === 'validation'
        ? `validation (${o.detail})`
        : o.phase === 'analysis'
          ? `the estimates (${o.detail})`
          : o.detail;
  return `ML Config Lens stopped analysing this file after ${Number((o.ms / 1000).toFixed(1))} s: ${what} did not finish. It runs again when you edit the file.`;
}
