import * as assert from 'node:assert/strict';
import { validateWith } from '../../src/core/validate';
import type { Diagnostic } from '../../src/core/validate';
import { suggest } from '../../src/core/validate/mapErrors';
import { span, toySchema } from './validateSupport';

const toy = toySchema();
const run = (text: string, max?: number): Diagnostic[] => validateWith(text, toy, { maxDiagnostics: max });
const only = (text: string, code: string): Diagnostic => {
  const ds = run(text).filter((d) => d.code === code);
  assert.equal(ds.length, 1, `one ${code} expected, got ${JSON.stringify(run(text))}`);
  return ds[0];
};
const range = (d: Diagnostic): [number, number] => [d.start, d.end];

describe('validate: did-you-mean', () => {
  it('prefers a name that extends what was typed, else the closest within a third of its length', () => {
    assert.equal(suggest('epoch', ['epochs', 'seed']), 'epochs');
    assert.equal(
      suggest('lora_qwen2_5_7b', ['lora_qwen2_5_3b', 'lora_qwen2_5_7b_instruct', 'lora_qwen2_5_7b_base']),
      'lora_qwen2_5_7b_base',
    );
    assert.equal(suggest('lora_alpah', ['lora_alpha', 'lora_r']), 'lora_alpha');
    assert.equal(suggest('completely_else', ['lora_alpha', 'lora_r']), undefined);
    assert.equal(suggest('x', []), undefined);
  });
});

describe('validate: syntax first', () => {
  it('reports a YAML syntax error with its range and no schema errors', () => {
    const text = 'base_model: x\nlora_r: [1\nbogus: 1\n';
    const ds = run(text);
    assert.ok(ds.length >= 1);
    assert.ok(ds.every((d) => d.code === 'yaml-syntax' && d.severity === 'error'));
    assert.deepEqual(range(ds[0]), [text.indexOf('bogus'), text.indexOf('bogus') + 1]);
    assert.match(ds[0].message, /^YAML syntax: /);
  });
  it('a clean file has no diagnostics; an empty file has none', () => {
    assert.deepEqual(run('base_model: m\nlora_r: 8\nlearning_rate: 2.0e-5\n'), []);
    assert.deepEqual(run(''), []);
  });
});

describe('validate: ajv errors on the exact node', () => {
  it('unknown key on the key, with did-you-mean and a fix; severity from x-unknownKeys', () => {
    const text = 'base_model: m\nlora_alpah: 16\n';
    const d = only(text, 'unknown-key');
    assert.deepEqual(range(d), span(text, 'lora_alpah'));
    assert.equal(d.severity, 'warning');
    assert.match(d.message, /Did you mean "lora_alpha"\?/);
    assert.deepEqual(d.fixes, [
      {
        title: 'Change to lora_alpha',
        edits: [{ start: 14, end: 24, newText: 'lora_alpha' }],
        isPreferred: true,
      },
    ]);
  });
  it('no rename fix onto a key that is already in the mapping', () => {
    const d = only('base_model: m\nlora_alpha: 16\nlora_alpah: 16\n', 'unknown-key');
    assert.match(d.message, /Did you mean "lora_alpha"\?/);
    assert.equal(d.fixes, undefined);
  });
  it('unknown key severity error when the schema says so', () => {
    const strict = toySchema({ 'x-unknownKeys': 'error' });
    const d = validateWith('base_model: m\nzzz: 1\n', strict).find((x) => x.code === 'unknown-key');
    assert.equal(d?.severity, 'error');
    assert.equal(d?.fixes, undefined);
  });
  it('missing required key on the parent key (root: first key)', () => {
    const text = 'lora_r: 8\ndatasets:\n  - type: alpaca\n';
    const ds = run(text).filter((d) => d.code === 'required');
    assert.equal(ds.length, 2);
    assert.deepEqual(range(ds[0]), span(text, 'lora_r'));
    assert.match(ds[0].message, /Missing required key "base_model"/);
    assert.deepEqual(range(ds[1]), span(text, 'datasets'));
  });
  it('wrong type on the value', () => {
    const text = 'base_model: m\nlora_r: eight\n';
    const d = only(text, 'type');
    assert.deepEqual(range(d), span(text, 'eight'));
    assert.equal(d.message, '"lora_r" must be an integer; found the string "eight".');
  });
  it('out of range on the value', () => {
    const text = 'base_model: m\nlora_r: 0\n';
    const d = only(text, 'range');
    assert.deepEqual(range(d), [text.length - 2, text.length - 1]);
    assert.equal(d.message, '"lora_r" must be >= 1; found 0.');
  });
  it('bad enum inside a list item, with a fix keeping the quotes', () => {
    const text = 'base_model: m\ndatasets:\n  - path: p\n    type: "chat_templates"\n';
    const d = only(text, 'enum');
    assert.deepEqual(range(d), span(text, '"chat_templates"'));
    assert.deepEqual(d.fixes?.[0].edits, [
      {
        start: span(text, '"chat_templates"')[0],
        end: span(text, '"chat_templates"')[1],
        newText: '"chat_template"',
      },
    ]);
  });
  it('anyOf collapses to one message listing what is accepted', () => {
    const text = 'base_model: m\nseq: big\n';
    const ds = run(text);
    assert.equal(ds.length, 1);
    assert.deepEqual(range(ds[0]), span(text, 'big'));
    assert.match(ds[0].message, /integer/);
    assert.match(ds[0].message, /"auto"/);
  });
  it('decodes ~1 and ~0 in pointers and matches numeric keys as strings', () => {
    const text = 'base_model: m\na/b:\n  x~y: no\n1: one\n';
    const ds = run(text).filter((d) => d.code === 'type');
    assert.deepEqual(ds.map(range), [span(text, 'no'), span(text, 'one')]);
  });
  it('an empty value is reported on its key', () => {
    const text = 'base_model: m\nlora_r:\n';
    const d = only(text, 'type');
    assert.deepEqual(range(d), span(text, 'lora_r'));
  });
  it('a block mapping where a list is wanted: on its key; a flow mapping: on the value', () => {
    const block = 'base_model: m\ndatasets:\n  path: p\n';
    assert.deepEqual(range(only(block, 'type')), span(block, 'datasets'));
    const flow = 'base_model: m\ndatasets: {path: p}\n';
    assert.deepEqual(range(only(flow, 'type')), span(flow, '{path: p}'));
  });
});

describe('validate: loader-aware numbers', () => {
  it('2e-5 in a field the framework converts: information on the value with the dotted fix', () => {
    const text = 'base_model: m\nlearning_rate: 2e-5\n';
    const d = only(text, 'numeric-string');
    assert.equal(d.severity, 'information');
    assert.deepEqual(range(d), span(text, '2e-5'));
    assert.deepEqual(d.fixes?.[0].edits, [{ start: 29, end: 33, newText: '2.0e-5' }]);
  });
  it('2e-5 in a float field the framework does not convert: an error, not a second type error', () => {
    const text = 'base_model: m\nweight_decay: 1e-2\n';
    const ds = run(text);
    assert.equal(ds.length, 1);
    assert.equal(ds[0].code, 'numeric-string');
    assert.equal(ds[0].severity, 'error');
    assert.equal(ds[0].fixes?.[0].edits[0].newText, '1.0e-2');
  });
  it('a converted string still gets its range checked', () => {
    const text = 'base_model: m\nlearning_rate: -1e-5\n';
    assert.deepEqual(
      run(text)
        .map((d) => d.code)
        .sort(),
      ['numeric-string', 'range'],
    );
  });
  it('OmegaConf and JSON read 2e-5 as a float: silence', () => {
    const omega = toySchema({ 'x-loader': 'omegaconf' });
    assert.deepEqual(validateWith('base_model: m\nweight_decay: 1e-2\n', omega), []);
    assert.deepEqual(validateWith('{"base_model": "m", "weight_decay": 1e-2}', toy), []);
  });
  it('a quoted number in JSON is a string: error with a fix that unquotes it', () => {
    const text = '{"base_model": "m", "lora_r": "64"}';
    const d = only(text, 'numeric-string');
    assert.equal(d.severity, 'error');
    assert.deepEqual(range(d), span(text, '"64"'));
    assert.equal(d.fixes?.[0].edits[0].newText, '64');
  });
  it('${...} interpolations are never type errors', () => {
    assert.deepEqual(run('base_model: m\nlora_r: ${oc.env:RANK}\nweight_decay: ${wd}\n'), []);
  });
  it('`no` where a string is expected: PyYAML reads False; error on the value with a quoting fix, told once', () => {
    const text = 'base_model: m\neval_strategy: no\n';
    const ds = run(text);
    assert.deepEqual(
      ds.map((d) => [d.code, d.severity, ...range(d)]),
      [['yaml11-boolean', 'error', ...span(text, 'no')]],
    );
    assert.equal(
      ds[0].message,
      'PyYAML (YAML 1.1) reads `no` as the boolean False, not the string "no"; Toy expects a string here. Quote it.',
    );
    assert.deepEqual(ds[0].fixes?.[0].edits[0].newText, "'no'");
    assert.deepEqual(run("base_model: m\neval_strategy: 'no'\n"), []);
  });
  it('a YAML 1.2 loader reads `no` as a string and 1e5 as a number', () => {
    const y12 = { ...toySchema(), loader: 'yaml12' as const };
    assert.deepEqual(validateWith('base_model: m\neval_strategy: no\nweight_decay: 1e-2\n', y12), []);
  });
  it('a value outside an enum and of the wrong type gets the enum message only', () => {
    const text = 'base_model: m\neval_strategy: 3\n';
    assert.deepEqual(
      run(text).map((d) => d.code),
      ['enum'],
    );
  });
  it('YAML 1.1 booleans are booleans under PyYAML', () => {
    assert.deepEqual(run('base_model: m\nload_in_4bit: yes\n'), []);
    assert.equal(
      only('base_model: m\nload_in_4bit: y\n', 'type').message,
      '"load_in_4bit" must be a boolean; found the string "y".',
    );
  });
});

describe('validate: deprecations, duplicates, cap, size', () => {
  it('deprecated key: warning on the key with a rename fix', () => {
    const text = 'base_model: m\nflash_attention: true\n';
    const d = only(text, 'deprecated-key');
    assert.equal(d.severity, 'warning');
    assert.deepEqual(range(d), span(text, 'flash_attention'));
    assert.equal(d.message, 'Use attn_implementation instead.');
    assert.deepEqual(d.fixes?.[0].edits, [{ start: 14, end: 29, newText: 'attn_implementation' }]);
  });
  it('deprecated key with a replacement: the fix rewrites the whole entry', () => {
    const text = 'base_model: m\nold_attn: true\n';
    const d = only(text, 'deprecated-key');
    assert.deepEqual(d.fixes, [
      {
        title: 'Replace with attn_implementation: flash_attention_2',
        edits: [{ start: 14, end: 28, newText: 'attn_implementation: flash_attention_2' }],
        isPreferred: true,
      },
    ]);
    assert.equal(only('base_model: m\nold_attn: false\n', 'deprecated-key').fixes, undefined);
  });
  it('a removed key the framework raises on is an error', () => {
    const text = 'base_model: m\ngone: 1\n';
    assert.deepEqual(
      [only(text, 'deprecated-key').severity, ...range(only(text, 'deprecated-key'))],
      ['error', ...span(text, 'gone')],
    );
  });
  it('a removed value is an error on the value, told once (no enum error)', () => {
    const text = 'base_model: m\npacking_strategy: ffd\n';
    const ds = run(text);
    assert.deepEqual(
      ds.map((d) => [d.code, d.severity, ...range(d)]),
      [['removed-value', 'error', ...span(text, 'ffd')]],
    );
    assert.equal(ds[0].message, '"ffd" is no longer accepted by Toy: renamed to "bfd".');
  });
  it('null where a string is required reads as an empty value', () => {
    assert.equal(
      only('base_model:\n', 'type').message,
      '"base_model" must be a string; found an empty value (null).',
    );
  });
  it('deprecated value: warning on the value', () => {
    const text = 'base_model: m\nloss:\n  _component_: old.Loss\n';
    const d = only(text, 'deprecated-value');
    assert.deepEqual(range(d), span(text, 'old.Loss'));
    assert.equal(d.severity, 'warning');
  });
  it('duplicate keys: PyYAML keeps the last one (warning)', () => {
    const text = 'base_model: m\nlora_r: 8\nlora_r: 16\n';
    const d = only(text, 'duplicate-key');
    assert.equal(d.severity, 'warning');
    assert.deepEqual(range(d), span(text, 'lora_r', 1));
  });
  it('caps diagnostics per file and says how many were left out', () => {
    const text = `base_model: m\n${Array.from({ length: 30 }, (_, i) => `bad_${i}: 1`).join('\n')}\n`;
    const ds = run(text, 10);
    assert.equal(ds.length, 11);
    assert.equal(ds[10].code, 'too-many-problems');
    assert.equal(ds[10].message, '20 more problems not shown (mlConfig.validation.maxDiagnostics = 10).');
  });
  it('skips files above the size limit with one information diagnostic', () => {
    const ds = run('a: 1\n'.repeat(50_001));
    assert.deepEqual(
      ds.map((d) => [d.code, d.severity, d.start, d.end]),
      [['validation-skipped', 'information', 0, 0]],
    );
  });
  it('a billion-laughs alias bomb ends with a message, not a hang', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++)
      lines.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    const ds = validateWith(`${lines.join('\n')}\n`, toySchema({ additionalProperties: true }));
    assert.equal(ds.at(-1)?.code, 'validation-skipped');
  });
});

describe('validate: cross-field rules', () => {
  const ax = toySchema({ additionalProperties: true }, 'axolotl');
  const rule = (text: string, code: string): Diagnostic[] =>
    validateWith(text, ax).filter((d) => d.code === code);
  const base = 'base_model: m\nmicro_batch_size: 1\ngradient_accumulation_steps: 4\ndatasets:\n  - path: p\n';
  it('Axolotl qlora without load_in_4bit: error on the load_in_4bit value', () => {
    const text = `${base}adapter: qlora\nload_in_4bit: false\n`;
    const [d] = rule(text, 'ax-qlora-needs-4bit');
    assert.equal(d.severity, 'error');
    assert.deepEqual(range(d), span(text, 'false'));
  });
  it('Axolotl qlora with load_in_4bit missing: error on the adapter value', () => {
    const text = `${base}adapter: qlora\n`;
    assert.deepEqual(rule(text, 'ax-qlora-needs-4bit').map(range), [span(text, 'qlora')]);
    assert.deepEqual(rule(`${base}adapter: qlora\nload_in_4bit: true\n`, 'ax-qlora-needs-4bit'), []);
  });
  it('Axolotl batch_size with gradient_accumulation_steps: error on batch_size', () => {
    const text = `${base}batch_size: 8\n`;
    const [d] = rule(text, 'ax-gas-and-batch-size');
    const start = text.indexOf('\nbatch_size') + 1;
    assert.deepEqual([d.severity, ...range(d)], ['error', start, start + 'batch_size'.length]);
  });
  it('Axolotl batch_size alone: error on batch_size, the one batch field that is set; two fields pass', () => {
    const text = 'base_model: m\ndatasets:\n  - path: p\nbatch_size: 32\n';
    const start = text.indexOf('batch_size');
    assert.deepEqual(
      rule(text, 'ax-batch-fields').map((d) => [d.severity, ...range(d)]),
      [['error', start, start + 'batch_size'.length]],
    );
    assert.deepEqual(rule(`${text}micro_batch_size: 4\n`, 'ax-batch-fields'), []);
  });
  it('Axolotl bf16 and fp16 both on: warning on fp16 (Axolotl drops fp16)', () => {
    const text = `${base}bf16: true\nfp16: true\n`;
    assert.deepEqual(
      rule(text, 'ax-bf16-fp16').map((d) => [d.severity, ...range(d)]),
      [['warning', ...span(text, 'fp16')]],
    );
  });
  it('a schema x-rules severity overrides the code default', () => {
    const s = toySchema(
      {
        additionalProperties: true,
        'x-rules': [{ id: 'ax-bf16-fp16', severity: 'error', when: 'bf16 and fp16' }],
      },
      'axolotl',
    );
    assert.equal(
      validateWith(`${base}bf16: true\nfp16: true\n`, s).find((d) => d.code === 'ax-bf16-fp16')?.severity,
      'error',
    );
  });
  it('a rule finding on a value the schema already rejects is told once', () => {
    const s = toySchema({ additionalProperties: true }, 'axolotl');
    const text = `${base}adapter: qlora\nload_in_4bit: maybe\n`;
    assert.deepEqual(
      validateWith(text, s)
        .filter((d) => d.start === span(text, 'maybe')[0])
        .map((d) => d.code),
      ['type'],
    );
  });
});
