// The one analysis of a config text that the editor, the panel and the CLI all call:
// detect the dialect → parse once → validate while loading the one typed config → map it onto the
// estimator → model, parameters, memory, laws → the target-module check. Pure and synchronous, with
// plain-JSON input and output; the only outside access, model resolution, is passed in.
import { detectDialect, dialectPlugin, type DialectId } from '../dialects';
import { analyzeConfig, type AnalysisOptions, type ConfigAnalysis } from '../analysis';
import { targetDiagnostics } from '../analysis/targets';
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

/** Settings that change the result (mlConfig.* in the editor, flags in the CLI). */
export interface PipelineSettings {
  /** mlConfig.files.associations: glob → dialect id. */
  associations?: Record<string, string>;
  maxDiagnostics?: number;
  frameworkVersions?: Record<string, string>;
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
  /** false = validation only (no model, no estimate). Default true. */
  analyse?: boolean;
}

export interface DocumentResult {
  dialect: DialectId | undefined;
  /** Why this dialect was chosen (or why none was), in words a user can read. */
  reason: string;
  /** Every finding: syntax, schema, cross-field rules, and target modules the model does not have. */
  diagnostics: Diagnostic[];
  /** Undefined when the file is not a training config, or analysis was not asked for. */
  analysis?: ConfigAnalysis;
}

/** Finds a model's config.json; the caller decides where to look (the one place model I/O enters). */
export type ModelResolver = (ref: string) => ResolvedModel | undefined;

export function analyzeDocument(req: DocumentRequest, resolveModel?: ModelResolver): DocumentResult {
  const { text } = req;
  const settings = req.settings ?? {};
  const det = req.dialect
    ? { dialect: req.dialect, reason: 'chosen explicitly' }
    : detectDialect(text, { fileName: req.fileName, associations: settings.associations });
  if (!det.dialect) return { dialect: undefined, reason: det.reason, diagnostics: [] };
  const dialect = det.dialect;
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
  if (req.analyse === false) return { dialect, reason, diagnostics: validated.diagnostics };
  const { config, problem } = validated.problem
    ? { config: undefined, problem: validated.problem }
    : configMapping({ value: validated.config, findings: [], suppressed: new Set() });
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
    },
    problem,
  );
  const targets = targetDiagnostics(text, analysis, doc);
  const diagnostics = targets.length
    ? capDiagnostics([...validated.diagnostics, ...targets], settings.maxDiagnostics)
    : validated.diagnostics;
  return { dialect, reason, diagnostics, analysis };
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
