// Diagnostics on target-module entries that hit nothing in the config's model. PEFT raises
// "Target modules … not found in the base model" only when no entry matches at all (error: the run
// stops); an entry that matches nothing next to others that do is silently ignored (warning).
import { isMap, isSeq, isScalar, type Document, type Node } from 'yaml';
import { dialectPlugin } from '../dialects';
import type { Diagnostic } from '../validate/types';
import { suggest } from '../validate/mapErrors';
import { buildInventory } from '../estimator/inventory';
import { parseConfigDocument } from '../validate/document';
import type { ConfigAnalysis } from './index';

interface Entry {
  text: string;
  start: number;
  end: number;
}

/** `doc` is the document's one parse (parseConfigDocument); parsed here when absent. */
export function targetDiagnostics(text: string, analysis: ConfigAnalysis, doc?: Document): Diagnostic[] {
  const path = dialectPlugin(analysis.dialect).targetModulesKey;
  if (!analysis.model || !analysis.input || !path?.length) return [];
  const located = locateEntries(text, path, doc ?? parseConfigDocument(text));
  if (!located) return [];
  const modelName = analysis.modelRef ?? analysis.model.location;
  const names = leafNames(analysis);
  const listed = names.slice(0, 16).join(', ') + (names.length > 16 ? ', …' : '');
  if (!analysis.estimate) {
    if (!analysis.problems.some((p) => /not found in the base model/.test(p))) return [];
    return located.entries.map((e) =>
      entryDiagnostic(
        e,
        'error',
        'target-not-found',
        `\`${e.text}\` matches no module of ${modelName}, and neither does any other entry: PEFT stops with "Target modules … not found in the base model". The model has: ${listed}.`,
        names,
      ),
    );
  }
  const unmatched = new Set(
    analysis.estimate.targetMatches.filter((t) => t.matched === 0).map((t) => t.entry),
  );
  return located.entries
    .filter((e) => unmatched.has(e.text))
    .map((e) =>
      entryDiagnostic(
        e,
        'warning',
        'target-unmatched',
        `\`${e.text}\` matches no module of ${modelName}; PEFT silently skips it. The model has: ${listed}.`,
        names,
      ),
    );
}

function entryDiagnostic(
  e: Entry,
  severity: 'error' | 'warning',
  code: string,
  message: string,
  names: string[],
): Diagnostic {
  const best = suggest(e.text, names);
  const fixes =
    best && best !== e.text
      ? [
          {
            title: `Change to '${best}'`,
            edits: [{ start: e.start, end: e.end, newText: best }],
            isPreferred: true,
          },
        ]
      : undefined;
  return {
    start: e.start,
    end: e.end,
    severity,
    code,
    message: best ? `${message} Did you mean '${best}'?` : message,
    fixes,
  };
}

/** Distinct leaf module names of the model (what a target entry can name). */
function leafNames(analysis: ConfigAnalysis): string[] {
  if (analysis.estimate?.availableTargetNames.length) return analysis.estimate.availableTargetNames;
  try {
    const inv = buildInventory(analysis.model?.config ?? {}, { taskType: analysis.input?.taskType ?? null });
    return [...new Set(inv.modules.map((m) => m.name.split('.').pop() as string))].sort();
  } catch {
    return [];
  }
}

/** The entries of the target list at `path`, with their text ranges (list items or comma-separated names). */
function locateEntries(
  text: string,
  path: readonly string[],
  doc: Document,
): { entries: Entry[] } | undefined {
  if (doc.errors.length) return undefined;
  let node: unknown = doc.contents;
  for (const key of path) {
    if (!isMap(node)) return undefined;
    node = node.get(key, true);
  }
  if (isSeq(node)) return { entries: node.items.flatMap((item) => scalarEntry(item as Node)) };
  if (isScalar(node) && typeof node.value === 'string' && node.range) {
    return { entries: commaEntries(text, node.range[0], node.range[1]) };
  }
  return undefined;
}

function scalarEntry(item: Node): Entry[] {
  if (!isScalar(item) || typeof item.value !== 'string' || !item.range) return [];
  const quoted = item.type === 'QUOTE_DOUBLE' || item.type === 'QUOTE_SINGLE' ? 1 : 0;
  return [{ text: item.value, start: item.range[0] + quoted, end: item.range[1] - quoted }];
}

/** `q_proj,v_proj` (LLaMA-Factory) → one entry per name; a single name or regex → one entry. */
function commaEntries(text: string, start: number, end: number): Entry[] {
  const raw = text.slice(start, end);
  const quote = /^["']/.test(raw) ? 1 : 0;
  const body = raw.slice(quote, raw.length - quote);
  const out: Entry[] = [];
  let at = start + quote;
  for (const part of body.split(',')) {
    const lead = part.length - part.trimStart().length;
    const name = part.trim();
    if (name) out.push({ text: name, start: at + lead, end: at + lead + name.length });
    at += part.length + 1;
  }
  return out;
}
