// PEFT 0.20.0's name-matching rules, checked one by one with exact expectations.
import * as assert from 'node:assert/strict';
import {
  allLinearNames,
  checkTarget,
  countEntryMatches,
  isModuleToSave,
  layerIndexOf,
  patternValue,
  type TargetSpec,
} from '../../src/core/estimator/matching';
import { fullmatch, pyMatch } from '../../src/core/estimator/pyregex';
import { buildTree } from '../../src/core/estimator/tree';
import type { ModelInventory, ModuleInfo } from '../../src/core/estimator/types';

const spec = (over: Partial<TargetSpec>): TargetSpec => ({
  targetModules: null,
  excludeModules: null,
  modulesToSave: null,
  layersToTransform: null,
  layersPattern: null,
  targetParameters: null,
  ...over,
});

function linear(name: string, inF: number, outF: number, extra: Partial<ModuleInfo> = {}): ModuleInfo {
  return {
    name,
    kind: 'Linear',
    inFeatures: inF,
    outFeatures: outF,
    weightParams: inF * outF,
    biasParams: 0,
    ...extra,
  };
}

/** A two-layer toy decoder, named as transformers names Llama. */
function toyInventory(): ModelInventory {
  const modules: ModuleInfo[] = [
    {
      name: 'model.embed_tokens',
      kind: 'Embedding',
      inFeatures: 100,
      outFeatures: 8,
      weightParams: 800,
      biasParams: 0,
    },
  ];
  for (const i of [0, 1]) {
    const at = (n: string) => ({ layerIndex: i, layersPattern: 'layers', name: `model.layers.${i}.${n}` });
    modules.push(linear('', 8, 8, at('self_attn.q_proj')), linear('', 8, 4, at('self_attn.v_proj')));
    modules.push(linear('', 8, 16, at('mlp.up_proj')), linear('', 16, 8, at('mlp.down_proj')));
    modules.push({
      ...at('input_layernorm'),
      kind: 'RMSNorm',
      inFeatures: 8,
      outFeatures: 8,
      weightParams: 8,
      biasParams: 0,
    });
  }
  modules.push({
    name: 'model.norm',
    kind: 'RMSNorm',
    inFeatures: 8,
    outFeatures: 8,
    weightParams: 8,
    biasParams: 0,
  });
  modules.push(linear('lm_head', 8, 100, { isOutputLayer: true }));
  const dims = {
    hiddenSize: 8,
    numLayers: 2,
    numAttentionHeads: 2,
    numKeyValueHeads: 1,
    headDim: 4,
    vocabSize: 100,
    isEncoderDecoder: false,
    tieWordEmbeddings: false,
    numTransformerSubmodules: 1,
  };
  return {
    modelType: 'llama',
    autoClass: 'AutoModelForCausalLM',
    modelClass: 'LlamaForCausalLM',
    head: 'causal_lm',
    taskType: 'CAUSAL_LM',
    modules,
    baseParams: 0,
    dims,
  };
}

describe('estimator matching: target_modules lists match whole dotted suffixes', () => {
  const s = spec({ targetModules: ['q_proj', 'mlp.down_proj'] });
  it('a leaf name matches every layer', () => {
    assert.equal(checkTarget(s, 'model.layers.0.self_attn.q_proj'), true);
    assert.equal(checkTarget(s, 'model.layers.1.mlp.down_proj'), true);
  });
  it('a partial segment does not match', () => {
    assert.equal(checkTarget(spec({ targetModules: ['proj'] }), 'model.layers.0.self_attn.q_proj'), false);
    assert.equal(checkTarget(spec({ targetModules: ['own_proj'] }), 'model.layers.0.mlp.down_proj'), false);
  });
  it('counts hits per entry for diagnostics', () => {
    const names = buildTree(toyInventory()).names;
    assert.deepEqual(countEntryMatches(['q_proj', 'mlp.down_proj', 'k_proj'], names), [
      { entry: 'q_proj', matched: 2 },
      { entry: 'mlp.down_proj', matched: 2 },
      { entry: 'k_proj', matched: 0 },
    ]);
  });
});

describe('estimator matching: a target_modules string is a full regex match', () => {
  it('matches only whole names', () => {
    const s = spec({ targetModules: String.raw`.*\.(q_proj|v_proj)` });
    assert.equal(checkTarget(s, 'model.layers.3.self_attn.v_proj'), true);
    assert.equal(checkTarget(s, 'model.layers.3.self_attn.v_proj_extra'), false);
    assert.equal(checkTarget(spec({ targetModules: 'q_proj' }), 'model.layers.3.self_attn.q_proj'), false);
  });
  it('translates Python-only syntax', () => {
    assert.equal(fullmatch('(?P<l>layers)\\.0\\..*', 'layers.0.q'), true);
    assert.equal(pyMatch('a', 'ba'), null);
  });
});

describe('estimator matching: exclusions', () => {
  it('exclude_modules lists use dotted suffixes, strings full matches', () => {
    assert.equal(
      checkTarget(
        spec({ targetModules: ['q_proj'], excludeModules: ['q_proj'] }),
        'model.layers.0.self_attn.q_proj',
      ),
      'excluded',
    );
    assert.equal(
      checkTarget(
        spec({ targetModules: ['q_proj'], excludeModules: '.*layers\\.0\\..*' }),
        'model.layers.0.self_attn.q_proj',
      ),
      'excluded',
    );
    assert.equal(
      checkTarget(
        spec({ targetModules: ['q_proj'], excludeModules: '.*layers\\.0\\..*' }),
        'model.layers.1.self_attn.q_proj',
      ),
      true,
    );
  });
  it('modules_to_save shields whole dotted segments from adapters', () => {
    assert.equal(isModuleToSave(['classifier'], 'classifier.dense'), true);
    assert.equal(isModuleToSave(['classifier'], 'pre_classifier'), false);
  });
});

describe('estimator matching: layers_to_transform and layers_pattern', () => {
  it('reads the first numbered segment (lazy), not an expert index', () => {
    assert.equal(layerIndexOf('model.layers.1.block_sparse_moe.experts.7.w1', null), 1);
    assert.equal(layerIndexOf('encoder.block.3.layer.0.SelfAttention.q', null), 3);
    assert.equal(layerIndexOf('encoder.block.3.layer.0.SelfAttention.q', 'layer'), 0);
    assert.equal(layerIndexOf('lm_head', null), null);
  });
  it('an int selects one layer, a list several', () => {
    const one = spec({ targetModules: ['q_proj'], layersToTransform: 1 });
    assert.equal(checkTarget(one, 'model.layers.0.self_attn.q_proj'), false);
    assert.equal(checkTarget(one, 'model.layers.1.self_attn.q_proj'), true);
    const list = spec({ targetModules: ['q_proj'], layersToTransform: [0, 1], layersPattern: 'layers' });
    assert.equal(checkTarget(list, 'model.layers.1.self_attn.q_proj'), true);
  });
  it('an exact full name bypasses the layer filter, as in PEFT', () => {
    const s = spec({ targetModules: ['model.layers.0.self_attn.q_proj'], layersToTransform: [1] });
    assert.equal(checkTarget(s, 'model.layers.0.self_attn.q_proj'), true);
  });
});

describe('estimator matching: all-linear and rank_pattern', () => {
  it('all-linear takes every Linear but the output layer', () => {
    const names = allLinearNames(buildTree(toyInventory()), 'CAUSAL_LM');
    assert.equal(names.length, 8);
    assert.ok(!names.includes('lm_head'));
  });
  it('rank_pattern keys match a suffix ending the name; the first key wins', () => {
    assert.equal(patternValue({ mlp: 4 }, 'model.layers.0.mlp.down_proj'), undefined);
    assert.equal(patternValue({ down_proj: 4, 'mlp.down_proj': 2 }, 'model.layers.0.mlp.down_proj'), 4);
    assert.equal(patternValue({ '^model.layers.1.*': 16 }, 'model.layers.1.mlp.up_proj'), 16);
    assert.equal(patternValue({ '^model.layers.1.*': 16 }, 'model.layers.0.mlp.up_proj'), undefined);
  });
});
