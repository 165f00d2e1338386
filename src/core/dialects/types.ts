// What one dialect plug-in declares (src/core/dialects/<id>.ts), as data the pipeline reads: how a
// file is recognised, which loader and schema read it, how it maps onto the estimator, where the
// panel writes values back, where its target-module list is, its cross-field rules and snippets.
// The registry (./index.ts) lists every plug-in once; nothing else keys behaviour by dialect id.
import type { EstimatorInput } from '../estimator-input/types';
import type { CrossFieldRule } from '../validate/ruleKit';
import type { ConfigAnalysis } from '../analysis';
import type { ResolvedModel } from '../models/types';
import type { SweepContext } from '../sweep/report';

/** What a plug-in's own analysis receives (dialects that are not a training run: merges, sweeps). */
export interface OwnAnalysisContext extends SweepContext {
  resolveModel: (ref: string) => ResolvedModel | undefined;
}

/** Keys a cheap line scan found: top-level keys, and keys at any depth. */
export interface SniffedKeys {
  top: ReadonlySet<string>;
  any: ReadonlySet<string>;
}

export interface DialectDetect {
  /**
   * File names that name this dialect (matched against the base name). Several plug-ins may claim one
   * name (adapter_config.json: PEFT or AdapterHub); `certain` then decides, else the first in the registry.
   */
  fileNames?: readonly string[];
  /**
   * Globs on the base name (e.g. `ds_config*.json`); weaker than `fileNames`: they claim the file unless
   * another plug-in's `certain` content fires.
   */
  fileGlobs?: readonly string[];
  /** Content that settles the dialect whatever else the file holds, with the reason shown to the user. */
  certain?: { test: (keys: SniffedKeys) => boolean; reason: string };
  /** Top-level keys typical of the dialect with weights; a file needs a score of 3 to count. */
  markers?: Readonly<Record<string, number>>;
}

/** Values the panel's "Apply" can write back. */
export const APPLY_FIELDS = [
  'rank',
  'alpha',
  'learningRate',
  'targetModules',
  'sequenceLength',
  'microBatchSize',
  'gradientAccumulationSteps',
] as const;
export type ApplyField = (typeof APPLY_FIELDS)[number];

export interface ApplyKey {
  /** Candidate key paths; the first one present in the file is edited, else the first is added. */
  paths: readonly (readonly string[])[];
  /** 'csv' = one comma-separated string (LLaMA-Factory's lora_target). */
  list?: 'list' | 'csv';
}

/** How the framework reads its file, which decides what `2e-5` or `yes` become. */
export type DialectLoader = 'pyyaml' | 'omegaconf' | 'json';

export interface DialectPlugin<Id extends string = string> {
  id: Id;
  /** Name shown in the status bar, pickers and messages. */
  label: string;
  detect: DialectDetect;
  /** Id of the generated JSON-Schema validator (scripts/schema-tools); undefined = syntax only. */
  schemaId?: string;
  /** The framework's loader, used when the schema does not state one (x-loader wins). */
  loader: DialectLoader;
  /** Parsed config → estimator input. Absent = a validate-only dialect: no estimate, no estimate lens. */
  toEstimatorInput?: (config: Record<string, unknown>) => EstimatorInput;
  /** The dialect's own analysis instead of an estimator input (a merge's count, a sweep's runs and laws). */
  analyse?: (
    config: Record<string, unknown>,
    ctx: OwnAnalysisContext,
  ) => Pick<ConfigAnalysis, 'merge' | 'sweep'>;
  /** Key paths the panel writes each value to. */
  applyKeys: Readonly<Partial<Record<ApplyField, ApplyKey>>>;
  /** Key path of the target-module list, checked against the model's modules. */
  targetModulesKey?: readonly string[];
  /** Cross-field rules (src/core/validate/rules*.ts); only rules whose `dialects` name this id run. */
  rules: readonly CrossFieldRule[];
  /** Snippet prefix in snippets/*.code-snippets, e.g. `mlc-axolotl-`. */
  snippetPrefix?: string;
}
