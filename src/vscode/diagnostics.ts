// Validation in the editor: runs the core engine on open and on every change of a YAML/JSON
// document and publishes the result. Small files are checked at once (no fixed delay); only big
// ones wait for a short pause in typing. Offsets become positions here and nowhere else.
import * as vscode from 'vscode';
import type { DialectId } from '../core/dialects';
import { validateText } from '../core/pipeline';
import type { Diagnostic as CoreDiagnostic, ValidationResult } from '../core/validate';
import { settingsFor } from './settings';

const LANGUAGES = new Set(['yaml', 'json', 'jsonc']);
/** Above this many characters, wait for a pause in typing before validating again. */
const BIG_FILE_CHARS = 200_000;
const BIG_FILE_DEBOUNCE_MS = 150;
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
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly changed = new vscode.EventEmitter<vscode.TextDocument>();
  /** Fires after a document was validated (status bar, tests). */
  readonly onDidValidate = this.changed.event;

  constructor(private readonly state: vscode.Memento) {}

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
    if (doc) this.validate(doc);
  }

  /** Validates now, or after a short pause for big files that keep changing. */
  schedule(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    if (document.getText().length < BIG_FILE_CHARS) return this.validate(document);
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      this.validate(document);
    }, BIG_FILE_DEBOUNCE_MS));
  }

  validate(document: vscode.TextDocument): void {
    if (!LANGUAGES.has(document.languageId) || document.isClosed) return;
    const key = document.uri.toString();
    const cfg = settingsFor(document.uri);
    const choice = this.choice(document.uri);
    if (!cfg.validationEnabled || choice === 'none') {
      this.forget(document.uri);
      if (choice === 'none') this.results.set(key, { version: document.version, result: { dialect: undefined, reason: 'turned off for this file', diagnostics: [] } });
      this.changed.fire(document);
      return;
    }
    const result = validateText(document.getText(), {
      dialect: choice,
      fileName: document.uri.path,
      associations: cfg.filesAssociations,
      maxDiagnostics: cfg.maxDiagnostics,
      frameworkVersions: cfg.frameworkVersions,
    });
    if (choice) result.reason = 'chosen with ML Config: Select Config Dialect';
    this.results.set(key, { version: document.version, result });
    this.collection.set(document.uri, result.diagnostics.map((d) => this.toDiagnostic(document, d)));
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
    if (d.code === 'deprecated-key' || d.code === 'deprecated-value') out.tags = [vscode.DiagnosticTag.Deprecated];
    return out;
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.collection.dispose();
    this.changed.dispose();
  }
}

export function registerDiagnostics(context: vscode.ExtensionContext): ConfigValidator {
  const validator = new ConfigValidator(context.workspaceState);
  context.subscriptions.push(
    validator,
    vscode.workspace.onDidOpenTextDocument((d) => validator.validate(d)),
    vscode.workspace.onDidChangeTextDocument((e) => validator.schedule(e.document)),
    vscode.workspace.onDidCloseTextDocument((d) => {
      // Untitled names are reused: a late close must not wipe the findings of a newer document.
      if (!vscode.workspace.textDocuments.some((o) => o !== d && !o.isClosed && o.uri.toString() === d.uri.toString())) validator.forget(d.uri);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('mlConfig')) vscode.workspace.textDocuments.forEach((d) => validator.validate(d));
    }),
  );
  vscode.workspace.textDocuments.forEach((d) => validator.validate(d));
  return validator;
}
