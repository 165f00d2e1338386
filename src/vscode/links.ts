// Ctrl+Click on a linked DeepSpeed file (`deepspeed:` of a training config, `deepspeed_config_file` of
// an Accelerate config) through a DocumentLinkProvider, and a warning when no candidate path exists.
// Link texts and candidate paths come from src/core/links; the only file-system access is linkTargetExists.
import * as vscode from 'vscode';
import { findConfigLinks, linkCandidates, missingLinkMessage, type ConfigLink } from '../core/links';
import type { DocumentInsights } from './insights';

/** Whether a candidate path exists (stat only; the one place to swap in the safe reader of src/io). */
async function linkTargetExists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

async function resolveLink(
  document: vscode.TextDocument,
  link: ConfigLink,
): Promise<{ uri?: vscode.Uri; tried: string[] }> {
  const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
  const tried = linkCandidates(link.target, document.uri.fsPath, folders);
  for (const p of tried) {
    const uri = document.uri.with({ path: p.startsWith('/') ? p : `/${p}` });
    if (await linkTargetExists(uri)) return { uri, tried };
  }
  return { tried };
}

export function registerLinks(context: vscode.ExtensionContext, insights: DocumentInsights): void {
  const selector: vscode.DocumentSelector = [
    { language: 'yaml' },
    { language: 'json' },
    { language: 'jsonc' },
  ];
  const missing = vscode.languages.createDiagnosticCollection('ml-config-lens-links');
  context.subscriptions.push(missing);
  context.subscriptions.push(
    vscode.languages.registerDocumentLinkProvider(selector, {
      async provideDocumentLinks(document) {
        const out: vscode.DocumentLink[] = [];
        const warnings: vscode.Diagnostic[] = [];
        for (const link of findConfigLinks(document.getText(), insights.dialect(document))) {
          const range = new vscode.Range(document.positionAt(link.start), document.positionAt(link.end));
          const { uri, tried } = await resolveLink(document, link);
          if (uri) {
            const l = new vscode.DocumentLink(range, uri);
            l.tooltip = `Open ${link.target}`;
            out.push(l);
          } else {
            const d = new vscode.Diagnostic(
              range,
              missingLinkMessage(link, tried),
              vscode.DiagnosticSeverity.Warning,
            );
            d.source = 'ML Config Lens';
            d.code = 'linked-file-missing';
            warnings.push(d);
          }
        }
        missing.set(document.uri, warnings);
        return out;
      },
    }),
  );
  context.subscriptions.push(vscode.workspace.onDidCloseTextDocument((d) => missing.delete(d.uri)));
}
