// Quick pick of a model: the active config's model, workspace config.json files, the local Hugging
// Face cache, and the bundled catalog. Returns a reference the core's resolver understands.
import * as os from 'node:os';
import * as vscode from 'vscode';
import { MODEL_CATALOG } from '../core/models/catalog';
import { cachedRepoIds, hfHubCacheDir } from '../io/hf-cache';

interface ModelItem extends vscode.QuickPickItem {
  ref: string;
}

/**
 * `current`: a model the config names and that resolves (listed first). `missing`: one it names but
 * that was not found; it is not offered (picking it would fail again), the title says why we ask.
 */
export async function pickModel(current?: string, missing?: string): Promise<string | undefined> {
  const items: ModelItem[] = [];
  if (current) items.push({ label: current, description: 'named by this config', ref: current });
  const workspace = await vscode.workspace.findFiles('**/config.json', '**/node_modules/**', 50);
  if (workspace.length) items.push({ label: 'Workspace', kind: vscode.QuickPickItemKind.Separator, ref: '' });
  for (const uri of workspace)
    items.push({
      label: vscode.workspace.asRelativePath(uri),
      description: 'workspace config.json',
      ref: uri.fsPath,
    });
  const cached = cachedRepoIds(hfHubCacheDir(process.env, os.homedir()));
  if (cached.length)
    items.push({ label: 'Hugging Face cache', kind: vscode.QuickPickItemKind.Separator, ref: '' });
  for (const id of cached) items.push({ label: id, description: 'local Hugging Face cache', ref: id });
  items.push({ label: 'Bundled catalog', kind: vscode.QuickPickItemKind.Separator, ref: '' });
  for (const e of MODEL_CATALOG)
    items.push({ label: e.id, description: e.family, detail: e.aliases.join(', ') || undefined, ref: e.id });
  const picked = await vscode.window.showQuickPick(items, {
    title: missing
      ? `ML Config: '${missing}' was not found locally; choose a model`
      : 'ML Config: choose a model',
    placeHolder: 'Type a model name, e.g. llama-3-8b',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.ref || undefined;
}
