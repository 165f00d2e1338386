// The estimator panel's host side: one WebviewPanel that follows the active config editor, answers
// the webview's typed messages (validated on arrival), and writes "Apply" back to the config.
import * as vscode from 'vscode';
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
import type { DocumentInsights } from '../insights';
import { applyToDocument } from './apply';
import { applySharding } from './applySharding';
import { unansweredPanelModel } from '../../core/panel/compute';
import { localRoots, panelHtml } from './html';
import { optionsMessage } from './options';
import { panelAnalysis } from '../../core/panel/sweep';

const RESEED_DELAY_MS = 250;

export class EstimatorPanel implements vscode.Disposable {
  private doc: vscode.TextDocument | undefined;
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
        if (uri.toString() === this.doc?.uri.toString()) this.scheduleReseed();
      }),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  get document(): vscode.TextDocument | undefined {
    return this.doc;
  }

  isConfig(doc: vscode.TextDocument): boolean {
    return this.insights.dialect(doc) !== undefined;
  }

  /** Starts following `doc`: its values become the panel's inputs. */
  follow(doc: vscode.TextDocument | undefined): void {
    this.doc = doc;
    this.panel.title = doc ? `Estimator: ${vscode.workspace.asRelativePath(doc.uri)}` : 'ML Config Estimator';
    void this.post(this.documentMessage());
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
            unansweredPanelModel(msg.inputs),
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
    return panelAnalysis(this.doc ? this.insights.analysis(this.doc) : undefined);
  }

  private documentMessage(restored?: { inputs: PanelInputs | null; docUri?: string | null }): HostMessage {
    const doc = this.doc;
    const dialect = doc && this.insights.dialect(doc);
    // The label and the inputs come from the same followed document.
    const inputs = seedInputs(doc && { uri: doc.uri.toString(), input: this.analysis()?.input }, restored);
    return {
      type: 'document',
      doc:
        doc && dialect
          ? { uri: doc.uri.toString(), name: vscode.workspace.asRelativePath(doc.uri), dialect }
          : null,
      inputs,
      applicable: dialect ? applicableFields(dialect) : [],
    };
  }

  private async apply(field: Parameters<typeof applyToDocument>[2], value: number | string): Promise<void> {
    const doc = this.doc;
    const dialect = doc && this.insights.dialect(doc);
    const outcome =
      doc && dialect
        ? await applyToDocument(doc, dialect, field, value)
        : { ok: false, message: 'no config file is followed: open a training config in an editor first' };
    await this.post({ type: 'applied', field, ...outcome });
  }

  private async applyShardingChoice(value: string): Promise<void> {
    const doc = this.doc;
    const dialect = doc && this.insights.dialect(doc);
    const outcome =
      doc && dialect
        ? await applySharding(doc, dialect, this.analysis()?.config, value)
        : { ok: false, message: 'no config file is followed: open a training config in an editor first' };
    await this.post({ type: 'applied', field: 'sharding', ...outcome });
  }

  private scheduleReseed(): void {
    if (this.reseedTimer) clearTimeout(this.reseedTimer);
    this.reseedTimer = setTimeout(() => void this.post(this.documentMessage()), RESEED_DELAY_MS);
  }

  private async post(message: HostMessage): Promise<void> {
    this.posted.fire(message);
    await this.panel.webview.postMessage(message);
  }

  dispose(): void {
    if (this.reseedTimer) clearTimeout(this.reseedTimer);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.posted.dispose();
    this.received.dispose();
  }
}
