// Editor help from the schema: completion of keys and enum values, the key path under the cursor,
// and a description of any key path (hovers and CodeLens use it). Key paths are read from the
// lines' indentation, so they work while the document is half-typed and does not parse.
import type { DialectId } from '../dialects';
import { schemaAt } from './mapErrors';
import { dialectSchema } from './registry';
import type { FieldInfo } from './schemaIndex';

export interface KeyDescription {
  description?: string;
  type: string[];
  default?: unknown;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  /** True when the bound itself is excluded (JSON Schema exclusiveMinimum / exclusiveMaximum). */
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  deprecated: boolean;
  deprecationMessage?: string;
  renamedTo?: string;
  paper?: { title?: string; arxiv?: string };
}

export interface CompletionItem {
  label: string;
  kind: 'key' | 'value';
  insertText: string;
  /** Markdown: the schema's description, type, default and paper. */
  documentation: string;
  detail?: string;
  deprecated: boolean;
  /** Range of text the item replaces. */
  start: number;
  end: number;
}

export function describeKeyPath(dialect: DialectId, path: readonly string[]): KeyDescription | undefined {
  const ds = dialectSchema(dialect);
  const node = ds && schemaAt(ds.index, path);
  if (!node) return undefined;
  const i = node.info();
  return {
    description: i.description,
    type: i.type,
    default: i.default,
    enum: i.enum,
    minimum: i.minimum ?? i.exclusiveMinimum,
    maximum: i.maximum ?? i.exclusiveMaximum,
    exclusiveMinimum: i.minimum === undefined && i.exclusiveMinimum !== undefined,
    exclusiveMaximum: i.maximum === undefined && i.exclusiveMaximum !== undefined,
    deprecated: i.deprecated === true || i.renamedTo !== undefined,
    deprecationMessage: i.deprecationMessage,
    renamedTo: i.renamedTo,
    paper: i.paper,
  };
}

interface Line {
  indent: number;
  dash: boolean;
  key?: string;
  hasValue: boolean;
}

const KEY_LINE =
  /^(\s*)((?:-[ \t]+)*)(?:["']([^"']*)["']|([^\s"'#:-][^:#]*?|-[^\s:#][^:#]*?))[ \t]*:(?=\s|$)(.*)$/;

function parseLine(s: string): Line | undefined {
  const m = KEY_LINE.exec(s);
  if (m) {
    const rest = m[5].replace(/#.*/, '').trim();
    return {
      indent: m[1].length + m[2].length,
      dash: m[2].length > 0,
      key: m[3] ?? m[4],
      hasValue: rest !== '' && rest !== '{' && rest !== '[',
    };
  }
  const d = /^(\s*)(-[ \t]+|-$)/.exec(s);
  if (d) return { indent: d[1].length, dash: true, hasValue: true };
  return undefined;
}

/** Path of the mapping that holds a key written at column `indent` on line `lineNo`. */
function parentPath(lines: string[], lineNo: number, indent: number, dashAtLine: boolean): string[] {
  const path: string[] = [];
  let cur = indent;
  let inItem = dashAtLine;
  for (let i = lineNo - 1; i >= 0 && cur > 0; i--) {
    const l = parseLine(lines[i]);
    if (!l || lines[i].trim() === '' || /^\s*#/.test(lines[i])) continue;
    if (l.dash && l.indent === cur && !inItem) inItem = true; // a sibling key opens this list item
    if (l.indent >= cur) continue;
    const dashCol = lines[i].search(/-/);
    if (l.dash && dashCol < cur && l.indent === cur) continue;
    if (inItem) {
      path.unshift('0');
      inItem = false;
    }
    if (l.key !== undefined && !l.hasValue) {
      path.unshift(l.key);
      cur = l.dash ? dashCol : l.indent;
      inItem = l.dash;
      if (l.dash) {
        path.unshift('0');
        inItem = false;
      }
    } else if (l.dash) {
      cur = dashCol;
      path.unshift('0');
    }
  }
  return path;
}

function lineAt(text: string, offset: number): { lines: string[]; lineNo: number; col: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lineNo = before.split('\n').length - 1;
  const col = before.length - before.lastIndexOf('\n') - 1;
  return { lines: text.split('\n'), lineNo, col };
}

/** The key path at `offset`: the key on that line with its ancestors, e.g. ['optimizer', 'lr']. */
export function keyPathAt(text: string, offset: number): string[] {
  const { lines, lineNo } = lineAt(text, offset);
  const l = parseLine(lines[lineNo] ?? '');
  if (!l || l.key === undefined) return [];
  return [...parentPath(lines, lineNo, l.indent, l.dash), l.key];
}

export function completionsAt(text: string, offset: number, dialect: DialectId): CompletionItem[] {
  const ds = dialectSchema(dialect);
  if (!ds) return [];
  const { lines, lineNo, col } = lineAt(text, offset);
  const prefix = (lines[lineNo] ?? '').slice(0, col);
  const keyMatch = /^(\s*)((?:-[ \t]+)*)(["']?)([\w.$-]*)$/.exec(prefix);
  if (keyMatch) {
    const indent = keyMatch[1].length + keyMatch[2].length;
    const parent = schemaAt(ds.index, parentPath(lines, lineNo, indent, keyMatch[2].length > 0));
    if (!parent) return [];
    const present = siblingKeys(lines, lineNo, indent);
    const start = offset - keyMatch[4].length;
    return parent
      .keys()
      .filter((k) => !present.has(k))
      .map((k) => {
        const info = parent.child(k)?.info() ?? { type: [] };
        return {
          label: k,
          kind: 'key' as const,
          insertText: keyMatch[3] ? k : `${k}: `,
          documentation: docs(info),
          detail: detail(info),
          deprecated: !!(info.deprecated || info.renamedTo),
          start,
          end: offset,
        };
      });
  }
  const valueMatch = /^(\s*)((?:-[ \t]+)*)["']?([^"'#:\s][^"'#:]*?)["']?[ \t]*:[ \t]*(["']?)([^"'#]*)$/.exec(
    prefix,
  );
  if (!valueMatch) return [];
  const indent = valueMatch[1].length + valueMatch[2].length;
  const node = schemaAt(ds.index, [
    ...parentPath(lines, lineNo, indent, valueMatch[2].length > 0),
    valueMatch[3],
  ]);
  if (!node) return [];
  const info = node.info();
  const values = info.enum ?? (info.type.includes('boolean') ? [true, false] : []);
  const start = offset - valueMatch[5].length;
  return values.map((v) => ({
    label: String(v),
    kind: 'value' as const,
    insertText: String(v),
    documentation: docs(info),
    detail: detail(info),
    deprecated: info.deprecatedValues !== undefined && String(v) in info.deprecatedValues,
    start,
    end: offset,
  }));
}

function siblingKeys(lines: string[], lineNo: number, indent: number): Set<string> {
  const out = new Set<string>();
  for (const dir of [-1, 1]) {
    for (let i = lineNo + dir; i >= 0 && i < lines.length; i += dir) {
      if (lines[i].trim() === '' || /^\s*#/.test(lines[i])) continue;
      const l = parseLine(lines[i]);
      const lead = lines[i].length - lines[i].trimStart().length;
      if (lead < indent && !(l?.dash && l.indent === indent)) break;
      if (l?.key !== undefined && l.indent === indent) out.add(l.key);
      if (l?.dash && l.indent === indent && dir === -1) break; // start of this list item
    }
  }
  return out;
}

function detail(i: FieldInfo): string | undefined {
  const parts = [
    i.type.join(' | '),
    i.default !== undefined ? `default ${JSON.stringify(i.default)}` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : undefined;
}

function docs(i: FieldInfo): string {
  const out = [i.description ?? ''];
  if (i.deprecated || i.renamedTo)
    out.push(`**Deprecated.** ${i.deprecationMessage ?? (i.renamedTo ? `Use \`${i.renamedTo}\`.` : '')}`);
  if (i.paper?.arxiv) out.push(`Paper: ${i.paper.title ?? ''} (arXiv:${i.paper.arxiv})`);
  return out.filter(Boolean).join('\n\n');
}
