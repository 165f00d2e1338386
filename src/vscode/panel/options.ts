// The choices the panel's selects offer: models (the config's own, workspace config.json files, the
// local Hugging Face cache, the bundled catalog), every estimator method, and the optimizers the
// memory table knows.
import * as os from 'node:os';
import * as vscode from 'vscode';
import { MODEL_CATALOG } from '../../core/models/catalog';
import { cachedRepoIds, hfHubCacheDir } from '../../io/hf-cache';
import { panelMethods } from '../../core/panel/methods';
import type { HostMessage, MethodOption, ModelOption, OptionItem } from '../../core/panel/protocol';

/** One representative spelling per optimizer row of src/core/memory/tables.ts. */
const OPTIMIZERS: OptionItem[] = [
  { value: 'adamw_torch', label: 'AdamW (fp32 states)' },
  { value: 'adamw_bnb_8bit', label: 'AdamW 8-bit (bitsandbytes)' },
  { value: 'paged_adamw_32bit', label: 'paged AdamW (fp32 states)' },
  { value: 'paged_adamw_8bit', label: 'paged AdamW 8-bit' },
  { value: 'lion_32bit', label: 'Lion (fp32 momentum)' },
  { value: 'lion_8bit', label: 'Lion 8-bit' },
  { value: 'adafactor', label: 'Adafactor (factored)' },
  { value: 'sgd', label: 'SGD (no momentum)' },
];

export function methodOptions(): MethodOption[] {
  return panelMethods().map((m) => ({
    id: m.id,
    label: m.label,
    rank: Boolean(m.rankField),
    alpha: Boolean(m.alphaField),
    targets: m.targets,
    virtualTokens: m.virtualTokens,
    freezeLayers: m.freezeLayers,
  }));
}

export async function modelOptions(configModel: string | undefined): Promise<ModelOption[]> {
  const out: ModelOption[] = [];
  if (configModel) out.push({ value: configModel, label: `${configModel} (this config)`, group: 'config' });
  const files = await vscode.workspace.findFiles('**/config.json', '**/node_modules/**', 50);
  for (const uri of files)
    out.push({
      value: uri.fsPath,
      label: `${vscode.workspace.asRelativePath(uri)} (workspace)`,
      group: 'workspace',
    });
  for (const id of cachedRepoIds(hfHubCacheDir(process.env, os.homedir())))
    out.push({ value: id, label: `${id} (Hugging Face cache)`, group: 'hf-cache' });
  for (const e of MODEL_CATALOG)
    out.push({ value: e.id, label: `${e.id} (catalog, ${e.family})`, group: 'catalog' });
  const seen = new Set<string>();
  return out.filter((o) => !seen.has(o.value) && seen.add(o.value));
}

export async function optionsMessage(configModel: string | undefined): Promise<HostMessage> {
  return {
    type: 'options',
    models: await modelOptions(configModel),
    methods: methodOptions(),
    optimizers: OPTIMIZERS,
  };
}
