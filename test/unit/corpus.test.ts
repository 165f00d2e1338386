// The real-config corpus (../shared/corpus): every real file of a dialect we cover is validated as
// the editor would (dialect detected, not forced) and must produce exactly the diagnostics listed
// in test/corpus/expected.json, each with its reason; files of dialects we do not cover must not be
// claimed; every broken variant must be reported at the manifest's line with the expected severity.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { validateText } from '../../src/core/pipeline';
import { corpusFiles, dialectOf, lineOf } from './corpusSupport';
import { describeWithShared } from '../support/shared';

const root = resolve(__dirname, '../../..');
const expected = JSON.parse(readFileSync(join(root, 'test/corpus/expected.json'), 'utf8')) as Record<
  string,
  Array<{ code: string; line: number; severity: string; reason: string }>
>;

interface Mutation {
  id: string;
  file: string;
  dialect: string;
  kind: string;
  line: number;
  expect: string;
}

const key = (d: { code: string; line: number; severity: string }): string =>
  `${d.line}:${d.severity}:${d.code}`;

describeWithShared('corpus', 'corpus: real configs', (corpus) => {
  const files = corpusFiles(corpus);
  const tally = { error: 0, warning: 0, information: 0 };
  after(() =>
    console.log(
      `      corpus: ${files.length} real files; diagnostics ${tally.error} error, ${tally.warning} warning, ${tally.information} information`,
    ),
  );

  it('has real files to check', () => assert.ok(files.length > 300));

  for (const f of files) {
    const ours = dialectOf(f.dialect);
    it(`${f.path} (${f.dialect})`, () => {
      const text = readFileSync(join(corpus, f.path), 'utf8');
      const r = validateText(text, { fileName: f.path });
      if (!ours) {
        assert.equal(r.dialect, undefined, `a ${f.dialect} file must not be claimed (${r.reason})`);
        return;
      }
      assert.equal(r.dialect, ours, `detected ${String(r.dialect)} (${r.reason})`);
      const got = r.diagnostics.map((d) => ({
        code: d.code,
        line: lineOf(text, d.start),
        severity: d.severity,
        message: d.message,
      }));
      for (const d of got) tally[d.severity]++;
      // A file expected.json lists must match it exactly; on a file it does not know yet (a new real
      // config), only an error without a reason fails: warnings and advice there are not false alarms.
      const known = Object.prototype.hasOwnProperty.call(expected, f.path);
      const want = expected[f.path] ?? [];
      for (const w of want) assert.ok(w.reason && w.reason.length > 20, `expected ${key(w)} needs a reason`);
      const unexpected = got.filter(
        (d) => !want.some((w) => key(w) === key(d)) && (known || d.severity === 'error'),
      );
      assert.deepEqual(
        unexpected,
        [],
        'diagnostics not in test/corpus/expected.json (node test/corpus/update-expected.mjs lists them)',
      );
      if (known) assert.deepEqual(got.map(key).sort(), want.map(key).sort());
    });
  }
});

describeWithShared('corpus', 'corpus: broken variants (mutations/manifest.json)', (corpus) => {
  const manifest = JSON.parse(readFileSync(join(corpus, 'mutations/manifest.json'), 'utf8')) as Mutation[];
  let caught = 0;
  after(() => console.log(`      mutations caught: ${caught}/${manifest.length}`));

  for (const m of manifest) {
    it(`${m.id} ${m.dialect} ${m.kind} at line ${m.line} -> ${m.expect}`, () => {
      const text = readFileSync(join(corpus, m.file), 'utf8');
      const r = validateText(text, { fileName: m.file });
      assert.equal(r.dialect, dialectOf(m.dialect), r.reason);
      const ok = (s: string): boolean =>
        m.expect === 'warning-or-error' ? s === 'warning' || s === 'error' : s === m.expect;
      const atLine = r.diagnostics.filter((d) => lineOf(text, d.start) === m.line);
      assert.ok(
        atLine.some((d) => ok(d.severity)),
        `line ${m.line}: ${JSON.stringify(atLine.map((d) => [d.severity, d.code, d.message]))}`,
      );
      caught++;
    });
  }
});
