// Schema-level checks of schemas/{axolotl,llamafactory,llamafactory-v1}.schema.json with ajv directly:
// every real corpus file of these dialects validates except the listed, explained findings, and every
// broken variant of the manifest is caught by the schema (or documented in x-rules for cross-field kinds).
// The engine's corpus test is the authoritative end-to-end one; this one guards the schemas themselves.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import * as YAML from 'yaml';
import { describeWithShared } from '../support/shared';

const root = resolve(__dirname, '../../..');
const DIALECTS = ['axolotl', 'llamafactory', 'llamafactory-v1'] as const;
type Dialect = (typeof DIALECTS)[number];
type Json = Record<string, unknown>;

interface FileRow {
  path: string;
  dialect: string;
  commit: string;
}
interface Mutation {
  id: string;
  file: string;
  dialect: string;
  kind: string;
  key: string;
}

const schemas = Object.fromEntries(
  DIALECTS.map((d) => [
    d,
    JSON.parse(readFileSync(resolve(root, 'schemas', `${d}.schema.json`), 'utf8')) as Json,
  ]),
) as Record<Dialect, Json>;
const ajv = new Ajv({ strict: false, allErrors: true });
const validators = Object.fromEntries(DIALECTS.map((d) => [d, ajv.compile(schemas[d])])) as Record<
  Dialect,
  ValidateFunction
>;
const ours = (dialect: string): boolean => (DIALECTS as readonly string[]).includes(dialect);
const corpusFiles = (corpus: string): FileRow[] =>
  (JSON.parse(readFileSync(resolve(corpus, 'files.json'), 'utf8')) as FileRow[]).filter((f) =>
    ours(f.dialect),
  );
const corpusMutations = (corpus: string): Mutation[] =>
  (JSON.parse(readFileSync(resolve(corpus, 'mutations/manifest.json'), 'utf8')) as Mutation[]).filter((m) =>
    ours(m.dialect),
  );

// PyYAML's resolvers (YAML 1.1): a float needs a dot (and a signed exponent); other number-like plain
// scalars such as 2e-5 stay strings. The npm yaml 1.1 schema reads 2e-5 as a float, so emulate here.
const PY_FLOAT =
  /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const PY_INT = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$/;
function parseAs(text: string, loader: unknown): unknown {
  if (loader !== 'pyyaml') return YAML.parse(text);
  const doc = YAML.parseDocument(text, { version: '1.1' });
  YAML.visit(doc, {
    Scalar(_key, node) {
      const src = (node as { source?: string }).source;
      if (
        node.type === 'PLAIN' &&
        typeof node.value === 'number' &&
        src !== undefined &&
        !PY_FLOAT.test(src) &&
        !PY_INT.test(src)
      )
        node.value = src;
    },
  });
  return doc.toJS();
}

function valueAt(doc: unknown, pointer: string): unknown {
  let v = doc;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    v = v !== null && typeof v === 'object' ? (v as Json)[key] : undefined;
  }
  return v;
}

/** A numeric string on a number field that the framework converts itself (pydantic lax mode). */
function isConvertedNumber(e: ErrorObject, dialect: Dialect, doc: unknown): boolean {
  if (e.keyword !== 'type' || schemas[dialect]['x-coercesStrings'] !== true) return false;
  const v = valueAt(doc, e.instancePath);
  const types = ([] as string[]).concat(e.params.type as string | string[]);
  return (
    typeof v === 'string' &&
    /^[-+]?(\d[\d_]*\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(v) &&
    (types.includes('number') || (types.includes('integer') && Number.isInteger(Number(v))))
  );
}

function findings(dialect: Dialect, doc: unknown): string[] {
  if (validators[dialect](doc)) return [];
  return (validators[dialect].errors ?? [])
    .filter((e) => !isConvertedNumber(e, dialect, doc))
    .map((e) =>
      e.keyword === 'additionalProperties'
        ? `${e.instancePath}/${String(e.params.additionalProperty)} unknown`
        : `${e.instancePath} ${e.keyword}`,
    );
}

const IGNORED = 'Axolotl silently ignores this unknown key (pydantic extra=ignore): a warning';
const REJECTED = "rejected by Axolotl's pydantic model at launch: a real error in the example";
/** Findings on real files, each with the reason it is right. Anything else fails the test. */
const EXPECTED: Record<string, Record<string, string>> = {
  'axolotl/examples/archived/cerebras/btlm-ft.yml': {
    '/adam_eps unknown': `${IGNORED} (the field is adam_epsilon)`,
    '/gptq_groupsize unknown': IGNORED,
    '/gptq_model_v1 unknown': IGNORED,
    '/sample_packing_seq_len_multiplier unknown': IGNORED,
  },
  'axolotl/examples/llama-2/gptq-lora.yml': {
    '/adam_eps unknown': `${IGNORED} (the field is adam_epsilon)`,
    '/gptq_disable_exllama unknown': IGNORED,
  },
  'axolotl/examples/falcon-h1/falcon-h1-1b-qlora-cp.yaml': {
    '/context_parapllel_size unknown': `${IGNORED}: the misspelt context_parallel_size the corpus README names`,
  },
  'axolotl/examples/mistral-medium-3_5/qlora-vision.yml': {
    '/output_dir type': `output_dir: (null); ${REJECTED}`,
  },
  'axolotl/examples/archived/jeopardy-bot/config.yml': {
    '/tokens type': `tokens given as a mapping; ${REJECTED}`,
  },
  'axolotl/examples/archived/mpt-7b/config.yml': { '/tokens type': `tokens given as a mapping; ${REJECTED}` },
  'axolotl/examples/expert_parallel/qwen3_30ba3b_ep_fft_4gpu.yaml': {
    '/warmup_steps type': `warmup_steps: 0.1 on an int field; ${REJECTED}`,
  },
  'axolotl/examples/expert_parallel/qwen3_30ba3b_ep_lora_4gpu.yaml': {
    '/warmup_steps type': `warmup_steps: 0.1 on an int field; ${REJECTED}`,
  },
};
const FSDP_IGNORED =
  'not an FSDPConfig field (after the fsdp_ prefix is stripped); Axolotl drops it: a warning';
const GENERIC: Record<string, string> = {
  '/debug unknown': IGNORED,
  '/eta_min unknown': IGNORED,
  '/full_finetune unknown': IGNORED,
  '/gptq_groupsize unknown': IGNORED,
  '/gptq_model_v1 unknown': IGNORED,
  '/fsdp_config/fsdp_limit_all_gathers unknown': FSDP_IGNORED,
  '/fsdp_config/fsdp_sharding_strategy unknown': FSDP_IGNORED,
  '/fsdp_config/sharding_strategy unknown': FSDP_IGNORED,
  '/fsdp_config/fsdp_backward_prefetch unknown': FSDP_IGNORED,
};

describe('schemas: Axolotl / LLaMA-Factory annotations', () => {
  for (const d of DIALECTS) {
    it(`${d}: $id, loader and unknown-key policy`, () => {
      const s = schemas[d];
      assert.equal(s.$id, `https://ml-config-lens.dev/schemas/${d}.schema.json`);
      assert.equal(s.$schema, 'http://json-schema.org/draft-07/schema#');
      assert.equal(s.additionalProperties, false);
      assert.deepEqual(
        [s['x-loader'], s['x-unknownKeys']],
        d === 'axolotl' ? ['pyyaml', 'warning'] : ['omegaconf', 'error'],
      );
    });
    it(`${d}: every property, nested ones included, has a description`, () => {
      const missing: string[] = [];
      const walk = (props: unknown, at: string): void => {
        for (const [k, v] of Object.entries((props ?? {}) as Record<string, Json>)) {
          if (typeof v.description !== 'string' || v.description.length < 8) missing.push(at + k);
          walk(v.properties, `${at}${k}.`);
        }
      };
      walk(schemas[d].properties, '');
      for (const [name, def] of Object.entries((schemas[d].definitions ?? {}) as Record<string, Json>))
        walk(def.properties, `${name}.`);
      assert.deepEqual(missing, []);
    });
  }
  it('exact facts: Axolotl converts learning_rate strings; LLaMA-Factory LoRA rank >= 1; v1 flash_attn values', () => {
    const ax = schemas.axolotl.properties as Record<string, Json>;
    assert.equal(ax.learning_rate['x-coercesString'], true);
    assert.deepEqual(ax.lora_r['x-paper'], {
      title: 'LoRA: Low-Rank Adaptation of Large Language Models',
      arxiv: '2106.09685',
    });
    assert.equal(ax.flash_attention.deprecated, true);
    const lf = schemas.llamafactory.properties as Record<string, Json>;
    assert.equal(lf.lora_rank.minimum, 1);
    assert.ok(
      (lf.template.enum as unknown[]).includes('qwen3') &&
        !(lf.template.enum as unknown[]).includes('qwen-3'),
    );
    assert.equal(lf.warmup_ratio['x-renamedTo'], 'warmup_steps');
    assert.deepEqual((schemas['llamafactory-v1'].properties as Record<string, Json>).flash_attn.enum, [
      'eager',
      'sdpa',
      'flash_attention_2',
    ]);
  });
});

describeWithShared('corpus', 'schemas: real corpus files (Axolotl / LLaMA-Factory)', (corpus) => {
  const files = corpusFiles(corpus);
  for (const d of DIALECTS) {
    it(`${d}: the schema records the framework commit of the corpus files`, () => {
      assert.equal((schemas[d]['x-framework'] as Json).commit, files.find((f) => f.dialect === d)?.commit);
    });
  }
  it(`validate with only the listed, explained findings (${files.length} files)`, () => {
    const unexplained: string[] = [];
    const unseen = new Set(
      Object.entries(EXPECTED).flatMap(([f, m]) => Object.keys(m).map((k) => `${f} ${k}`)),
    );
    for (const f of files) {
      const dialect = f.dialect as Dialect;
      const rel = f.path.replace(/^real\//, '');
      const doc = parseAs(readFileSync(resolve(corpus, f.path), 'utf8'), schemas[dialect]['x-loader']);
      for (const item of new Set(findings(dialect, doc))) {
        unseen.delete(`${rel} ${item}`);
        if (!EXPECTED[rel]?.[item] && !(dialect === 'axolotl' && GENERIC[item]))
          unexplained.push(`${rel}: ${item}`);
      }
    }
    assert.deepEqual(unexplained, []);
    assert.deepEqual([...unseen], []);
  });
});

const RULE_FOR_KIND: Record<string, string> = {
  'qlora-without-4bit': 'ax-qlora-needs-4bit',
  'quantization-with-full-finetuning': 'lf-quantization-needs-lora',
};

describeWithShared('corpus', 'schemas: broken variants of the manifest', (corpus) => {
  for (const m of corpusMutations(corpus)) {
    it(`${m.id} ${m.dialect} ${m.kind} ${m.key}`, () => {
      const dialect = m.dialect as Dialect;
      const s = schemas[dialect];
      if (RULE_FOR_KIND[m.kind]) {
        assert.ok((s['x-rules'] as { id: string }[]).some((r) => r.id === RULE_FOR_KIND[m.kind]));
        return;
      }
      if (m.kind === 'deprecated-key') {
        assert.equal((s.properties as Record<string, Json>)[m.key].deprecated, true);
        return;
      }
      const doc = parseAs(readFileSync(resolve(corpus, m.file), 'utf8'), s['x-loader']);
      const errors = validators[dialect](doc) ? [] : (validators[dialect].errors ?? []);
      const hits = errors.filter((e) =>
        m.kind === 'typo-key'
          ? e.params.additionalProperty === m.key
          : e.instancePath.split('/').pop() === m.key,
      );
      assert.ok(
        hits.length > 0,
        `not caught: ${errors.map((e) => e.instancePath + ' ' + e.message).join('; ')}`,
      );
      if (m.kind === 'pyyaml-float-string') assert.ok(hits.every((e) => isConvertedNumber(e, dialect, doc)));
      if (m.kind === 'out-of-range')
        assert.ok(hits.some((e) => /^(exclusiveM|m)(inimum|aximum)$/.test(e.keyword)));
      if (m.kind === 'bad-enum')
        assert.ok(hits.some((e) => ['enum', 'pattern', 'anyOf'].includes(e.keyword)));
    });
  }
});
