// Nemotron-H / Nemotron 3 (nemotron_h): the hand-derived Nano 30B-A3B total, the layer pattern in both
// spellings, the 5.x-only release gate and PEFT's Mamba target refusal. Counts per case are checked against
// PEFT in oracle-local.test.ts (test/data/oracle/local/nemotron-h-5.17.0.json).
import * as assert from 'node:assert/strict';
import { estimateParameters } from '../../src/core/estimator';
import { buildInventory } from '../../src/core/estimator/inventory';

/** NVIDIA-Nemotron-3-Nano-30B-A3B's shape fields (its published config.json). */
const NANO = {
  model_type: 'nemotron_h',
  vocab_size: 131072,
  hidden_size: 2688,
  intermediate_size: 1856,
  num_attention_heads: 32,
  num_key_value_heads: 2,
  head_dim: 128,
  mamba_num_heads: 64,
  mamba_head_dim: 64,
  ssm_state_size: 128,
  n_groups: 8,
  conv_kernel: 4,
  n_routed_experts: 128,
  moe_intermediate_size: 1856,
  moe_shared_expert_intermediate_size: 3712,
  tie_word_embeddings: false,
  hybrid_override_pattern: 'MEMEM*EMEMEM*EMEMEM*EMEMEM*EMEMEM*EMEMEMEM*EMEMEMEME',
};

/**
 * By hand: Mamba-2 intermediate 64 * 64 = 4096, conv_dim 4096 + 2 * 8 * 128 = 6144 (conv1d weight and bias,
 * in_proj to 4096 + 6144 + 64, gated norm 4096, out_proj, dt_bias/A_log/D 3 * 64); MoE 128 experts of
 * up/down 1856 x 2688, router 128 x 2688, shared up/down 3712; attention q/o 4096, k/v 2 * 128; each block
 * one norm. 23 Mamba, 23 MoE and 6 attention blocks, untied embeddings and lm_head, norm_f.
 */
function nanoTotal(): number {
  const h = 2688;
  const conv = 4096 + 2 * 8 * 128;
  const mamba = conv * 5 + h * (4096 + conv + 64) + 4096 + 4096 * h + 3 * 64 + h;
  const moe = 128 * 1856 * h * 2 + 128 * h + 2 * h * 3712 + h;
  const attn = 2 * h * 4096 + 2 * h * 256 + h;
  return 23 * mamba + 23 * moe + 6 * attn + 2 * 131072 * h + h;
}

const small = (over: Record<string, unknown>) => ({
  ...NANO,
  hybrid_override_pattern: undefined,
  n_routed_experts: 4,
  ...over,
});

describe('nemotron_h (Nemotron-H / Nemotron 3)', () => {
  it('Nano 30B-A3B builds 31,577,937,344 parameters, as derived by hand and by PEFT', () => {
    assert.equal(nanoTotal(), 31_577_937_344);
    assert.equal(buildInventory(NANO, { taskType: 'CAUSAL_LM' }).baseParams, 31_577_937_344);
  });

  it("LoRA's default targets are the 6 attention blocks' q/k/v/o (PEFT's nemotron_h defaults)", () => {
    const lora = { peft_type: 'LORA', r: 16, lora_alpha: 32 };
    // r * (in + out) per projection: q 2688 + 4096, k and v 2688 + 256, o 4096 + 2688.
    const perLayer = 16 * (2 * (2688 + 4096) + 2 * (2688 + 256));
    assert.equal(perLayer * 6, 1_867_776);
    assert.equal(estimateParameters(NANO, lora, { taskType: 'CAUSAL_LM' }).trainableParams, 1_867_776);
  });

  it('the pattern string, a layers_block_type list with legacy names and the new names build alike', () => {
    const total = (cfg: Record<string, unknown>) => buildInventory(cfg, { taskType: 'CAUSAL_LM' }).baseParams;
    const byPattern = total(small({ hybrid_override_pattern: 'ME*-' }));
    assert.equal(byPattern, 836_806_464 - 155_648); // the oracle's total less its r=8 LoRA
    assert.equal(total(small({ layers_block_type: ['mamba', 'moe', 'attention', 'mlp'] })), byPattern);
    const names = ['linear_attention', 'moe', 'full_attention', 'mlp'];
    assert.equal(total(small({ layer_types: names })), byPattern);
    assert.throws(() => total(small({ hybrid_override_pattern: 'MX' })), /layer types "X"/);
  });

  it('tie_word_embeddings does not tie: NemotronHForCausalLM has no tied weights on 5.17.0', () => {
    const cfg = small({ hybrid_override_pattern: 'ME*-' });
    const untied = buildInventory(cfg, { taskType: 'CAUSAL_LM' }).baseParams;
    assert.equal(
      buildInventory({ ...cfg, tie_word_embeddings: true }, { taskType: 'CAUSAL_LM' }).baseParams,
      untied,
    );
  });

  it('is refused on transformers 4.x, which has no models/nemotron_h', () => {
    assert.throws(
      () => buildInventory(NANO, { transformersVersion: '4.57.6' }),
      /"nemotron_h" \(NemotronHForCausalLM\) first appeared in transformers 5/,
    );
  });

  it("PEFT's LoRA refuses the Mamba mixer's out_proj, so all-linear too", () => {
    const lora = { peft_type: 'LORA', r: 16, lora_alpha: 32, target_modules: 'all-linear' };
    assert.throws(
      () => estimateParameters(NANO, lora, { taskType: 'CAUSAL_LM' }),
      /Module 'out_proj' is incompatible with Mamba-based models \(model_type='nemotron_h'\)/,
    );
  });
});
