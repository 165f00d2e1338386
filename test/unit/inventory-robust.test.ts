// Bad or odd config.json values never crash the inventory: either a well-formed inventory or an
// UnsupportedModelError (or its InvalidConfigError) with a message naming the problem.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  buildInventory,
  supportedModelTypes,
  UnsupportedModelError,
} from '../../src/core/estimator/inventory';

const FIELDS = [
  'hidden_size',
  'n_embd',
  'd_model',
  'dim',
  'num_hidden_layers',
  'n_layer',
  'num_layers',
  'n_layers',
  'num_attention_heads',
  'n_head',
  'num_heads',
  'n_heads',
  'num_key_value_heads',
  'num_kv_heads',
  'head_dim',
  'd_kv',
  'intermediate_size',
  'd_ff',
  'ffn_dim',
  'hidden_dim',
  'vocab_size',
  'num_local_experts',
  'num_experts',
  'moe_intermediate_size',
  'tie_word_embeddings',
  'word_embed_proj_dim',
  'image_size',
  'patch_size',
  'num_labels',
  'position_buckets',
  'max_position_embeddings',
  'feed_forward_proj',
  'mlp_only_layers',
  'pos_att_type',
  'id2label',
];

const value = fc.oneof(
  fc.integer({ min: -4, max: 64 }),
  fc.constantFrom(0, 1, 7, 4096),
  fc.double(),
  fc.string({ maxLength: 6 }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer({ min: 0, max: 8 }), { maxLength: 3 }),
  fc.constant({ a: 1 }),
);

const TASKS = [
  undefined,
  null,
  'CAUSAL_LM',
  'SEQ_CLS',
  'SEQ_2_SEQ_LM',
  'TOKEN_CLS',
  'QUESTION_ANS',
  'FEATURE_EXTRACTION',
];

describe('inventory robustness (fast-check)', () => {
  it('any field values for any supported model_type: an inventory or an UnsupportedModelError, never a crash', () => {
    const small = {
      num_hidden_layers: 2,
      n_layer: 2,
      num_layers: 2,
      n_layers: 2,
      encoder_layers: 2,
      decoder_layers: 2,
      num_experts: 4,
      num_local_experts: 4,
    };
    fc.assert(
      fc.property(
        fc.constantFrom(...supportedModelTypes()),
        fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 5 }),
        fc.constantFrom(...TASKS),
        (modelType, fields, taskType) => {
          const cfg = { ...small, ...fields, model_type: modelType };
          try {
            const inv = buildInventory(cfg, { taskType });
            assert.ok(
              Number.isSafeInteger(inv.baseParams) && inv.baseParams >= 0,
              `baseParams ${inv.baseParams}`,
            );
            for (const m of inv.modules)
              assert.ok(Number.isSafeInteger(m.weightParams + m.biasParams), m.name);
          } catch (e) {
            if (!(e instanceof UnsupportedModelError)) throw e;
            assert.ok(e.message.length > 10);
          }
        },
      ),
      { numRuns: 1500, seed: 20241205 },
    );
  });
});
