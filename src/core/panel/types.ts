// The data the estimator panel exchanges: what the user set (PanelInputs) and what the panel shows
// (PanelModel). Plain JSON on purpose: both cross the webview boundary through postMessage.

export type QuantMode = 'none' | '4bit' | '8bit';
export type ComputeDtypeName = 'bf16' | 'fp16' | 'fp32';

/** The training shape as the panel's controls hold it; undefined = not set (assumptions are noted). */
export interface PanelTraining {
  sequenceLength?: number;
  microBatchSize?: number;
  gradientAccumulationSteps?: number;
  devices?: number;
  /** A SHARDING_CHOICES id (panel/sharding.ts): ZeRO stage / FSDP and CPU offload; undefined = as the config says. */
  sharding?: string;
  /** Training tokens D given directly; wins over maxSteps × batch tokens. */
  tokens?: number;
  maxSteps?: number;
  dtype: ComputeDtypeName;
  quantization: QuantMode;
  optimizer: string;
  gradientCheckpointing: boolean;
  learningRate?: number;
}

export interface PanelInputs {
  /** Catalog id or alias, workspace config.json path, or a repo id in the local HF cache. */
  modelRef: string;
  /** A METHODS id: LORA, DORA, RSLORA, QLORA, or any peft_type the estimator counts. */
  method: string;
  rank?: number;
  alpha?: number;
  /** Comma-separated module names, `all-linear`, or empty for PEFT's default targets. */
  targets: string;
  numVirtualTokens?: number;
  freezeLayers?: number;
  training: PanelTraining;
}

export interface KindBar {
  kind: string;
  params: number;
}

export interface PanelParams {
  trainable: number;
  total: number;
  /** Trainable share of total, in percent. */
  percent: number;
  method: string;
  basis: string;
  byKind: KindBar[];
  warnings: string[];
}

export interface MemoryPart {
  id: string;
  label: string;
  bytes: number;
  formula: string;
  source: string;
}

/** One stacked bar of the memory chart: the estimate at one micro-batch size. */
export interface MemoryBar {
  microBatch: number;
  /** Bytes per chart group (weights, gradients, optimizer, activations), in MEMORY_GROUPS order. */
  groups: number[];
  totalBytes: number;
}

export interface GpuLine {
  /** Memory of the card in bytes. */
  bytes: number;
  label: string;
}

export interface PanelMemory {
  /** Names of the stacked groups, bottom to top (MemoryBar.groups follows this order). */
  groupLabels: string[];
  parts: MemoryPart[];
  totalBytes: number;
  /** The headline's readings in words (peak allocated, reserved, nvidia-smi), from core/present/memory.ts. */
  readings: string[];
  /** "13.5–15.0 GB reserved/nvidia-smi": the range next to the headline (core/present/memory.ts). */
  rangeShort: string;
  bars: MemoryBar[];
  /** Index in `bars` of the user's micro-batch. */
  current: number;
  gpus: GpuLine[];
  /** Smallest listed GPU the estimate fits on, or null when none. */
  fitsOn: string | null;
  notes: string[];
}

export interface LawRow {
  id: string;
  title: string;
  arxiv: string | null;
  url: string;
  learningRate: number | null;
  batchSizeTokens: number | null;
  formula: string;
  applies: 'recommendation' | 'context';
  unverified: boolean;
  inRange: boolean | null;
  comparison: string | null;
  warnings: string[];
}

export interface LawCurve {
  id: string;
  title: string;
  /** 'context' for laws fitted to another regime (pre-training laws on a fine-tune). */
  applies: 'recommendation' | 'context';
  /** Learning rate at each grid point (null where the law gives none). */
  lr: (number | null)[];
  /** Parameter ranges (total params, inclusive) inside the law's fitted range. */
  fitted: [number, number][];
}

/** A W&B sweep's learning-rate range, drawn as a horizontal band on the law chart. */
export interface SweepBand {
  min: number;
  max: number;
  label: string;
}

export interface LawChart {
  /** Grid of total parameter counts (log-spaced). */
  params: number[];
  curves: LawCurve[];
  /** The user's model size, and the configured learning rate (null when not set). */
  point: { params: number; learningRate: number | null } | null;
  /** Laws with no curve here, and what they are missing (training tokens D...). */
  omitted: { title: string; needs: string }[];
  assumption: string;
  /** The swept learning-rate range when the panel shows a sweep's training config. */
  band?: SweepBand;
}

/** One model of a merge as the panel's table shows it: parameters and checkpoint size at a dtype. */
export interface MergeModelRow {
  role: 'input' | 'output';
  ref: string;
  params: number | null;
  bytes: number | null;
  dtype: string | null;
  /** Why the model has no numbers (not resolvable, architecture not modelled). */
  problem: string | null;
}

/** A mergekit merge as the panel shows it: numbers from src/core/merge, words from src/core/present/merge. */
export interface PanelMerge {
  method: string;
  /** The CodeLens's line: "merged model: 10.73B params (48 layers), 21.5 GB at bfloat16". */
  headline: string;
  /** Exact parameters of the merged model; null when a model could not be resolved. */
  params: number | null;
  layers: number | null;
  /** Layers of the model the output's architecture comes from (a passthrough stack differs). */
  baseLayers: number | null;
  formula: string | null;
  models: MergeModelRow[];
  needs: {
    inputBytes: number | null;
    outputBytes: number | null;
    diskBytes: number | null;
    workingBytes: number | null;
  };
  /** Disk and memory in words with their mergekit sources (the CodeLens tooltip's lines). */
  needLines: string[];
  shapeMismatches: string[];
  problems: string[];
}

export interface PanelModel {
  modelRef: string;
  modelLabel: string;
  params: PanelParams | null;
  memory: PanelMemory | null;
  laws: LawRow[];
  lawChart: LawChart | null;
  effectiveBatch: { sequences: number; tokens: number | null } | null;
  /** A mergekit config's merge estimate; the training sections are empty then. */
  merge: PanelMerge | null;
  problems: string[];
}
