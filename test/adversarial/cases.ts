// The hostile inputs of issue 11, one function each, run by worker.ts under harness.ts budgets.
// Each returns plain data (structured-cloneable) for the test to assert on.
import { mkdtempSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeConfigText } from '../../src/core/analysis';
import { liveEffects } from '../../src/core/analysis/effects';
import { detectDialect } from '../../src/core/dialects';
import { buildInventory } from '../../src/core/estimator/inventory';
import { fullmatch, regexCacheSize } from '../../src/core/estimator/pyregex';
import { defaultInputs } from '../../src/core/panel/inputs';
import { parseWebviewMessage } from '../../src/core/panel/protocol';
import { readSettings } from '../../src/core/settings';
import { validateText } from '../../src/core/pipeline';
import { ModelConfigCache } from '../../src/io/model-cache';
import { resolveModel } from '../../src/io/resolve';
import { run as check } from '../../src/cli/check';
import { findConfigLinks } from '../../src/core/links';
import { linkedInputs } from '../../src/core/links/linked';
import { linkedFilesFor, linkReader } from '../../src/io/linked';

const SMALL = 'HuggingFaceTB/SmolLM2-135M';

function axolotl(extra: string[]): string {
  return [
    `base_model: ${SMALL}`,
    'adapter: lora',
    'lora_r: 8',
    'lora_alpha: 16',
    'lora_target_modules:',
    '  - q_proj',
    'sequence_len: 512',
    'micro_batch_size: 1',
    ...extra,
    '',
  ].join('\n');
}

function analysis(text: string, dialect: 'axolotl' | 'peft' | 'torchtune' = 'axolotl') {
  const a = analyzeConfigText(text, { dialect });
  return {
    problems: a.problems,
    trainable: a.estimate?.trainableParams ?? null,
    effects: liveEffects(['lora_r'], a),
  };
}

/** console.log/error captured while the CLI runs; returns its exit code and output lines. */
async function cli(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const [log, error] = [console.log, console.error];
  console.log = (...a: unknown[]) => {
    out.push(a.join(' '));
  };
  console.error = (...a: unknown[]) => {
    err.push(a.join(' '));
  };
  try {
    return { code: await check(args), out, err };
  } finally {
    console.log = log;
    console.error = error;
  }
}

async function resolveMessage(ref: string, cwd: string, roots: string[] | undefined): Promise<string> {
  try {
    const m = await resolveModel(ref, { cwd, env: {}, homeDir: cwd, roots });
    return `resolved ${m.location}`;
  } catch (e) {
    return (e as Error).message;
  }
}

const peft = (fields: Record<string, unknown>) =>
  JSON.stringify({
    peft_type: 'LORA',
    base_model_name_or_path: SMALL,
    r: 8,
    lora_alpha: 16,
    target_modules: ['q_proj'],
    ...fields,
  });

export const CASES = {
  redosModulesToSave: () => analysis(axolotl(['lora_modules_to_save:', '  - "(.*.*)*x"'])),
  redosPeftTarget: () => analysis(peft({ target_modules: '(.*.*)*x' }), 'peft'),
  redosPeftExclude: () => analysis(peft({ exclude_modules: '(.*.*)*x' }), 'peft'),
  lookahead: () => analysis(peft({ target_modules: '.*(?=q_proj)q_proj' }), 'peft'),
  backreference: () => analysis(peft({ target_modules: '(q)_proj\\1' }), 'peft'),
  glob: () =>
    detectDialect('a: 1\n', {
      fileName: '/home/user/projects/some-repo/configs/experiments/run-0001/xx.yaml',
      associations: { '**?**?**?**?**?**?**?!': 'trl' },
    }),
  devZeroInWorkspace: (dir: string) => resolveMessage('/dev/zero', dir, [dir]),
  devZeroUserNamed: (dir: string) => resolveMessage('/dev/zero', dir, undefined),
  fifo: (fifo: string) => resolveMessage(fifo, '/', undefined),
  passwdInWorkspace: (dir: string) => resolveMessage('/etc/passwd', dir, [dir]),
  passwdUserNamed: (dir: string) => resolveMessage('/etc/passwd', dir, undefined),
  symlinkOut: (dir: string) => resolveMessage('link.json', dir, [dir]),
  editorDevZero: async (dir: string) => {
    const cache = new ModelConfigCache();
    const opts = { cwd: dir, env: {}, homeDir: dir, roots: [dir] };
    const first = (() => {
      try {
        cache.lookup('/dev/zero', opts, () => undefined);
        return 'resolved';
      } catch (e) {
        return (e as Error).message;
      }
    })();
    await cache.load(JSON.stringify(['/dev/zero', dir, [dir], false]), '/dev/zero', opts);
    const second = (() => {
      try {
        cache.lookup('/dev/zero', opts, () => undefined);
        return 'resolved';
      } catch (e) {
        return (e as Error).message;
      }
    })();
    return { first, second };
  },
  cliCheckDevZero: () => cli(['/dev/zero']),
  cliCheckFifo: (fifo: string) => cli([fifo]),
  hoverMarkdown: () => {
    const a = analyzeConfigText(
      axolotl([]).replace(
        `base_model: ${SMALL}`,
        'base_model: "x ![t](https://evil.example/b.png) [click](https://evil.example/phish)"',
      ),
      { dialect: 'axolotl' },
    );
    return liveEffects(['base_model'], a).concat(liveEffects(['lora_r'], a));
  },
  hoverBacktick: () => {
    const a = analyzeConfigText(
      axolotl(['lora_target_modules:', '  - "q`_proj"', '  - q_proj']).replace(
        'lora_target_modules:\n  - q_proj\n',
        '',
      ),
      { dialect: 'axolotl' },
    );
    return liveEffects(['lora_target_modules'], a);
  },
  hugeLayers: () => {
    try {
      buildInventory({
        model_type: 'llama',
        hidden_size: 64,
        intermediate_size: 128,
        num_attention_heads: 4,
        num_key_value_heads: 4,
        num_hidden_layers: 100_000,
        vocab_size: 128,
      });
      return 'built';
    } catch (e) {
      return (e as Error).message;
    }
  },
  hugeExperts: () => {
    try {
      buildInventory({
        model_type: 'mixtral',
        hidden_size: 64,
        intermediate_size: 128,
        num_attention_heads: 4,
        num_key_value_heads: 4,
        num_hidden_layers: 2,
        num_local_experts: 100_000,
        num_experts_per_tok: 2,
        vocab_size: 128,
      });
      return 'built';
    } catch (e) {
      return (e as Error).message;
    }
  },
  rank1e15: () => {
    const a = analyzeConfigText(axolotl([]).replace('lora_r: 8', 'lora_r: 1000000000000000'), {
      dialect: 'axolotl',
    });
    return { problems: a.problems, effects: liveEffects(['lora_r'], a) };
  },
  microBatch1e300: () => analysis(axolotl([]).replace('micro_batch_size: 1', 'micro_batch_size: 1e300')),
  panelRank1e308: () => {
    const r = parseWebviewMessage({ type: 'compute', seq: 1, inputs: { ...defaultInputs(), rank: 1e308 } });
    return r.ok ? 'accepted' : r.error;
  },
  nanRank: () => analysis(axolotl([]).replace('lora_r: 8', 'lora_r: .nan')),
  /** A torchtune `${…}` cycle (rank → model.lora_rank → rank) stays unresolved text. */
  unresolvedInterpolation: () =>
    analysis(
      [
        'model:',
        '  _component_: torchtune.models.llama3_2.lora_llama3_2_1b',
        "  lora_attn_modules: ['q_proj', 'v_proj']",
        '  lora_rank: ${rank}',
        '  lora_alpha: 16',
        'rank: ${model.lora_rank}',
        '',
      ].join('\n'),
      'torchtune',
    ),
  settingsWrongTypes: () => {
    const out: Array<{ warnings: string[]; diagnostics: number | string }> = [];
    for (const fv of [{ trl: 5 }, null, ['0.26']]) {
      const { settings, warnings } = readSettings((id) =>
        id === 'mlConfig.validation.frameworkVersions'
          ? fv
          : id === 'mlConfig.validation.maxDiagnostics'
            ? 'abc'
            : undefined,
      );
      let diagnostics: number | string;
      try {
        diagnostics = validateText('learning_rate: x\nnum_train_epochs: y\n', {
          dialect: 'trl',
          maxDiagnostics: settings.maxDiagnostics,
          frameworkVersions: settings.frameworkVersions,
        }).diagnostics.length;
      } catch (e) {
        diagnostics = (e as Error).message;
      }
      out.push({ warnings, diagnostics });
    }
    return out;
  },
  regexCacheBound: () => {
    for (let i = 0; i < 2_000; i++) fullmatch(`layer_${i}\\.(q|k|v)_proj`, 'x');
    return { size: regexCacheSize(), heapMB: process.memoryUsage().heapUsed / 1e6 };
  },
  utf16Check: (dir: string) => {
    const f = join(dir, 'utf16.yaml');
    writeFileSync(
      f,
      Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from('base_model: x\nadapter: lora\nlora_r: 8\nlearning_rate: -1\n', 'utf16le'),
      ]),
    );
    return cli([f]);
  },
  invalidUtf8: (dir: string) => {
    const f = join(dir, 'bad.yaml');
    writeFileSync(f, Buffer.from([0x61, 0x3a, 0x20, 0xc3, 0x28, 0x0a]));
    return cli([f]);
  },
  /** 8,000 block sequences on one line (16 KB): the YAML parser's recursion overflows the stack. */
  deepNesting: async (dir: string) => {
    const f = join(dir, 'deep.yaml');
    writeFileSync(f, `base_model: x\nlora_target_modules:\n  ${'- '.repeat(8_000)}1\n`);
    return cli([f]);
  },
  checkMissing: (dir: string) => {
    const f = join(dir, 'a.yaml');
    writeFileSync(f, 'base_model: x\nadapter: lora\nlora_r: 8\n');
    return cli([f, join(dir, 'missing.yaml')]);
  },
  /**
   * Linked files that a workspace controls, through the one reader (src/io/linked.ts), in the folder
   * `ws` (where the test made the FIFO ds.fifo). Each target gives the DeepSpeed link's note and what
   * a data-file read of the same path returns.
   */
  linkedHostile: (ws: string) => {
    symlinkSync('/etc/passwd', join(ws, 'out.json'));
    writeFileSync(join(ws, 'huge.json'), '');
    truncateSync(join(ws, 'huge.json'), 6_000_000); // sparse: 6 MB by size, nothing on disk
    const config = join(ws, 'train.yml');
    const read = linkReader({ folders: [ws], roots: [ws] });
    return ['/dev/zero', 'ds.fifo', 'out.json', 'huge.json'].map((target) => {
      const [link] = findConfigLinks(`deepspeed: ${target}\n`, 'axolotl');
      const data = linkedFilesFor(config, ws).read(target);
      return { note: linkedInputs({}, [read(link, config)]).notes[0], data: data ?? 'not checked' };
    });
  },
  checkDir: (dir: string) => {
    const sub = mkdtempSync(join(dir, 'cfg-'));
    writeFileSync(join(sub, 'one.yaml'), 'base_model: x\nadapter: lora\nlora_r: 8\n');
    writeFileSync(join(sub, 'notes.txt'), 'not a config');
    return cli([sub]);
  },
};

/** A scratch folder for cases that need files; the test removes it. */
export function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'mlcl-adv-'));
}
