// State-space models and hybrids (falcon_h1, jamba, mamba): the catalog entries resolve and build the local oracle's
// base_total, the hand-derived Falcon-H1 count, the release gate, and PEFT's Mamba target refusal.
import * as assert from 'node:assert/strict';
import { estimateParameters } from '../../src/core/estimator';
import { buildInventory } from '../../src/core/estimator/inventory';
import { assertResolves, itMatchesHubTotals } from './catalogSupport';

/** transformers' FalconH1ModelTester config (tests/models/falcon_h1/test_modeling_falcon_h1.py). */
const FALCON_H1_TESTER = {
  model_type: 'falcon_h1',
  vocab_size: 99,
  hidden_size: 32,
  num_hidden_layers: 4,
  num_attention_heads: 4,
  num_key_value_heads: 2,
  intermediate_size: 64,
  mamba_n_groups: 1,
  mamba_n_heads: 16,
  mamba_d_state: 16,
  mamba_d_conv: 4,
  mamba_expand: 2,
};

/**
 * Falcon-H1 by hand: mamba_d_ssm defaults to 1024, conv_dim = 1024 + 2 * 1 * 16 = 1056. Per layer: conv1d
 * 1056 * 4 + 1056 bias, in_proj 32 * (1024 + 1056 + 16), out_proj 1024 * 32, dt_bias/A_log/D 3 * 16,
 * attention q/o 2 * 32 * 32 and k/v 2 * 32 * 16, MLP 3 * 32 * 64, two RMSNorms 2 * 32; then embed and
 * untied lm_head 2 * 99 * 32 and the final norm 32.
 */
function falconH1TesterTotal(): number {
  const layer =
    1056 * 4 + 1056 + 32 * 2096 + 1024 * 32 + 3 * 16 + 2 * 32 * 32 + 2 * 32 * 16 + 3 * 32 * 64 + 64;
  return 4 * layer + 2 * 99 * 32 + 32;
}

/**
 * Mamba-2.8B by hand, per layer: RMSNorm 2560, A_log 5120 * 16 and D 5120, conv1d 5120 * 4 + 5120 bias,
 * in_proj 2560 * 10240, x_proj 5120 * (160 + 2 * 16), dt_proj 160 * 5120 + 5120 bias, out_proj 5120 * 2560;
 * 64 layers, the 50280 x 2560 embedding (tied lm_head) and norm_f.
 */
function mamba28bTotal(): number {
  const layer = 2560 + 5120 * 17 + 5120 * 5 + 2560 * 10240 + 5120 * 192 + 160 * 5120 + 5120 + 5120 * 2560;
  return 64 * layer + 50280 * 2560 + 2560;
}

describe('hybrids: falcon_h1, jamba and mamba', () => {
  itMatchesHubTotals({
    'state-spaces/mamba-2.8b-hf': 2_768_345_600,
    'ai21labs/Jamba-v0.1': 51_570_323_328,
    'ai21labs/AI21-Jamba-1.5-Mini': 51_570_323_328,
  });

  it('the Jamba and Mamba names Axolotl examples use resolve', () => {
    assertResolves([
      ['ai21labs/Jamba-v0.1', 'ai21labs/Jamba-v0.1'],
      ['jamba-1.5-mini', 'ai21labs/AI21-Jamba-1.5-Mini'],
      ['state-spaces/mamba-2.8b', 'state-spaces/mamba-2.8b-hf'],
    ]);
  });

  it('Falcon-H1 (transformers tester config) builds 464,160 parameters, as derived by hand and by PEFT', () => {
    assert.equal(falconH1TesterTotal(), 464_160);
    for (const v of ['4.57.6', '5.17.0'])
      assert.equal(
        buildInventory(FALCON_H1_TESTER, { transformersVersion: v, taskType: 'CAUSAL_LM' }).baseParams,
        464_160,
        v,
      );
  });

  it('Mamba-2.8B: the catalog total is the hand-derived one; prompt learning needs num_attention_heads', () => {
    assert.equal(mamba28bTotal(), 2_768_345_600);
    const cfg = { model_type: 'mamba', hidden_size: 64, num_hidden_layers: 2, vocab_size: 100 };
    assert.throws(
      () => estimateParameters(cfg, { peft_type: 'PROMPT_TUNING', num_virtual_tokens: 20 }, {}),
      /Please specify `num_attention_heads`/,
    );
  });

  it('falcon_h1 is refused on a release before 4.53.0, naming the first one that has it', () => {
    assert.throws(
      () => buildInventory(FALCON_H1_TESTER, { transformersVersion: '4.52.4' }),
      /first appeared in transformers 4\.53\.0/,
    );
  });

  it("PEFT's LoRA refuses out_proj on falcon_h1 (all-linear includes it); IA3, not LoRA-like, scales it", () => {
    const lora = { peft_type: 'LORA', r: 16, lora_alpha: 32, target_modules: 'all-linear' };
    assert.throws(
      () => estimateParameters(FALCON_H1_TESTER, lora, { taskType: 'CAUSAL_LM' }),
      /Module 'out_proj' is incompatible with Mamba-based models \(model_type='falcon_h1'\)/,
    );
    const ia3 = { peft_type: 'IA3', target_modules: ['out_proj'], feedforward_modules: [] };
    // IA3 is not LoRA-like: PEFT scales out_proj's 32 output features in each of the 4 layers.
    assert.equal(estimateParameters(FALCON_H1_TESTER, ia3, { taskType: 'CAUSAL_LM' }).trainableParams, 128);
  });

  it('jamba on transformers 5 stores the experts of its 16 MoE layers as 32 fused parameters', () => {
    const jamba = buildInventory({ model_type: 'jamba' }, { transformersVersion: '5.17.0' });
    const expertParams = jamba.modules.filter((m) => m.name.includes('.experts.'));
    // 16 odd layers, each gate_up_proj [16, 2 * 14336, 4096] and down_proj [16, 4096, 14336].
    assert.equal(expertParams.length, 32);
    assert.ok(expertParams.every((m) => m.isParameter));
  });
});
