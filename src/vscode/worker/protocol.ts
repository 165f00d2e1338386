// The messages between the extension host and the analysis worker (src/vscode/worker/analysisWorker.ts).
// Plain data only (structured clone); every message is checked on receipt, on both sides, so a
// malformed one is dropped with a reason instead of reaching the editor. No `vscode` import: the
// benchmark and the unit tests drive the same protocol in plain Node.
import { isDialectId, type DialectId } from '../../core/dialects';
import type { Diagnostic } from '../../core/validate/types';
import type { CompletionItem, KeyDescription } from '../../core/validate/completion';
import type { ConfigAnalysis } from '../../core/analysis';
import type { ResolvedModel } from '../../core/models/types';
import type { PanelInputs, PanelModel } from '../../core/panel/types';
import type { ArchitectureTable } from '../../core/estimator/architecture';
import type { PeftConfig } from '../../core/estimator/types';

/** What the worker needs to find a model's config.json, as plain data (no functions, no process.env). */
export interface ModelSettings {
  /** Base for relative model paths: the document's folder, else the home folder. */
  cwd: string;
  homeDir: string;
  /** Only the variables that locate the Hugging Face cache (HF_HUB_CACHE, HF_HOME, XDG_CACHE_HOME). */
  env: Record<string, string>;
  /** `mlConfig.huggingFace.allowNetwork`: the worker itself never fetches; the host fetches and passes `known`. */
  allowNetwork: boolean;
  /** Models the host already resolved asynchronously (Hub fetches), by reference. */
  known: Record<string, ResolvedModel>;
  /** Folders a model path written in the file may lead into (workspace folders; the HF cache is always allowed). */
  roots: string[];
}

/** The settings of one document, read by the host (the worker has no `vscode`). */
export interface DocumentSettings {
  /** The user's choice of dialect for this file ('none' = not a training config); absent = detect. */
  dialectChoice?: DialectId | 'none';
  validationEnabled: boolean;
  associations: Record<string, string>;
  maxDiagnostics: number;
  frameworkVersions: Record<string, string>;
  /** Where each framework version came from (setting, .venv dist-info, pin), for messages. */
  frameworkVersionSources?: Record<string, string>;
  /** The transformers release counts follow, and where it came from; absent = the newest supported. */
  transformersVersion?: string;
  transformersVersionSource?: string;
  /** Above this many characters the analysis (estimates) is skipped; validation still runs. */
  maxAnalysedChars: number;
  /** mlConfig.sweep.trainingConfig: the training config a W&B sweep runs (empty = from its command). */
  trainingConfig?: string;
  models: ModelSettings;
}

export interface DocumentRequest {
  kind: 'document';
  id: number;
  uri: string;
  version: number;
  text: string;
  fileName: string;
  settings: DocumentSettings;
}

/** What the worker computes for one document version (see entry.ts). */
export interface DocumentResult {
  dialect: DialectId | undefined;
  /** Why this dialect (or none), in words. */
  reason: string;
  /** False when validation is off (setting or 'none' choice): `diagnostics` is then empty, not clean. */
  validated: boolean;
  /** Validation findings (empty when validation is off). */
  diagnostics: Diagnostic[];
  /** Estimates; absent when the file is not a training config or is too large. */
  analysis?: ConfigAnalysis;
  /** Target-module entries that hit nothing in the model. */
  targetDiagnostics: Diagnostic[];
  /** Linked files read for this result (a change to one re-analyses this document). */
  linkedPaths?: string[];
  /** Setting entries the worker found unusable (association globs it could not compile), worded for the user. */
  settingWarnings?: string[];
}

export type Phase = 'validation' | 'analysis' | 'model';

/**
 * Editor help asked of the worker, so that reading the schema (and loading a dialect's validator on
 * first use) never runs on the extension host thread: the key path under the cursor with what the
 * schema says about it (hover), or the completion items at the cursor.
 */
export type KeyQuery =
  | {
      kind: 'query';
      id: number;
      what: 'hover' | 'complete';
      text: string;
      offset: number;
      dialect: DialectId;
    }
  /** The panel's numbers for its control values (src/core/panel/compute.ts), the model read here too. */
  | {
      kind: 'query';
      id: number;
      what: 'panel';
      inputs: PanelInputs;
      analysis?: ConfigAnalysis;
      models: ModelSettings;
    }
  | ArchitectureQuery
  | EstimateQuery;

/** The palette commands' model questions: a module table, or a count for a chosen method. */
export interface ArchitectureQuery {
  kind: 'query';
  id: number;
  what: 'architecture';
  model: string;
  targets?: string | string[];
  taskType: string | null;
  models: ModelSettings;
}

export interface EstimateQuery {
  kind: 'query';
  id: number;
  what: 'estimate';
  model: string;
  peft: PeftConfig;
  taskType: string | null;
  models: ModelSettings;
}

/** The estimate command's answer: the model's catalog id (else the reference as given), the method and the counts. */
export type CommandEstimate = {
  label: string;
  method: string;
  trainableParams: number;
  totalParams: number;
  trainablePercent: number;
};

export type QueryAnswer =
  | { what: 'hover'; path: string[]; info?: KeyDescription }
  | { what: 'complete'; items: CompletionItem[] }
  | { what: 'panel'; model: PanelModel }
  | { what: 'architecture'; table?: ArchitectureTable; error?: string }
  | { what: 'estimate'; estimate?: CommandEstimate; error?: string };

export type WorkerReply =
  | { kind: 'result'; id: number; uri: string; version: number; result: DocumentResult }
  | { kind: 'error'; id: number; uri: string; version: number; error: string }
  /** Sent before each step, so that a request stopped at its deadline can say what was slow. */
  | { kind: 'progress'; id: number; phase: Phase; detail: string }
  /** Sent once the worker's module has loaded: request deadlines count from here, not from thread start. */
  | { kind: 'ready' }
  | { kind: 'answer'; id: number; answer: QueryAnswer };

type Check<T> = { ok: true; value: T } | { ok: false; why: string };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const isStringMap = (v: unknown): v is Record<string, string> =>
  isObject(v) && Object.values(v).every((x) => typeof x === 'string');
const SEVERITIES = new Set(['error', 'warning', 'information']);
const PHASES = new Set<string>(['validation', 'analysis', 'model']);

function fail<T>(why: string): Check<T> {
  return { ok: false, why };
}

function checkSettings(s: unknown): string | undefined {
  if (!isObject(s)) return 'settings is not an object';
  if (s.dialectChoice !== undefined && s.dialectChoice !== 'none' && !isDialectId(s.dialectChoice))
    return 'settings.dialectChoice is not a dialect';
  if (typeof s.validationEnabled !== 'boolean') return 'settings.validationEnabled is not a boolean';
  if (!isStringMap(s.associations)) return 'settings.associations is not a map of strings';
  if (!isCount(s.maxDiagnostics)) return 'settings.maxDiagnostics is not a count';
  if (!isStringMap(s.frameworkVersions)) return 'settings.frameworkVersions is not a map of strings';
  if (s.frameworkVersionSources !== undefined && !isStringMap(s.frameworkVersionSources))
    return 'settings.frameworkVersionSources is not a map of strings';
  if (
    (s.transformersVersion !== undefined && typeof s.transformersVersion !== 'string') ||
    (s.transformersVersionSource !== undefined && typeof s.transformersVersionSource !== 'string')
  )
    return 'settings.transformersVersion/Source is not a string';
  if (!isCount(s.maxAnalysedChars)) return 'settings.maxAnalysedChars is not a count';
  if (s.trainingConfig !== undefined && typeof s.trainingConfig !== 'string')
    return 'settings.trainingConfig is not a string';
  return checkModels(s.models);
}

function checkModels(m: unknown): string | undefined {
  if (!isObject(m)) return 'settings.models is not an object';
  if (typeof m.cwd !== 'string' || typeof m.homeDir !== 'string')
    return 'settings.models.cwd/homeDir is not a string';
  if (!isStringMap(m.env)) return 'settings.models.env is not a map of strings';
  if (typeof m.allowNetwork !== 'boolean') return 'settings.models.allowNetwork is not a boolean';
  if (!isStringList(m.roots)) return 'settings.models.roots is not a list of folders';
  if (
    !isObject(m.known) ||
    !Object.values(m.known).every((k) => isObject(k) && isObject(k.config) && typeof k.location === 'string')
  )
    return 'settings.models.known is not a map of models';
  return undefined;
}

/** The request the worker received, or why it is not one. */
export function parseRequest(data: unknown): Check<DocumentRequest> {
  if (!isObject(data)) return fail('request is not an object');
  if (data.kind !== 'document') return fail(`unknown request kind ${JSON.stringify(data.kind)}`);
  if (!isCount(data.id)) return fail('request id is not a count');
  if (typeof data.uri !== 'string' || !isCount(data.version)) return fail('request uri/version missing');
  if (typeof data.text !== 'string' || typeof data.fileName !== 'string')
    return fail('request text/fileName is not a string');
  const bad = checkSettings(data.settings);
  return bad ? fail(bad) : { ok: true, value: data as unknown as DocumentRequest };
}

/** The query the worker received, or why it is not one. */
export function parseQuery(data: unknown): Check<KeyQuery> {
  if (!isObject(data) || data.kind !== 'query') return fail('not a query');
  if (!isCount(data.id)) return fail('query id is not a count');
  if (data.what === 'panel') {
    if (!isObject(data.inputs) || typeof data.inputs.modelRef !== 'string')
      return fail('query.inputs is not a panel input');
    if (data.analysis !== undefined && !isObject(data.analysis))
      return fail('query.analysis is not an object');
    const bad = checkModels(data.models);
    return bad ? fail(bad) : { ok: true, value: data as unknown as KeyQuery };
  }
  if (data.what === 'architecture' || data.what === 'estimate') {
    if (typeof data.model !== 'string') return fail('query.model is not a string');
    if (data.taskType !== null && typeof data.taskType !== 'string')
      return fail('query.taskType is not a string or null');
    if (data.targets !== undefined && typeof data.targets !== 'string' && !isStringList(data.targets))
      return fail('query.targets is not a string or a list of strings');
    if (data.what === 'estimate' && !isObject(data.peft)) return fail('query.peft is not an object');
    const bad = checkModels(data.models);
    return bad ? fail(bad) : { ok: true, value: data as unknown as KeyQuery };
  }
  if (data.what !== 'hover' && data.what !== 'complete')
    return fail('query.what is not hover/complete/panel/architecture/estimate');
  if (typeof data.text !== 'string' || !isCount(data.offset)) return fail('query text/offset missing');
  if (!isDialectId(data.dialect)) return fail('query.dialect is not a dialect');
  return { ok: true, value: data as unknown as KeyQuery };
}

function checkAnswer(a: unknown): string | undefined {
  if (!isObject(a)) return 'answer is not an object';
  if (a.what === 'panel')
    return isObject(a.model) && Array.isArray(a.model.laws) ? undefined : 'answer.model is not a panel model';
  if (a.what === 'architecture' || a.what === 'estimate') {
    if (a.error !== undefined)
      return typeof a.error === 'string' ? undefined : 'answer.error is not a string';
    if (a.what === 'architecture')
      return isObject(a.table) && Array.isArray(a.table.rows) && typeof a.table.baseParams === 'number'
        ? undefined
        : 'answer.table is malformed';
    return isObject(a.estimate) &&
      typeof a.estimate.label === 'string' &&
      typeof a.estimate.method === 'string' &&
      ['trainableParams', 'totalParams', 'trainablePercent'].every(
        (k) => typeof (a.estimate as Record<string, unknown>)[k] === 'number',
      )
      ? undefined
      : 'answer.estimate is malformed';
  }
  if (a.what === 'hover') {
    if (!isStringList(a.path)) return 'answer.path is not a list of keys';
    if (a.info !== undefined && !(isObject(a.info) && Array.isArray(a.info.type)))
      return 'answer.info is malformed';
    return undefined;
  }
  if (a.what !== 'complete' || !Array.isArray(a.items)) return 'answer is neither hover nor completion';
  for (const c of a.items) {
    if (
      !isObject(c) ||
      typeof c.label !== 'string' ||
      typeof c.insertText !== 'string' ||
      typeof c.documentation !== 'string' ||
      (c.kind !== 'key' && c.kind !== 'value') ||
      !isCount(c.start) ||
      !isCount(c.end) ||
      c.end < c.start
    )
      return 'answer.items has a malformed entry';
  }
  return undefined;
}

function checkDiagnostics(v: unknown, what: string): string | undefined {
  if (!Array.isArray(v)) return `${what} is not a list`;
  for (const d of v) {
    if (!isObject(d) || !isCount(d.start) || !isCount(d.end) || d.end < d.start)
      return `${what} has an entry without a valid range`;
    if (!SEVERITIES.has(d.severity as string) || typeof d.code !== 'string' || typeof d.message !== 'string')
      return `${what} has an entry without severity/code/message`;
  }
  return undefined;
}

function checkResult(r: unknown): string | undefined {
  if (!isObject(r)) return 'result is not an object';
  if (r.dialect !== undefined && typeof r.dialect !== 'string') return 'result.dialect is not a string';
  if (typeof r.reason !== 'string') return 'result.reason is not a string';
  if (typeof r.validated !== 'boolean') return 'result.validated is not a boolean';
  if (
    r.analysis !== undefined &&
    !(
      isObject(r.analysis) &&
      typeof r.analysis.dialect === 'string' &&
      Array.isArray(r.analysis.problems) &&
      Array.isArray(r.analysis.laws)
    )
  )
    return 'result.analysis is malformed';
  if (r.settingWarnings !== undefined && !isStringList(r.settingWarnings))
    return 'result.settingWarnings is not a list of strings';
  return (
    checkDiagnostics(r.diagnostics, 'result.diagnostics') ??
    checkDiagnostics(r.targetDiagnostics, 'result.targetDiagnostics')
  );
}

/** The reply the host received, or why it is not one. */
export function parseReply(data: unknown): Check<WorkerReply> {
  if (!isObject(data)) return fail('reply is not an object');
  if (data.kind === 'ready') return { ok: true, value: { kind: 'ready' } };
  if (!isCount(data.id)) return fail('reply id is not a count');
  if (data.kind === 'answer') {
    const bad = checkAnswer(data.answer);
    return bad ? fail(bad) : { ok: true, value: data as unknown as WorkerReply };
  }
  if (data.kind === 'progress') {
    return PHASES.has(data.phase as string) && typeof data.detail === 'string'
      ? { ok: true, value: data as unknown as WorkerReply }
      : fail('progress without phase/detail');
  }
  if (typeof data.uri !== 'string' || !isCount(data.version)) return fail('reply uri/version missing');
  if (data.kind === 'error')
    return typeof data.error === 'string'
      ? { ok: true, value: data as unknown as WorkerReply }
      : fail('error reply without a message');
  if (data.kind !== 'result') return fail(`unknown reply kind ${JSON.stringify(data.kind)}`);
  const bad = checkResult(data.result);
  return bad ? fail(bad) : { ok: true, value: data as unknown as WorkerReply };
}
