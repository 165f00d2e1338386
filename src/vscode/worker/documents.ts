// Per-document analysis in the worker, for the editor: schedules a request when a document opens
// (at once) or changes (after a pause in typing), keeps the newest result per document, lets hovers
// and CodeLens await the result of the version they show, and says on the document when a request
// passed its deadline. Validation diagnostics (diagnostics.ts) and estimates (insights.ts) both read
// the one result. Per-document state is released when the document closes.
import { cpus, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import { isHfRepoId } from '../../io/hf-cache';
import type { ResolvedModel } from '../../core/models/types';
import type { ConfigAnalysis } from '../../core/analysis';
import type { PanelInputs, PanelModel } from '../../core/panel/types';
import { AnalysisClient, describeFailure, type Outcome } from './client';
import type { DialectId } from '../../core/dialects';
import type {
  ArchitectureQuery,
  DocumentResult,
  DocumentSettings,
  EstimateQuery,
  QueryAnswer,
} from './protocol';
import { documentSettings, fetchFromHub, modelSettings } from './settings';
import { showSettingWarnings } from '../settings';

export const LANGUAGES = new Set(['yaml', 'json', 'jsonc']);
/** Longest one document may keep the worker busy, in ms: 13× the 157 ms a 199 KB file took on the host thread (issue 11). */
export const DEADLINE_MS = 2_000;
/** Pause in typing before a changed document is analysed again; the first analysis waits 0 ms. */
export const TYPING_DEBOUNCE_MS = 120;
/** The worker's heap limit (MB): a runaway input stops there instead of growing the host. */
const WORKER_HEAP_MB = 512;
/** On a machine busier than its cores, the deadline stretches by the load per core, up to 5× (10 s). */
const MAX_STRETCH = 5;
const loadPerCore = (): number => Math.min(MAX_STRETCH, loadavg()[0] / Math.max(1, cpus().length));

export interface AnalysedDocument {
  document: vscode.TextDocument;
  version: number;
  result: DocumentResult;
}

type Waiter = { version: number; resolve: (r: DocumentResult | undefined) => void };

export class DocumentAnalyses implements vscode.Disposable {
  private readonly client: AnalysisClient;
  /** Newest result per document; `document` tells a reused untitled name from the document it named before. */
  private readonly results = new Map<
    string,
    { document: vscode.TextDocument; version: number; result: DocumentResult }
  >();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Version last sent to the worker per document. */
  private readonly requested = new Map<string, number>();
  private readonly waiters = new Map<string, Waiter[]>();
  private readonly known = new Map<string, ResolvedModel>();
  private readonly fetching = new Set<string>();
  /**
   * The client's key per document object: a reused untitled name is a new document, so nothing the
   * client keeps for the old one (queued version, newest version, a version that timed out) applies to it.
   */
  private readonly keys = new WeakMap<vscode.TextDocument, string>();
  private nextKey = 1;
  /** "Stopped analysing this file after 2 s" and worker failures, one per document. */
  readonly failures = vscode.languages.createDiagnosticCollection('ml-config-lens-worker');
  private readonly analysed = new vscode.EventEmitter<AnalysedDocument>();
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Fires when the worker answered for the current version of a document. */
  readonly onDidAnalyse = this.analysed.event;

  constructor(
    workerFile: string,
    private readonly choiceOf: (uri: vscode.Uri) => DocumentSettings['dialectChoice'],
    private readonly maxAnalysedChars: number,
  ) {
    this.client = new AnalysisClient(
      () => new Worker(workerFile, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } }),
      {
        deadlineMs: DEADLINE_MS,
        stretch: loadPerCore,
        onIgnored: (why) =>
          console.warn(`ML Config Lens: ignored a message from the analysis worker (${why})`),
      },
    );
    this.subscriptions.push(
      vscode.workspace.onDidCloseTextDocument((d) => {
        // Untitled names are reused: a late close must not wipe the state of a newer document.
        this.forget(
          d,
          vscode.workspace.textDocuments.some(
            (o) => o !== d && !o.isClosed && o.uri.toString() === d.uri.toString(),
          ),
        );
      }),
    );
  }

  /** The result for the document's current version, when the worker has answered. */
  current(document: vscode.TextDocument): DocumentResult | undefined {
    const hit = this.last(document);
    return hit && hit.version === document.version ? hit.result : undefined;
  }

  /** The newest result for the document, possibly of an earlier version while the worker runs. */
  last(document: vscode.TextDocument): { version: number; result: DocumentResult } | undefined {
    const hit = this.results.get(document.uri.toString());
    return hit?.document === document ? hit : undefined;
  }

  /** The result for the current version: at once when known, else when the worker answers (undefined if it cannot). */
  latest(document: vscode.TextDocument): Promise<DocumentResult | undefined> {
    const hit = this.current(document);
    if (hit) return Promise.resolve(hit);
    if (document.isClosed || !LANGUAGES.has(document.languageId)) return Promise.resolve(undefined);
    const key = this.keyOf(document);
    const waiting = new Promise<DocumentResult | undefined>((resolve) => {
      this.waiters.set(key, [...(this.waiters.get(key) ?? []), { version: document.version, resolve }]);
    });
    if (this.timers.has(key) || this.requested.get(key) !== document.version) void this.analyseNow(document);
    return waiting;
  }

  /** The key path and schema description at `offset` (hover), read in the worker. */
  async keyAt(
    document: vscode.TextDocument,
    offset: number,
    dialect: DialectId,
  ): Promise<Extract<QueryAnswer, { what: 'hover' }> | undefined> {
    const a = await this.client.query({ what: 'hover', text: document.getText(), offset, dialect });
    return a?.what === 'hover' ? a : undefined;
  }

  /** Completion items at `offset`, from the dialect's schema, read in the worker. */
  async completions(
    document: vscode.TextDocument,
    offset: number,
    dialect: DialectId,
  ): Promise<Extract<QueryAnswer, { what: 'complete' }>['items']> {
    const a = await this.client.query({ what: 'complete', text: document.getText(), offset, dialect });
    return a?.what === 'complete' ? a.items : [];
  }

  /**
   * The panel's numbers for its control values, computed in the worker (model config read there too);
   * undefined when the worker does not answer in time.
   */
  async panelModel(
    document: vscode.TextDocument | undefined,
    inputs: PanelInputs,
    analysis: ConfigAnalysis | undefined,
  ): Promise<PanelModel | undefined> {
    const models = modelSettings(document, this.known);
    const a = await this.client.query({ what: 'panel', inputs, ...(analysis ? { analysis } : {}), models });
    return a?.what === 'panel' ? a.model : undefined;
  }

  /** "Show Model Architecture": the module table, built in the worker; undefined when it did not answer. */
  async architecture(
    document: vscode.TextDocument | undefined,
    job: Omit<ArchitectureQuery, 'kind' | 'id' | 'what' | 'models'>,
  ): Promise<Extract<QueryAnswer, { what: 'architecture' }> | undefined> {
    const a = await this.client.query({
      what: 'architecture',
      ...job,
      models: modelSettings(document, this.known),
    });
    return a?.what === 'architecture' ? a : undefined;
  }

  /** "Estimate Trainable Parameters" for a chosen model and method, counted in the worker. */
  async estimate(
    job: Omit<EstimateQuery, 'kind' | 'id' | 'what' | 'models'>,
  ): Promise<Extract<QueryAnswer, { what: 'estimate' }> | undefined> {
    const a = await this.client.query({
      what: 'estimate',
      ...job,
      models: modelSettings(undefined, this.known),
    });
    return a?.what === 'estimate' ? a : undefined;
  }

  /** After an edit: at once for a document never analysed, else after a pause in typing. */
  schedule(document: vscode.TextDocument): void {
    const key = this.keyOf(document);
    if (!this.last(document) && !this.requested.has(key)) return void this.analyseNow(document);
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => void this.analyseNow(document), TYPING_DEBOUNCE_MS),
    );
  }

  /** Analyses the current version now; resolves once its result is published (or it was superseded, stopped, closed). */
  analyseNow(document: vscode.TextDocument): Promise<void> {
    const key = this.keyOf(document);
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    if (document.isClosed || !LANGUAGES.has(document.languageId)) return Promise.resolve();
    const version = document.version;
    this.requested.set(key, version);
    const settings = documentSettings(
      document,
      this.choiceOf(document.uri),
      this.maxAnalysedChars,
      this.known,
    );
    return this.client
      .analyse({ uri: key, version, text: document.getText(), fileName: document.uri.path, settings })
      .then((outcome) => this.settle(document, version, outcome));
  }

  /** One analysis of `text` as the file `document` names (a closed file's saved text), kept nowhere. */
  async analyseText(document: vscode.TextDocument, text: string): Promise<DocumentResult | undefined> {
    const key = `${document.uri.toString()}#text${this.nextKey++}`;
    const settings = documentSettings(
      document,
      this.choiceOf(document.uri),
      this.maxAnalysedChars,
      this.known,
    );
    try {
      const outcome = await this.client.analyse({
        uri: key,
        version: 1,
        text,
        fileName: document.uri.path,
        settings,
      });
      return outcome.kind === 'result' ? outcome.result : undefined;
    } finally {
      this.client.cancel(key);
    }
  }

  /** Releases what is kept for a closed document (its results only when no newer document took its name). */
  forget(document: vscode.TextDocument, nameReused = false): void {
    const key = this.keyOf(document);
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.requested.delete(key);
    this.client.cancel(key);
    for (const w of this.waiters.get(key) ?? []) w.resolve(undefined);
    this.waiters.delete(key);
    if (nameReused) return;
    this.results.delete(document.uri.toString());
    this.failures.delete(document.uri);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const ws of this.waiters.values()) ws.forEach((w) => w.resolve(undefined));
    this.client.dispose();
    this.failures.dispose();
    this.analysed.dispose();
    this.subscriptions.forEach((s) => s.dispose());
  }

  private keyOf(document: vscode.TextDocument): string {
    let key = this.keys.get(document);
    if (!key) this.keys.set(document, (key = `${document.uri.toString()}#${this.nextKey++}`));
    return key;
  }

  private settle(document: vscode.TextDocument, version: number, outcome: Outcome): void {
    const key = this.keyOf(document);
    // Cancelled (closed or superseded), stale, or the document moved on: a newer request is scheduled.
    if (
      outcome.kind === 'cancelled' ||
      outcome.kind === 'stale' ||
      document.isClosed ||
      document.version !== version
    )
      return;
    if (outcome.kind === 'result') {
      this.results.set(document.uri.toString(), { document, version, result: outcome.result });
      if (outcome.result.settingWarnings) showSettingWarnings(outcome.result.settingWarnings);
      this.failures.delete(document.uri);
      this.wake(key, version, outcome.result);
      this.analysed.fire({ document, version, result: outcome.result });
      this.fetchMissingModel(document, outcome.result);
      return;
    }
    const d = new vscode.Diagnostic(
      new vscode.Range(0, 0, 0, 0),
      describeFailure(outcome),
      vscode.DiagnosticSeverity.Warning,
    );
    d.source = 'ML Config Lens';
    d.code = outcome.kind === 'timeout' ? 'analysis-timeout' : 'analysis-failed';
    this.failures.set(document.uri, [d]);
    this.wake(key, version, undefined);
  }

  private wake(key: string, version: number, result: DocumentResult | undefined): void {
    const all = this.waiters.get(key) ?? [];
    const ready = all.filter((w) => w.version <= version);
    const rest = all.filter((w) => w.version > version);
    if (rest.length) this.waiters.set(key, rest);
    else this.waiters.delete(key);
    ready.forEach((w) => w.resolve(result));
  }

  /** A model the worker could not find locally: fetched from the Hub when the user allowed it, then analysed again. */
  private fetchMissingModel(document: vscode.TextDocument, result: DocumentResult): void {
    const a = result.analysis;
    const ref = a?.modelRef?.trim();
    if (!a || a.model || !ref || !isHfRepoId(ref) || this.known.has(ref) || this.fetching.has(ref)) return;
    const settings = modelSettings(document, this.known);
    if (!settings.allowNetwork) return;
    this.fetching.add(ref);
    fetchFromHub(ref, settings).then(
      (model) => {
        this.known.set(ref, model);
        if (!document.isClosed) void this.analyseNow(document);
      },
      (err: unknown) => {
        void vscode.window.showWarningMessage(
          `ML Config: ${err instanceof Error ? err.message : String(err)}`,
        );
      },
    );
  }
}
