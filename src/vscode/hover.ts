// Hover on a config key: what it does (schema), its type, range, default, deprecation and paper,
// then its live effect in this file (from the shared document analysis).
import * as vscode from 'vscode';
import type { KeyDescription } from '../core/validate';
import { liveEffects } from '../core/analysis/effects';
import { enumList } from '../core/analysis/format';
import { inlineCode } from '../core/present/markdown';
import type { DocumentInsights } from './insights';
import { settingsFor } from './settings';

const KEY_WORD = /[\w.$-]+/;

export function registerHover(context: vscode.ExtensionContext, insights: DocumentInsights): void {
  const selector: vscode.DocumentSelector = [
    { language: 'yaml' },
    { language: 'json' },
    { language: 'jsonc' },
  ];
  context.subscriptions.push(
    vscode.languages.registerHoverProvider(selector, { provideHover: (d, p) => hoverAt(insights, d, p) }),
  );
}

export async function hoverAt(
  insights: DocumentInsights,
  document: vscode.TextDocument,
  position: vscode.Position,
): Promise<vscode.Hover | undefined> {
  const dialect = insights.dialect(document);
  if (!dialect) return undefined;
  const range = document.getWordRangeAtPosition(position, KEY_WORD);
  if (!range) return undefined;
  const word = document.getText(range).replace(/^["']|["']$/g, '');
  // The key path and the schema are read in the analysis worker, off the extension host thread.
  const key = await insights.keyAt(document, document.offsetAt(position), dialect);
  const path = key?.path ?? [];
  if (path.length === 0 || path[path.length - 1] !== word) return undefined;
  const info = key?.info;
  const live = settingsFor(document.uri).hoverLiveEffects;
  const analysis = live ? await insights.currentAnalysis(document) : undefined;
  const effects = analysis ? liveEffects(path, analysis) : [];
  if (!info && effects.length === 0) return undefined;
  const md = new vscode.MarkdownString(hoverMarkdown(word, info, effects));
  // File text in the hover is escaped (core/present/markdown.ts); no command links, no HTML.
  md.isTrusted = false;
  md.supportHtml = false;
  md.supportThemeIcons = true;
  return new vscode.Hover(md, range);
}

/** The hover text; exported for unit-free reuse (CodeLens tooltips, tests). */
export function hoverMarkdown(key: string, info: KeyDescription | undefined, effects: string[]): string {
  const out: string[] = [];
  const facts = [`**${inlineCode(key)}**`];
  if (info?.type.length) facts.push(`\`${info.type.join(' | ')}\``);
  // "default null" (unset: the framework decides) tells the user nothing; show real defaults only.
  if (info?.default !== undefined && info.default !== null)
    facts.push(`default \`${JSON.stringify(info.default)}\``);
  const range = rangeText(info);
  if (range) facts.push(range);
  out.push(facts.join(' · '));
  if (info?.description) out.push(info.description);
  // A `_component_` path is any importable builder; the schema's per-package lists (torchtune) are
  // conditional, so one of them would read as the only allowed values.
  if (info?.enum?.length && key !== '_component_') out.push(enumList(info.enum));
  if (info?.deprecated) {
    out.push(
      `$(warning) **Deprecated**${info.renamedTo ? `: renamed to \`${info.renamedTo}\`` : ''}${info.deprecationMessage ? `. ${info.deprecationMessage}` : ''}`,
    );
  }
  if (info?.paper?.arxiv)
    out.push(
      `$(book) ${info.paper.title ?? 'Paper'}: [arXiv ${info.paper.arxiv}](https://arxiv.org/abs/${info.paper.arxiv})`,
    );
  if (effects.length) out.push(['**In this file**', ...effects.map((e) => `- ${e}`)].join('\n'));
  return out.join('\n\n');
}

function rangeText(info: KeyDescription | undefined): string | undefined {
  if (!info) return undefined;
  const { minimum: lo, maximum: hi } = info;
  const open = info.exclusiveMinimum === true;
  const close = info.exclusiveMaximum === true;
  if (lo !== undefined && hi !== undefined)
    return `range ${open ? '(' : '['}${lo}, ${hi}${close ? ')' : ']'}`;
  if (lo !== undefined) return `${open ? '>' : '≥'} ${lo}`;
  if (hi !== undefined) return `${close ? '<' : '≤'} ${hi}`;
  return undefined;
}
