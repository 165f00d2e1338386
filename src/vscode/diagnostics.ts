// Validation in the editor: the analysis worker (worker/documents.ts) validates each YAML/JSON
// document on open (at once) and on change (after a pause in typing), off the extension host
// thread; this publishes its findings. Offsets become positions here and nowhere else.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DialectId } from '../core/dialects';
import type { Diagnostic as CoreDiagnostic, ValidationResult } from '../core/validate';
import { DocumentAnalyses, LANGUAGES, type AnalysedDocument } from './worker/documents';
import { MAX_ANALYSED_CHARS } from './insights';
const SEVERITY: Record<CoreDiagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

/** The one place where engine offsets become editor positions. */
export function toRange(document: vscode.TextDocument, start: number, end: number): vscode.Range {
  return new vscode.Range(document.positionAt(start), document.positionAt(end));
}

export interface ValidatedDocument {
  version: number;
  result: ValidationResult;
}

/** Dialect chosen by the user per document ('none' = do not validate); kept in workspace state. */
export type DialectChoice = DialectId | 'none';

export class ConfigValidator implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('ml-config-lens');
  private readonly results = new Map<string, ValidatedDocument>();
  private readonly changed = new vscode.EventEmitter<vscode.TextDocument>();
  /** Fires after a document was validated (status bar, tests). */
  readonly onDidValidate = this.changed.event;

  /** The worker's results, which estimates (insights.ts) read too. */
  readonly analyses: DocumentAnalyses;

  constructor(
    private readonly state: vscode.Memento,
    workerFile: string,
  ) {
    this.analyses = new DocumentAnalyses(workerFile, (uri) => this.choice(uri), MAX_ANALYSED_CHARS);
    this.analyses.onDidAnalyse((a) => this.publish(a));
  }

  lastResult(document: vscode.TextDocument): ValidatedDocument | undefined {
    return this.results.get(document.uri.toString());
  }

  choice(uri: vscode.Uri): DialectChoice | undefined {
    return this.state.get<Record<string, DialectChoice>>('mlConfig.dialectChoices', {})[uri.toString()];
  }

  async setChoice(uri: vscode.Uri, choice: DialectChoice | undefined): Promise<void> {
    const all = { ...this.state.get<Record<string, DialectChoice>>('mlConfig.dialectChoices', {}) };
    if (choice === undefined) delete all[uri.toString()];
    else all[uri.toString()] = choice;
    await this.state.update('mlConfig.dialectChoices', all);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (doc) await this.validate(doc);
  }

  /** Validates after a pause in typing (at once for a document not validated yet). */
  schedule(document: vscode.TextDocument): void {
    this.analyses.schedule(document);
  }

  /** Validates now; resolves once the findings are published. */
  async validate(document: vscode.TextDocument): Promise<void> {
    if (LANGUAGES.has(document.languageId) && !document.isClosed) await this.analyses.analyseNow(document);
  }

  private publish({ document, version, result }: AnalysedDocument): void {
    const key = document.uri.toString();
    if (!result.validated) {
      this.forget(document.uri);
      if (this.choice(document.uri) === 'none')
        this.results.set(key, {
          version,
          result: { dialect: undefined, reason: 'turned off for this file', diagnostics: [] },
        });
      this.changed.fire(document);
      return;
    }
    this.results.set(key, {
      version,
      result: { dialect: result.dialect, reason: result.reason, diagnostics: result.diagnostics },
    });
    this.collection.set(
      document.uri,
      result.diagnostics.map((d) => this.toDiagnostic(document, d)),
    );
    this.changed.fire(document);
  }

  forget(uri: vscode.Uri): void {
    this.collection.delete(uri);
    this.results.delete(uri.toString());
  }

  private toDiagnostic(document: vscode.TextDocument, d: CoreDiagnostic): vscode.Diagnostic {
    const out = new vscode.Diagnostic(toRange(document, d.start, d.end), d.message, SEVERITY[d.severity]);
    out.source = 'ML Config Lens';
    out.code = d.code;
    if (d.code === 'deprecated-key' || d.code === 'deprecated-value')
      out.tags = [vscode.DiagnosticTag.Deprecated];
    return out;
  }

  dispose(): void {
    this.analyses.dispose();
    this.collection.dispose();
    this.changed.dispose();
  }
}

export function registerDiagnostics(context: vscode.ExtensionContext): ConfigValidator {
  const validator = new ConfigValidator(
    context.workspaceState,
    path.join(context.extensionPath, 'dist', 'analysisWorker.js'),
  );
  context.subscriptions.push(
    validator,
    vscode.workspace.onDidOpenTextDocument((d) => void validator.validate(d)),
    vscode.workspace.onDidChangeTextDocument((e) => validator.schedule(e.document)),
    vscode.workspace.onDidCloseTextDocument((d) => {
      // Untitled names are reused: a late close must not wipe the findings of a newer document.
      if (
        !vscode.workspace.textDocuments.some(
          (o) => o !== d && !o.isClosed && o.uri.toString() === d.uri.toString(),
        )
      )
        validator.forget(d.uri);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('mlConfig'))
        vscode.workspace.textDocuments.forEach((d) => void validator.validate(d));
    }),
  );
  vscode.workspace.textDocuments.forEach((d) => void validator.validate(d));
  return validator;
}
