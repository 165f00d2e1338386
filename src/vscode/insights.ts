// Per-document analysis shared by hovers, CodeLens, the status bar and the panel: the dialect,
// then one ConfigAnalysis per document version, computed in the analysis worker together with
// validation (worker/documents.ts), so typing re-analyses once, off the extension host thread.
import * as vscode from 'vscode';
import {
  detectDialectInHead,
  HOST_DETECT_CHARS,
  type DialectDetection,
  type DialectId,
} from '../core/dialects';
import type { ConfigAnalysis } from '../core/analysis';
import type { PanelInputs, PanelModel } from '../core/panel/types';
import { settingsFor } from './settings';
import type { DocumentAnalyses } from './worker/documents';

/**
 * Live numbers re-parse the whole file on each edit (~0.7 ms per 1,000 characters measured); above
 * this size (20× the largest real config in the corpus, 12 KB) typing would stall, so the
 * CodeLens says why the numbers are off instead.
 */
export const MAX_ANALYSED_CHARS = 250_000;

export type DialectOf = (document: vscode.TextDocument) => DialectId | undefined;

/**
 * The dialect read on the host thread: the whole text of a real-sized file, only the whole lines in
 * the first HOST_DETECT_CHARS characters of a bigger one (its modeline, `$schema` key or file name
 * still decide), so the host never scans a big document (issue 11). With mlConfig.files.associations
 * set, a file not named by a modeline or `$schema` key is undecided here (`deferred`): the worker
 * matches the globs.
 */
export function hostDetection(document: vscode.TextDocument): DialectDetection | undefined {
  if (!['yaml', 'json', 'jsonc'].includes(document.languageId)) return undefined;
  const associations = settingsFor(document.uri).filesAssociations;
  const text = isLarge(document)
    ? document.getText(new vscode.Range(0, 0, document.positionAt(HOST_DETECT_CHARS).line, 0))
    : document.getText();
  return detectDialectInHead(text, { fileName: document.uri.path, associations, deferAssociations: true });
}

export function defaultDialectOf(document: vscode.TextDocument): DialectId | undefined {
  return hostDetection(document)?.dialect;
}

/**
 * The dialect without a dialect choice: the worker's, when it answered for this version; for a big
 * file, or one the association globs decide, also the worker's answer for an earlier version (the
 * host reads only a head, and does not match globs); else what the host detects.
 */
export function hostDialectOf(
  document: vscode.TextDocument,
  last: { version: number; result: { dialect?: DialectId } } | undefined,
): DialectId | undefined {
  if (last && (last.version === document.version || isLarge(document))) return last.result.dialect;
  const detection = hostDetection(document);
  return detection?.deferred ? last?.result.dialect : detection?.dialect;
}

/** Longer than HOST_DETECT_CHARS, from the line index (no copy of the text). */
function isLarge(document: vscode.TextDocument): boolean {
  const end = document.lineAt(document.lineCount - 1).range.end;
  return document.offsetAt(end) > HOST_DETECT_CHARS;
}

export class DocumentInsights implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly subscription: vscode.Disposable;
  /** Fires when a new analysis of a document arrived from the worker. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly analyses: DocumentAnalyses,
    private readonly dialectOf: DialectOf = defaultDialectOf,
  ) {
    this.subscription = analyses.onDidAnalyse(({ document }) => this.changed.fire(document.uri));
  }

  dialect(document: vscode.TextDocument): DialectId | undefined {
    return this.dialectOf(document);
  }

  /** The key path under `offset` and what the dialect's schema says about it, from the worker. */
  keyAt(
    document: vscode.TextDocument,
    offset: number,
    dialect: DialectId,
  ): ReturnType<DocumentAnalyses['keyAt']> {
    return this.analyses.keyAt(document, offset, dialect);
  }

  /** The palette commands' model questions, answered in the worker (undefined when it did not answer). */
  architecture(
    ...args: Parameters<DocumentAnalyses['architecture']>
  ): ReturnType<DocumentAnalyses['architecture']> {
    return this.analyses.architecture(...args);
  }

  estimate(...args: Parameters<DocumentAnalyses['estimate']>): ReturnType<DocumentAnalyses['estimate']> {
    return this.analyses.estimate(...args);
  }

  /** The panel's numbers for its control values, from the worker (undefined when it did not answer). */
  panelModel(
    document: vscode.TextDocument | undefined,
    inputs: PanelInputs,
    analysis: ConfigAnalysis | undefined,
  ): Promise<PanelModel | undefined> {
    return this.analyses.panelModel(document, inputs, analysis);
  }

  /**
   * The newest analysis of this document: of its current version once the worker answered, of the
   * previous one until then (status bar, panel). Undefined for a file that is not a training config.
   */
  analysis(document: vscode.TextDocument): ConfigAnalysis | undefined {
    const dialect = this.dialectOf(document);
    if (!dialect) return undefined;
    if (document.getText().length > MAX_ANALYSED_CHARS) return tooLarge(dialect);
    const analysis = this.analyses.last(document)?.result.analysis;
    return analysis?.dialect === dialect ? analysis : undefined;
  }

  /** The analysis of the document's current version, waiting for the worker when it is still running. */
  async currentAnalysis(document: vscode.TextDocument): Promise<ConfigAnalysis | undefined> {
    if (!this.dialectOf(document) || document.getText().length > MAX_ANALYSED_CHARS)
      return this.analysis(document);
    await this.analyses.latest(document);
    return this.analysis(document);
  }

  /** An analysis of `text` as the file `document` names (a closed file's saved text), made once, kept nowhere. */
  async analyseText(document: vscode.TextDocument, text: string): Promise<ConfigAnalysis | undefined> {
    const dialect = this.dialectOf(document);
    if (!dialect) return undefined;
    if (text.length > MAX_ANALYSED_CHARS) return tooLarge(dialect);
    return (await this.analyses.analyseText(document, text))?.analysis;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function tooLarge(dialect: DialectId): ConfigAnalysis {
  const limit = MAX_ANALYSED_CHARS.toLocaleString('en-US');
  return {
    dialect,
    memoryNotes: [],
    laws: [],
    problems: [
      `file over ${limit} characters: live estimates are off (the CLI \`ml-config-lens estimate\` still works)`,
    ],
  };
}
