// THE core call of the analysis worker: one function from a document's text and plain options to
// everything the editor shows for it. The worker (analysisWorker.ts) imports only `runDocument`;
// nothing else in the worker knows which core functions run.
//
// SWITCH POINT: today the core has no single pipeline entry, so `todaysPipeline` below composes
// validateText + analyzeConfigText + targetDiagnostics the way the editor adapters did. When the
// core's `analyzeDocument(text, options) → {dialect, diagnostics, analysis}` lands, point
// `CORE_ENTRY` at it (one line) and map its result in `runDocument` if its field names differ.
import { detectDialect, type DialectId } from '../../core/dialects';
import { validateText, type ValidationResult } from '../../core/validate';
import { analyzeConfigText, type ConfigAnalysis } from '../../core/analysis';
import { targetDiagnostics } from '../../core/analysis/targets';
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
  /** False for files above the live-estimate size limit: validation only. */
  analyse: boolean;
  resolveModel: (ref: string) => ResolvedModel | undefined;
  onPhase?: (phase: Phase, detail: string) => void;
}

export type CoreEntry = (text: string, options: CoreOptions) => DocumentResult;

/** Today's composition of the core (what diagnostics.ts and insights.ts did on the host thread). */
function todaysPipeline(text: string, o: CoreOptions): DocumentResult {
  let validation: ValidationResult | undefined;
  if (o.validate) {
    o.onPhase?.('validation', o.dialect ? `${o.dialect} schema` : 'dialect detection and schema');
    validation = validateText(text, { dialect: o.dialect, fileName: o.fileName, associations: o.associations, maxDiagnostics: o.maxDiagnostics, frameworkVersions: o.frameworkVersions });
    if (o.dialect) validation.reason = 'chosen with ML Config: Select Config Dialect';
  }
  const detected = validation ?? { ...detectDialect(text, { fileName: o.fileName, associations: o.associations }), diagnostics: [] };
  const dialect = o.dialect ?? detected.dialect;
  let analysis: ConfigAnalysis | undefined;
  if (dialect && o.analyse) {
    o.onPhase?.('analysis', `${dialect} estimates`);
    analysis = analyzeConfigText(text, { dialect, resolveModel: o.resolveModel });
  }
  return {
    dialect,
    reason: detected.reason,
    validated: o.validate,
    diagnostics: validation?.diagnostics ?? [],
    analysis,
    targetDiagnostics: analysis ? targetDiagnostics(text, analysis) : [],
  };
}

const CORE_ENTRY: CoreEntry = todaysPipeline;

/** Runs the core entry for one request; `resolveModel` is injected (see resolver.ts). */
export function runDocument(req: DocumentRequest, resolveModel: CoreOptions['resolveModel'], onPhase?: CoreOptions['onPhase']): DocumentResult {
  const s = req.settings;
  if (s.dialectChoice === 'none') return { dialect: undefined, reason: 'turned off for this file', validated: false, diagnostics: [], targetDiagnostics: [] };
  return CORE_ENTRY(req.text, {
    fileName: req.fileName,
    dialect: s.dialectChoice,
    validate: s.validationEnabled,
    associations: s.associations,
    maxDiagnostics: s.maxDiagnostics,
    frameworkVersions: s.frameworkVersions,
    analyse: req.text.length <= s.maxAnalysedChars,
    resolveModel,
    onPhase,
  });
}
