// The estimator panel's message protocol, imported by the extension and the webview alike: one
// discriminated union per direction, a shape per message type, and parse functions that both sides
// run on every message they receive (a webview is another process; trust nothing that crosses).
import { check, list, nul, obj, oneOf, opt, type Shape } from './shape';
import type { PanelInputs, PanelModel } from './types';
import { numericProblem } from '../estimator-input/fields';
import { APPLY_FIELDS, type ApplyField } from '../dialects/types';
import { SHARDING_IDS } from './sharding';

export const PANEL_VIEW_TYPE = 'mlConfig.estimatorPanel';

/** Values "Apply" can write back into the config (declared with the dialect plug-ins' apply keys). */
export { APPLY_FIELDS, type ApplyField };

export interface ModelOption {
  value: string;
  label: string;
  group: 'config' | 'workspace' | 'hf-cache' | 'catalog';
}
export interface MethodOption {
  id: string;
  label: string;
  rank: boolean;
  alpha: boolean;
  targets: boolean;
  virtualTokens: boolean;
  freezeLayers: boolean;
}
export interface OptionItem {
  value: string;
  label: string;
}
export interface DocInfo {
  uri: string;
  name: string;
  dialect: string;
  /** Said after the name when the values are not the open file's live analysis (closed, not analysed). */
  note?: string;
}

/** What the webview keeps with getState/setState; VS Code hands it to the serializer after a reload. */
export interface PanelState {
  docUri?: string;
  inputs?: PanelInputs;
}

export type WebviewMessage =
  | { type: 'ready'; restored: PanelInputs | null; restoredDoc?: string | null }
  | { type: 'compute'; seq: number; inputs: PanelInputs }
  | { type: 'apply'; field: ApplyField; value: number | string }
  /** Writes the Sharding control's ZeRO stage into the file that owns it (panel/sharding.ts). */
  | { type: 'applySharding'; value: string }
  | { type: 'reset' }
  /** What the panel now shows, in words (trainable count, memory total): for screen readers' live region and tests. */
  | { type: 'rendered'; seq: number; summary: string };

export type HostMessage =
  | { type: 'options'; models: ModelOption[]; methods: MethodOption[]; optimizers: OptionItem[] }
  | { type: 'document'; doc: DocInfo | null; inputs: PanelInputs; applicable: ApplyField[] }
  | { type: 'result'; seq: number; model: PanelModel }
  | { type: 'applied'; field: ApplyField | 'sharding'; ok: boolean; message: string };

const num = 'number' as const;
const str = 'string' as const;
const bool = 'boolean' as const;
const MAX = 10_000;

export const INPUTS_SHAPE: Shape = obj({
  modelRef: str,
  method: str,
  rank: opt(num),
  alpha: opt(num),
  targets: str,
  numVirtualTokens: opt(num),
  freezeLayers: opt(num),
  training: obj({
    sequenceLength: opt(num),
    microBatchSize: opt(num),
    gradientAccumulationSteps: opt(num),
    devices: opt(num),
    sharding: opt(oneOf(...SHARDING_IDS)),
    tokens: opt(num),
    maxSteps: opt(num),
    dtype: oneOf('bf16', 'fp16', 'fp32'),
    quantization: oneOf('none', '4bit', '8bit'),
    optimizer: str,
    gradientCheckpointing: bool,
    learningRate: opt(num),
  }),
});

const applyField = oneOf(...APPLY_FIELDS);

const WEBVIEW_SHAPES: Record<WebviewMessage['type'], Shape> = {
  ready: obj({ restored: nul(INPUTS_SHAPE), restoredDoc: opt(nul('string')) }),
  compute: obj({ seq: num, inputs: INPUTS_SHAPE }),
  apply: obj({ field: applyField, value: 'unknown' }),
  applySharding: obj({ value: oneOf(...SHARDING_IDS) }),
  reset: obj({}),
  rendered: obj({ seq: num, summary: str }),
};

const nums = list(nul(num), MAX);
const strings = list(str, MAX);

const MERGE_SHAPE: Shape = obj({
  method: str,
  headline: str,
  params: nul(num),
  layers: nul(num),
  baseLayers: nul(num),
  formula: nul(str),
  models: list(
    obj({
      role: oneOf('input', 'output'),
      ref: str,
      params: nul(num),
      bytes: nul(num),
      dtype: nul(str),
      problem: nul(str),
    }),
    MAX,
  ),
  needs: obj({ inputBytes: nul(num), outputBytes: nul(num), diskBytes: nul(num), workingBytes: nul(num) }),
  needLines: strings,
  shapeMismatches: strings,
  problems: strings,
});

const MODEL_SHAPE: Shape = obj({
  modelRef: str,
  modelLabel: str,
  problems: strings,
  params: nul(
    obj({
      trainable: num,
      total: num,
      percent: num,
      method: str,
      basis: str,
      warnings: strings,
      byKind: list(obj({ kind: str, params: num }), MAX),
    }),
  ),
  memory: nul(
    obj({
      groupLabels: list(str, 8),
      parts: list(obj({ id: str, label: str, bytes: num, formula: str, source: str }), MAX),
      totalBytes: num,
      bars: list(obj({ microBatch: num, groups: list(num, 8), totalBytes: num }), 64),
      current: num,
      gpus: list(obj({ bytes: num, label: str }), 32),
      fitsOn: nul(str),
      notes: strings,
    }),
  ),
  laws: list(
    obj({
      id: str,
      title: str,
      arxiv: nul(str),
      url: str,
      learningRate: nul(num),
      batchSizeTokens: nul(num),
      formula: str,
      applies: oneOf('recommendation', 'context'),
      unverified: bool,
      inRange: nul(bool),
      comparison: nul(str),
      warnings: strings,
    }),
    64,
  ),
  lawChart: nul(
    obj({
      params: list(num, MAX),
      assumption: str,
      curves: list(
        obj({
          id: str,
          title: str,
          applies: oneOf('recommendation', 'context'),
          lr: nums,
          fitted: list(list(num, 2), 64),
        }),
        64,
      ),
      point: nul(obj({ params: num, learningRate: nul(num) })),
      omitted: list(obj({ title: str, needs: str }), 64),
      band: opt(obj({ min: num, max: num, label: str })),
    }),
  ),
  effectiveBatch: nul(obj({ sequences: num, tokens: nul(num) })),
  merge: nul(MERGE_SHAPE),
});

const HOST_SHAPES: Record<HostMessage['type'], Shape> = {
  options: obj({
    models: list(
      obj({ value: str, label: str, group: oneOf('config', 'workspace', 'hf-cache', 'catalog') }),
      MAX,
    ),
    methods: list(
      obj({
        id: str,
        label: str,
        rank: bool,
        alpha: bool,
        targets: bool,
        virtualTokens: bool,
        freezeLayers: bool,
      }),
      256,
    ),
    optimizers: list(obj({ value: str, label: str }), 256),
  }),
  document: obj({
    doc: nul(obj({ uri: str, name: str, dialect: str, note: opt(str) })),
    inputs: INPUTS_SHAPE,
    applicable: list(applyField, 16),
  }),
  result: obj({ seq: num, model: MODEL_SHAPE }),
  applied: obj({ field: oneOf(...APPLY_FIELDS, 'sharding'), ok: bool, message: str }),
};

export type Parsed<T> = { ok: true; message: T } | { ok: false; error: string };

function parseWith<T extends { type: string }>(
  raw: unknown,
  shapes: Record<string, Shape>,
  extra?: (m: T) => string | null,
): Parsed<T> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { ok: false, error: 'message is not an object' };
  const type = (raw as { type?: unknown }).type;
  if (typeof type !== 'string' || !Object.hasOwn(shapes, type))
    return { ok: false, error: `unknown message type ${JSON.stringify(type)}` };
  const problem = check(raw, shapes[type]) ?? extra?.(raw as T) ?? null;
  return problem ? { ok: false, error: `${type}: ${problem}` } : { ok: true, message: raw as T };
}

/** Host side: validates what the webview sent. */
export function parseWebviewMessage(raw: unknown): Parsed<WebviewMessage> {
  return parseWith<WebviewMessage>(raw, WEBVIEW_SHAPES, (m) => {
    if (m.type === 'compute') return numbersProblem(m.inputs, '$.inputs');
    if (m.type !== 'apply') return null;
    const v: unknown = m.value;
    if (m.field === 'targetModules')
      return typeof v === 'string' && v.trim() ? null : '$.value: expected a non-empty list of module names';
    return typeof v === 'number' && v > 0 && !numericProblem(v)
      ? null
      : '$.value: expected a positive number';
  });
}

/** The first number under `v` that cannot reach the estimator (NaN, infinite, over 1e15), as a path and reason. */
function numbersProblem(v: unknown, at: string): string | null {
  if (typeof v === 'number') {
    const p = numericProblem(v);
    return p ? `${at}: ${p}` : null;
  }
  if (!v || typeof v !== 'object') return null;
  for (const [k, x] of Object.entries(v)) {
    const p = numbersProblem(x, `${at}.${k}`);
    if (p) return p;
  }
  return null;
}

/** Webview side: validates what the host sent. */
export function parseHostMessage(raw: unknown): Parsed<HostMessage> {
  return parseWith<HostMessage>(raw, HOST_SHAPES);
}

/** Exhaustiveness guard for switches over message types. */
export function assertNever(x: never): never {
  throw new Error(`unhandled message ${JSON.stringify(x)}`);
}
