import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/check';

/** Runs the command with console output captured. */
async function capture(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const [log, error] = [console.log, console.error];
  console.log = (...a: unknown[]) => out.push(a.join(' '));
  console.error = (...a: unknown[]) => err.push(a.join(' '));
  try {
    const code = await run(args);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    [console.log, console.error] = [log, error];
  }
}

const dir = mkdtempSync(join(tmpdir(), 'mlcl-check-'));
const bad = join(dir, 'bad.yaml');
writeFileSync(
  bad,
  'stage: sft\nfinetuning_type: lora\nmodel_name_or_path: m\ntemplate: llama3\nlora_rnak: 8\n',
);
const clean = join(dir, 'clean.yaml');
writeFileSync(
  clean,
  'stage: sft\nfinetuning_type: lora\nmodel_name_or_path: m\ntemplate: llama3\nlora_rank: 8\n',
);
const other = join(dir, 'other.yaml');
writeFileSync(other, 'name: my-app\nversion: 2\n');

describe('cli check', () => {
  it('json: 1-based ranges, dialect, exit 1 on an error', async () => {
    const r = await capture(['--format', 'json', bad]);
    assert.equal(r.code, 1);
    const parsed = JSON.parse(r.out);
    assert.equal(parsed.length, 1);
    assert.equal(parsed[0].file, bad);
    assert.equal(parsed[0].dialect, 'llamafactory');
    const d = parsed[0].diagnostics[0];
    assert.deepEqual(
      [d.line, d.column, d.endLine, d.endColumn, d.severity, d.code],
      [5, 1, 5, 10, 'error', 'unknown-key'],
    );
    assert.match(d.message, /Did you mean "lora_rank"\?/);
  });
  it('text: one line per problem and a summary; exit 0 on a clean file', async () => {
    const r = await capture([clean, other]);
    assert.equal(r.code, 0);
    assert.equal(
      r.out,
      `${other}: skipped (content: no keys typical of a supported training config)\n2 file(s): 0 error(s), 0 warning(s), 0 information`,
    );
  });
  it('text: file:line:col severity [code] message', async () => {
    const r = await capture([bad]);
    assert.match(
      r.out.split('\n')[0],
      new RegExp(
        `^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:5:1: error \\[unknown-key\\] Unknown key "lora_rnak"`,
      ),
    );
  });
  it('sarif 2.1.0 with region and level', async () => {
    const r = await capture(['--format', 'sarif', bad]);
    const s = JSON.parse(r.out);
    assert.equal(s.version, '2.1.0');
    const res = s.runs[0].results[0];
    assert.equal(res.ruleId, 'unknown-key');
    assert.equal(res.level, 'error');
    assert.deepEqual(res.locations[0].physicalLocation.region, {
      startLine: 5,
      startColumn: 1,
      endLine: 5,
      endColumn: 10,
    });
  });
  it('--dialect forces the dialect', async () => {
    const r = await capture(['--format', 'json', '--dialect', 'llamafactory', other]);
    assert.equal(JSON.parse(r.out)[0].dialect, 'llamafactory');
    assert.equal(r.code, 1);
  });
  it('--framework-version pins a version: keys it still reads are not deprecated', async () => {
    const trl = join(dir, 'trl.yaml');
    writeFileSync(trl, 'model_name_or_path: m\ntorch_dtype: bfloat16\nuse_peft: true\n');
    const latest = await capture(['--format', 'json', trl]);
    assert.equal(JSON.parse(latest.out)[0].diagnostics[0].code, 'deprecated-key');
    // The message says current TRL rejects the key (TrlParser: "Unknown arguments from config file"), so it is an error: exit 1.
    assert.equal(JSON.parse(latest.out)[0].diagnostics[0].severity, 'error');
    assert.equal(latest.code, 1);
    const pinned = await capture(['--format', 'json', '--framework-version', 'trl=0.26', trl]);
    assert.deepEqual(JSON.parse(pinned.out)[0].diagnostics, []);
    assert.equal(pinned.code, 0);
    assert.equal((await capture(['--framework-version', 'trl', trl])).code, 2);
  });
  it('bad usage and unreadable files exit 2 with one clear line', async () => {
    assert.equal((await capture([])).code, 2);
    assert.equal((await capture(['--format', 'xml', bad])).code, 2);
    assert.equal((await capture(['--dialect', 'nope', bad])).code, 2);
    const r = await capture([join(dir, 'missing.yaml')]);
    assert.equal(r.code, 2);
    assert.equal(r.err, `ml-config-lens check: cannot read ${join(dir, 'missing.yaml')}: ENOENT`);
  });
});
