// "ML Config: Show Model Architecture": the model's module tree as transformers names it, with
// shapes, and which modules the config's target_modules would adapt. Opens as a Markdown document.
import * as vscode from 'vscode';
import { NO_ANSWER } from '../worker/client';
import type { ArchitectureRow } from '../../core/estimator/architecture';
import { compactCount } from '../../core/analysis/format';
import type { DocumentInsights } from '../insights';
import { pickModel } from '../pickModel';
import { documentFor } from './shared';

export type { ArchitectureRow };

export interface ArchitectureResult {
  model: string;
  baseParams: number;
  rows: ArchitectureRow[];
  markdown: string;
}

export async function architectureCommand(
  insights: DocumentInsights,
  arg?: vscode.Uri | { model: string; targetModules?: string | string[]; open?: boolean },
): Promise<ArchitectureResult | undefined> {
  let ref: string | undefined;
  let targets: string | string[] | undefined;
  let taskType: string | null = null;
  /** Adapted modules per row pattern from the file's estimate (covers PEFT's default targets, layers_to_transform, ...). */
  let adapted: Map<string, number> | undefined;
  let document: vscode.TextDocument | undefined;
  if (arg && !(arg instanceof vscode.Uri)) {
    ref = arg.model;
    targets = arg.targetModules;
  } else {
    document = documentFor(arg, insights);
    const analysis = document && (await insights.currentAnalysis(document));
    ref = analysis?.model ? analysis.modelRef : await pickModel(undefined, analysis?.modelRef);
    targets = analysis?.input?.peft.target_modules as string | string[] | undefined;
    taskType = analysis?.input?.taskType ?? null;
    if (analysis?.model && analysis.estimate)
      adapted = new Map(analysis.estimate.breakdown.byModule.map((m) => [m.pattern, m.modules]));
  }
  if (!ref) return undefined;
  // The worker builds the table (a large model's tree, the config's target patterns), not this thread.
  const a = await insights.architecture(document, {
    model: ref,
    ...(targets && !adapted ? { targets } : {}),
    taskType,
  });
  if (!a?.table) {
    const why = a?.error ?? NO_ANSWER;
    void vscode.window.showErrorMessage(`ML Config: ${why}`);
    return undefined;
  }
  const { rows, baseParams } = a.table;
  if (adapted) for (const row of rows) row.targeted = adapted.get(row.pattern) ?? 0;
  const markdown = render(ref, baseParams, rows, targets, Boolean(adapted));
  if (!(arg && !(arg instanceof vscode.Uri) && arg.open === false)) await openReadOnly(ref, markdown);
  return { model: ref, baseParams, rows, markdown };
}

/**
 * The report opens as a read-only document of our own scheme: an untitled document would be
 * "dirty" and ask to be saved when closed. Its content lives here, keyed by URI.
 */
const SCHEME = 'mlconfig-architecture';
const reports = new Map<string, string>();
const changed = new vscode.EventEmitter<vscode.Uri>();

export function registerArchitectureDocuments(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    changed,
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, {
      onDidChange: changed.event,
      provideTextDocumentContent: (uri) => reports.get(uri.toString()) ?? '',
    }),
  );
}

async function openReadOnly(ref: string, markdown: string): Promise<void> {
  const name = ref
    .split(/[\\/]/)
    .filter(Boolean)
    .slice(-2)
    .join(' ')
    .replace(/[^\w. -]/g, '_');
  const uri = vscode.Uri.from({ scheme: SCHEME, path: `/${name} architecture.md` });
  reports.set(uri.toString(), markdown);
  changed.fire(uri);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { preview: true });
}

/** all-linear → `all-linear`; [q_proj, v_proj] → `q_proj`, `v_proj`. */
function targetList(targets: string | string[]): string {
  return (Array.isArray(targets) ? targets : [targets]).map((t) => `\`${t}\``).join(', ');
}

function render(
  ref: string,
  base: number,
  rows: ArchitectureRow[],
  targets: string | string[] | undefined,
  fromFile: boolean,
): string {
  const marked = targets
    ? ` Targets ${targetList(targets)} adapt the rows marked ✓.`
    : fromFile && rows.some((r) => r.targeted)
      ? " The config lists no targets; PEFT's default for this architecture adapts the rows marked ✓."
      : '';
  const lines = [
    `# ${ref}`,
    '',
    `${base.toLocaleString('en-US')} parameters (${compactCount(base)}).${marked}`,
    '',
    '| module | kind | in → out | × | params | target |',
    '|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    lines.push(
      `| \`${r.pattern}\` | ${r.kind} | ${r.inFeatures} → ${r.outFeatures} | ${r.count} | ${r.tiedTo && r.params === 0 ? `0 (tied to \`${r.tiedTo}\`)` : compactCount(r.params)} | ${r.targeted ? `✓ ${r.targeted}` : ''} |`,
    );
  }
  return lines.join('\n') + '\n';
}
