// What one PEFT tuner contributes per wrapped module; the shared injection loop (inject.ts) does the rest.
import type { Cfg } from './config';
import type { TargetTable } from './defaults';
import { EstimateError, type ModelInventory, type ModuleInfo } from './types';

/** Parameters one wrapped module adds: trainable, and frozen ones that still count in the total. */
export interface LayerParams {
  trainable: number;
  frozen: number;
}

export interface TunerMethod {
  peftType: string;
  /** Human name with the paper, e.g. 'LoRA (Hu et al. 2021, arXiv 2106.09685)'. */
  label: string;
  /** PEFT's config defaults for the fields this method reads. */
  defaults: Record<string, unknown>;
  /** Default target_modules per model_type; null means the user must name them. */
  targets: TargetTable | null;
  /** Model-dependent default targets, for methods outside PEFT's tables (SSF). */
  defaultTargets?(inv: ModelInventory): string[];
  /** True when the config class rejects layers_to_transform / layers_pattern with a regex target string. */
  strTargetRejectsLayers?: boolean;
  /** Checks PEFT's config __post_init__ performs. */
  validate?(cfg: Cfg): void;
  /** Fills model-dependent defaults after target_modules (IA3's feedforward_modules). */
  prepare?(cfg: Cfg, modelType: string): void;
  /** Parameters added to one wrapped module, or an EstimateError where PEFT raises. */
  layer(m: ModuleInfo, cfg: Cfg, key: string): LayerParams;
  /** The config class has no `modules_to_save` field, so task classes add no head to train. */
  noModulesToSave?: boolean;
  /** LN tuning: the wrapped module (any class, containers too) is deep-copied and the copy trained. */
  copiesModule?: boolean;
  /** Trainable parameters shared by all wrapped modules (VB-LoRA's vector bank). */
  shared?(cfg: Cfg): number;
}

export function trainableOnly(n: number): LayerParams {
  return { trainable: n, frozen: 0 };
}

/** The message PEFT gives when a tuner meets a module class it has no layer for. */
export function unsupportedModule(method: string, m: ModuleInfo, supported: string): EstimateError {
  return new EstimateError(
    `${method} cannot wrap "${m.name}" (a ${m.kind} module): PEFT only supports ${supported} for this method.`,
  );
}

/** Kernel area of a Conv2d from its weight count (out * in * k * k, groups = 1). */
export function kernelArea(m: ModuleInfo): number {
  return Math.max(1, Math.round(m.weightParams / Math.max(1, m.inFeatures * m.outFeatures)));
}

export function isLinearLike(m: ModuleInfo): boolean {
  return m.kind === 'Linear' || m.kind === 'Conv1D';
}
