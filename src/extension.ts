// Wires the adapters in src/vscode to the editor. Nothing heavy happens here: each adapter
// loads what it needs on first use.
import * as vscode from 'vscode';
import { registerCommands } from './vscode/commands';

export interface MlConfigLensApi {
  readonly version: string;
}

export function activate(context: vscode.ExtensionContext): MlConfigLensApi {
  registerCommands(context);
  return { version: String(context.extension.packageJSON.version) };
}

export function deactivate(): void {
  // Disposables registered on the context are released by VS Code.
}
