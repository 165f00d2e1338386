// A training config's estimate reads its linked DeepSpeed / FSDP files (the worker reads them from
// disk): when one of them is saved or changes on disk, every open config that read it is analysed
// again, so its CodeLens, hover and panel follow the new ZeRO stage or offload.
import * as vscode from 'vscode';
import type { DocumentAnalyses } from './worker/documents';

/** One spelling per file: the worker reports POSIX-style candidate paths, VS Code gives fsPath. */
const keyOf = (p: string): string => {
  const k = p.replace(/\\/g, '/');
  return process.platform === 'win32' ? k.toLowerCase() : k;
};

export function watchLinkedFiles(analyses: DocumentAnalyses): vscode.Disposable {
  /** Linked file → the open documents whose last analysis read it. */
  const dependents = new Map<string, Set<vscode.TextDocument>>();
  const readBy = new Map<vscode.TextDocument, string[]>();
  const forget = (document: vscode.TextDocument): void => {
    for (const k of readBy.get(document) ?? []) dependents.get(k)?.delete(document);
    readBy.delete(document);
  };
  const changed = (uri: vscode.Uri): void => {
    if (uri.scheme !== 'file') return;
    for (const d of [...(dependents.get(keyOf(uri.fsPath)) ?? [])])
      if (!d.isClosed) void analyses.analyseNow(d);
  };
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.{json,yaml,yml}', true, false, true);
  const subscriptions = [
    analyses.onDidAnalyse(({ document, result }) => {
      forget(document);
      const keys = (result.linkedPaths ?? []).map(keyOf);
      if (!keys.length) return;
      readBy.set(document, keys);
      for (const k of keys) dependents.set(k, (dependents.get(k) ?? new Set()).add(document));
    }),
    vscode.workspace.onDidCloseTextDocument(forget),
    vscode.workspace.onDidSaveTextDocument((d) => changed(d.uri)),
    watcher.onDidChange(changed),
    watcher,
  ];
  return vscode.Disposable.from(...subscriptions);
}
