// The editor side of the settings reader: VS Code's values for a resource through the pure
// readSettings, each warning shown once per session (wrong types fall back to the defaults).
import * as vscode from 'vscode';
import { readSettings, type Settings } from '../core/settings';

const shown = new Set<string>();

export function settingsFor(resource?: vscode.Uri): Settings {
  const cfg = vscode.workspace.getConfiguration(undefined, resource);
  const { settings, warnings } = readSettings((id) => cfg.get(id));
  showSettingWarnings(warnings);
  return settings;
}

/** Shows each settings warning once per session (from readSettings, or from the analysis worker). */
export function showSettingWarnings(warnings: readonly string[]): void {
  for (const w of warnings) {
    if (shown.has(w) || shown.size > 100) continue;
    shown.add(w);
    void vscode.window.showWarningMessage(`ML Config Lens: setting ${w}`);
  }
}
