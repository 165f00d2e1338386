import * as assert from 'node:assert/strict';
import { analyzeConfigText, loraScaling } from '../../src/core/analysis';
import { compactCount, learningRate, percent, gigabytes } from '../../src/core/analysis/format';

const AXOLOTL_LORA = [
  'base_model: meta-llama/Llama-2-7b-hf',
  'adapter: lora',
  'lora_r: 8',
  'lora_alpha: 16',
  'lora_target_modules:',
  '  - q_proj',
  '  - v_proj',
  'sequence_len: 4096',
  'micro_batch_size: 2',
  'gradient_accumulation_steps: 4',
  'learning_rate: 0.0002',
  'max_steps: 1000',
  'bf16: true',
  '',
].join('\n');

describe('analyzeConfigText', () => {
  it('counts an Axolotl LoRA on Llama-2-7B as PEFT does (4,194,304 trainable)', () => {
    const a = analyzeConfigText(AXOLOTL_LORA, { dialect: 'axolotl' });
    assert.deepEqual(a.problems, []);
    assert.equal(a.model?.kind, 'catalog');
    assert.equal(a.estimate?.trainableParams, 4_194_304);
    assert.equal(a.estimate?.totalParams, 6_738_415_616 + 4_194_304);
    assert.equal(a.regime, 'lora');
  });

  it('estimates memory as the CLI report does (SDPA assumed, adapter activations and logits included)', () => {
    const text = AXOLOTL_LORA.replace('lora_alpha: 16\n', 'lora_alpha: 16\nlora_dropout: 0\n');
    const a = analyzeConfigText(text, { dialect: 'axolotl' });
    // Llama-2-7B, LoRA r=8 q/v, 4096 × 2 tokens, bf16, no checkpointing: see test/unit/memory-adapters.test.ts.
    assert.equal(a.memory?.totalBytes, 57_009_512_448);
    assert.deepEqual(
      a.memory?.components.map((c) => c.id),
      ['weights', 'gradients', 'optimizer', 'activations', 'adapter-activations', 'logits'],
    );
    assert.ok(
      a.memoryNotes.some((n) => /sdpa/i.test(n)),
      a.memoryNotes.join(' | '),
    );
  });

  it('counts Axolotl lora_target_linear plus listed modules as the CLI report does (their union)', () => {
    const text =
      'base_model: meta-llama/Llama-2-7b-hf\nadapter: lora\nlora_r: 8\nlora_alpha: 16\nlora_target_linear: true\n' +
      'lora_target_modules:\n  - embed_tokens\nmicro_batch_size: 2\ngradient_accumulation_steps: 4\n';
    const a = analyzeConfigText(text, { dialect: 'axolotl' });
    // all-linear r 8 = 19,988,480 (formulas.md 4.2) + embed_tokens r·(32000 + 4096) = 288,768
    assert.equal(a.estimate?.trainableParams, 19_988_480 + 288_768);
  });

  it('derives the effective batch in sequences and tokens', () => {
    const a = analyzeConfigText(AXOLOTL_LORA, { dialect: 'axolotl' });
    assert.equal(a.effectiveBatch?.sequences, 8);
    assert.equal(a.effectiveBatch?.tokens, 32_768);
    assert.match(a.effectiveBatch?.formula ?? '', /devices not stated/);
  });

  it('gives the LoRA scaling alpha/r and, with rsLoRA, alpha/sqrt(r)', () => {
    assert.equal(analyzeConfigText(AXOLOTL_LORA, { dialect: 'axolotl' }).loraScaling?.value, 2);
    const rs = loraScaling({ peft_type: 'LORA', r: 16, lora_alpha: 32, use_rslora: true });
    assert.equal(rs?.value, 8);
    assert.equal(rs?.source, 'rsLoRA, arXiv 2312.03732');
    assert.equal(loraScaling({ peft_type: 'IA3' }), undefined);
  });

  it('puts fine-tuning guidance first and pre-training laws as context for LoRA', () => {
    const a = analyzeConfigText(AXOLOTL_LORA, { dialect: 'axolotl' });
    const firstContext = a.laws.findIndex((l) => l.applies === 'context');
    assert.ok(firstContext > 0);
    assert.ok(a.laws.slice(firstContext).every((l) => l.applies === 'context'));
    const step = a.laws.find((l) => l.law === 'step-law');
    assert.equal(step?.applies, 'context');
  });

  it('takes the regime from the laws module, as `ml-config-lens recommend` does (continued pre-training)', () => {
    const text =
      'model_name_or_path: meta-llama/Llama-2-7b-hf\nstage: pt\nfinetuning_type: full\ncutoff_len: 2048\n' +
      'per_device_train_batch_size: 4\ngradient_accumulation_steps: 8\nmax_steps: 1000\nlearning_rate: 1.0e-4\n';
    const a = analyzeConfigText(text, { dialect: 'llamafactory' });
    assert.equal(a.regime, 'continued');
    assert.equal(a.laws.find((l) => l.law === 'rewarm')?.applies, 'recommendation');
    // D = max_steps × 4 × 8 × 2048 = 65,536,000 tokens reaches the laws (Step Law needs it).
    assert.match(a.laws.find((l) => l.law === 'step-law')?.formula ?? '', /\(6\.554e7\)\^0\.30749/);
  });

  it('lets a model override replace the config model', () => {
    const a = analyzeConfigText(AXOLOTL_LORA, {
      dialect: 'axolotl',
      modelOverride: 'meta-llama/Meta-Llama-3-8B',
    });
    // Llama-3-8B q_proj 4096→4096, v_proj 4096→1024 (GQA): 32 × 8 × (4096+4096 + 4096+1024) = 3,407,872
    assert.equal(a.estimate?.trainableParams, 3_407_872);
  });

  it('resolves a quantized mirror to its base model and keeps the note for the hover', () => {
    const a = analyzeConfigText(
      'base_model: unsloth/llama-3-8b-bnb-4bit\nadapter: qlora\nload_in_4bit: true\nlora_r: 8\nlora_target_modules: [q_proj]\n',
      { dialect: 'axolotl' },
    );
    assert.equal(a.model?.location, 'meta-llama/Meta-Llama-3-8B');
    assert.match(a.model?.note ?? '', /bnb-4bit quantized copy of meta-llama\/Meta-Llama-3-8B/);
    // q_proj 4096→4096 at r=8 on 32 layers: 32 × 8 × 8192 = 2,097,152
    assert.equal(a.estimate?.trainableParams, 2_097_152);
  });

  it('explains instead of throwing: no model, unknown model, broken YAML, not a mapping', () => {
    assert.match(
      analyzeConfigText('adapter: lora\nlora_r: 8\n', { dialect: 'axolotl' }).problems[0],
      /names no base model/,
    );
    assert.match(
      analyzeConfigText('base_model: acme/none\nadapter: lora\n', { dialect: 'axolotl' }).problems.join(' '),
      /acme\/none/,
    );
    assert.match(analyzeConfigText('a: [1, 2\n', { dialect: 'axolotl' }).problems[0], /syntax errors/);
    assert.match(analyzeConfigText('- 1\n- 2\n', { dialect: 'axolotl' }).problems[0], /not a mapping/);
  });
});

describe('analysis formatting', () => {
  it('formats counts, shares, learning rates and memory', () => {
    assert.equal(compactCount(4_194_304), '4.19M');
    assert.equal(compactCount(6_742_609_920), '6.74B');
    assert.equal(compactCount(1536), '1,536');
    assert.equal(percent(0.06220594176090199), '0.0622%');
    assert.equal(percent(12.345), '12.3%');
    assert.equal(learningRate(0.0002), '2.00e-4');
    assert.equal(learningRate(0.0000372274657287967), '3.72e-5');
    assert.equal(learningRate(0.01), '1.00e-2');
    assert.equal(gigabytes(13_540_000_000), '13.5 GB');
  });
});
