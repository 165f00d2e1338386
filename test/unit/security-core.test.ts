// The pure pieces behind issue 11: Python-regex translation onto RE2, glob limits, Markdown escaping,
// the settings reader, model-size bounds and numeric input checks; with fast-check properties over
// settings values, config.json dimensions and regex-bearing fields.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkModelBounds } from '../../src/core/estimator/bounds';
import { num, numericProblem, NumericInputError } from '../../src/core/estimator-input/fields';
import { buildInventory } from '../../src/core/estimator/inventory';
import { estimateParameters } from '../../src/core/estimator';
import { UnsupportedModelError } from '../../src/core/estimator/inventory/config';
import { fullmatch, matchesSegmentRun, pyMatch, translatePython } from '../../src/core/estimator/pyregex';
import { EstimateError } from '../../src/core/estimator/types';
import { exactCount } from '../../src/core/analysis/format';
import { globMatches, globProblem } from '../../src/core/dialects/glob';
import { escapeMarkdownText, escapeThemeIcons, inlineCode } from '../../src/core/present/markdown';
import { readSettings } from '../../src/core/settings';

describe('security: Python patterns on RE2', () => {
  it('translates \\Z and {,n}, keeps classes and escapes', () => {
    assert.deepEqual(translatePython('a\\Z'), { re2: 'a\\z' });
    assert.deepEqual(translatePython('x{,3}'), { re2: 'x{0,3}' });
    assert.deepEqual(translatePython('[(?=]\\(?=x'), { re2: '[(?=]\\(?=x' });
    assert.deepEqual(translatePython('[]1]\\d'), { re2: '[]1]\\d' });
  });
  it('names each feature RE2 cannot run in linear time', () => {
    const cases: Array<[string, string]> = [
      ['(a)\\1', 'a backreference (\\1)'],
      ['(?P<x>a)(?P=x)', 'a named backreference (?P=…)'],
      ['a(?=b)', 'a lookahead (?=…)'],
      ['a(?!b)', 'a negative lookahead (?!…)'],
      ['(?<=a)b', 'a lookbehind (?<=…)'],
      ['(?<!a)b', 'a negative lookbehind (?<!…)'],
      ['(a)?(?(1)b|c)', 'a conditional group (?(…)…)'],
      ['(?>a+)b', 'an atomic group (?>…)'],
      ['a*+b', 'a possessive quantifier (*+)'],
    ];
    for (const [p, what] of cases) assert.deepEqual(translatePython(p), { unsupported: what }, p);
    assert.throws(() => fullmatch('a(?=b)', 'ab'), {
      message: 'pattern "a(?=b)" uses a lookahead (?=…), which ML Config Lens does not evaluate',
    });
  });
  it('gives Python re answers: fullmatch, match groups, named groups', () => {
    assert.equal(fullmatch('.*\\.(q|v)_proj', 'model.layers.0.self_attn.q_proj'), true);
    assert.equal(fullmatch('.*\\.(q|v)_proj', 'model.layers.0.self_attn.q_proj.x'), false);
    assert.deepEqual(pyMatch('.*?\\.[^.]*\\.(\\d+)\\.', 'model.layers.12.mlp.up_proj'), [
      'model.layers.12.',
      '12',
    ]);
    assert.equal(fullmatch('(?P<l>layers)\\.0\\..*', 'layers.0.q'), true);
    assert.equal(fullmatch('(.*.*)*x', 'a'.repeat(5_000)), false);
  });
  it('property: the text fast path for plain module names answers as the pattern does', () => {
    const seg = fc.constantFrom('lm_head', 'embed', 'model', 'layers', '0', 'head', 'lm');
    fc.assert(
      fc.property(seg, fc.array(seg, { minLength: 1, maxLength: 5 }), (name, parts) => {
        const key = parts.join('.');
        assert.equal(
          matchesSegmentRun(name, key),
          pyMatch(`(^|.*\\.)${name}($|\\..*)`, key) !== null,
          `${name} in ${key}`,
        );
      }),
      { numRuns: 300 },
    );
  });
  it('property: any string as a pattern either answers or is an EstimateError', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), (p, key) => {
        try {
          assert.equal(typeof fullmatch(p, key), 'boolean');
        } catch (e) {
          assert.ok(e instanceof EstimateError, String(e));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('security: globs from settings', () => {
  it('keeps the documented forms and refuses what needs lookaround or is too long', () => {
    assert.ok(globMatches('**/recipes/*.yaml', '/w/recipes/a.yaml'));
    assert.ok(globMatches('*.{yaml,yml}', '/w/a.yml'));
    assert.ok(!globMatches('*.yaml', '/w/../a.yaml'));
    assert.equal(globProblem('a'.repeat(201)), 'glob is 201 characters long (the limit is 200)');
    assert.equal(globProblem('**?**?**?**?**?**?**?!'), undefined);
    assert.equal(globMatches('**?**?**?**?**?**?**?!', `/${'a/'.repeat(2_000)}b`), false);
  });
});

describe('security: Markdown escaping', () => {
  it('escapes links, images, HTML, emphasis and bare URLs', () => {
    assert.equal(
      escapeMarkdownText('x ![t](https://e.x/b.png) <b>*y*</b>'),
      'x \\!\\[t\\]\\(https\\://e\\.x/b\\.png\\) \\<b\\>\\*y\\*\\</b\\>',
    );
    assert.equal(escapeMarkdownText('a\nb'), 'a b');
  });
  it('fences a code span longer than any backtick run inside', () => {
    assert.equal(inlineCode('q_proj'), '`q_proj`');
    assert.equal(inlineCode('q`_proj'), '``q`_proj``');
    assert.equal(inlineCode('`a``'), '``` `a`` ```');
    assert.equal(escapeThemeIcons('$(alert) x'), '$\\(alert) x');
  });
});

describe('security: settings reader', () => {
  const read = (values: Record<string, unknown>) => readSettings((id) => values[id]);
  it('defaults from package.json when nothing is set', () => {
    assert.deepEqual(read({}), {
      settings: {
        filesAssociations: {},
        validationEnabled: true,
        maxDiagnostics: 100,
        frameworkVersions: {},
        allowNetwork: false,
        codeLensEnabled: true,
        hoverLiveEffects: true,
        statusBarEnabled: true,
        sweepTrainingConfig: '',
      },
      warnings: [],
    });
  });
  it('wrong types fall back with a warning each; good entries kept', () => {
    const r = read({
      'mlConfig.validation.enable': 'yes',
      'mlConfig.validation.maxDiagnostics': 2.5,
      'mlConfig.files.associations': { '**/a/*.yaml': 'trl', 'b/*.yaml': 'nope', ['x'.repeat(300)]: 'trl' },
      'mlConfig.validation.frameworkVersions': { trl: '0.26', peft: 5 },
    });
    assert.deepEqual(r.settings.filesAssociations, { '**/a/*.yaml': 'trl' });
    assert.deepEqual(r.settings.frameworkVersions, { trl: '0.26' });
    assert.equal(r.settings.validationEnabled, true);
    assert.equal(r.settings.maxDiagnostics, 100);
    assert.deepEqual(r.warnings, [
      'mlConfig.files.associations: "b/*.yaml" maps to unknown dialect "nope"; ignored',
      `mlConfig.files.associations: ${JSON.stringify('x'.repeat(300)).slice(0, 80)} is not used: glob is 300 characters long (the limit is 200); ignored`,
      'mlConfig.validation.enable should be true or false, not string; using true',
      'mlConfig.validation.maxDiagnostics should be a whole number of at least 1, not 2.5; using 100',
      'mlConfig.validation.frameworkVersions: "peft" should map to a version such as "0.26", not number; ignored',
    ]);
  });
  it('property: any JSON values give typed settings and never throw', () => {
    const ids = [
      'mlConfig.files.associations',
      'mlConfig.validation.enable',
      'mlConfig.validation.maxDiagnostics',
      'mlConfig.validation.frameworkVersions',
      'mlConfig.huggingFace.allowNetwork',
    ];
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...ids), fc.jsonValue()), (values) => {
        const { settings } = read(values);
        assert.equal(typeof settings.validationEnabled, 'boolean');
        assert.ok(Number.isInteger(settings.maxDiagnostics) && settings.maxDiagnostics >= 1);
        for (const v of Object.values(settings.frameworkVersions)) assert.equal(typeof v, 'string');
        for (const v of Object.values(settings.filesAssociations)) assert.equal(typeof v, 'string');
      }),
      { numRuns: 300 },
    );
  });
});

describe('security: model sizes and numeric inputs', () => {
  it('refuses oversized dimensions before building', () => {
    assert.throws(
      () => checkModelBounds({ text_config: { num_hidden_layers: 5_000 } }),
      /too large: 5,000 layers in config.json field "text_config.num_hidden_layers"/,
    );
    assert.throws(() => checkModelBounds({ num_hidden_layers: 900, num_experts: 900 }), {
      message:
        'too large: 900 layers × 900 experts (ML Config Lens counts models up to 200,000 expert modules)',
    });
    assert.doesNotThrow(() =>
      checkModelBounds({ num_hidden_layers: 126, hidden_size: 16_384, vocab_size: 262_208 }),
    );
  });
  it('refuses layer counts taken from a list or pattern length, and a resolved count over the limit', () => {
    assert.throws(() => checkModelBounds({ hybrid_override_pattern: 'M'.repeat(1_001) }), {
      message:
        'too large: 1,001 layers (its length) in config.json field "hybrid_override_pattern" (ML Config Lens counts models up to 1,000 layers (its length))',
    });
    assert.throws(
      () => checkModelBounds({ vision_config: { deepstack_visual_indexes: new Array(100_000).fill(8) } }),
      /too large: 100,000 layers \(its length\) in config\.json field "vision_config\.deepstack_visual_indexes"/,
    );
    assert.throws(
      () => buildInventory({ model_type: 'nemotron_h', layers_block_type: new Array(200_000).fill('moe') }),
      /too large: 200,000 layers \(its length\) in config\.json field "layers_block_type"/,
    );
    assert.doesNotThrow(() => checkModelBounds({ layer_types: new Array(126).fill('full_attention') }));
  });
  it('names a few distinct bad nemotron_h layer types, never the whole pattern', () => {
    assert.throws(
      () => buildInventory({ model_type: 'nemotron_h', hybrid_override_pattern: 'MX'.repeat(400) }),
      {
        message:
          'nemotron_h: layer types "X" are not one of M, E, *, - (mamba, moe, attention, mlp); transformers refuses this config',
      },
    );
    const many = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'x'.repeat(100)];
    assert.throws(() => buildInventory({ model_type: 'nemotron_h', layers_block_type: many }), {
      message:
        'nemotron_h: layer types "a", "b", "c", "d", "e" and 3 more are not one of M, E, *, - (mamba, moe, attention, mlp); transformers refuses this config',
    });
  });
  it('refuses prefix-tuning inputs PEFT would divide by zero or that are not head counts', () => {
    const prefix = { peft_type: 'PREFIX_TUNING', num_virtual_tokens: 10, task_type: 'CAUSAL_LM' };
    const qwen2 = { model_type: 'qwen2', num_hidden_layers: 2, num_key_value_heads: 2 };
    for (const [field, v] of [
      ['head_dim', 0],
      ['head_dim', -3],
      ['head_dim', 2.5],
      ['num_key_value_heads', 0],
    ] as const) {
      assert.throws(() => estimateParameters({ ...qwen2, [field]: v }, prefix), {
        message: `config.json field "${field}" must be a positive integer, got ${v}`,
      });
    }
    assert.throws(
      () =>
        estimateParameters(
          { model_type: 'gpt2', n_layer: 2, num_key_value_heads: 2 },
          {
            ...prefix,
            num_attention_heads: 0,
          },
        ),
      { message: 'num_attention_heads must be a positive integer, got 0' },
    );
  });
  it('refuses hybrid schedules transformers refuses: Jamba expert offset, Qwen3-Next interval 0', () => {
    assert.throws(() => buildInventory({ model_type: 'jamba', expert_layer_offset: 5 }), {
      message: 'jamba: expert_layer_offset (5) must be smaller than expert_layer_period (2)',
    });
    assert.throws(() => buildInventory({ model_type: 'qwen3_next', full_attention_interval: 0 }), {
      message: 'config.json field "full_attention_interval" must be a positive integer, got 0',
    });
  });
  it('property: any llama dimensions either build or are refused with a model error', () => {
    const dim = fc.oneof(
      fc.integer({ min: 0, max: 64 }),
      fc.integer({ min: 0, max: 2e9 }),
      fc.constantFrom(1e300, -1, 0.5, NaN),
    );
    fc.assert(
      fc.property(dim, dim, dim, (layers, hidden, vocab) => {
        try {
          const inv = buildInventory({
            model_type: 'llama',
            num_hidden_layers: layers,
            hidden_size: hidden,
            intermediate_size: 16,
            num_attention_heads: 1,
            num_key_value_heads: 1,
            vocab_size: vocab,
          });
          assert.ok(inv.modules.length < 200_000);
        } catch (e) {
          assert.ok(e instanceof UnsupportedModelError, String(e));
        }
      }),
      { numRuns: 200 },
    );
  });
  it('counts above 2^53 read as approximate', () => {
    assert.equal(exactCount(4_194_304), '4,194,304');
    assert.equal(exactCount(2 ** 53 + 2), '≈ 9.01e15');
  });
  it('num refuses NaN, infinities, values over 1e15 and unresolved interpolations', () => {
    assert.equal(num('2e-4'), 0.0002);
    assert.equal(num('abc'), undefined);
    assert.equal(numericProblem(1e16), 'is 1.00e+16, over the 1e15 limit');
    for (const v of [NaN, Infinity, '.inf', 1e300, '${model.rank}'])
      assert.throws(() => num(v), NumericInputError, String(v));
  });
});
