// "Apply" in the panel: the one text change that sets a config value, found through the `yaml`
// package's node ranges so comments, key order and formatting elsewhere stay as they were. Replaces
// the value's own range; adds a missing key after the last key of its mapping, at that indentation.
// JSON (adapter_config.json) parses as YAML flow, so the same code edits it with JSON spelling.
import { parseDocument, isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';

export type EditValue = number | string | string[];

/** Replace `length` characters at `offset` with `text`. */
export interface TextChange {
  offset: number;
  length: number;
  text: string;
}

export class ConfigEditError extends Error {}

/** A YAML 1.1 float needs a dot and a signed exponent (PyYAML reads `2e-4` as a string). */
export function yamlNumber(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  const plain = String(x);
  if (!/e/i.test(plain)) return plain;
  const [mantissa, exp] = x.toExponential().split('e');
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}e${exp.startsWith('-') || exp.startsWith('+') ? exp : `+${exp}`}`;
}

/** Strings that stay plain scalars; commas are indicators only inside flow collections. */
const PLAIN_BLOCK = /^[A-Za-z_][\w.,-]*$/;
const PLAIN_FLOW = /^[A-Za-z_][\w.-]*$/;

function scalarText(v: string | number, json: boolean, flow = false): string {
  if (typeof v === 'number') return yamlNumber(v);
  return json || !(flow ? PLAIN_FLOW : PLAIN_BLOCK).test(v) ? JSON.stringify(v) : v;
}

function flowList(items: string[], json: boolean): string {
  return `[${items.map((s) => scalarText(s, json, true)).join(', ')}]`;
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** Where a node's own text ends (block collections end at their last item, not at trailing comments). */
function contentEnd(node: Node): number {
  if ((isMap(node) || isSeq(node)) && !node.flow && node.items.length > 0) {
    const last = node.items[node.items.length - 1] as Node | Pair;
    if (isSeq(node)) return contentEnd(last as Node);
    const pair = last as Pair;
    return pair.value ? contentEnd(pair.value as Node) : contentEnd(pair.key as Node);
  }
  return (node.range as [number, number, number])[1];
}

function replacement(text: string, node: Node, value: EditValue, json: boolean): TextChange {
  const [start] = node.range as [number, number, number];
  const end = contentEnd(node);
  if (Array.isArray(value)) {
    if (isSeq(node) && !node.flow && !json) {
      const indent = ' '.repeat(columnOf(text, start));
      return {
        offset: start,
        length: end - start,
        text: value.map((s) => `- ${scalarText(s, false)}`).join(`\n${indent}`),
      };
    }
    if (isScalar(node) && typeof node.value === 'string')
      return { offset: start, length: end - start, text: scalarText(value.join(','), json) };
    return { offset: start, length: end - start, text: flowList(value, json) };
  }
  if (isScalar(node) && node.value === null && start === end)
    return { offset: start, length: 0, text: ` ${scalarText(value, json)}` };
  return { offset: start, length: end - start, text: scalarText(value, json) };
}

function insertion(text: string, map: YAMLMap, key: string, value: EditValue, json: boolean): TextChange {
  const last = map.items[map.items.length - 1] as Pair | undefined;
  if (!last) throw new ConfigEditError(`cannot add '${key}' to an empty mapping`);
  const keyNode = last.key as Node;
  const indent = ' '.repeat(columnOf(text, (keyNode.range as number[])[0]));
  const valueText = Array.isArray(value) ? flowList(value, json) : scalarText(value, json);
  const end = last.value ? contentEnd(last.value as Node) : contentEnd(keyNode);
  if (map.flow || json)
    return { offset: end, length: 0, text: `,\n${indent}${JSON.stringify(key)}: ${valueText}` };
  const lineEnd = text.indexOf('\n', end);
  return { offset: lineEnd < 0 ? text.length : lineEnd, length: 0, text: `\n${indent}${key}: ${valueText}` };
}

function findPair(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => isScalar(p.key) && String(p.key.value) === key) as Pair | undefined;
}

/**
 * The change that sets `path` (e.g. ['model', 'lora_rank']) to `value` in a YAML or JSON config.
 * Throws ConfigEditError with a one-line reason when the file cannot take it (syntax errors, a
 * missing parent section, a parent that is not a mapping).
 */
export function setValueChange(
  text: string,
  path: readonly string[],
  value: EditValue,
  opts: { json: boolean },
): TextChange {
  const doc = parseDocument(text, { strict: false, uniqueKeys: false });
  if (doc.errors.length) throw new ConfigEditError('the file has syntax errors; fix them before applying');
  let node: unknown = doc.contents;
  for (let i = 0; i < path.length; i++) {
    if (!isMap(node))
      throw new ConfigEditError(`'${path.slice(0, i).join('.') || 'the file'}' is not a mapping`);
    const pair = findPair(node, path[i]);
    if (!pair) {
      if (i < path.length - 1)
        throw new ConfigEditError(`the config has no '${path.slice(0, i + 1).join('.')}' section`);
      return insertion(text, node, path[i], value, opts.json);
    }
    node = pair.value;
    if (i === path.length - 1) {
      if (!node) throw new ConfigEditError(`'${path.join('.')}' has no value node`);
      return replacement(text, node as Node, value, opts.json);
    }
  }
  throw new ConfigEditError('empty key path');
}

export function applyChange(text: string, c: TextChange): string {
  return text.slice(0, c.offset) + c.text + text.slice(c.offset + c.length);
}
