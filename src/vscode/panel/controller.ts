// The estimator panel's host side: one WebviewPanel that follows the active config editor, answers
// the webview's typed messages (validated on arrival), and writes "Apply" back to the config.
import * as vscode from 'vscode';
import { NO_ANSWER } from '../worker/client';
import { applicableFields } from '../../core/panel/applyKeys';
import { seedInputs } from '../../core/panel/inputs';
import {
  assertNever,
  parseWebviewMessage,
  type HostMessage,
  type WebviewMessage,
} from '../../core/panel/protocol';
export type { PanelState } from '../../core/panel/protocol';
import type { PanelInputs } from '../../core/panel/types';
import type { DialectId } from '../../core/dialects';
import type { DocumentInsights } from '../insights';
import { applyToDocument } from './apply';
import { applySharding } from './applySharding';
import { unansweredPanelModel } from '../../core/panel/compute';
import { localRoots, panelHtml } from './html';
import { optionsMessage } from './options';
import { panelAnalysis } from '../../core/panel/sweep';
import { FollowedDocument } from './followed';

const RESEED_DELAY_MS = 250;

export class EstimatorPanel implements vscode.Disposable {
  private followed: FollowedDocument | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly posted = new vscode.EventEmitter<HostMessage>();
  private readonly received = new vscode.EventEmitter<WebviewMessage>();
  private reseedTimer: ReturnType<typeof setTimeout> | undefined;
  /** Every message the host posts / accepts from the webview (tests listen here). */
  readonly onDidPost = this.posted.event;
  readonly onDidReceive = this.received.event;
  readonly onDidDispose: vscode.Event<void>;

  constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly insights: DocumentInsights,
  ) {
    panel.webview.options = { enableScripts: true, localResourceRoots: localRoots(extensionUri) };
    panel.webview.html = panelHtml(panel.webview, extensionUri);
    this.onDidDispose = panel.onDidDispose;
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)),
      vscode.window.onDidChangeActiveTextEditor((e) => {
        if (e && this.isConfig(e.document)) this.follow(e.document);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === this.doc) this.scheduleReseed();
      }),
      insights.onDidChange((uri) => {
        if (uri.toString() === this.doc?.uri.toString() && !this.doc.isClosed) this.scheduleReseed();
      }),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  get document(): vscode.TextDocument | undefined {
    return this.doc;
  }

  private get doc(): vscode.TextDocument | undefined {
    return this.followed?.document;
  }

  isConfig(doc: vscode.TextDocument): boolean {
    return this.insights.dialect(doc) !== undefined;
  }

  /** Starts following `doc`: its values become the panel's inputs. */
  follow(doc: vscode.TextDocument | undefined): void {
    this.followed?.dispose();
    const followed = doc && new FollowedDocument(doc, this.insights);
    this.followed = followed;
    followed?.onDidChange(() => {
      this.retitle();
      void this.post(this.documentMessage());
    });
    this.retitle();
    void this.post(this.documentMessage());
  }

  private retitle(): void {
    const f = this.followed;
    this.panel.title = f
      ? `Estimator: ${vscode.workspace.asRelativePath(f.document.uri)}${f.closed ? ' (closed)' : ''}`
      : 'ML Config Estimator';
  }

  /** Handles a message as the webview would send it: validated first, then dispatched. */
  async receive(raw: unknown): Promise<void> {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      console.warn(`ML Config panel: ignored a message from the webview (${parsed.error})`);
      return;
    }
    const msg = parsed.message;
    this.received.fire(msg);
    switch (msg.type) {
      case 'ready':
        await this.post(await optionsMessage(this.analysis()?.input?.modelRef));
        await this.post(this.documentMessage({ inputs: msg.restored, docUri: msg.restoredDoc }));
        return;
      case 'compute':
        await this.post({
          type: 'result',
          seq: msg.seq,
          model:
            (await this.insights.panelModel(this.doc, msg.inputs, this.analysis())) ??
            unansweredPanelModel(msg.inputs, NO_ANSWER),
        });
        return;
      case 'apply':
        await this.apply(msg.field, msg.value);
        return;
      case 'applySharding':
        await this.applyShardingChoice(msg.value);
        return;
      case 'reset':
        await this.post(this.documentMessage());
        return;
      case 'rendered':
        return;
      default:
        assertNever(msg);
    }
  }

  private analysis() {
    // A sweep shows the training config it runs, with its learning-rate range as a band.
    return panelAnalysis(this.followed?.seed().analysis);
  }

  /** The followed file's values, or nothing while its first analysis is on its way (never the defaults then). */
  private documentMessage(restored?: {
    inputs: PanelInputs | null;
    docUri?: string | null;
  }): HostMessage | undefined {
    const doc = this.doc;
    const seed = this.followed?.seed();
    const uri = doc?.uri.toString();
    if (seed?.wait && !(restored?.inputs && restored.docUri === uri)) return undefined;
    const dialect = doc && (seed?.analysis?.dialect ?? this.insights.dialect(doc));
    // The label and the inputs come from the same followed document.
    const input = panelAnalysis(seed?.analysis)?.input;
    const inputs = seedInputs(doc && uri ? { uri, input } : undefined, restored);
    const name = doc && vscode.workspace.asRelativePath(doc.uri);
    return {
      type: 'document',
      doc: uri && name && dialect ? { uri, name, dialect, ...(seed?.note ? { note: seed.note } : {}) } : null,
      inputs,
      applicable: dialect ? applicableFields(dialect) : [],
    };
  }

  private async apply(field: Parameters<typeof applyToDocument>[2], value: number | string): Promise<void> {
    const t = await this.writable();
    const outcome = 'doc' in t ? await applyToDocument(t.doc, t.dialect, field, value) : t;
    await this.post({ type: 'applied', field, ...outcome });
  }

  private async applyShardingChoice(value: string): Promise<void> {
    const config = this.analysis()?.config;
    const t = await this.writable();
    const outcome = 'doc' in t ? await applySharding(t.doc, t.dialect, config, value) : t;
    await this.post({ type: 'applied', field: 'sharding', ...outcome });
  }

  /**
   * The followed document and its dialect for "Apply", else why not. A closed file is opened again
   * (from disk: its last text may hold edits that were discarded) and followed, so the edit lands at
   * the offsets of the text it is made against.
   */
  private async writable(): Promise<
    { doc: vscode.TextDocument; dialect: DialectId } | { ok: false; message: string }
  > {
    let doc = this.doc;
    if (doc?.isClosed) {
      try {
        doc = await vscode.workspace.openTextDocument(doc.uri);
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err);
        return {
          ok: false,
          message: `${vscode.workspace.asRelativePath(doc.uri)} is closed and could not be opened: ${why}`,
        };
      }
      this.follow(doc);
    }
    const dialect = doc && this.insights.dialect(doc);
    return doc && dialect
      ? { doc, dialect }
      : { ok: false, message: 'no config file is followed: open a training config in an editor first' };
  }

  private scheduleReseed(): void {
    if (this.reseedTimer) clearTimeout(this.reseedTimer);
    this.reseedTimer = setTimeout(() => void this.post(this.documentMessage()), RESEED_DELAY_MS);
  }

  private async post(message: HostMessage | undefined): Promise<void> {
    if (!message) return;
    this.posted.fire(message);
    await this.panel.webview.postMessage(message);
  }

  dispose(): void {
    if (this.reseedTimer) clearTimeout(this.reseedTimer);
    this.followed?.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.posted.dispose();
    this.received.dispose();
  }
}
