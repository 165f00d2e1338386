// The transformers release a count assumes: parsing, the basis line, and what transformers 5 changes
// (fused MoE experts with PEFT 0.20's target conversion and its refusals). Expected values are worked
// out by hand from the shapes in the comments.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/estimate';
import { EstimateError, estimateParameters } from '../../src/core/estimator';
import { transformersRelease } from '../../src/core/estimator/transformers-version';

/** A tiny DeepSeek-V3 (Moonlight-like: dense layer 0, one shared expert), small enough to count by hand. */
const TINY_DEEPSEEK = {
  model_type: 'deepseek_v3',
  hidden_size: 64,
  intermediate_size: 32,
  moe_intermediate_size: 16,
  num_hidden_layers: 2,
  num_attention_heads: 4,
  num_key_value_heads: 4,
  n_routed_experts: 4,
  n_shared_experts: 1,
  first_k_dense_replace: 1,
  q_lora_rank: 16,
  kv_lora_rank: 8,
  qk_nope_head_dim: 8,
  qk_rope_head_dim: 4,
  v_head_dim: 8,
  vocab_size: 100,
  tie_word_embeddings: false,
};
const QWEN3_MOE_SMALL = {
  model_type: 'qwen3_moe',
  hidden_size: 64,
  intermediate_size: 128,
  moe_intermediate_size: 16,
  num_hidden_layers: 2,
  num_attention_heads: 4,
  num_key_value_heads: 2,
  head_dim: 16,
  num_experts: 4,
  vocab_size: 100,
};
const LORA2 = { peft_type: 'LORA', r: 2, lora_alpha: 4 };

describe('transformers version: parsing and the basis line', () => {
  it('accepts PEP 440 versions and names the release and its source in the basis', () => {
    for (const v of ['4.47.0.dev0', '4.57.6', '5.12.1', 'v5.0.0rc1', '5.2'])
      assert.equal(transformersRelease(v, 'test').note, undefined, v);
    assert.deepEqual([transformersRelease('4.57.6').v5, transformersRelease('5.0.0rc1').v5], [false, true]);
    const e = estimateParameters(
      { model_type: 'llama', num_hidden_layers: 1 },
      { peft_type: 'LORA', target_modules: ['q_proj'] },
      {
        transformersVersion: '4.57.6',
        transformersVersionSource: 'setting mlConfig.estimate.transformersVersion',
      },
    );
    assert.match(e.basis, /; transformers 4\.57\.6 \(setting mlConfig\.estimate\.transformersVersion\)$/);
    assert.deepEqual(e.transformers, {
      version: '4.57.6',
      source: 'setting mlConfig.estimate.transformersVersion',
    });
  });
  it('without a version: the newest supported release, said so', () => {
    const e = estimateParameters(
      { model_type: 'llama', num_hidden_layers: 1 },
      { peft_type: 'LORA', target_modules: ['q_proj'] },
    );
    assert.deepEqual(e.transformers, { version: '5.17.0', source: 'newest supported; no version set' });
  });
  it('refuses a non-version and warns outside the modelled range', () => {
    assert.throws(() => transformersRelease('latest'), EstimateError);
    assert.match(transformersRelease('4.30.0').note ?? '', /older than 4\.47\.0/);
    assert.match(transformersRelease('6.1.0').note ?? '', /newer than 5\.17\.0/);
  });
});

describe('transformers 5: PEFT 0.20 moves MoE expert targets onto the fused parameters', () => {
  it('DeepSeek-V3 all-linear: v4 wraps every Linear (4,528), v5 converts and the dense MLP and shared experts lose LoRA (3,864)', () => {
    // Attention per layer at r=2: q_a 2(64+16) + q_b 2(16+48) + kv_a 2(64+12) + kv_b 2(8+64) + o 2(32+64) = 776; 2 layers = 1,552.
    // v4: dense MLP 3 x 2(64+32) = 576; 4 experts x 3 x 2(64+16) = 1,920; shared expert 480; router is not nn.Linear.
    const v4 = estimateParameters(
      TINY_DEEPSEEK,
      { ...LORA2, target_modules: 'all-linear' },
      { taskType: 'CAUSAL_LM', transformersVersion: '4.57.6' },
    );
    assert.equal(v4.trainableParams, 1552 + 576 + 1920 + 480);
    // v5: router gate.weight 2(64+4) = 136; gate_up [4, 32, 64] at rank 4: 4 x 4 x (32+64) = 1,536; down [4, 64, 16]: 4 x 2 x 80 = 640.
    const v5 = estimateParameters(
      TINY_DEEPSEEK,
      { ...LORA2, target_modules: 'all-linear' },
      { taskType: 'CAUSAL_LM', transformersVersion: '5.12.1' },
    );
    assert.equal(v5.trainableParams, 1552 + 136 + 1536 + 640);
    assert.ok(
      v5.warnings.some((w) => /6 Linear module\(s\) outside the fused experts .*lose their LoRA/.test(w)),
      v5.warnings.join('\n'),
    );
  });
  it('gate_proj without up_proj: counted on 4.57.6, refused by PEFT on 5.12.1', () => {
    const peft = { ...LORA2, target_modules: ['q_proj', 'gate_proj'] };
    // 4.57.6: q_proj 2(64+64) x 2 layers = 512; gate_proj 4 experts x 2(64+16) x 2 layers = 1,280.
    assert.equal(
      estimateParameters(QWEN3_MOE_SMALL, peft, { taskType: 'CAUSAL_LM', transformersVersion: '4.57.6' })
        .trainableParams,
      512 + 1280,
    );
    assert.throws(
      () =>
        estimateParameters(QWEN3_MOE_SMALL, peft, { taskType: 'CAUSAL_LM', transformersVersion: '5.12.1' }),
      (e: unknown) =>
        e instanceof EstimateError &&
        /Cannot convert PEFT target\(s\) gate_proj without also targeting up_proj/.test(e.message),
    );
  });
  it("LoRA without target_modules on Mixtral: PEFT's q_proj/v_proj default on 4.x; on v5 the conversion empties the targets", () => {
    const mixtral = {
      model_type: 'mixtral',
      hidden_size: 64,
      intermediate_size: 16,
      num_hidden_layers: 2,
      num_attention_heads: 4,
      num_key_value_heads: 2,
      num_local_experts: 4,
      vocab_size: 100,
    };
    // q_proj 2(64+64), v_proj 2(64+32) per layer.
    assert.equal(
      estimateParameters(mixtral, LORA2, { taskType: 'CAUSAL_LM', transformersVersion: '4.57.6' })
        .trainableParams,
      2 * (2 * (64 + 64) + 2 * (64 + 32)),
    );
    assert.throws(
      () => estimateParameters(mixtral, LORA2, { taskType: 'CAUSAL_LM', transformersVersion: '5.12.1' }),
      /No `target_modules` passed/,
    );
  });
  it('v4 expert names list the fused tensors they reach', () => {
    const e = estimateParameters(
      QWEN3_MOE_SMALL,
      { ...LORA2, target_modules: ['q_proj', 'gate_proj', 'up_proj'] },
      { taskType: 'CAUSAL_LM', transformersVersion: '5.12.1' },
    );
    assert.deepEqual(e.targetMatches, [
      { entry: 'q_proj', matched: 2 },
      { entry: 'gate_proj', matched: 2 },
      { entry: 'up_proj', matched: 2 },
    ]);
    // q_proj 512; gate_up [4, 32, 64] at rank 4 per layer: 4 x 4 x 96 = 1,536, x 2 layers.
    assert.equal(e.trainableParams, 512 + 2 * 1536);
  });
});

describe('heads that exist in one transformers line only', () => {
  it('Olmo2ForSequenceClassification: refused on 4.57.6, built on 5.12.1', () => {
    const cfg = {
      model_type: 'olmo2',
      hidden_size: 64,
      intermediate_size: 128,
      num_hidden_layers: 2,
      num_attention_heads: 4,
      vocab_size: 100,
    };
    const peft = { peft_type: 'LORA', r: 2, target_modules: ['q_proj'], task_type: 'SEQ_CLS' };
    assert.throws(
      () => estimateParameters(cfg, peft, { transformersVersion: '4.57.6' }),
      /Olmo2ForSequenceClassification does not exist in transformers 4\.57\.6/,
    );
    // q_proj 2 x (64 + 64) x 2 layers + the score head 64 x 2 (fully trained copy).
    assert.equal(
      estimateParameters(cfg, peft, { transformersVersion: '5.12.1' }).trainableParams,
      2 * 256 + 128,
    );
  });
});

describe('both transformers lines: prefix width, encoder-only feature extraction', () => {
  it('prefix tuning on gpt_oss uses 8 KV heads x head_dim 64 = 512 (gpt-oss-20b, 24 layers)', () => {
    const cfg = {
      model_type: 'gpt_oss',
      hidden_size: 2880,
      num_hidden_layers: 24,
      num_attention_heads: 64,
      num_key_value_heads: 8,
      head_dim: 64,
      num_local_experts: 32,
    };
    for (const v of ['4.57.6', '5.12.1']) {
      assert.equal(
        estimateParameters(
          cfg,
          { peft_type: 'PREFIX_TUNING', num_virtual_tokens: 20 },
          { taskType: 'CAUSAL_LM', transformersVersion: v },
        ).trainableParams,
        20 * 24 * 2 * 512,
      );
    }
  });
  it('prefix tuning on deepseek_v3 uses head_dim = qk_rope_head_dim (4 x 4 heads = 16 wide)', () => {
    const e = estimateParameters(
      TINY_DEEPSEEK,
      { peft_type: 'PREFIX_TUNING', num_virtual_tokens: 20 },
      { taskType: 'CAUSAL_LM', transformersVersion: '4.57.6' },
    );
    assert.equal(e.trainableParams, 20 * 2 * 2 * 16);
  });
  it('FEATURE_EXTRACTION with architectures [MT5EncoderModel] builds the encoder alone', () => {
    const cfg = {
      model_type: 'mt5',
      architectures: ['MT5EncoderModel'],
      d_model: 512,
      d_ff: 1024,
      d_kv: 64,
      num_layers: 8,
      num_heads: 6,
      vocab_size: 250112,
    };
    // 8 encoder blocks x (q + v) x 8 x (512 + 384).
    const e = estimateParameters(
      cfg,
      { peft_type: 'LORA', r: 8, target_modules: ['q', 'v'], task_type: 'FEATURE_EXTRACTION' },
      { transformersVersion: '5.12.1' },
    );
    assert.equal(e.trainableParams, 8 * 2 * 8 * (512 + 384));
  });
});

describe('BOFT butterfly factor and RandLoRA (PEFT 0.20 on torch 2)', () => {
  const BERT = {
    model_type: 'bert',
    hidden_size: 768,
    num_hidden_layers: 12,
    num_attention_heads: 12,
    intermediate_size: 3072,
    vocab_size: 30522,
  };
  const peft = {
    peft_type: 'BOFT',
    boft_block_size: 8,
    boft_n_butterfly_factor: 2,
    target_modules: ['query', 'value'],
  };
  // Per module: factors x (768 / 8) blocks x 8 x 8 + 768 scales; 24 modules.
  const cuda = 24 * (2 * 96 * 64 + 768);
  const cpu = 24 * (1 * 96 * 64 + 768);
  it('counts the CUDA machine by default and names the CPU count', () => {
    const e = estimateParameters(BERT, peft, { autoClass: 'AutoModel', transformersVersion: '4.57.6' });
    assert.equal(e.trainableParams, cuda);
    assert.match(
      e.basis,
      new RegExp(
        `resets the factor to 1: ${cpu.toLocaleString('en-US')} trainable \\(option boftCudaExtension: false\\)`,
      ),
    );
  });
  it('boftCudaExtension: false counts the reset factor and names the CUDA count', () => {
    const e = estimateParameters(BERT, peft, {
      autoClass: 'AutoModel',
      transformersVersion: '4.57.6',
      boftCudaExtension: false,
    });
    assert.equal(e.trainableParams, cpu);
    assert.match(e.basis, new RegExp(`factor is kept: ${cuda.toLocaleString('en-US')} trainable`));
  });
  it('RandLoRA: r x ceil(min/r) lambdas + ceil(min/r) x min gammas per module', () => {
    // Llama-2-7B q_proj/v_proj 4096 x 4096, r 32: 128 bases -> 32 x 128 + 128 x 4096 = 528,384; 64 modules.
    const llama = {
      model_type: 'llama',
      hidden_size: 4096,
      intermediate_size: 11008,
      num_hidden_layers: 32,
      num_attention_heads: 32,
      vocab_size: 32000,
    };
    const e = estimateParameters(
      llama,
      { peft_type: 'RANDLORA', r: 32, target_modules: ['q_proj', 'v_proj'] },
      { taskType: 'CAUSAL_LM' },
    );
    assert.equal(e.trainableParams, 64 * 528384);
    // BERT query/value 768, r 36: ceil(768 / 36) = 22 bases -> 36 x 22 + 22 x 768 = 17,688; 24 modules.
    assert.equal(
      estimateParameters(
        BERT,
        { peft_type: 'RANDLORA', r: 36, target_modules: ['query', 'value'] },
        { autoClass: 'AutoModel' },
      ).trainableParams,
      24 * 17688,
    );
  });
});

describe('estimate --transformers-version: Qwen3-30B-A3B LoRA r16 all-linear', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'mcl-tv-'));
    writeFileSync(
      join(dir, 'adapter_config.json'),
      JSON.stringify({
        peft_type: 'LORA',
        r: 16,
        lora_alpha: 32,
        target_modules: 'all-linear',
        task_type: 'CAUSAL_LM',
      }),
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  async function json(
    version: string,
  ): Promise<{ trainableParams: number; totalParams: number; transformers: unknown }> {
    const out: string[] = [];
    const log = console.log;
    console.log = (...a: unknown[]) => void out.push(a.join(' '));
    try {
      assert.equal(
        await run([
          '--model',
          'qwen3-30b-a3b',
          '--peft',
          join(dir, 'adapter_config.json'),
          '--json',
          '--transformers-version',
          version,
        ]),
        0,
      );
    } finally {
      console.log = log;
    }
    return JSON.parse(out.join('\n'));
  }
  it("4.57.6 and 5.12.1 give PEFT's own, different totals", async () => {
    const a = await json('4.57.6');
    assert.deepEqual(
      [a.trainableParams, a.totalParams, a.transformers],
      [845512704, 31377635328, { version: '4.57.6', source: '--transformers-version' }],
    );
    const b = await json('5.12.1');
    assert.deepEqual([b.trainableParams, b.totalParams], [996507648, 31528630272]);
  });
});
