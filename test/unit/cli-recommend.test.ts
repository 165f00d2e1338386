// `ml-config-lens recommend`: JSON shape, text table, config files (real corpus files included),
// --model resolution, and exit 2 with a one-line message on bad input.
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/recommend';
import { itWithShared } from '../support/shared';

interface Captured {
  code: number;
  out: string;
  err: string;
}

async function cli(...args: string[]): Promise<Captured> {
  const out: string[] = [],
    err: string[] = [];
  const log = console.log,
    error = console.error;
  console.log = (...a: unknown[]) => {
    out.push(a.join(' '));
  };
  console.error = (...a: unknown[]) => {
    err.push(a.join(' '));
  };
  try {
    return { code: await run(args), out: out.join('\n'), err: err.join('\n') };
  } finally {
    console.log = log;
    console.error = error;
  }
}

interface JsonRec {
  law: string;
  source: { title: string; arxiv: string | null; url: string };
  learningRate: number | null;
  batchSizeTokens: number | null;
  formula: string;
  inRange: boolean | null;
  warnings: string[];
  applies: string;
  unverified: boolean;
  comparison: string | null;
}

async function json(
  ...args: string[]
): Promise<{ inputs: Record<string, unknown>; recommendations: JsonRec[] }> {
  const r = await cli(...args, '--json');
  assert.equal(r.code, 0, r.err);
  return JSON.parse(r.out);
}

const tmp = mkdtempSync(join(tmpdir(), 'mcl-recommend-'));
function file(name: string, text: string): string {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
}

describe('cli recommend: --json', () => {
  it('gives Step Law T1 and null where a law gives no value', async () => {
    const j = await json(
      '--non-embedding-params',
      '1e9',
      '--tokens',
      '1e11',
      '--seq-len',
      '2048',
      '--regime',
      'pretrain',
    );
    const step = j.recommendations.find((r) => r.law === 'step-law')!;
    assert.equal(step.learningRate!.toPrecision(7), '0.001662379');
    assert.equal(step.batchSizeTokens!.toPrecision(7), '1107467');
    assert.deepEqual(step.source, {
      title: step.source.title,
      arxiv: '2503.04715',
      url: 'https://arxiv.org/abs/2503.04715',
    });
    assert.equal(step.inRange, true);
    assert.equal(step.applies, 'recommendation');
    const chinchilla = j.recommendations.find((r) => r.law === 'chinchilla')!;
    assert.equal(chinchilla.learningRate, null);
    assert.equal(chinchilla.batchSizeTokens, null);
    for (const r of j.recommendations) {
      for (const key of [
        'law',
        'source',
        'learningRate',
        'batchSizeTokens',
        'formula',
        'inRange',
        'warnings',
      ])
        assert.ok(key in r, `${r.law}.${key}`);
    }
  });

  it("accepts suffixed counts and reports Kaplan's negative LR as null with a warning", async () => {
    const j = await json('--non-embedding-params', '20B', '--regime', 'pretrain');
    const kaplan = j.recommendations.find((r) => r.law === 'kaplan')!;
    assert.equal(kaplan.learningRate, null);
    assert.match(kaplan.warnings[0], /turns negative above 1\.213e10/);
  });

  it('reads a LoRA config and a config.json: regime, batch, LR comparison, LoRA laws first', async () => {
    const model = file(
      'config.json',
      JSON.stringify({
        model_type: 'llama',
        hidden_size: 4096,
        intermediate_size: 11008,
        num_hidden_layers: 32,
        num_attention_heads: 32,
        num_key_value_heads: 32,
        vocab_size: 32000,
        tie_word_embeddings: false,
      }),
    );
    const cfg = file(
      'lora.yml',
      'adapter: lora\nlora_r: 16\nlora_alpha: 32\nlearning_rate: 1e-3\nmicro_batch_size: 2\ngradient_accumulation_steps: 4\nsequence_len: 4096\nmax_steps: 500\n',
    );
    const j = await json(cfg, '--model', model, '--devices', '2');
    assert.equal(j.inputs.regime, 'lora');
    assert.equal(j.inputs.totalParams, 6_738_415_616);
    assert.equal(j.inputs.nonEmbeddingParams, 6_476_005_376);
    assert.equal(j.inputs.batchTokens, 65536);
    assert.equal(j.inputs.tokens, 32_768_000);
    assert.equal(j.recommendations[0].law, 'lora-without-regret');
    assert.equal(j.recommendations[0].comparison, "3.5x above LoRA Without Regret's suggested learning rate");
    const step = j.recommendations.find((r) => r.law === 'step-law')!;
    assert.equal(step.applies, 'context');
    assert.match(step.warnings[0], /for LoRA-family fine-tuning it is context/);
    const rs = j.recommendations.find((r) => r.law === 'rslora')!;
    assert.equal(rs.formula, 'α/r = 32/16 = 2; α/√r = 32/√16 = 8');
  });

  const zephyr = 'corpus/real/alignment-handbook/recipes/zephyr-7b-beta/sft/config_qlora.yaml';
  itWithShared(
    zephyr,
    "resolves a real TRL recipe's model from the catalog (zephyr-7b-beta QLoRA)",
    async (file) => {
      const j = await json(file);
      assert.equal(j.inputs.regime, 'lora');
      assert.equal(j.inputs.modelFamily, 'mistral');
      assert.equal(j.inputs.totalParams, 7_241_732_096);
      assert.equal(j.inputs.batchTokens, 8 * 2048);
      const qlora = j.recommendations.find((r) => r.law === 'qlora')!;
      assert.equal(qlora.learningRate, 2e-4);
      assert.equal(qlora.comparison, "within 5% of QLoRA's published learning rate");
    },
  );
});

describe('cli recommend: text output', () => {
  it('prints a table with units and arXiv ids, and the arithmetic', async () => {
    const r = await cli(
      '--non-embedding-params',
      '5e8',
      '--tokens',
      '2e10',
      '--batch-tokens',
      '1M',
      '--seq-len',
      '2048',
      '--learning-rate',
      '3e-3',
    );
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^Law +Source +Peak LR +Batch size +In fitted range +Use$/m);
    assert.match(r.out, /^Step Law +arXiv 2503\.04715 +1\.66e-3 +/m);
    assert.match(r.out, /LR = peak learning rate \(dimensionless, per optimizer step\)/);
    assert.match(r.out, /Your learning rate is 1\.8x above Step Law's optimum\./);
    assert.match(r.out, /^LoRA\+ \[unverified\] +arXiv 2402\.12354/m);
  });
});

describe('cli recommend: bad input exits 2 with one clear line', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['no input at all', [], /give a CONFIG_FILE, --model, or numbers/],
    ['unknown option', ['--tokenz', '5'], /unknown option '--tokenz'/],
    ['a non-number', ['--tokens', 'lots'], /--tokens needs a positive number, got 'lots'/],
    ['a negative number', ['--seq-len', '-5'], /--seq-len needs a positive number, got '-5'/],
    [
      'a bad regime',
      ['--tokens', '1e9', '--regime', 'rlhf'],
      /--regime must be one of pretrain, continued, full, lora, got 'rlhf'/,
    ],
    ['a missing file', [join(tmp, 'nope.yml')], /cannot read .*nope\.yml: ENOENT/],
    ['a missing value', ['--model'], /--model needs a value/],
    ['an unknown model', ['--model', 'no-such-model-xyz'], /--model: unknown model 'no-such-model-xyz'/],
  ];
  for (const [what, args, message] of cases) {
    it(what, async () => {
      const r = await cli(...args);
      assert.equal(r.code, 2);
      assert.match(r.err.split('\n')[0], message);
      assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
    });
  }

  it('invalid YAML', async () => {
    const r = await cli(file('broken.yml', 'learning_rate: [1e-4\nmicro_batch_size: 2\n'));
    assert.equal(r.code, 2);
    assert.match(r.err, /broken\.yml: not valid YAML\/JSON/);
  });

  it('a YAML list instead of a mapping', async () => {
    const r = await cli(file('list.yml', '- a\n- b\n'));
    assert.equal(r.code, 2);
    assert.match(r.err, /the config must be a mapping/);
  });
});
