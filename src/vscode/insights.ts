// Per-document analysis shared by hovers, CodeLens, the status bar and the panel: the dialect,
// then one ConfigAnalysis per document version (so typing re-analyses once, not per provider).
import * as vscode from 'vscode';
import { detectDialect, type DialectId } from '../core/dialects';
import { analyzeConfigText, type ConfigAnalysis } from '../core/analysis';
import { ModelConfigCache } from '../io/model-cache';
import type { ResolvedModel } from '../core/models/types';
import { resolveOptionsFor } from './models';
import { settingsFor } from './settings';

/**
 * Live numbers re-parse the whole file on each edit (~0.7 ms per 1,000 characters measured); above
 * this size (20× the largest real config in the corpus, 12 KB) typing would stall, so the
 * CodeLens says why the numbers are off instead.
 */
export const MAX_ANALYSED_CHARS = 250_000;

export type DialectOf = (document: vscode.TextDocument) => DialectId | undefined;

export function defaultDialectOf(document: vscode.TextDocument): DialectId | undefined {
  if (!['yaml', 'json', 'jsonc'].includes(document.languageId)) return undefined;
  const associations = settingsFor(document.uri).filesAssociations;
  return detectDialect(document.getText(), { fileName: document.uri.path, associations }).dialect;
}

export class DocumentInsights implements vscode.Disposable {
  private readonly cache = new Map<string, { version: number; override?: string; analysis: ConfigAnalysis }>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly models = new ModelConfigCache();
  /** A closed document's analysis is released at once (the cache holds open documents only). */
  private readonly closing = vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri));
  readonly onDidChange = this.changed.event;

  constructor(private readonly dialectOf: DialectOf = defaultDialectOf) {}

  dialect(document: vscode.TextDocument): DialectId | undefined {
    return this.dialectOf(document);
  }

  /** The analysis of this document version, or undefined for a file that is not a training config. */
  analysis(document: vscode.TextDocument, modelOverride?: string): ConfigAnalysis | undefined {
    const dialect = this.dialectOf(document);
    if (!dialect) return undefined;
    if (document.getText().length > MAX_ANALYSED_CHARS) return tooLarge(dialect);
    const key = document.uri.toString();
    const hit = this.cache.get(key);
    if (hit && hit.version === document.version && hit.override === modelOverride && hit.analysis.dialect === dialect) return hit.analysis;
    const analysis = analyzeConfigText(document.getText(), {
      dialect,
      modelOverride,
      resolveModel: (ref) => this.resolve(ref, document),
    });
    this.cache.set(key, { version: document.version, override: modelOverride, analysis });
    return analysis;
  }

  forget(uri: vscode.Uri): void {
    this.cache.delete(uri.toString());
  }

  dispose(): void {
    this.changed.dispose();
    this.closing.dispose();
    this.cache.clear();
    this.models.clear();
  }

  /** Catalog or an earlier load now; else a bounded async load (workspace, HF cache, the Hub if allowed), then re-run. */
  private resolve(ref: string, document: vscode.TextDocument): ResolvedModel | undefined {
    return this.models.lookup(ref, resolveOptionsFor(document), () => { this.forget(document.uri); this.changed.fire(document.uri); });
  }
}

function tooLarge(dialect: DialectId): ConfigAnalysis {
  const limit = MAX_ANALYSED_CHARS.toLocaleString('en-US');
  return { dialect, memoryNotes: [], laws: [], problems: [`file over ${limit} characters: live estimates are off (the CLI \`ml-config-lens estimate\` still works)`] };
}
