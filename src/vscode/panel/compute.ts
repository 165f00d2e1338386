// Host side of a "compute" request: resolve the chosen model on this machine (path, catalog, local
// Hugging Face cache), then hand everything to the pure computePanelModel.
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EstimatorInput } from '../../core/estimator-input/types';
import { resolveModelLocal } from '../../io/resolve';
import { computePanelModel, type PanelContext } from '../../core/panel/model';
import type { PanelInputs, PanelModel } from '../../core/panel/types';

function baseDir(doc: vscode.TextDocument | undefined): string {
  if (doc?.uri.scheme === 'file') return path.dirname(doc.uri.fsPath);
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? os.homedir();
}

/** The panel reads model files inside the workspace folders (or the config's own folder) and the HF cache. */
function workspaceRoots(doc: vscode.TextDocument | undefined): string[] {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
  return folders.length || doc?.uri.scheme !== 'file' ? folders : [path.dirname(doc.uri.fsPath)];
}

export function modelContext(inputs: PanelInputs, doc: vscode.TextDocument | undefined, input: EstimatorInput | undefined): PanelContext {
  const ctx: PanelContext = { basePeft: input?.peft, taskType: input?.taskType, numLabels: input?.numLabels };
  try {
    const resolved = resolveModelLocal(inputs.modelRef, { cwd: baseDir(doc), env: process.env, homeDir: os.homedir(), roots: workspaceRoots(doc) });
    if (resolved) ctx.model = { config: resolved.config, label: resolved.entry?.id ?? resolved.location };
    else ctx.modelProblem = `model '${inputs.modelRef}' is not a config.json path, not in the catalog and not in the local Hugging Face cache`;
  } catch (err) {
    ctx.modelProblem = err instanceof Error ? err.message : String(err);
  }
  return ctx;
}

export function computeFor(inputs: PanelInputs, doc: vscode.TextDocument | undefined, input: EstimatorInput | undefined): PanelModel {
  return computePanelModel(inputs, modelContext(inputs, doc, input));
}
