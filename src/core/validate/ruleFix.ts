// Quick fixes of cross-field rules: a rule that knows the one right change says which key to set
// to which value (RuleHit.fix); this turns it into a text edit. A key the file has gets its value
// replaced; a missing top-level key of a block-style YAML file is appended as a new last line.
import { isMap, type Document, type Node } from 'yaml';
import { locate, nodeSpan } from './locate';
import type { RuleFix } from './ruleKit';
import type { Fix } from './types';

export function ruleFixes(text: string, doc: Document, fix: RuleFix): Fix[] | undefined {
  const at = locate(doc, fix.path);
  if (at.complete) {
    const span = nodeSpan(text, at.value as Node | null);
    return span ? [{ title: fix.title, edits: [{ start: span[0], end: span[1], newText: fix.value }], isPreferred: true }] : undefined;
  }
  const root = doc.contents;
  if (fix.path.length !== 1 || !isMap(root) || root.flow) return undefined;
  const lead = text.length === 0 || text.endsWith('\n') ? '' : '\n';
  return [{ title: fix.title, edits: [{ start: text.length, end: text.length, newText: `${lead}${fix.path[0]}: ${fix.value}\n` }], isPreferred: true }];
}
