// Validation in linear time (issue 11): the document index, diagnostics written only when the cap
// keeps them, aliases resolved once, rank_pattern keys looked up without a scan per module. Each test
// checks exact values; none measures time (scripts/bench/scaling.mjs does).
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isAlias, parseDocument, visit, type Alias, type Node } from 'yaml';
import { validateWith, type Diagnostic } from '../../src/core/validate';
import { cap, dedupe, later, ready, type Pending } from '../../src/core/validate/cap';
import { locate } from '../../src/core/validate/locate';
import { DocIndex } from '../../src/core/validate/nodes';
import { dottedPatternValue, patternValue } from '../../src/core/estimator/matching';
import { repoRoot, span, toySchema } from './validateSupport';

const RANK = { error: 0, warning: 1, information: 2 } as const;

/** The cap written out independently: errors first, then by offset, `max` kept, one line for the rest. */
function expectedCap(all: Diagnostic[], max: number): Diagnostic[] {
  if (all.length <= max) return all;
  const kept = [...all]
    .sort((a, b) => RANK[a.severity] - RANK[b.severity] || a.start - b.start)
    .slice(0, max);
  kept.sort((a, b) => a.start - b.start);
  return [
    ...kept,
    {
      start: 0,
      end: 0,
      severity: 'information',
      code: 'too-many-problems',
      message: `${all.length - max} more problems not shown (mlConfig.validation.maxDiagnostics = ${max}).`,
    },
  ];
}

describe('validate: diagnostics written after the cap', () => {
  // 120 unknown keys (warnings: the toy schema's x-unknownKeys), then 15 values of the wrong type (errors).
  const unknown = Array.from({ length: 120 }, (_, i) => `extra_${i}: ${i}`);
  const wrong = Array.from({ length: 15 }, (_, i) => `  - {path: ${i}}`);
  const text = `base_model: m\n${unknown.join('\n')}\ndatasets:\n${wrong.join('\n')}\n`;
  const toy = toySchema();

  it('with no cap in the way every finding is written: 120 warnings and 15 errors', () => {
    const all = validateWith(text, toy, { maxDiagnostics: 1_000_000 });
    assert.equal(all.length, 135);
    assert.equal(all.filter((d) => d.severity === 'warning' && d.code === 'unknown-key').length, 120);
    assert.equal(all.filter((d) => d.severity === 'error' && d.code === 'type').length, 15);
    assert.deepEqual(all[0], {
      start: span(text, 'extra_0')[0],
      end: span(text, 'extra_0')[1],
      severity: 'warning',
      code: 'unknown-key',
      message: 'Unknown key "extra_0". Toy ignores it, so the setting has no effect.',
      fixes: undefined,
    });
  });

  it('the capped list equals the full list capped afterwards, for every cap size', () => {
    const all = validateWith(text, toy, { maxDiagnostics: 1_000_000 });
    for (const max of [1, 7, 15, 16, 100, 134, 135]) {
      assert.deepStrictEqual(
        validateWith(text, toy, { maxDiagnostics: max }),
        expectedCap(all, max),
        `maxDiagnostics ${max}`,
      );
    }
  });

  it('the cap keeps errors first even when every warning comes earlier in the file', () => {
    const ds = validateWith(text, toy, { maxDiagnostics: 15 });
    assert.deepEqual(
      ds.slice(0, 15).map((d) => [d.code, d.start]),
      wrong.map((_, i) => ['type', span(text, `path: ${i}}`)[0] + 6]),
    );
    assert.equal(ds[15].message, '120 more problems not shown (mlConfig.validation.maxDiagnostics = 15).');
  });

  it('writes only the findings it keeps', () => {
    let written = 0;
    const pending: Pending[] = Array.from({ length: 50 }, (_, i) =>
      later([i * 10, i * 10 + 3], i % 2 ? 'warning' : 'error', 'x', () => {
        written++;
        return {
          start: i * 10,
          end: i * 10 + 3,
          severity: i % 2 ? 'warning' : 'error',
          code: 'x',
          message: `m${i}`,
        };
      }),
    );
    const out = cap(pending, 5);
    assert.equal(written, 5);
    assert.deepEqual(
      out.map((d) => d.message),
      ['m0', 'm2', 'm4', 'm6', 'm8', '45 more problems not shown (mlConfig.validation.maxDiagnostics = 5).'],
    );
  });

  it('compares messages only among findings on the same span and code, and keeps the first of equal ones', () => {
    let written = 0;
    const at = (start: number, code: string, message: string): Pending =>
      later([start, start + 1], 'error', code, () => {
        written++;
        return { start, end: start + 1, severity: 'error', code, message };
      });
    const list = [
      at(0, 'a', 'one'),
      at(5, 'a', 'same'),
      at(5, 'a', 'same'),
      at(5, 'a', 'other'),
      at(5, 'b', 'same'),
      ready({ start: 9, end: 9, severity: 'warning', code: 'a', message: 'w' }),
    ];
    const kept = dedupe(list);
    assert.deepEqual(
      kept.map((p) => list.indexOf(p)),
      [0, 1, 3, 4, 5],
    );
    assert.equal(written, 3); // the three findings sharing span 5-6 and code "a"
  });

  it('keeps the first of equal findings in list order when the list is not in span order', () => {
    const at = (start: number, end: number, code: string, message: string): Pending =>
      ready({ start, end, severity: 'warning', code, message });
    const list = [
      at(7, 8, 'a', 'x'),
      at(2, 4, 'a', 'y'),
      at(7, 8, 'b', 'x'),
      at(2, 4, 'a', 'y'),
      at(7, 8, 'a', 'x'),
      at(2, 3, 'a', 'y'),
      at(7, 8, 'a', 'z'),
      at(2, 4, 'a', 'y'),
    ];
    assert.deepEqual(
      dedupe(list).map((p) => list.indexOf(p)),
      [0, 1, 2, 5, 6],
    );
  });
});

describe('validate: aliases resolved once, through the document index', () => {
  // a_i anchors a mapping with a wrong-typed `lr` and an unknown key; b_i is that mapping again.
  const schema = toySchema({
    additionalProperties: {
      type: 'object',
      additionalProperties: false,
      properties: { lr: { type: 'integer' } },
    },
  });
  const n = 200;
  const aliased =
    [
      'base_model: m',
      ...Array.from({ length: n }, (_, i) => `a${i}: &k${i} {lr: x, bad: 1}\nb${i}: *k${i}`),
    ].join('\n') + '\n';
  const expanded =
    [
      'base_model: m',
      ...Array.from({ length: n }, (_, i) => `a${i}: {lr: x, bad: 1}\nb${i}: {lr: x, bad: 1}`),
    ].join('\n') + '\n';
  const kinds = (ds: Diagnostic[]): string[] =>
    [...new Set(ds.map((d) => `${d.severity}|${d.code}|${d.message}`))].sort();

  it('an alias-heavy file tells the same findings as the file written out', () => {
    const a = validateWith(aliased, schema, { maxDiagnostics: 1_000_000 });
    const e = validateWith(expanded, schema, { maxDiagnostics: 1_000_000 });
    assert.deepEqual(kinds(a), kinds(e));
    // Written out: per pair two type errors and two unknown keys. Through an alias both type errors sit
    // on the one anchored value with one message ("lr" ...), told once; the unknown keys name a_i / b_i.
    assert.equal(e.length, 4 * n);
    assert.equal(a.length, 3 * n);
  });

  it('findings reached through an alias point at the anchored text', () => {
    const a = validateWith(aliased, schema, { maxDiagnostics: 1_000_000 });
    const inB7 = a.find((d) => d.message.startsWith('Unknown key "bad" in b7.'));
    assert.ok(inB7);
    assert.deepEqual([inB7.start, inB7.end], span(aliased, 'bad', 7));
  });

  it('the index resolves every alias to the node Alias.resolve finds, duplicate anchor names included', () => {
    const doc = parseDocument('a: &x 1\nb: *x\nc: &x [2, *x]\nd: *x\ne: {f: &y 3, g: [*y, *x]}\n', {
      schema: 'failsafe',
    });
    const ix = new DocIndex(doc);
    const aliases: Alias[] = [];
    visit(doc, (_k, node) => {
      if (isAlias(node)) aliases.push(node);
    });
    assert.equal(aliases.length, 5);
    for (const al of aliases) assert.equal(ix.target(al), al.resolve(doc));
    assert.equal((ix.firstAnchor('x') as unknown as { value: string }).value, '1');
  });

  it('locates keys brought in by merge keys, the first merged mapping winning', () => {
    const text = 'b1: &b1 {lr: 1}\nb2: &b2 {lr: 2, wd: 3}\nm:\n  <<: [*b1, *b2]\n  r: 4\n';
    const ix = new DocIndex(parseDocument(text));
    const lr = locate(ix, ['m', 'lr']);
    assert.equal(lr.complete, true);
    assert.deepEqual(lr.key?.range?.slice(0, 2), [span(text, 'lr')[0], span(text, 'lr')[1]]);
    const wd = locate(ix, ['m', 'wd']);
    assert.deepEqual((wd.value as Node).range?.slice(0, 2), [span(text, '3')[0], span(text, '3')[1]]);
    assert.equal(locate(ix, ['m', 'missing']).complete, false);
  });
});

describe('estimator: rank_pattern lookup without a scan per module', () => {
  const name = 'model.layers.3.self_attn.q_proj';
  it("gives the first key PEFT's get_pattern_key would give", () => {
    // Plain keys: suffixes at dot boundaries, `.` matching any character.
    assert.equal(patternValue({ q_proj: 1, 'self_attn.q_proj': 2 }, name), 1);
    assert.equal(patternValue({ 'attn.q_proj': 1 }, name), undefined); // "attn" starts mid-segment
    assert.equal(patternValue({ 'self.attn.q.proj': 5 }, name), 5); // `.` also matches `_`
    assert.equal(patternValue({ [name]: 6 }, name), 6);
    assert.equal(patternValue({ 'layers.3': 1 }, name), undefined); // must run to the end
    // A regular expression before a plain key wins; after a matching plain key it is never tried.
    assert.equal(patternValue({ 'layers\\.\\d+\\.self_attn\\.q_proj': 7, q_proj: 8 }, name), 7);
    assert.equal(patternValue({ q_proj: 8, '(unclosed': 9 }, name), 8);
    assert.throws(() => patternValue({ k_proj: 8, '(unclosed': 9 }, name), /not a valid regular expression/);
  });
  it('FourierFT/C3A patterns match only after a dot', () => {
    assert.equal(dottedPatternValue({ [name]: 1 }, name), undefined);
    assert.equal(dottedPatternValue({ q_proj: 2 }, name), 2);
    assert.equal(dottedPatternValue({ 'layers.3.self_attn.q_proj': 3 }, name), 3);
  });
  it('20,000 keys give the same answers as trying each key in turn', () => {
    const keys: Record<string, number> = {};
    for (let i = 0; i < 20_000; i++) keys[`model.layers.${i}.mlp.up_proj`] = i;
    keys['layers.3.self_attn.q.proj'] = -1;
    assert.equal(patternValue(keys, name), -1);
    assert.equal(patternValue(keys, 'model.layers.17.mlp.up_proj'), 17);
    assert.equal(patternValue(keys, 'model.layers.17.mlp.down_proj'), undefined);
  });
});

describe('generated validators', () => {
  it("append a called validator's errors in place (no vErrors.concat copying all earlier errors)", () => {
    const dir = resolve(repoRoot, 'src/core/validate/generated');
    const files = readdirSync(dir).filter((f) => f.endsWith('.js') && f !== 'index.js');
    assert.ok(files.length >= 7);
    for (const f of files)
      assert.equal(readFileSync(resolve(dir, f), 'utf8').includes('vErrors.concat('), false, f);
  });
});
