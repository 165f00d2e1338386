// The PEFT, AdapterHub, TRL and torchtune schemas checked directly with ajv against the real corpus
// (../shared/corpus): every real file gives exactly the findings listed here, each with the reason it
// is right, and every broken variant of these dialects gives a new finding on the manifest's key.
// The engine's corpus test (mapped ranges, severities) is the authoritative one; this one pins the schemas.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { parseDocument, visit } from 'yaml';
import { EXPECTED_REAL } from './schemas-peft-trl-torchtune.expected';
import { describeWithShared } from '../support/shared';

type Json = Record<string, unknown>;
const root = resolve(__dirname, '../../..');
const DIALECT_SCHEMA: Record<string, string> = {
  'peft-adapter-config': 'peft',
  trl: 'trl',
  torchtune: 'torchtune',
};

interface Compiled {
  schema: Json;
  validate: ValidateFunction;
  rules: { id: string; key: string[]; test: ValidateFunction }[];
}
const compiled = new Map<string, Compiled>();
function load(name: string): Compiled {
  let c = compiled.get(name);
  if (!c) {
    const schema = JSON.parse(readFileSync(resolve(root, 'schemas', `${name}.schema.json`), 'utf8')) as Json;
    const ajv = new Ajv({ strict: false, allErrors: true });
    const rules = ((schema['x-rules'] ?? []) as Json[]).map((r) => ({
      id: String(r.id),
      key: ([] as string[]).concat(r.key as string | string[]),
      test: ajv.compile(r.when as Json),
    }));
    c = { schema, validate: ajv.compile(schema), rules };
    compiled.set(name, c);
  }
  return c;
}

/** Parses like the framework's loader: PyYAML (YAML 1.1) keeps a dot-less `2e-5` as a string. */
function parse(text: string, file: string, loader: unknown): Json {
  if (file.endsWith('.json')) return JSON.parse(text) as Json;
  const doc = parseDocument(text);
  if (loader === 'pyyaml') {
    visit(doc, {
      Scalar(_k, node) {
        if (node.type === 'PLAIN' && /^[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+$/.test(node.source ?? ''))
          node.value = node.source;
      },
    });
  }
  return doc.toJS() as Json;
}

/** Schema errors, fired x-rules and deprecation annotations, as stable strings. */
function findings(name: string, doc: Json): string[] {
  const { schema, validate, rules } = load(name);
  const out: string[] = [];
  if (!validate(doc)) {
    for (const e of validate.errors ?? []) {
      if (['if', 'anyOf', 'oneOf'].includes(e.keyword)) continue;
      const extra = (e.params as { additionalProperty?: string }).additionalProperty;
      out.push(`${e.keyword} ${e.instancePath}${extra ? `/${extra}` : ''}`);
    }
  }
  for (const r of rules) if (r.test(doc)) out.push(`rule ${r.id}`);
  const defs = (schema.definitions ?? {}) as Record<string, { properties?: Record<string, Json> }>;
  const typeDef = typeof doc.peft_type === 'string' ? defs[doc.peft_type] : undefined;
  const props = (typeDef?.properties ?? schema.properties) as Record<string, Json>;
  const componentPath = defs.component?.properties?._component_ as Json | undefined;
  const deprecatedValues = (componentPath?.['x-deprecatedValues'] ?? {}) as Record<string, string>;
  for (const [k, v] of Object.entries(doc)) {
    if (props[k]?.deprecated === true) out.push(`deprecated /${k}`);
    const comp = (v as Json | null)?._component_;
    if (typeof comp === 'string' && deprecatedValues[comp]) out.push(`deprecated-value /${k}/_component_`);
  }
  return [...new Set(out)].sort();
}

function findingsOfFile(corpus: string, name: string, rel: string): string[] {
  const p = resolve(corpus, rel);
  return findings(name, parse(readFileSync(p, 'utf8'), p, load(name).schema['x-loader']));
}

describe('schemas: PEFT, AdapterHub, TRL, torchtune', () => {
  for (const name of ['peft', 'adapterhub', 'trl', 'torchtune']) {
    it(`${name}: draft-07, our $id, framework commit, loader and unknown-key policy`, () => {
      const { schema } = load(name);
      assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
      assert.equal(schema.$id, `https://ml-config-lens.dev/schemas/${name}.schema.json`);
      const fw = schema['x-framework'] as { commit: string; version: string };
      assert.match(fw.commit, /^[0-9a-f]{40}$/);
      assert.ok(['pyyaml', 'omegaconf', 'json'].includes(String(schema['x-loader'])));
      assert.ok(['error', 'warning'].includes(String(schema['x-unknownKeys'])));
    });
  }

  it('describes and types every top-level field', () => {
    const { schema: trl } = load('trl');
    const { schema: tt } = load('torchtune');
    const { schema: peft } = load('peft');
    const peftDefs = peft.definitions as Record<string, { properties?: Record<string, Json> }>;
    const all = [
      trl.properties,
      tt.properties,
      ...Object.values(peftDefs).map((d) => d.properties),
    ] as Record<string, Json>[];
    for (const props of all) {
      for (const [k, p] of Object.entries(props)) {
        assert.ok(typeof p.description === 'string' && p.description.length > 3, `description of ${k}`);
        assert.ok(
          ['type', 'enum', 'anyOf', 'allOf', 'const', '$ref'].some((t) => t in p),
          `type of ${k}`,
        );
      }
    }
  });

  it('covers every peft_type of the PEFT release with its own field list', () => {
    const { schema } = load('peft');
    const types = (schema.properties as Record<string, { enum: string[] }>).peft_type.enum;
    assert.equal(types.length, 44);
    const lora = (schema.definitions as Record<string, { properties: Record<string, Json> }>).LORA.properties;
    assert.deepEqual(lora.r, { ...lora.r, type: 'integer', minimum: 1, default: 8 });
    assert.deepEqual((lora.use_dora['x-paper'] as Json).arxiv, '2402.09353');
  });

  it('treats ${...} interpolations in torchtune as values, not type errors', () => {
    const base = {
      output_dir: '/tmp/x',
      batch_size: 2,
      epochs: 1,
      tokenizer: { _component_: 'torchtune.models.llama3.llama3_tokenizer', path: 'p' },
      checkpointer: {
        _component_: 'torchtune.training.FullModelHFCheckpointer',
        checkpoint_dir: 'd',
        checkpoint_files: ['a'],
        output_dir: '${output_dir}',
        model_type: 'LLAMA3',
      },
      model: {
        _component_: 'torchtune.models.llama3_2.lora_llama3_2_1b',
        lora_attn_modules: ['q_proj', 'v_proj'],
        lora_rank: '${rank}',
      },
      optimizer: { _component_: 'torch.optim.AdamW', lr: 3e-4 },
      dtype: 'bf16',
      batch_size_val: '${batch_size}',
    };
    assert.deepEqual(findings('torchtune', base), []);
    assert.deepEqual(findings('torchtune', { ...base, model: { ...base.model, lora_rank: 'eight' } }), [
      'pattern /model/lora_rank',
    ]);
    assert.deepEqual(findings('torchtune', { ...base, model: { ...base.model, lora_rnak: 8 } }), [
      'additionalProperties /model/lora_rnak',
    ]);
  });

  it('keeps TRL exponent strings for the loader note and flags renamed keys', () => {
    const doc = parse(
      'learning_rate: 2e-5\ntorch_dtype: bfloat16\nmax_seq_length: 2048\n',
      'x.yaml',
      'pyyaml',
    );
    assert.equal(doc.learning_rate, '2e-5');
    assert.deepEqual(findings('trl', doc), [
      'deprecated /max_seq_length',
      'deprecated /torch_dtype',
      'type /learning_rate',
    ]);
    const props = load('trl').schema.properties as Record<string, Json>;
    assert.equal(props.torch_dtype['x-renamedTo'], 'dtype');
    assert.equal(props.max_seq_length['x-renamedTo'], 'max_length');
    assert.equal(load('trl').schema['x-coercesStrings'], true);
  });

  it('accepts the accelerate launch keys `trl <command>` forwards, and nothing misspelt', () => {
    const cli = {
      model_name_or_path: 'Qwen/Qwen2.5-0.5B',
      dataset_name: 'trl-lib/Capybara',
      num_processes: 4,
      accelerate_config: 'zero2',
      mixed_precision: 'bf16',
    };
    assert.deepEqual(findings('trl', cli), []);
    assert.deepEqual(findings('trl', { ...cli, num_proceses: 4 }), ['additionalProperties /num_proceses']);
    assert.deepEqual(findings('trl', { ...cli, mixed_precision: 'bfloat16' }), ['enum /mixed_precision']);
  });

  it('tells AdapterHub and PEFT adapter_config.json files apart by content', () => {
    const hub = {
      config: {
        architecture: 'lora',
        r: 8,
        alpha: 16,
        selfattn_lora: true,
        attn_matrices: ['q', 'v'],
        composition_mode: 'add',
      },
      hidden_size: 768,
      model_class: 'BertAdapterModel',
      model_name: 'bert-base-uncased',
      model_type: 'bert',
      name: 'sst2',
      version: 'adapters.1.2.0',
    };
    const bottleneck = {
      ...hub,
      config: {
        mh_adapter: false,
        output_adapter: true,
        reduction_factor: 16,
        non_linearity: 'relu',
        original_ln_before: true,
      },
    };
    assert.deepEqual(findings('adapterhub', hub), []);
    assert.deepEqual(findings('adapterhub', bottleneck), []);
    assert.deepEqual(findings('adapterhub', { ...hub, config: { ...hub.config, r: 0 } }), [
      'minimum /config/r',
    ]);
    assert.deepEqual(
      findings('adapterhub', { ...bottleneck, config: { ...bottleneck.config, reduction_factr: 16 } }),
      ['additionalProperties /config/reduction_factr'],
    );
    assert.deepEqual(findings('peft', hub), ['required ']);
    assert.deepEqual(findings('adapterhub', { peft_type: 'LORA', r: 8 }), ['required ']);
  });
});

describeWithShared('corpus', 'schemas: PEFT, AdapterHub, TRL, torchtune on the real corpus', (corpus) => {
  const files = JSON.parse(readFileSync(resolve(corpus, 'files.json'), 'utf8')) as {
    path: string;
    dialect: string;
  }[];
  const manifest = JSON.parse(readFileSync(resolve(corpus, 'mutations/manifest.json'), 'utf8')) as {
    id: string;
    file: string;
    from: string;
    dialect: string;
    kind: string;
    key: string;
  }[];

  it('gives exactly the expected findings on every real file, each with a reason', () => {
    const actual = new Map<string, string[]>();
    for (const f of files.filter((x) => DIALECT_SCHEMA[x.dialect])) {
      for (const finding of findingsOfFile(corpus, DIALECT_SCHEMA[f.dialect], f.path)) {
        actual.set(finding, [...(actual.get(finding) ?? []), f.path.replace(/^real\//, '')]);
      }
    }
    const expected = new Map(Object.entries(EXPECTED_REAL).map(([k, v]) => [k, [...v.files].sort()]));
    for (const v of Object.values(EXPECTED_REAL)) assert.ok(v.reason.length > 20);
    assert.deepEqual(new Map([...actual].map(([k, v]) => [k, v.sort()])), expected);
  });

  it('reports every broken variant of these dialects on the manifest key', () => {
    const muts = manifest.filter((m) => DIALECT_SCHEMA[m.dialect]);
    assert.equal(muts.length, 54);
    for (const m of muts) {
      const name = DIALECT_SCHEMA[m.dialect];
      const before = new Set(findingsOfFile(corpus, name, m.from));
      const added = findingsOfFile(corpus, name, m.file).filter((f) => !before.has(f));
      const { rules } = load(name);
      const onKey = added.some(
        (f) =>
          f.split(/[ /]/).includes(m.key) ||
          (f.startsWith('rule ') && rules.find((r) => `rule ${r.id}` === f)?.key.includes(m.key)),
      );
      assert.ok(onKey, `${m.id} ${m.kind} ${m.key}: ${added.join(' | ')}`);
    }
  });
});
