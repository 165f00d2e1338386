// THE core call of the analysis worker: one function from a document's text and plain options to
// everything the editor shows for it. The worker (analysisWorker.ts) imports only `runDocument`;
// nothing else in the worker knows which core functions run.
//
// The entry is the core's one pipeline, analyzeDocument (src/core/pipeline): the same call the CLI and
// the panel make, so the Problems panel and `ml-config-lens check` list the same findings.
import type { DialectId } from '../../core/dialects';
import { analyzeDocument } from '../../core/pipeline';
import { associationWarnings } from '../../core/settings';
import type { ResolvedModel } from '../../core/models/types';
import type { RelatedFile } from '../../core/sweep/report';
import type { LinkReader } from '../../core/links/linked';
import type { DocumentRequest, DocumentResult, DocumentSettings, Phase } from './protocol';
import { localReader } from './reader';
import type { LinkedFiles } from '../../core/pipeline/linked';
import { linkedFilesFor } from '../../io/linked';
import { isInside } from '../../io/read';
import { isAbsolute, resolve } from 'node:path';

/** The document settings the worker hands to the core as they are (documented in protocol.ts). */
type PassedSettings = Pick<
  DocumentSettings,
  | 'associations'
  | 'maxDiagnostics'
  | 'frameworkVersions'
  | 'frameworkVersionSources'
  | 'transformersVersion'
  | 'transformersVersionSource'
  | 'trainingConfig'
>;

/** Plain options of the core entry (serialisable except the injected resolver and progress callback). */
export interface CoreOptions extends PassedSettings {
  fileName: string;
  /** The user's dialect choice; absent = detect. */
  dialect?: DialectId;
  validate: boolean;
  /** False for files above the live-estimate size limit: validation only. */
  analyse: boolean;
  resolveModel: (ref: string) => ResolvedModel | undefined;
  /** Reads a file the config names (a sweep's training config), bounded and inside the workspace. */
  readRelated?: (path: string) => RelatedFile;
  onPhase?: (phase: Phase, detail: string) => void;
  /** Reads the config's linked DeepSpeed / FSDP files (resolver.ts); absent = links not followed. */
  readLink?: LinkReader;
  /** Datasets and registries the config names (LLaMA-Factory dataset_info.json, Axolotl local paths). */
  linkedFiles?: LinkedFiles;
}

export type CoreEntry = (text: string, options: CoreOptions) => DocumentResult;

/** The core pipeline: validation (unless turned off), analysis (unless the file is too large), target check. */
function pipelineEntry(text: string, o: CoreOptions): DocumentResult {
  o.onPhase?.(
    o.validate ? 'validation' : 'analysis',
    o.dialect ? `${o.dialect} schema` : 'dialect detection and schema',
  );
  // Both off: analyzeDocument only detects the dialect (detection stays in the pipeline).
  const r = analyzeDocument(
    {
      text,
      fileName: o.fileName,
      dialect: o.dialect,
      analyse: o.analyse,
      validate: o.validate,
      readRelated: o.readRelated,
      linkedFiles: o.linkedFiles,
      settings: {
        trainingConfig: o.trainingConfig,
        associations: o.associations,
        maxDiagnostics: o.maxDiagnostics,
        frameworkVersions: o.frameworkVersions,
        frameworkVersionSources: o.frameworkVersionSources,
        transformersVersion: o.transformersVersion,
        transformersVersionSource: o.transformersVersionSource,
      },
    },
    o.resolveModel,
    o.readLink,
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
    ...(r.linkedPaths ? { linkedPaths: r.linkedPaths } : {}),
  };
}

const CORE_ENTRY: CoreEntry = pipelineEntry;

/** Runs the core entry for one request; `resolveModel` is injected (see resolver.ts). */
export function runDocument(
  req: DocumentRequest,
  resolveModel: CoreOptions['resolveModel'],
  onPhase?: CoreOptions['onPhase'],
  readLink?: LinkReader,
): DocumentResult {
  const s = req.settings;
  const settingWarnings = associationWarnings(s.associations);
  const warned = settingWarnings.length ? { settingWarnings } : {};
  if (s.dialectChoice === 'none')
    return {
      dialect: undefined,
      reason: 'turned off for this file',
      validated: false,
      diagnostics: [],
      targetDiagnostics: [],
      ...warned,
    };
  const result = CORE_ENTRY(req.text, {
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
    readRelated: localReader(s.models),
    ...(s.trainingConfig ? { trainingConfig: s.trainingConfig } : {}),
    onPhase,
    readLink,
    linkedFiles: linkedFilesInWorkspace(req.fileName, s.models.roots),
  });
  return { ...result, ...warned };
}

/** Files named by a config on disk inside a workspace folder: read from its folder, then that workspace folder. */
function linkedFilesInWorkspace(fileName: string, roots: string[]): LinkedFiles | undefined {
  if (!isAbsolute(fileName)) return undefined;
  const root = roots.find((r) => isInside(resolve(fileName), resolve(r)));
  return root ? linkedFilesFor(fileName, root) : undefined;
}
