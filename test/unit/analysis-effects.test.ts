import * as assert from 'node:assert/strict';
import { analyzeConfigText } from '../../src/core/analysis';
import { liveEffects } from '../../src/core/analysis/effects';
import { enumList, ratioShort, shortSource } from '../../src/core/analysis/format';
import { ordered } from '../../src/core/analysis/order';
import { memoryReadingLines } from '../../src/core/present/memory';
import type { LawResult } from '../../src/core/laws';

// Llama-2-7B, LoRA r=8 on q_proj and v_proj: 32 layers × 8 × (4096+4096) per module = 2,097,152 each.
const CONFIG = [
  'base_model: meta-llama/Llama-2-7b-hf',
  'adapter: lora',
  'lora_r: 8',
  'lora_alpha: 16',
  'lora_target_modules:',
  '  - q_proj',
  '  - v_proj',
  '  - qv_proj',
  'sequence_len: 4096',
  'micro_batch_size: 2',
  'gradient_accumulation_steps: 4',
  'learning_rate: 0.0002',
  'max_steps: 1000',
  '',
].join('\n');
const TRAINABLE =
  'Trainable parameters: **4,194,304** of 6,742,609,920 (0.0622%), 64 modules adapted; PEFT 0.20.0 rules: LoRA (Hu et al. 2021, arXiv 2106.09685); transformers 5.17.0 (newest supported; no version set)';

describe('analysis: hover live effects', () => {
  const a = analyzeConfigText(CONFIG, { dialect: 'axolotl' });

  it('target list: one line of entries, the unmatched one flagged, then parameters by module name', () => {
    assert.deepEqual(liveEffects(['lora_target_modules'], a), [
      TRAINABLE,
      'Targets: `q_proj` → 32 modules · `v_proj` → 32 modules · `qv_proj` → **no module**',
      'The model has: `down_proj`, `embed_tokens`, `gate_proj`, `input_layernorm`, `k_proj`, `lm_head`, `norm`, `o_proj`, `post_attention_layernorm`, `q_proj`, `up_proj`, `v_proj`',
      'Adapted (parameters): `q_proj` ×32 2.10M · `v_proj` ×32 2.10M',
    ]);
  });

  it("learning rate: value, linked short source and how the file's value compares, without repeating the law name", () => {
    const lines = liveEffects(['learning_rate'], a);
    assert.equal(
      lines[1],
      'QLoRA: 2.00e-4 ([arXiv 2305.14314](https://arxiv.org/abs/2305.14314)) — yours (2.00e-4) is within 5%',
    );
    // LoRA Without Regret: 5e-5 · 10 · (2000 / 4096)^0.781 = 2.86e-4; a blog post, so dated instead of an arXiv id.
    assert.equal(
      lines[0],
      'LoRA Without Regret: 2.86e-4 ([blog, 2025-09-29](https://thinkingmachines.ai/blog/lora/)) — yours (2.00e-4) is 1.4x below',
    );
    assert.match(
      lines[2],
      /^Step Law: 3\.72e-5 \(\[arXiv 2503\.04715\]\(https:\/\/arxiv\.org\/abs\/2503\.04715\)\) \*\(pre-training law, shown as context\)\* — yours \(2.00e-4\) is 5\.4x above$/,
    );
  });

  it('batch size: effective batch, then memory on one line, largest part first with short names, then its readings', () => {
    const [batch, memory, readings] = liveEffects(['micro_batch_size'], a);
    assert.equal(
      batch,
      'Effective batch: 2 micro-batch × 4 accumulation × 1 device (devices not stated: 1 assumed) = 8 sequences × 4096 tokens = 32,768 tokens per optimizer step',
    );
    assert.match(
      memory,
      /^Estimated training memory per device: \*\*~57\.0 GB peak allocated\*\* \(activations 36\.5 GB, weights 13\.5 GB, adapter activations 4\.30 GB, logits and loss 2\.62 GB, optimizer states 0\.03 GB, gradients 0\.02 GB\); formulas in the estimator panel$/,
    );
    assert.equal(readings, `Readings: ${memoryReadingLines(a.memory!).join('; ')}`);
    assert.match(
      readings,
      /^Readings: 57\.0 GB peak allocated by PyTorch .* — the headline number; 57\.0(–57\.\d)? GB reserved by PyTorch's caching allocator .*; 58\.\d(–58\.\d)? GB as nvidia-smi shows it \(reserved \+ CUDA context\)$/,
    );
  });

  it('model key links the catalog config.json', () => {
    assert.deepEqual(liveEffects(['base_model'], a), [
      'Model config: [meta-llama/Llama-2-7b-hf](https://huggingface.co/meta-llama/Llama-2-7b-hf/blob/main/config.json) (bundled catalog), 6.74B parameters',
      TRAINABLE,
    ]);
  });

  it('an unresolved model is explained once, with what to do, not repeated on every line', () => {
    // A typo of a catalog id (the -hf suffix dropped): the closest catalog name is the one meant.
    const b = analyzeConfigText(CONFIG.replace('meta-llama/Llama-2-7b-hf', 'meta-llama/Llama-2-7b'), {
      dialect: 'axolotl',
    });
    assert.deepEqual(liveEffects(['base_model'], b), [
      "Model 'meta-llama/Llama-2-7b' is not in the catalog, the workspace or the local Hugging Face cache. Closest catalog model: `meta-llama/Llama-2-7b-hf`. Or pick one in the estimator panel, name a local config.json, or let the extension fetch config.json from the Hub (setting `mlConfig.huggingFace.allowNetwork`).",
      'Trainable parameters: not computed (model not resolved)',
    ]);
    assert.deepEqual(liveEffects(['lora_target_modules'], b), [
      'Trainable parameters: not computed (model not resolved)',
    ]);
    const none = analyzeConfigText('adapter: lora\nlora_r: 8\n', { dialect: 'axolotl' });
    assert.deepEqual(liveEffects(['lora_r'], none), [
      'LoRA scaling: lora_alpha / r = 8 / 8 = 1 (LoRA, arXiv 2106.09685)',
      'Trainable parameters: not computed (no base model named)',
    ]);
  });
});

describe('analysis: hover live effects on other dialects', () => {
  // Llama-3.2-1B, torchtune LoRA r=64 on q, v, output_proj + MLP (16 layers):
  // q 64×(2048+2048)=262,144; v 64×(2048+512)=163,840; o 262,144; gate/up/down 64×(2048+8192)=655,360 each;
  // per layer 2,654,208 × 16 = 42,467,328.
  const TORCHTUNE = [
    'model:',
    '  _component_: torchtune.models.llama3_2.lora_llama3_2_1b',
    "  lora_attn_modules: ['q_proj', 'v_proj', 'output_proj']",
    '  apply_lora_to_mlp: True',
    '  lora_rank: 64',
    '  lora_alpha: 128',
    'batch_size: 4',
    'gradient_accumulation_steps: 8',
    '',
  ].join('\n');

  it("torchtune targets name the Hugging Face modules and say how torchtune's names map to them", () => {
    const a = analyzeConfigText(TORCHTUNE, { dialect: 'torchtune' });
    const lines = liveEffects(['model', 'lora_attn_modules'], a);
    assert.match(
      lines[0],
      /^Trainable parameters: \*\*42,467,328\*\* of 1,278,281,728 \(3\.32%\), 96 modules adapted;/,
    );
    // Every listed name hits modules, so no separate "Targets:" line repeats the per-module one.
    assert.deepEqual(lines.slice(1), [
      "Module names as in the Hugging Face model: torchtune's `output_proj` is `o_proj`; `apply_lora_to_mlp` adds `gate_proj`, `up_proj`, `down_proj`",
      'Adapted (parameters): `q_proj` ×16 4.19M · `v_proj` ×16 2.62M · `o_proj` ×16 4.19M · `gate_proj` ×16 10.49M · `up_proj` ×16 10.49M · `down_proj` ×16 10.49M',
    ]);
    const noMlp = analyzeConfigText(
      TORCHTUNE.replace('apply_lora_to_mlp: True', 'apply_lora_to_mlp: False'),
      { dialect: 'torchtune' },
    );
    assert.equal(
      liveEffects(['model', 'lora_attn_modules'], noMlp)[1],
      "Module names as in the Hugging Face model: torchtune's `output_proj` is `o_proj`",
    );
  });

  it('memory without a sequence length is a lower bound and says activations are not counted', () => {
    const a = analyzeConfigText(TORCHTUNE, { dialect: 'torchtune' });
    const memory = liveEffects(['batch_size'], a)[1];
    assert.match(
      memory,
      /^Estimated training memory per device: \*\*≥ \d+\.\d\d GB peak allocated\*\* \(weights [^)]*\); activations not counted \(sequence length not stated\); formulas in the estimator panel$/,
    );
  });

  it("PEFT adapter_config without target_modules: PEFT's default, and the model key shows the model", () => {
    // Llama-3.2-3B, r=32 on PEFT's llama default (q_proj, v_proj), 28 layers:
    // q 32×(3072+3072)=196,608 → 5.51M; v 32×(3072+1024)=131,072 → 3.67M; total 9,175,040.
    const json = JSON.stringify({
      base_model_name_or_path: 'meta-llama/Llama-3.2-3B',
      peft_type: 'LORA',
      r: 32,
      lora_alpha: 64,
      target_modules: null,
      task_type: 'CAUSAL_LM',
    });
    const a = analyzeConfigText(json, { dialect: 'peft' });
    assert.deepEqual(liveEffects(['target_modules'], a).slice(1), [
      'Targets: none listed, so PEFT uses its default for this architecture',
      'Adapted (parameters): `q_proj` ×28 5.51M · `v_proj` ×28 3.67M',
    ]);
    assert.equal(
      liveEffects(['base_model_name_or_path'], a)[0],
      'Model config: [meta-llama/Llama-3.2-3B](https://huggingface.co/meta-llama/Llama-3.2-3B/blob/main/config.json) (bundled catalog), 3.21B parameters',
    );
  });
});

describe('analysis: hover live effects without the usual inputs', () => {
  it('full fine-tuning: no "0 modules adapted"', () => {
    const a = analyzeConfigText('base_model: meta-llama/Llama-3.2-1B\nlearning_rate: 0.00001\n', {
      dialect: 'axolotl',
    });
    assert.equal(
      liveEffects(['base_model'], a)[1],
      'Trainable parameters: **1,235,814,400** of 1,235,814,400 (100.0%); full fine-tuning: every parameter trains; transformers 5.17.0 (newest supported; no version set)',
    );
  });

  it('DoRA: the count names the magnitude vectors it includes', () => {
    // Llama-3.2-1B, r=8 on q_proj: 16 × (8 × (2048+2048) + 2048 magnitude) = 557,056.
    const a = analyzeConfigText(
      'base_model: meta-llama/Llama-3.2-1B\nadapter: lora\nlora_r: 8\npeft_use_dora: true\nlora_target_modules: [q_proj]\n',
      { dialect: 'axolotl' },
    );
    assert.equal(
      liveEffects(['peft_use_dora'], a)[0],
      'Trainable parameters: **557,056** of 1,236,371,456 (0.0451%), 16 modules adapted; PEFT 0.20.0 rules: LoRA (Hu et al. 2021, arXiv 2106.09685) with DoRA magnitude vectors (Liu et al. 2024, arXiv 2402.09353); transformers 5.17.0 (newest supported; no version set)',
    );
  });

  it('learning rate without a model says what is missing instead of showing nothing', () => {
    const a = analyzeConfigText('use_peft: true\nlora_r: 16\nlearning_rate: 2.0e-4\n', { dialect: 'trl' });
    assert.deepEqual(liveEffects(['learning_rate'], a), [
      "Learning-rate recommendations need the base model's size (no base model named)",
    ]);
  });
});

describe('analysis: display helpers', () => {
  it('enumList cuts long enums after 8 values', () => {
    assert.equal(enumList(['lora', 'qlora', null]), 'One of: `lora`, `qlora`, `null`');
    const many = Array.from({ length: 23 }, (_, i) => `c${i}`);
    assert.equal(
      enumList(many),
      'One of: `c0`, `c1`, `c2`, `c3`, `c4`, `c5`, `c6`, `c7` and 15 more (completion lists them all)',
    );
  });

  it('shortSource and ratioShort (text made from the law ratio, never parsed back)', () => {
    assert.equal(shortSource({ arxiv: '2305.14314' }), 'arXiv 2305.14314');
    assert.equal(
      shortSource({ arxiv: null, version: '2025-09-29 post; LR formula from tinker-cookbook' }),
      'blog, 2025-09-29',
    );
    assert.equal(ratioShort(1 / 4.9), '4.9x below');
    assert.equal(ratioShort(1.04), 'within 5%');
    assert.equal(ratioShort(3.14), '3.1x above');
  });

  it('ordered puts recommendations with a value first, guidance next, context last', () => {
    const law = (id: string, applies: 'recommendation' | 'context', lr: number | null) =>
      ({ law: id, applies, learningRate: lr }) as unknown as LawResult;
    const laws = [
      law('lwr', 'recommendation', null),
      law('qlora', 'recommendation', 2e-4),
      law('lora', 'recommendation', null),
      law('step', 'context', null),
      law('kaplan', 'context', 7.7e-5),
    ];
    assert.deepEqual(
      ordered(laws).map((l) => l.law),
      ['qlora', 'lwr', 'lora', 'kaplan', 'step'],
    );
  });
});
