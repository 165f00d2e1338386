// THE core call of the analysis worker: one function from a document's text and plain options to
// everything the editor shows for it. The worker (analysisWorker.ts) imports only `runDocument`;
// nothing else in the worker knows which core functions run.
//
// The entry is the core's one pipeline, analyzeDocument (src/core/pipeline): the same call the CLI and
// the panel make, so the Problems panel and `ml-config-lens check` list the same findings.
import { detectDialect, type DialectId } from '../../core/dialects';
import { analyzeDocument } from '../../core/pipeline';
import type { ResolvedModel } from '../../core/models/types';
import type { DocumentRequest, DocumentResult, Phase } from './protocol';

/** Plain options of the core entry (serialisable except the injected resolver and progress callback). */
export interface CoreOptions {
  fileName: string;
  /** The user's dialect choice; absent = detect. */
  dialect?: DialectId;
  validate: boolean;
  associations: Record<string, string>;
  maxDiagnostics: number;
  frameworkVersions: Record<string, string>;
  frameworkVersionSources?: Record<string, string>;
  transformersVersion?: string;
  transformersVersionSource?: string;
  /** False for files above the live-estimate size limit: validation only. */
  analyse: boolean;
  resolveModel: (ref: string) => ResolvedModel | undefined;
  onPhase?: (phase: Phase, detail: string) => void;
}

export type CoreEntry = (text: string, options: CoreOptions) => DocumentResult;

/** The core pipeline: validation (unless turned off), analysis (unless the file is too large), target check. */
function pipelineEntry(text: string, o: CoreOptions): DocumentResult {
  o.onPhase?.(
    o.validate ? 'validation' : 'analysis',
    o.dialect ? `${o.dialect} schema` : 'dialect detection and schema',
  );
  if (!o.validate && !o.analyse) {
    const det = detectDialect(text, { fileName: o.fileName, associations: o.associations });
    return {
      dialect: o.dialect ?? det.dialect,
      reason: det.reason,
      validated: false,
      diagnostics: [],
      targetDiagnostics: [],
    };
  }
  const r = analyzeDocument(
    {
      text,
      fileName: o.fileName,
      dialect: o.dialect,
      analyse: o.analyse,
      settings: {
        associations: o.associations,
        maxDiagnostics: o.maxDiagnostics,
        frameworkVersions: o.frameworkVersions,
        frameworkVersionSources: o.frameworkVersionSources,
        transformersVersion: o.transformersVersion,
        transformersVersionSource: o.transformersVersionSource,
      },
    },
    o.resolveModel,
  );
  const reason = o.dialect ? 'chosen with ML Config: Select Config Dialect' : r.reason;
  // With validation off, only the estimate is shown: its target check is dropped with the rest.
  return {
    dialect: r.dialect,
    reason,
    validated: o.validate,
    diagnostics: o.validate ? r.diagnostics : [],
    analysis: r.analysis,
    targetDiagnostics: [],
  };
}

const CORE_ENTRY: CoreEntry = pipelineEntry;

/** Runs the core entry for one request; `resolveModel` is injected (see resolver.ts). */
export function runDocument(
  req: DocumentRequest,
  resolveModel: CoreOptions['resolveModel'],
  onPhase?: CoreOptions['onPhase'],
): DocumentResult {
  const s = req.settings;
  if (s.dialectChoice === 'none')
    return {
      dialect: undefined,
      reason: 'turned off for this file',
      validated: false,
      diagnostics: [],
      targetDiagnostics: [],
    };
  return CORE_ENTRY(req.text, {
    fileName: req.fileName,
    dialect: s.dialectChoice,
    validate: s.validationEnabled,
    associations: s.associations,
    maxDiagnostics: s.maxDiagnostics,
    frameworkVersions: s.frameworkVersions,
    frameworkVersionSources: s.frameworkVersionSources,
    transformersVersion: s.transformersVersion,
    transformersVersionSource: s.transformersVersionSource,
    analyse: req.text.length <= s.maxAnalysedChars,
    resolveModel,
    onPhase,
  });
}
