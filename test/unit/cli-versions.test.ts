// `check` and `estimate` take the framework and transformers releases from the current folder's
// Python environment when no flag names them; a flag wins; --no-env turns the look-up off.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/check';

async function capture(args: string[]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const [log, error] = [console.log, console.error];
  console.log = (...a: unknown[]) => out.push(a.join(' '));
  console.error = (...a: unknown[]) => out.push(a.join(' '));
  try {
    return { code: await run(args), out: out.join('\n') };
  } finally {
    [console.log, console.error] = [log, error];
  }
}

describe('cli: framework versions from the current folder', () => {
  let dir: string;
  let cwd: string;
  beforeEach(() => {
    cwd = process.cwd();
    dir = mkdtempSync(join(tmpdir(), 'mlc-cli-env-'));
    const info = join(dir, '.venv', 'lib', 'python3.12', 'site-packages', 'trl-0.19.0.dist-info');
    mkdirSync(info, { recursive: true });
    writeFileSync(join(info, 'METADATA'), 'Metadata-Version: 2.1\nName: trl\nVersion: 0.19.0\n\n');
    writeFileSync(
      join(dir, 'sft.yaml'),
      'model_name_or_path: Qwen/Qwen2.5-0.5B\nuse_peft: true\nlora_r: 16\nloss_weights: [1.0]\n',
    );
    process.chdir(dir);
  });
  afterEach(() => {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  });

  it('judges keys against the TRL release in ./.venv and says where it came from', async () => {
    const r = await capture(['sft.yaml']);
    assert.equal(r.code, 1);
    assert.equal(
      r.out.split('\n')[0],
      'sft.yaml:4:1: error [release-added] `loss_weights` was added in TRL 0.20.0; your release 0.19.0 does not know it (TrlParser stops with "Unknown arguments from config file") (trl 0.19.0 from .venv/lib/python3.12/site-packages/trl-0.19.0.dist-info).',
    );
  });

  it('a flag wins over the environment, and --no-env skips it', async () => {
    assert.equal((await capture(['sft.yaml', '--framework-version', 'trl=0.20.0'])).code, 0);
    assert.equal((await capture(['sft.yaml', '--no-env'])).code, 0);
  });
});
