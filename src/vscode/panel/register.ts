// Wires the estimator panel: the mlConfig.openPanel command (optional Uri: the config to follow) and
// the serializer that restores the panel after a reload from the state the webview saved.
import * as vscode from 'vscode';
import { COMMANDS } from '../../core/ids';
import { PANEL_VIEW_TYPE } from '../../core/panel/protocol';
import type { DocumentInsights } from '../insights';
import { EstimatorPanel, type PanelState } from './controller';
import { localRoots } from './html';

let current: EstimatorPanel | undefined;

function track(panel: EstimatorPanel): EstimatorPanel {
  current = panel;
  panel.onDidDispose(() => {
    if (current === panel) current = undefined;
  });
  return panel;
}

async function documentFor(uri: vscode.Uri | string | undefined): Promise<vscode.TextDocument | undefined> {
  if (!uri) return undefined;
  try {
    return await vscode.workspace.openTextDocument(typeof uri === 'string' ? vscode.Uri.parse(uri) : uri);
  } catch {
    return undefined;
  }
}

/**
 * The webview's saved state is data the webview could have written: restore only a document that is
 * open already or lies inside a workspace folder, never an arbitrary URI it names.
 */
function restorable(raw: unknown): vscode.Uri | undefined {
  if (typeof raw !== 'string' || raw.length > 4_096) return undefined;
  let uri: vscode.Uri;
  try {
    uri = vscode.Uri.parse(raw, true);
  } catch {
    return undefined;
  }
  const open = vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
  return open || vscode.workspace.getWorkspaceFolder(uri) ? uri : undefined;
}

/**
 * Opens (or reveals) the panel, following `uri` or else the active config editor. Returns the panel
 * controller, so host tests can observe the messages it exchanges with the webview.
 */
export async function openPanel(
  context: vscode.ExtensionContext,
  insights: DocumentInsights,
  uri?: vscode.Uri,
): Promise<EstimatorPanel> {
  const active = vscode.window.activeTextEditor?.document;
  const target = (await documentFor(uri instanceof vscode.Uri ? uri : undefined)) ?? active;
  if (current) {
    current.panel.reveal(undefined, true);
    if (target && current.isConfig(target)) current.follow(target);
    return current;
  }
  const panel = vscode.window.createWebviewPanel(
    PANEL_VIEW_TYPE,
    'ML Config Estimator',
    { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
    {
      enableScripts: true,
      localResourceRoots: localRoots(context.extensionUri),
    },
  );
  const controller = track(new EstimatorPanel(panel, context.extensionUri, insights));
  if (target && controller.isConfig(target)) controller.follow(target);
  return controller;
}

export function registerPanel(context: vscode.ExtensionContext, insights: DocumentInsights): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.openPanel, (uri?: vscode.Uri) =>
      openPanel(context, insights, uri),
    ),
    vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        const saved = (state ?? {}) as PanelState;
        const controller = track(new EstimatorPanel(panel, context.extensionUri, insights));
        const doc = await documentFor(restorable(saved.docUri));
        if (doc && controller.isConfig(doc)) controller.follow(doc);
      },
    }),
    { dispose: () => current?.panel.dispose() },
  );
}
