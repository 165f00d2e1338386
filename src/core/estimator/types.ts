// Shared vocabulary of the parameter estimator: the model inventory it reads (built by ./inventory),
// the PEFT config it receives, and the estimate it returns.

import type { HfConfig } from './inventory';

export type { HfConfig, ModuleKind, ModuleInfo, ModelInventory, InventoryDims } from './inventory';

/** An adapter_config.json, field names as PEFT spells them (peft_type, r, lora_alpha, target_modules, ...). */
export type PeftConfig = Record<string, unknown>;

/** A config.json the estimator accepts (alias kept for callers that only know this module). */
export type ModelConfig = HfConfig;

export interface EstimateOptions {
  taskType?: string | null;
  numLabels?: number;
  autoClass?: string;
  /**
   * The transformers release the run uses ('4.47.0.dev0', '4.57.6', '5.12.1', ...): module tree, tying
   * and PEFT's v5 target conversion follow it. Default: the newest release supported (NEWEST_TRANSFORMERS, 5.17.0).
   */
  transformersVersion?: string;
  /** Where transformersVersion came from ('setting mlConfig.estimate.transformersVersion', '--transformers-version'). */
  transformersVersionSource?: string;
  /**
   * BOFT with boft_n_butterfly_factor > 1: count as where PEFT's fbd_cuda extension loads (true, the
   * default, a CUDA machine) or as without it (false: PEFT resets the factor to 1). The note gives the other.
   */
  boftCudaExtension?: boolean;
}

export interface ParameterEstimate {
  /** peft_type, or a pseudo type such as FULL, FREEZE, BITFIT, BOTTLENECK, SSF. */
  method: string;
  trainableParams: number;
  totalParams: number;
  baseParams: number;
  /** PEFT's convention: 100 * trainable / total. */
  trainablePercent: number;
  breakdown: {
    byKind: Record<string, number>;
    byLayer: Record<string, number>;
    byModule: { pattern: string; modules: number; params: number }[];
  };
  adaptedModules: number;
  /** Per target_modules list entry: how many modules it hit (0 is worth a diagnostic). */
  targetMatches: { entry: string; matched: number }[];
  /** Distinct leaf names a target could use, for "did you mean" lists. */
  availableTargetNames: string[];
  basis: string;
  /** The transformers release the count follows and where that version came from. */
  transformers: { version: string; source: string };
  warnings: string[];
}

/** A combination PEFT itself refuses (or one this estimator cannot count); the message is for users. */
export class EstimateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EstimateError';
  }
}
