// Every snippet, expanded as VS Code would insert it with its defaults (first choice of each
// choice list), must be a config of its dialect that ML Config Lens reports nothing on.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { validateText } from '../../src/core/pipeline';
import { detectDialect, type DialectId } from '../../src/core/dialects';

const root = resolve(__dirname, '../../..');

interface Snippet {
  prefix: string;
  body: string[];
  description: string;
}

function load(file: string): Record<string, Snippet> {
  return JSON.parse(readFileSync(resolve(root, 'snippets', file), 'utf8'));
}

/** Expands a TextMate snippet body with defaults: `${1|a,b|}` → a, `${2:x}` → x, `$0` → ''. */
export function expandSnippet(body: string[]): string {
  let text = body.join('\n');
  text = text.replace(/\$\{\d+\|((?:[^|\\]|\\.)*?)(?<!\\),(?:[^|]|\\.)*\|\}/g, '$1');
  text = text.replace(/\$\{\d+\|((?:[^|\\]|\\.)*)\|\}/g, '$1');
  for (let i = 0; i < 3; i++) text = text.replace(/\$\{\d+:([^${}]*)\}/g, '$1');
  text = text.replace(/\$\d+/g, '');
  return text.replace(/\\,/g, ',') + '\n';
}

export const SNIPPET_DIALECT: Array<[RegExp, string]> = [
  [/^mlc-axolotl-/, 'axolotl'],
  [/^mlc-llamafactory-/, 'llamafactory'],
  [/^mlc-trl-/, 'trl'],
  [/^mlc-torchtune-/, 'torchtune'],
  [/^mlc-peft-/, 'peft'],
  [/^mlc-adapterhub-/, 'adapterhub'],
  [/^mlc-sweep-/, 'wandb-sweep'],
  [/^mlc-merge-/, 'mergekit'],
  [/^mlc-deepspeed-/, 'deepspeed'],
  [/^mlc-accelerate-/, 'accelerate'],
];

/** The file name a JSON snippet is detected from (adapter configs share one name). */
const JSON_FILE: Record<string, string> = { deepspeed: '/w/ds_config.json' };

export function allSnippets(): Array<{
  name: string;
  file: string;
  prefix: string;
  dialect: string;
  text: string;
}> {
  const out = [];
  for (const file of ['yaml.code-snippets', 'json.code-snippets']) {
    for (const [name, s] of Object.entries(load(file))) {
      const dialect = SNIPPET_DIALECT.find(([re]) => re.test(s.prefix))?.[1] ?? 'unknown';
      out.push({ name, file, prefix: s.prefix, dialect, text: expandSnippet(s.body) });
    }
  }
  return out;
}

describe('snippets', () => {
  it('JSON snippets are detected as their dialect from their usual file name (adapter_config.json, ds_config.json)', () => {
    for (const s of allSnippets().filter((x) => x.file === 'json.code-snippets')) {
      assert.equal(
        detectDialect(s.text, { fileName: JSON_FILE[s.dialect] ?? '/w/adapter_config.json' }).dialect,
        s.dialect,
        s.prefix,
      );
    }
  });

  it('expands choices and placeholders to their defaults', () => {
    assert.equal(
      expandSnippet(['r: ${1|16,8|}', 'm: [${2|q\\, v,c_attn|}]', 'd: ${3:0.05}$0']),
      'r: 16\nm: [q, v]\nd: 0.05\n',
    );
  });

  for (const s of allSnippets()) {
    it(`${s.prefix} (${s.file}) names a dialect, parses, and leaves no placeholder`, () => {
      assert.notEqual(s.dialect, 'unknown');
      assert.doesNotMatch(s.text, /\$\{|\$\d/);
      const value = parse(s.text);
      assert.equal(typeof value, 'object');
      assert.ok(value !== null && Object.keys(value).length >= 1);
    });

    it(`${s.prefix} (${s.file}) alone in a file of its dialect has zero diagnostics`, () => {
      const result = validateText(s.text, { dialect: s.dialect as DialectId });
      assert.deepEqual(
        result.diagnostics.map((d) => `${d.severity} ${d.code}: ${d.message}`),
        [],
      );
    });
  }
});
