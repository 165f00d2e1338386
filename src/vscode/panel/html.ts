// The panel's HTML shell: a strict Content-Security-Policy with a fresh crypto nonce per load, one
// script from dist/, and nothing else. All text is set later by the script through textContent.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

export function nonce(): string {
  return randomBytes(18).toString('base64');
}

/** Only dist/ (the bundle) and media/ may be loaded into the webview. */
export function localRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')];
}

export function panelHtml(webview: vscode.Webview, extensionUri: vscode.Uri, n: string = nonce()): string {
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js'));
  // Styles come from the bundle as constructed stylesheets (adoptedStyleSheets), which CSP allows
  // without 'unsafe-inline'; style-src still names the nonce for the components' own sheets.
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `font-src ${webview.cspSource}`,
    `style-src ${webview.cspSource} 'nonce-${n}'`,
    `script-src 'nonce-${n}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>ML Config Estimator</title>
</head>
<body>
<main id="app" aria-busy="true"><p id="loading">Loading the estimator…</p></main>
<script nonce="${n}" src="${script.toString()}"></script>
</body>
</html>`;
}
