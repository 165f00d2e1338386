// The rules corpus (test/rules-corpus): one broken config per rule, run through
// `ml-config-lens check`; each must be reported with its rule id at the manifest's line and
// severity, and the same config with the manifest's `accept` change must not be (no error at all).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { run } from '../../src/cli/check';
import { RULES } from '../../src/core/validate';
import { validateText } from '../../src/core/pipeline';
import { LAUNCH_RULES } from '../../src/core/validate/rulesLaunch';
import { LLAMAFACTORY_RULES_2 } from '../../src/core/validate/rulesLlamaFactory2';
import { AXOLOTL_LEDGER_ALL } from '../../src/core/validate/rulesAxolotlLedgerAll';
import { AXOLOTL_TRAINING_ARGS_RULES } from '../../src/core/validate/rulesAxolotlTrainingArgs';

interface Entry {
  file: string;
  rule: string;
  severity: string;
  line: number;
  accept: Record<string, unknown>;
}
interface CliDiagnostic {
  line: number;
  severity: string;
  code: string;
}

const dir = resolve(__dirname, '../../../test/rules-corpus');
const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Entry[];
/** Dialects whose every code rule must have a corpus config. */
const COVERED = ['peft', 'trl'];

async function checkAll(files: string[]): Promise<Map<string, CliDiagnostic[]>> {
  const out: string[] = [];
  const log = console.log;
  console.log = (...a: unknown[]) => out.push(a.join(' '));
  try {
    await run(['--format', 'json', ...files]);
  } finally {
    console.log = log;
  }
  const parsed = JSON.parse(out.join('\n')) as Array<{ file: string; diagnostics: CliDiagnostic[] }>;
  return new Map(parsed.map((p) => [p.file, p.diagnostics]));
}

describe('rules corpus: one broken config per rule, through `check`', () => {
  let found = new Map<string, CliDiagnostic[]>();
  before(async function () {
    this.timeout(120_000); // 250 files through the CLI on a busy 2-core machine
    found = await checkAll(manifest.map((m) => join(dir, m.file)));
  });
  it('every code rule of a covered dialect, and every launch rule, has a config', () => {
    const listed = new Set(manifest.map((m) => m.rule));
    const wanted = [
      ...RULES.filter((r) => r.dialects.some((d) => COVERED.includes(d))),
      ...LAUNCH_RULES,
      ...LLAMAFACTORY_RULES_2,
      ...AXOLOTL_LEDGER_ALL,
      ...AXOLOTL_TRAINING_ARGS_RULES,
    ];
    assert.deepEqual(
      wanted.filter((r) => !listed.has(r.id)).map((r) => r.id),
      [],
    );
  });
  for (const m of manifest) {
    it(`${m.file}: ${m.severity} ${m.rule} on line ${m.line}; accepted after ${JSON.stringify(m.accept)}`, () => {
      const got = (found.get(join(dir, m.file)) ?? [])
        .filter((d) => d.code === m.rule)
        .map((d) => `${d.line}:${d.severity}`);
      assert.deepEqual(got, [`${m.line}:${m.severity}`]);
      const text = readFileSync(join(dir, m.file), 'utf8');
      const json = m.file.endsWith('.json');
      const cfg = (json ? JSON.parse(text) : parse(text)) as Record<string, unknown>;
      for (const [k, v] of Object.entries(m.accept)) {
        if (v === null) delete cfg[k];
        else cfg[k] = v;
      }
      const fixed = json ? JSON.stringify(cfg, null, 2) : stringify(cfg);
      const after = validateText(fixed, { fileName: m.file }).diagnostics.filter(
        (d) => d.code === m.rule || d.severity === 'error',
      );
      assert.deepEqual(
        after.map((d) => `${d.code}: ${d.message}`),
        [],
      );
    });
  }
});
