// Quick fixes of cross-field rules: a rule that knows the one right change says which key to set
// to which value (RuleHit.fix); this turns it into a text edit. A key the file has gets its value
// replaced; a missing top-level key of a block-style YAML file is appended as a new last line.
import { isMap, type Node } from 'yaml';
import { locate, nodeSpan } from './locate';
import type { DocIndex } from './nodes';
import type { RuleFix } from './ruleKit';
import type { Fix } from './types';

export function ruleFixes(text: string, index: DocIndex, fix: RuleFix): Fix[] | undefined {
  const preferred = fix.preferred === false ? {} : { isPreferred: true };
  const at = locate(index, fix.path);
  if (fix.renameTo !== undefined) return renameFix(text, index, fix, preferred);
  if (at.complete) {
    const edits = [{ path: fix.path, value: fix.value }, ...(fix.more ?? [])].map((e) => {
      const span = nodeSpan(text, locate(index, e.path).value as Node | null);
      return span && { start: span[0], end: span[1], newText: e.value };
    });
    return edits.every((e) => e)
      ? [{ title: fix.title, edits: edits as Fix['edits'], ...preferred }]
      : undefined;
  }
  if (fix.more?.length) return undefined;
  const root = index.doc.contents;
  if (fix.path.length !== 1 || !isMap(root) || root.flow) return undefined;
  const lead = text.length === 0 || text.endsWith('\n') ? '' : '\n';
  return [
    {
      title: fix.title,
      edits: [{ start: text.length, end: text.length, newText: `${lead}${fix.path[0]}: ${fix.value}\n` }],
      ...preferred,
    },
  ];
}

/** The key renamed in place (a deprecated name's quick fix), its value rewritten when `value` is given. */
function renameFix(text: string, index: DocIndex, fix: RuleFix, preferred: object): Fix[] | undefined {
  const at = locate(index, fix.path);
  const key = at.complete ? nodeSpan(text, at.key) : undefined;
  if (!key) return undefined;
  const edits = [{ start: key[0], end: key[1], newText: fix.renameTo! }];
  const value = fix.value ? nodeSpan(text, at.value) : undefined;
  if (fix.value && !value) return undefined;
  if (value) edits.push({ start: value[0], end: value[1], newText: fix.value });
  return [{ title: fix.title, edits, ...preferred }];
}
