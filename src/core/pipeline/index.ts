// The one analysis of a config text that the editor, the panel and the CLI all call:
// detect the dialect → parse once → validate while loading the one typed config → map it onto the
// estimator → model, parameters, memory, laws → the target-module check. Pure and synchronous, with
// plain-JSON input and output; the only outside access, model resolution, is passed in.
import { detectDialect, dialectPlugin, type DialectId } from '../dialects';
import { analyzeConfig, type AnalysisOptions, type ConfigAnalysis } from '../analysis';
import { targetDiagnostics } from '../analysis/targets';
import { mergeDiagnostics } from '../merge/diagnostics';
import { modelFactDiagnostics } from '../analysis/modelFacts';
import type { ResolvedModel } from '../models/types';
import {
  capDiagnostics,
  dialectSchema,
  validateDocument,
  validationSkipped,
  type Diagnostic,
  type ValidateOptions,
  type ValidationResult,
} from '../validate';
import { configMapping, parseConfigDocument } from '../validate/document';
import { linkedFileDiagnostics, type LinkedFiles } from './linked';
import { linkedInputs, readLinks, type LinkedInputs, type LinkReader } from '../links/linked';
import { linkCrossChecks } from '../links/crosscheck';
import { plainDeepSpeedAutoFindings } from '../links/deepspeed-auto';

/** Settings that change the result (mlConfig.* in the editor, flags in the CLI). */
export interface PipelineSettings {
  /** mlConfig.files.associations: glob → dialect id. */
  associations?: Record<string, string>;
  maxDiagnostics?: number;
  frameworkVersions?: Record<string, string>;
  /** mlConfig.sweep.trainingConfig / CLI --training-config: the training config a sweep runs. */
  trainingConfig?: string;
  /** Where each framework version came from ('from setting ...', 'from .venv/.../trl-0.19.0.dist-info'). */
  frameworkVersionSources?: Record<string, string>;
  /** The transformers release counts follow (setting, flag or detected) and where it came from. */
  transformersVersion?: string;
  transformersVersionSource?: string;
}

export interface DocumentRequest {
  text: string;
  /** Path or URI path of the file (glob associations, file-name detection, JSON loader). */
  fileName?: string;
  /** The dialect the user chose; detected when absent. */
  dialect?: DialectId;
  settings?: PipelineSettings;
  /** Model to use instead of the config's (the panel's picker, CLI --model). */
  modelOverride?: string;
  report?: AnalysisOptions['report'];
  training?: AnalysisOptions['training'];
  lawOverrides?: AnalysisOptions['lawOverrides'];
  /** Reads a file the config names (a sweep's training config) through the io layer's bounded reader. */
  readRelated?: AnalysisOptions['readRelated'];
  /** false = validation only (no model, no estimate). Default true. */
  analyse?: boolean;
  /** false with `analyse: false` = dialect detection only (no parse, no schema). Default true. */
  validate?: boolean;
  /** The files the config names (datasets), read through src/io; not checked when absent. */
  linkedFiles?: LinkedFiles;
  /** The launch context besides the config's own links (CLI --accelerate-config): world size, sharding. */
  launch?: LinkedInputs;
  /**
   * Who reads a DeepSpeed file: 'plain' deepspeed.initialize (its "auto" values are findings) or the HF
   * Trainer / Accelerate (default, "auto" allowed). A file a training config links is always 'hf'.
   */
  deepspeedLauncher?: 'hf' | 'plain';
}

export interface DocumentResult {
  dialect: DialectId | undefined;
  /** Why this dialect was chosen (or why none was), in words a user can read. */
  reason: string;
  /** Every finding: syntax, schema, cross-field rules, and target modules the model does not have. */
  diagnostics: Diagnostic[];
  /** Undefined when the file is not a training config, or analysis was not asked for. */
  analysis?: ConfigAnalysis;
  /** Files the config links to that were read (their paths), so an editor can re-analyse it when they change. */
  linkedPaths?: string[];
}

/** Finds a model's config.json; the caller decides where to look (the one place model I/O enters). */
export type ModelResolver = (ref: string) => ResolvedModel | undefined;

export function analyzeDocument(
  req: DocumentRequest,
  resolveModel?: ModelResolver,
  readLink?: LinkReader,
): DocumentResult {
  const { text } = req;
  const settings = req.settings ?? {};
  const det = req.dialect
    ? { dialect: req.dialect, reason: 'chosen explicitly' }
    : detectDialect(text, { fileName: req.fileName, associations: settings.associations });
  if (!det.dialect) return { dialect: undefined, reason: det.reason, diagnostics: [] };
  const dialect = det.dialect;
  if (req.validate === false && req.analyse === false)
    return { dialect, reason: det.reason, diagnostics: [] };
  const plugin = dialectPlugin(dialect);
  const ds = plugin.schemaId ? dialectSchema(plugin.schemaId) : undefined;
  const reason = ds ? det.reason : `${det.reason}; no schema for ${dialect} in this build, syntax only`;
  const skipped = validationSkipped(text);
  if (skipped)
    return {
      dialect,
      reason,
      diagnostics: [skipped],
      ...(req.analyse === false ? {} : { analysis: unreadable(dialect, skipped.message) }),
    };
  const doc = parseConfigDocument(text);
  const validated = validateDocument(text, doc, ds, {
    dialect,
    fileName: req.fileName,
    maxDiagnostics: settings.maxDiagnostics,
    frameworkVersions: settings.frameworkVersions,
    frameworkVersionSources: settings.frameworkVersionSources,
    rules: plugin.rules,
    fallbackLoader: plugin.loader,
  });
  const { config, problem } = validated.problem
    ? { config: undefined, problem: validated.problem }
    : configMapping({ value: validated.config, findings: [], suppressed: new Set() });
  // Linked DeepSpeed / FSDP files: read through the caller's reader (src/io), cross-checked, and their
  // sharding used by the estimate.
  const links = config ? readLinks(text, dialect, req.fileName, readLink) : [];
  const linkedPaths = links.flatMap((l) => (l.path ? [l.path] : []));
  // Files the config names (datasets) and linked-file cross-checks join the findings under one cap.
  const checks = [
    ...(req.linkedFiles && validated.config !== undefined
      ? linkedFileDiagnostics(text, doc, dialect, validated.config, req.linkedFiles)
      : []),
    ...(config ? linkCrossChecks(config, dialect, links) : []),
  ];
  if (config && dialect === 'deepspeed' && req.deepspeedLauncher === 'plain')
    checks.push(...plainDeepSpeedAutoFindings(text, doc, config));
  const withChecks = checks.length
    ? capDiagnostics([...validated.diagnostics, ...checks], settings.maxDiagnostics)
    : validated.diagnostics;
  if (req.analyse === false)
    return { dialect, reason, diagnostics: withChecks, ...(links.length ? { linkedPaths } : {}) };
  const fromLinks = config && links.length ? linkedInputs(config, links) : undefined;
  const linked = mergeLaunch(fromLinks, req.launch);
  const analysis = analyzeConfig(
    config,
    {
      dialect,
      resolveModel,
      modelOverride: req.modelOverride,
      report:
        settings.transformersVersion && !req.report?.transformersVersion
          ? {
              ...req.report,
              transformersVersion: settings.transformersVersion,
              transformersVersionSource: settings.transformersVersionSource,
            }
          : req.report,
      lawOverrides: req.lawOverrides,
      training: req.training,
      readRelated: req.readRelated,
      trainingConfig: settings.trainingConfig,
      linked,
    },
    problem,
  );
  const targets = [
    ...targetDiagnostics(text, analysis, doc),
    ...mergeDiagnostics(text, analysis, doc),
    ...modelFactDiagnostics(analysis, doc),
  ];
  const diagnostics = targets.length
    ? capDiagnostics([...withChecks, ...targets], settings.maxDiagnostics)
    : withChecks;
  return { dialect, reason, diagnostics, analysis, ...(links.length ? { linkedPaths } : {}) };
}

/** The config's own links first; the launch config (Accelerate) adds the world size and, when the config links nothing, its sharding. */
function mergeLaunch(
  links: LinkedInputs | undefined,
  launch: LinkedInputs | undefined,
): LinkedInputs | undefined {
  if (!launch) return links;
  if (!links) return launch;
  return {
    sharding: links.sharding ?? launch.sharding,
    devices: launch.devices ?? links.devices,
    notes: [...links.notes, ...launch.notes],
  };
}

function unreadable(dialect: DialectId, why: string): ConfigAnalysis {
  return { dialect, memoryNotes: [], laws: [], problems: [why] };
}

/** Validation only (`ml-config-lens check` without a model, tests): the pipeline's diagnostics without the analysis. */
export function validateText(text: string, opts: ValidateOptions = {}): ValidationResult {
  const r = analyzeDocument({
    text,
    fileName: opts.fileName,
    dialect: opts.dialect,
    analyse: false,
    settings: {
      associations: opts.associations,
      maxDiagnostics: opts.maxDiagnostics,
      frameworkVersions: opts.frameworkVersions,
      frameworkVersionSources: opts.frameworkVersionSources,
    },
  });
  return { dialect: r.dialect, reason: r.reason, diagnostics: r.diagnostics };
}
