// Hidden-like checks (issue 12): configs the frameworks' own test suites assert to raise or warn, and
// configs users posted in issue threads after a failed launch, each with its source in the manifest.
// A refused config must be reported by `check` at one of the manifest's lines with the framework's
// severity (raise -> error, warning/log -> warning); an accepted one (the thread's fix, the test's
// passing case) must get no error. `knownMiss` entries say why we do not catch them, and the test
// fails when one starts being caught, so the manifest and the reported rate stay true.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkText, type CheckedDiagnostic } from '../../src/cli/check';
import { isDialectId } from '../../src/core/dialects';

interface Case {
  file: string;
  dialect: string;
  kind: 'test' | 'issue';
  source: string;
  expect: 'error' | 'warning' | 'accept';
  lines?: number[];
  /** The release the user ran, as the thread or test says (information). */
  frameworkVersion?: string;
  /** The release passed to `check` (--framework-version) when the case depends on it. */
  checkAs?: Record<string, string>;
  knownMiss?: string;
}

const dir = resolve(__dirname, '../../../test/fixtures/hidden-like');
const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Case[];

function diagnostics(c: Case): CheckedDiagnostic[] {
  const file = join(dir, c.file);
  if (!isDialectId(c.dialect)) throw new Error(`${c.file}: unknown dialect ${c.dialect}`);
  return checkText(file, readFileSync(file, 'utf8'), c.dialect, 100, c.checkAs).diagnostics;
}

/** Reported at one of the case's lines with the framework's severity. */
const caught = (c: Case, ds: CheckedDiagnostic[]): boolean =>
  ds.some((d) => d.severity === c.expect && (c.lines ?? []).includes(d.line));

const show = (ds: CheckedDiagnostic[]): string[] => ds.map((d) => `${d.line}:${d.severity}:${d.code}`);

describe('hidden-like checks: framework tests and issue-thread configs through `check`', () => {
  it('has 40+ cases, 15+ from issue threads, each refused case with lines and a source', () => {
    const refused = manifest.filter((c) => c.expect !== 'accept');
    assert.ok(manifest.length >= 40, `${manifest.length} cases`);
    assert.ok(manifest.filter((c) => c.kind === 'issue').length >= 15);
    assert.deepEqual(
      refused.filter((c) => !c.lines?.length || !c.source).map((c) => c.file),
      [],
    );
  });
  for (const c of manifest) {
    const what = c.expect === 'accept' ? 'no error' : `${c.expect} on line ${(c.lines ?? []).join(' or ')}`;
    it(`${c.file} (${c.kind}): ${c.knownMiss ? 'known miss' : what}`, () => {
      const ds = diagnostics(c);
      if (c.expect === 'accept') assert.deepEqual(show(ds.filter((d) => d.severity === 'error')), []);
      else assert.equal(caught(c, ds), !c.knownMiss, `${c.knownMiss ?? 'not caught'}: ${show(ds).join(' ')}`);
    });
  }
  it('catches at least 90% of the refused cases at the framework severity', () => {
    const refused = manifest.filter((c) => c.expect !== 'accept');
    const hits = refused.filter((c) => caught(c, diagnostics(c)));
    assert.equal(hits.length, refused.filter((c) => !c.knownMiss).length);
    assert.ok(hits.length / refused.length >= 0.9, `${hits.length}/${refused.length}`);
  });
});
