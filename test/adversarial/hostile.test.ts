// Issue 11's hostile workspaces: every input runs in a worker with a hard timeout and a heap budget
// (harness.ts), and must answer within the work budget or stop with a clear message.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { runCase, workBudgetMs } from './harness';
import { scratch } from './cases';

async function fast<T>(name: string, arg?: unknown): Promise<T> {
  const r = await runCase<T>(name, arg);
  assert.ok(
    r.ms < workBudgetMs(),
    `case '${name}' took ${r.ms.toFixed(0)} ms of work (budget ${workBudgetMs().toFixed(0)} ms)`,
  );
  return r.value;
}

type Analysis = { problems: string[]; trainable: number | null; effects: string[] };
type Cli = { code: number; out: string[]; err: string[] };

describe('adversarial: hostile workspaces (issue 11)', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = scratch();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  describe('regular expressions from file content (linear-time RE2)', () => {
    it('Axolotl lora_modules_to_save "(.*.*)*x" answers, with the exact count', async () => {
      const a = await fast<Analysis>('redosModulesToSave');
      // SmolLM2-135M: 30 layers × q_proj (576→576) at r=8: 30 × 8 × (576 + 576) = 276,480.
      assert.deepEqual([a.problems, a.trainable], [[], 276_480]);
    });
    it('PEFT target_modules "(.*.*)*x" answers: it matches no module', async () => {
      const a = await fast<Analysis>('redosPeftTarget');
      assert.equal(a.trainable, null);
      assert.match(a.problems.join('\n'), /target_modules|not found|no module/i);
    });
    it('PEFT exclude_modules "(.*.*)*x" answers, excluding nothing', async () => {
      assert.equal((await fast<Analysis>('redosPeftExclude')).trainable, 276_480);
    });
    it('a lookahead is refused with a message naming it, never run', async () => {
      const a = await fast<Analysis>('lookahead');
      assert.ok(
        a.problems.some(
          (p) =>
            p ===
            'pattern ".*(?=q_proj)q_proj" uses a lookahead (?=…), which ML Config Lens does not evaluate',
        ),
        a.problems.join('\n'),
      );
    });
    it('a backreference is refused with a message naming it', async () => {
      const a = await fast<Analysis>('backreference');
      assert.ok(
        a.problems.some((p) =>
          p.includes('uses a backreference (\\1), which ML Config Lens does not evaluate'),
        ),
        a.problems.join('\n'),
      );
    });
  });

  it('a catastrophic glob from workspace settings is ignored, detection answers', async () => {
    const d = await fast<{ dialect: string | undefined; reason: string }>('glob');
    assert.notEqual(d.reason, 'mlConfig.files.associations: "**?**?**?**?**?**?**?!"');
  });

  describe('model paths', () => {
    it('/dev/zero named by a workspace file: refused as outside the workspace', async () => {
      assert.match(
        await fast<string>('devZeroInWorkspace', dir),
        /^\/dev\/zero is outside the workspace and the Hugging Face cache/,
      );
    });
    it('/dev/zero named by the user: refused as a character device, nothing read', async () => {
      assert.equal(
        await fast<string>('devZeroUserNamed', dir),
        '/dev/zero is a character device, not a regular file',
      );
    });
    it('a FIFO is refused without blocking', async () => {
      const fifo = join(dir, 'config.fifo');
      execFileSync('mkfifo', [fifo]);
      assert.equal(await fast<string>('fifo', fifo), `${fifo} is a named pipe, not a regular file`);
    });
    it('/etc/passwd from a workspace file is refused; named by the user its contents are never echoed', async () => {
      assert.match(await fast<string>('passwdInWorkspace', dir), /^\/etc\/passwd is outside the workspace/);
      const user = await fast<string>('passwdUserNamed', dir);
      assert.equal(user, '/etc/passwd is not valid JSON');
    });
    it('a committed symlink out of the workspace is refused, naming where it leads', async () => {
      symlinkSync('/etc/passwd', join(dir, 'link.json'));
      const m = await fast<string>('symlinkOut', dir);
      assert.equal(
        m,
        `${join(dir, 'link.json')} is outside the workspace and the Hugging Face cache (it resolves to /etc/passwd); ML Config Lens reads model files there only, unless you name the path yourself (user setting or command line)`,
      );
    });
    it('the editor cache says it is reading, then the reason, and never hangs', async () => {
      const r = await fast<{ first: string; second: string }>('editorDevZero', dir);
      assert.equal(r.first, "reading the config.json of model '/dev/zero'…");
      assert.match(r.second, /^\/dev\/zero is outside the workspace/);
    });
    it('CLI check /dev/zero and a FIFO: exit 2 with the reason, no hang', async () => {
      const z = await fast<Cli>('cliCheckDevZero');
      assert.deepEqual(
        [z.code, z.err],
        [2, ['ml-config-lens check: cannot read /dev/zero: a character device, not a regular file']],
      );
      const fifo = join(dir, 'check.fifo');
      execFileSync('mkfifo', [fifo]);
      const f = await fast<Cli>('cliCheckFifo', fifo);
      assert.deepEqual(
        [f.code, f.err],
        [2, [`ml-config-lens check: cannot read ${fifo}: a named pipe, not a regular file`]],
      );
    });
  });

  it('linked DeepSpeed and data files: /dev/zero, a FIFO, a symlink out, 6 MB refused, each saying why', async () => {
    const ws = join(dir, 'linked-ws');
    mkdirSync(ws);
    execFileSync('mkfifo', [join(ws, 'ds.fifo')]);
    const r = await fast<Array<{ note: string; data: string }>>('linkedHostile', ws);
    const guessed = 'its sharding is guessed from the file name';
    assert.deepEqual(r, [
      {
        note: `deepspeed: /dev/zero could not be read (outside the workspace); ${guessed}`,
        data: 'not checked',
      },
      {
        note: `deepspeed: ds.fifo could not be read (a named pipe, not a regular file); ${guessed}`,
        data: 'not checked',
      },
      {
        note: `deepspeed: out.json could not be read (outside the workspace); ${guessed}`,
        data: 'not checked',
      },
      {
        note: `deepspeed: huge.json could not be read (6,000,000 bytes, over the 1,000,000-byte limit); ${guessed}`,
        data: 'not checked',
      },
    ]);
  });

  describe('hover markdown', () => {
    it('a base_model with an image and a link renders neither', async () => {
      const lines = await fast<string[]>('hoverMarkdown');
      const all = lines.join('\n');
      assert.ok(all.includes('evil'), 'the model name is shown');
      assert.doesNotMatch(all, /(?<!\\)!(?<!\\)\[|(?<!\\)\]\(/, all);
    });
    it('a backtick in a target entry stays inside its code span', async () => {
      const lines = await fast<string[]>('hoverBacktick');
      assert.ok(
        lines.some((l) => l.includes('``q`_proj``')),
        lines.join('\n'),
      );
    });
  });

  describe('model sizes and numbers', () => {
    it('num_hidden_layers: 100000 is refused before allocating', async () => {
      assert.equal(
        await fast<string>('hugeLayers'),
        'too large: 100,000 layers in config.json field "num_hidden_layers" (ML Config Lens counts models up to 1,000 layers)',
      );
    });
    it('num_local_experts: 100000 is refused before allocating', async () => {
      assert.equal(
        await fast<string>('hugeExperts'),
        'too large: 100,000 experts in config.json field "num_local_experts" (ML Config Lens counts models up to 4,096 experts)',
      );
    });
    it('r: 1e15 gives a count above 2^53, shown as approximate', async () => {
      const r = await fast<{ problems: string[]; effects: string[] }>('rank1e15');
      // 30 × 1e15 × 1152 = 3.456e19.
      assert.ok(
        r.effects.some((e) => e.startsWith('Trainable parameters: **≈ 3.46e19**')),
        r.effects.join('\n'),
      );
    });
    it('a micro-batch of 1e300 is refused, not "Infinity sequences"', async () => {
      const a = await fast<Analysis>('microBatch1e300');
      assert.deepEqual(a.problems, [
        'a number in the config is 1.00e+300, over the 1e15 limit; ML Config Lens cannot count with it',
      ]);
    });
    it('a panel rank of 1e308 is refused by the protocol', async () => {
      assert.equal(
        await fast<string>('panelRank1e308'),
        'compute: $.inputs.rank: is 1.00e+308, over the 1e15 limit',
      );
    });
  });

  describe('silent wrong values', () => {
    it('lora_r: .nan says why it cannot count instead of using r = 8', async () => {
      const a = await fast<Analysis>('nanRank');
      assert.deepEqual(
        [a.problems, a.trainable],
        [['a number in the config is NaN (not a number); ML Config Lens cannot count with it'], null],
      );
    });
    it('an unresolved ${…} says why it cannot count instead of the default rank', async () => {
      const a = await fast<Analysis>('unresolvedInterpolation');
      assert.deepEqual(
        [a.problems, a.trainable],
        [['the value "${rank}" is an unresolved interpolation; ML Config Lens cannot count with it'], null],
      );
    });
  });

  it('settings of the wrong type: defaults and one warning each, validation runs', async () => {
    const r = await fast<Array<{ warnings: string[]; diagnostics: number | string }>>('settingsWrongTypes');
    assert.deepEqual(
      r.map((x) => x.warnings),
      [
        [
          'mlConfig.validation.maxDiagnostics should be a whole number of at least 1, not string; using 100',
          'mlConfig.validation.frameworkVersions: "trl" should map to a version such as "0.26", not number; ignored',
        ],
        [
          'mlConfig.validation.maxDiagnostics should be a whole number of at least 1, not string; using 100',
          'mlConfig.validation.frameworkVersions should be an object, not null; ignored',
        ],
        [
          'mlConfig.validation.maxDiagnostics should be a whole number of at least 1, not string; using 100',
          'mlConfig.validation.frameworkVersions should be an object, not a list; ignored',
        ],
      ],
    );
    for (const x of r) assert.equal(typeof x.diagnostics, 'number');
    for (const x of r) assert.ok((x.diagnostics as number) > 0);
  });

  it('the compiled-regex cache stays bounded over 2,000 distinct patterns', async () => {
    // 2,000 compilations are work, not a hang: the bound is asserted, the time only by the hard timeout.
    const r = await runCase<{ size: number; heapMB: number }>('regexCacheBound');
    assert.equal(r.value.size, 500);
  });

  describe('encodings and the CLI', () => {
    it('UTF-16 with a BOM is decoded and checked', async () => {
      const r = await fast<Cli>('utf16Check', dir);
      assert.equal(r.code, 1);
      assert.ok(!r.out.some((l) => l.includes('skipped')), r.out.join('\n'));
    });
    it('invalid UTF-8 is reported naming the encoding, exit 2', async () => {
      const r = await fast<Cli>('invalidUtf8', dir);
      assert.deepEqual(
        [r.code, r.err],
        [
          2,
          [
            `ml-config-lens check: cannot read ${join(dir, 'bad.yaml')}: not valid UTF-8 (ML Config Lens reads UTF-8, and UTF-16 with a byte-order mark)`,
          ],
        ],
      );
    });
    it('deep block nesting says so instead of "Maximum call stack size exceeded"', async () => {
      const r = await fast<Cli>('deepNesting', dir);
      assert.equal(r.code, 1);
      assert.ok(
        r.out.some((l) =>
          l.endsWith(
            'error [yaml-syntax] YAML syntax: blocks nest too deeply to parse (more than 500 levels)',
          ),
        ),
        r.out.join('\n'),
      );
      assert.ok(!r.out.some((l) => /call stack/i.test(l)), r.out.join('\n'));
    });
    it('check a.yaml missing.yaml reports a.yaml and the missing file, exit 2', async () => {
      const r = await fast<Cli>('checkMissing', dir);
      assert.equal(r.code, 2);
      assert.deepEqual(r.err, [`ml-config-lens check: cannot read ${join(dir, 'missing.yaml')}: ENOENT`]);
      assert.ok(
        r.out.some((l) => l.startsWith(join(dir, 'a.yaml'))),
        r.out.join('\n'),
      );
    });
    it('check DIR checks the configs inside it', async () => {
      const r = await fast<Cli>('checkDir', dir);
      assert.ok(
        r.out.some((l) => /one\.yaml/.test(l)),
        r.out.join('\n'),
      );
      assert.ok(
        r.out.some((l) => l.startsWith('1 file(s):')),
        r.out.join('\n'),
      );
    });
  });
});
