import * as assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CATALOG_VARIANTS,
  MODEL_CATALOG,
  findCatalogModel,
  findCatalogVariant,
  matchCatalogModel,
  suggestCatalogName,
} from '../../src/core/models/catalog';
import { parseModelName } from '../../src/core/models/model-name';
import { ModelResolveError, resolveModel, resolveModelLocal } from '../../src/io/resolve';
import { estimateParameters } from '../../src/core/estimator';

const home = (): string => mkdtempSync(join(tmpdir(), 'mcl-names-'));

describe('models: name parsing', () => {
  it('reads org, family, version, size and quantization from realistic names', () => {
    const cases: Array<[string, Partial<ReturnType<typeof parseModelName>>]> = [
      [
        'Qwen/Qwen3-4B-Instruct-2507',
        { org: 'qwen', family: 'qwen', version: '3', size: '4b', billions: 4, bare: 'qwen3-4b' },
      ],
      [
        'unsloth/llama-3-8b-bnb-4bit',
        {
          org: 'unsloth',
          family: 'llama',
          version: '3',
          size: '8b',
          quantization: 'bnb-4bit',
          unquantized: 'llama-3-8b',
        },
      ],
      [
        'mistralai/Mistral-7B-Instruct-v0.3',
        { family: 'mistral', version: '0.3', size: '7b', bare: 'mistral-7b' },
      ],
      [
        'mistralai/Mixtral-8x7B-Instruct-v0.1',
        { family: 'mixtral', version: '0.1', size: '8x7b', billions: 56 },
      ],
      ['Qwen/Qwen2.5-0.5B-Instruct', { family: 'qwen', version: '2.5', size: '0.5b', billions: 0.5 }],
      ['Qwen/Qwen3-30B-A3B-Instruct-2507', { family: 'qwen', version: '3', size: '30b-a3b', billions: 30 }],
      ['meta-llama/Meta-Llama-3.1-8B-Instruct', { family: 'llama', version: '3.1', size: '8b' }],
      ['HuggingFaceTB/SmolLM2-135M', { family: 'smollm', version: '2', size: '135m', billions: 0.135 }],
      [
        'microsoft/Phi-3.5-mini-instruct',
        { family: 'phi', version: '3.5', size: 'mini', billions: undefined },
      ],
      [
        'TheBloke/Llama-2-13B-chat-GPTQ',
        { family: 'llama', version: '2', size: '13b', quantization: 'gptq', unquantized: 'llama-2-13b-chat' },
      ],
      ['Qwen/Qwen2.5-7B-Instruct-AWQ', { quantization: 'awq', unquantized: 'qwen2.5-7b-instruct' }],
    ];
    for (const [name, expected] of cases) {
      const parsed = parseModelName(name);
      for (const [k, v] of Object.entries(expected))
        assert.deepEqual(parsed[k as keyof typeof parsed], v, `${name}.${k}`);
    }
  });
});

describe('models: suggestions by family, version and size', () => {
  it('suggests the same family and size, spelled as an id for org/name references', () => {
    const expected: Array<[string, string]> = [
      ['Qwen/Qwen3-4B-Instruct-2507-preview', 'Qwen/Qwen3-4B'],
      ['unsloth/llama-3-8b-instruct-bnb-4bit-v2', 'meta-llama/Meta-Llama-3-8B'],
      ['mistralai/Mistral-7B-Instruct-v0.3', 'mistralai/Mistral-7B-v0.3'],
      ['google/gemma-2-2b-it', 'google/gemma-2-2b'],
      ['unsloth/gemma-2-9b-it-bnb-4bit', 'google/gemma-2-9b'],
      ['TheBloke/Llama-2-13B-chat-GPTQ', 'meta-llama/Llama-2-13b-hf'],
      ['Qwen/Qwen2.5-0.5B-Instruct', 'Qwen/Qwen2.5-0.5B'],
      ['Qwen/Qwen2.5-0.5B-Chat-GGUF-fork', 'Qwen/Qwen2.5-0.5B'],
      ['Qwen/Qwen2.5-1.5B-Instruct', 'Qwen/Qwen2.5-1.5B'],
      ['Qwen/Qwen2.5-110B', 'Qwen/Qwen2.5-72B'],
      ['Qwen/Qwen3-30B-A3B-Instruct-2507', 'Qwen/Qwen3-30B-A3B'],
      ['meta-llama/Llama-3.2-3B-Instruct', 'meta-llama/Llama-3.2-3B'],
      ['meta-llama/Llama-3.1-405B', 'meta-llama/Llama-3.1-70B'],
      ['mistralai/Mixtral-8x7B-Instruct-v0.1', 'mistralai/Mixtral-8x7B-v0.1'],
      ['microsoft/Phi-3-mini-128k-instruct', 'microsoft/Phi-3-mini-4k-instruct'],
      ['HuggingFaceTB/SmolLM2-360M-Instruct', 'HuggingFaceTB/SmolLM2-360M'],
      ['deepseek-ai/DeepSeek-R1-Distill-Qwen-3B', 'deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B'],
      ['Qwen/Qwen2-VL-2B-Instruct', 'Qwen/Qwen2-VL-7B-Instruct'],
      ['meta-llama/Llama-3.2-90B-Vision-Instruct', 'meta-llama/Llama-3.2-11B-Vision-Instruct'],
      ['microsoft/Phi-3.5-vision-instruct', 'microsoft/Phi-3-mini-4k-instruct'],
      ['teknium/OpenHermes-2.5-Mistral-7B', 'mistralai/Mistral-7B-v0.1'],
    ];
    assert.deepEqual(
      expected.map(([ref]) => [ref, suggestCatalogName(ref)]),
      expected,
    );
  });

  it('keeps short names for short references (typos)', () => {
    assert.deepEqual(['llama-3-8', 'qwen3-8', 'llama-2-7', 'gemma-2-9'].map(suggestCatalogName), [
      'llama-3-8b',
      'qwen3-8b',
      'llama-2-7b',
      'gemma-2-9b',
    ]);
  });

  it('answers odd input without throwing or stalling', () => {
    const started = Date.now();
    for (const ref of ['', '/', '////', '-', 'a', '8x7b', 'x'.repeat(5000), 'Ünïcødé/模型-7B'])
      assert.equal(typeof suggestCatalogName(ref), 'string');
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
    assert.equal(matchCatalogModel(''), undefined);
    assert.equal(matchCatalogModel('-bnb-4bit'), undefined);
  });

  it('puts the family suggestion in the resolution error', async () => {
    await assert.rejects(
      resolveModel('Qwen/Qwen2.5-Coder-1.5B-Instruct', { cwd: '/', env: {}, homeDir: home() }),
      (e: Error) =>
        e instanceof ModelResolveError &&
        e.message.includes(
          "did you mean 'Qwen/Qwen2.5-1.5B' (the closest catalog model of the same family)?",
        ),
    );
  });
});

describe('models: verified variants', () => {
  const expected: Record<string, string> = {
    'Qwen/Qwen3-4B-Instruct-2507': 'Qwen/Qwen3-4B',
    'qwen3-4b-thinking-2507': 'Qwen/Qwen3-4B',
    'meta-llama/Meta-Llama-3-8B-Instruct': 'meta-llama/Meta-Llama-3-8B',
    'llama-3.1-8b-instruct': 'meta-llama/Llama-3.1-8B',
    'meta-llama/Meta-Llama-3.1-8B-Instruct': 'meta-llama/Llama-3.1-8B',
    'meta-llama/Llama-3.2-1B-Instruct': 'meta-llama/Llama-3.2-1B',
    'google/gemma-2-9b-it': 'google/gemma-2-9b',
    'mistralai/Mistral-7B-Instruct-v0.2': 'mistralai/Mistral-7B-v0.1',
    'microsoft/Phi-3.5-mini-instruct': 'microsoft/Phi-3-mini-4k-instruct',
    'TinyLlama/TinyLlama-1.1B-Chat-v1.0': 'TinyLlama/TinyLlama-1.1B-intermediate-step-1431k-3T',
    'meta-llama/Llama-2-7b-chat-hf': 'meta-llama/Llama-2-7b-hf',
    'llama-2-13b-chat': 'meta-llama/Llama-2-13b-hf',
    'meta-llama/Llama-2-70b-chat-hf': 'meta-llama/Llama-2-70b-hf',
    'meta-llama/Llama-3.1-70B-Instruct': 'meta-llama/Llama-3.1-70B',
    'meta-llama/Llama-3.2-3B-Instruct': 'meta-llama/Llama-3.2-3B',
    'mistralai/Mistral-7B-Instruct-v0.1': 'mistralai/Mistral-7B-v0.1',
    'mistralai/Mistral-7B-Instruct-v0.3': 'mistralai/Mistral-7B-v0.3',
    'mistralai/Mixtral-8x7B-Instruct-v0.1': 'mistralai/Mixtral-8x7B-v0.1',
    'Qwen/Qwen2.5-0.5B-Instruct': 'Qwen/Qwen2.5-0.5B',
    'Qwen/Qwen2.5-1.5B-Instruct': 'Qwen/Qwen2.5-1.5B',
    'qwen2.5-3b-instruct': 'Qwen/Qwen2.5-3B',
    'Qwen/Qwen2.5-7B-Instruct': 'Qwen/Qwen2.5-7B',
    'Qwen/Qwen2.5-14B-Instruct': 'Qwen/Qwen2.5-14B',
    'Qwen/Qwen2.5-32B-Instruct': 'Qwen/Qwen2.5-32B',
    'Qwen/Qwen2-0.5B-Instruct': 'Qwen/Qwen2-0.5B',
    'Qwen/Qwen2-7B-Instruct': 'Qwen/Qwen2-7B',
    'google/gemma-2b-it': 'google/gemma-2b',
    'HuggingFaceTB/SmolLM2-135M-Instruct': 'HuggingFaceTB/SmolLM2-135M',
    'HuggingFaceTB/SmolLM2-360M-Instruct': 'HuggingFaceTB/SmolLM2-360M',
    'HuggingFaceTB/SmolLM2-1.7B-Instruct': 'HuggingFaceTB/SmolLM2-1.7B',
  };

  it('resolve to their base entry', () => {
    assert.deepEqual(
      Object.keys(expected).map((k) => findCatalogModel(k)?.id),
      Object.values(expected),
    );
  });

  it('every variant id and short name resolves to its base entry', () => {
    const wrong = CATALOG_VARIANTS.flatMap((v) =>
      [v.id, ...(v.names ?? [])].filter((n) => findCatalogModel(n)?.id !== v.base),
    );
    assert.deepEqual(wrong, []);
    assert.equal(CATALOG_VARIANTS.length, 49);
  });

  it('each names an existing base, says where it was read, and is listed once', () => {
    for (const v of CATALOG_VARIANTS) {
      assert.ok(
        MODEL_CATALOG.some((e) => e.id === v.base),
        v.id,
      );
      assert.ok(v.readFrom.length > 20, v.id);
      assert.equal(findCatalogVariant(v.id), v);
    }
    assert.equal(new Set(CATALOG_VARIANTS.map((v) => v.id)).size, CATALOG_VARIANTS.length);
  });

  it('leaves out variants whose config.json could not be checked', () => {
    for (const id of [
      'google/gemma-2-2b-it',
      'microsoft/Phi-3-mini-128k-instruct',
      // vocab_size 32002 (two added ChatML tokens) against the base's 32000: not the base's shape.
      'teknium/OpenHermes-2.5-Mistral-7B',
    ]) {
      assert.equal(findCatalogModel(id), undefined, id);
    }
  });

  it('resolution of a variant carries a note naming the base and what differs', () => {
    const r = resolveModelLocal('Qwen/Qwen3-4B-Instruct-2507', { cwd: '/', env: {}, homeDir: home() });
    assert.equal(r?.location, 'Qwen/Qwen3-4B');
    assert.equal(
      r?.note,
      'Qwen/Qwen3-4B-Instruct-2507 has the architecture of Qwen/Qwen3-4B (differs only in max_position_embeddings 262144 and rope_theta 5000000); its config.json was checked against it',
    );
    assert.equal(resolveModelLocal('qwen3-4b', { cwd: '/', env: {}, homeDir: home() })?.note, undefined);
  });
});

describe('models: quantized mirrors and re-uploads', () => {
  it("resolve to the base with a note that quantization is the config's concern", () => {
    const m = matchCatalogModel('unsloth/llama-3-8b-bnb-4bit');
    assert.equal(m?.entry.id, 'meta-llama/Meta-Llama-3-8B');
    assert.equal(m?.via, 'mirror');
    assert.match(
      m?.note ?? '',
      /^unsloth\/llama-3-8b-bnb-4bit is a bnb-4bit quantized copy of meta-llama\/Meta-Llama-3-8B: same architecture.*load_in_4bit/,
    );
    assert.equal(matchCatalogModel('TheBloke/Llama-2-7B-Chat-GPTQ')?.entry.id, 'meta-llama/Llama-2-7b-hf');
    assert.equal(matchCatalogModel('TheBloke/Llama-2-13B-chat-GPTQ')?.entry.id, 'meta-llama/Llama-2-13b-hf');
    assert.equal(matchCatalogModel('Qwen/Qwen2.5-7B-Instruct-AWQ')?.entry.id, 'Qwen/Qwen2.5-7B');
    assert.equal(matchCatalogModel('Qwen/Qwen2.5-1.5B-Instruct-GPTQ-Int4')?.entry.id, 'Qwen/Qwen2.5-1.5B');
    assert.equal(matchCatalogModel('unsloth/Qwen3-4B-Instruct-2507-bnb-4bit')?.entry.id, 'Qwen/Qwen3-4B');
    assert.equal(
      matchCatalogModel('unsloth/Qwen3-4B-Instruct-2507')?.note,
      "unsloth/Qwen3-4B-Instruct-2507 is a re-upload of Qwen/Qwen3-4B-Instruct-2507 by unsloth: the catalog's config.json is used",
    );
  });

  it('do not map fine-tunes or unknown orgs without a quantization suffix', () => {
    assert.equal(matchCatalogModel('someone/Qwen3-4B'), undefined);
    assert.equal(matchCatalogModel('teknium/OpenHermes-2.5-Mistral-7B'), undefined);
    assert.equal(
      matchCatalogModel('unsloth/gemma-2-2b-it-bnb-4bit'),
      undefined,
      'gemma-2-2b-it is not a verified variant',
    );
  });

  it('resolveModelLocal returns the mirror as a catalog model with its note', () => {
    const r = resolveModelLocal('unsloth/gemma-2-9b-it-bnb-4bit', { cwd: '/', env: {}, homeDir: home() });
    assert.equal(r?.kind, 'catalog');
    assert.equal(r?.location, 'google/gemma-2-9b');
    assert.match(r?.note ?? '', /quantized copy of google\/gemma-2-9b-it/);
  });
});

describe('models: parameter totals of new entries', () => {
  it('SmolLM2-360M has 361,821,120 parameters (published printout) and SmolLM2-135M 134,515,008', () => {
    const full = { peft_type: 'FULL' };
    assert.equal(
      estimateParameters(findCatalogModel('HuggingFaceTB/SmolLM2-360M')!.config, full).baseParams,
      361_821_120,
    );
    assert.equal(estimateParameters(findCatalogModel('smollm2-135m')!.config, full).baseParams, 134_515_008);
  });

  it('Qwen2.5-0.5B has 494,032,768 and SmolLM2-1.7B 1,711,376,384 (by hand from their shapes; model cards: 0.49B, 1.7B)', () => {
    const full = { peft_type: 'FULL' };
    // Qwen2.5-0.5B: 24 × (q,o 896² + k,v 896·128 + q/k/v biases 1152 + MLP 3·896·4864 + norms 1792) + tied 151936·896 + 896.
    assert.equal(estimateParameters(findCatalogModel('qwen2.5-0.5b')!.config, full).baseParams, 494_032_768);
    // SmolLM2-1.7B: 24 × (4·2048² + 3·2048·8192 + 4096) + tied 49152·2048 + 2048.
    assert.equal(
      estimateParameters(findCatalogModel('smollm2-1.7b')!.config, full).baseParams,
      1_711_376_384,
    );
  });

  it('a variant counts exactly what its base counts', () => {
    const full = { peft_type: 'FULL' };
    const base = estimateParameters(findCatalogModel('Qwen/Qwen3-4B')!.config, full).baseParams;
    assert.equal(
      estimateParameters(findCatalogModel('Qwen/Qwen3-4B-Instruct-2507')!.config, full).baseParams,
      base,
    );
    // By hand: 36 × (q,o 2560·4096 ×2 + k,v 2560·1024 ×2 + q/k norms 256 + MLP 3·2560·9728 + norms 5120) + tied 151936·2560 + 2560.
    assert.equal(base, 4_022_468_096);
  });
});
