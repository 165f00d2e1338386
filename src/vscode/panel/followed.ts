// The config file the panel follows and the panel's own copy of its analysis (core/panel/follow.ts
// decides what to show). It waits for the worker's first answer on an open file, and analyses a file
// that closed (whose worker results are released) from its saved text, else from its last text.
import * as vscode from 'vscode';
import type { ConfigAnalysis } from '../../core/analysis';
import {
  keepLive,
  panelSeed,
  type AnalysedText,
  type FollowedFile,
  type PanelSeed,
} from '../../core/panel/follow';
import type { DocumentInsights } from '../insights';

export class FollowedDocument implements vscode.Disposable {
  private kept: FollowedFile['kept'];
  private failed = false;
  private waiting = false;
  private reading = false;
  private disposed = false;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;
  /** Fires when the panel should show the file again: it closed, its analysis failed, its saved text was read. */
  readonly onDidChange = this.changed.event;

  constructor(
    readonly document: vscode.TextDocument,
    private readonly insights: DocumentInsights,
  ) {
    this.subscription = vscode.workspace.onDidCloseTextDocument((d) => {
      if (d !== document) return;
      this.failed = false; // a failure of the editor's text says nothing about the saved file
      this.changed.fire();
    });
  }

  get closed(): boolean {
    return this.document.isClosed;
  }

  /** What to show now; starts the wait or the read the decision asks for (one of each at a time). */
  seed(): PanelSeed {
    const closed = this.closed;
    const state: FollowedFile = {
      closed,
      live: closed ? undefined : this.insights.analysis(this.document),
      kept: this.kept,
      failed: this.failed,
    };
    this.kept = keepLive(state);
    const seed = panelSeed({ ...state, kept: this.kept });
    if (seed.wait && !closed) this.awaitWorker();
    if (seed.readFile) this.readSavedFile();
    return seed;
  }

  /** The worker's first answer; with an analysis, DocumentInsights.onDidChange tells the panel itself. */
  private awaitWorker(): void {
    if (this.waiting) return;
    this.waiting = true;
    void this.insights.currentAnalysis(this.document).then((analysis) => {
      this.waiting = false;
      if (this.disposed || this.closed || analysis) return; // closed: the close handler takes over
      this.failed = true;
      this.changed.fire();
    });
  }

  private readSavedFile(): void {
    if (this.reading) return;
    this.reading = true;
    void this.analyseSavedText().then(({ analysis, from }) => {
      this.reading = false;
      if (this.disposed) return;
      if (analysis) this.kept = { analysis, from };
      else this.failed = true;
      this.changed.fire();
    });
  }

  private async analyseSavedText(): Promise<{ analysis?: ConfigAnalysis; from: AnalysedText }> {
    let text: string;
    let from: AnalysedText = 'disk';
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(this.document.uri));
    } catch {
      // An untitled or deleted file: the text the editor had when it closed.
      text = this.document.getText();
      from = 'last-text';
    }
    try {
      return { analysis: await this.insights.analyseText(this.document, text), from };
    } catch {
      return { from };
    }
  }

  dispose(): void {
    this.disposed = true;
    this.subscription.dispose();
    this.changed.dispose();
  }
}
