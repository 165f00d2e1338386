import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeDocument, type ModelResolver } from '../../src/core/pipeline';
import { checkText } from '../../src/cli/check';
import type { DialectId } from '../../src/core/dialects';
import type { ModelConfigJson } from '../../src/core/models/types';
import { findCatalogModel, findCatalogVariant } from '../../src/core/models/catalog';
import { TOKENIZER_FACTS } from '../../src/core/analysis/tokenizerFacts';

// DeepSeek-V3's published config.json as the catalog carries it (its FP8 block quantization included;
// catalog-added.test.ts pins those values), here read from a local path as a user's download would be.
const DEEPSEEK_V3: ModelConfigJson = findCatalogModel('deepseek-ai/DeepSeek-V3')!.config;
const { quantization_config: _dropped, ...DEEPSEEK_V3_BF16 } = DEEPSEEK_V3;

const resolver =
  (config: ModelConfigJson): ModelResolver =>
  (ref) =>
    ref.includes('DeepSeek-V3') ? { config, kind: 'file', location: ref } : undefined;

/** The model-fact findings (codes and the text they point at) of the pipeline, with the message. */
function facts(text: string, dialect: DialectId, resolve?: ModelResolver) {
  return analyzeDocument({ text, dialect }, resolve)
    .diagnostics.filter((d) =>
      ['checkpoint-fp8', 'tokenizer-no-pad-token', 'model-unknown'].includes(d.code ?? ''),
    )
    .map((d) => ({ code: d.code, severity: d.severity, at: text.slice(d.start, d.end), message: d.message }));
}

const FP8_LORA =
  'Trainer stops with "The model you are trying to fine-tune is quantized with fp8 but that quantization method do not support training".';

describe('model facts: FP8 checkpoints', () => {
  it('errors on Axolotl LoRA over an FP8 checkpoint with ZeRO-3, naming the sharding and the fix', () => {
    const text =
      'base_model: deepseek-ai/DeepSeek-V3\nadapter: lora\nlora_r: 8\nlora_target_linear: true\ndeepspeed: deepspeed_configs/zero3_bf16.json\n';
    assert.deepEqual(facts(text, 'axolotl', resolver(DEEPSEEK_V3)), [
      {
        code: 'checkpoint-fp8',
        severity: 'error',
        at: 'deepseek-ai/DeepSeek-V3',
        message:
          "deepseek-ai/DeepSeek-V3 ships FP8 weights (config.json quantization_config.quant_method: fp8); transformers' FP8 quantizer is not trainable, so the " +
          FP8_LORA +
          ' Sharding it with DeepSpeed ZeRO-3 (deepspeed: deepspeed_configs/zero3_bf16.json) does not help: the check runs on the loaded model before any sharding.' +
          ' Dequantize at load with `model_quantization_config: FineGrainedFP8Config` and `model_quantization_config_kwargs: {dequantize: true}`, or train from a BF16 copy.',
      },
    ]);
  });

  it('errors on a TRL full fine-tune of an FP8 checkpoint with the purely-quantized wording', () => {
    const text = 'model_name_or_path: deepseek-ai/DeepSeek-V3\nlearning_rate: 1.0e-5\n';
    const [d] = facts(text, 'trl', resolver(DEEPSEEK_V3));
    assert.equal(d?.code, 'checkpoint-fp8');
    assert.match(
      d.message,
      /stops with "You cannot perform fine-tuning on purely quantized models"\. Train from/,
    );
  });

  it('accepts Axolotl dequantizing at load, LLaMA-Factory (it dequantizes FP8 itself) and a BF16 copy', () => {
    const dequant =
      'base_model: deepseek-ai/DeepSeek-V3\nadapter: lora\nlora_target_linear: true\nmodel_quantization_config: FineGrainedFP8Config\nmodel_quantization_config_kwargs:\n  dequantize: true\n';
    assert.deepEqual(facts(dequant, 'axolotl', resolver(DEEPSEEK_V3)), []);
    const lf =
      'model_name_or_path: deepseek-ai/DeepSeek-V3\nstage: sft\nfinetuning_type: lora\nlora_target: all\ndeepspeed: examples/deepspeed/ds_z3_config.json\n';
    assert.deepEqual(facts(lf, 'llamafactory', resolver(DEEPSEEK_V3)), []);
    const bf16 = 'base_model: deepseek-ai/DeepSeek-V3\nadapter: lora\nlora_target_linear: true\n';
    assert.deepEqual(facts(bf16, 'axolotl', resolver(DEEPSEEK_V3_BF16 as ModelConfigJson)), []);
  });
});

describe('model facts: FP8 checkpoints where Axolotl skips the guard', () => {
  const codes = (extra: string) =>
    facts(`base_model: deepseek-ai/DeepSeek-V3\n${extra}`, 'axolotl', resolver(DEEPSEEK_V3)).map(
      (d) => d.code,
    );
  const kernels = 'plugins:\n  - axolotl.integrations.kernels.KernelsPlugin\n';
  it('accepts an adapter with the preference-tuning builder (rl.py:300-313) or the MoE kernels (plugin.py:154, :183)', () => {
    assert.deepEqual(codes('rl: dpo\nadapter: lora\nlora_target_linear: true\n'), []);
    assert.deepEqual(codes(`${kernels}use_scattermoe: true\nadapter: lora\nlora_target_linear: true\n`), []);
    assert.deepEqual(codes(`${kernels}use_sonicmoe: true\nadapter: lora\nlora_target_linear: true\n`), []);
  });
  it('still errors without an adapter, or with the kernels plugin but neither MoE kernel', () => {
    assert.deepEqual(codes('rl: dpo\n'), ['checkpoint-fp8']);
    assert.deepEqual(codes(`${kernels}adapter: lora\nlora_target_linear: true\n`), ['checkpoint-fp8']);
    assert.deepEqual(codes('use_scattermoe: true\nadapter: lora\nlora_target_linear: true\n'), [
      'checkpoint-fp8',
    ]);
  });
});

describe('model facts: a tokenizer without a pad token', () => {
  const warning = (model: string, pad: string) =>
    `The tokenizer of ${model} has no pad token: Axolotl warns "Tokenizer does not have a pad_token, falling back to eos_token" and pads with the EOS token. Set \`special_tokens: {pad_token: "${pad}"}\` (an unused special token of this vocabulary) to pad with a token of its own.`;
  const axolotl = (model: string, extra = '') =>
    facts(`base_model: ${model}\nadapter: lora\nlora_target_linear: true\n${extra}`, 'axolotl');

  it('warns on Axolotl with Llama 3, suggesting a reserved token that vocabulary has', () => {
    assert.deepEqual(axolotl('meta-llama/Meta-Llama-3-8B'), [
      {
        code: 'tokenizer-no-pad-token',
        severity: 'warning',
        at: 'meta-llama/Meta-Llama-3-8B',
        message: warning('meta-llama/Meta-Llama-3-8B', '<|reserved_special_token_0|>'),
      },
    ]);
  });

  it('suggests <|finetune_right_pad_id|> for Llama 3.1 and 3.2, by id or short name', () => {
    assert.deepEqual(
      ['meta-llama/Llama-3.1-8B-Instruct', 'meta-llama/Llama-3.2-1B'].map((m) => axolotl(m)[0]?.message),
      [
        warning('meta-llama/Llama-3.1-8B-Instruct', '<|finetune_right_pad_id|>'),
        warning('meta-llama/Llama-3.2-1B', '<|finetune_right_pad_id|>'),
      ],
    );
  });

  it('accepts a set pad token, tokenizers Axolotl pads silently or that set one, and re-uploads', () => {
    assert.deepEqual(
      axolotl('meta-llama/Meta-Llama-3-8B', 'special_tokens:\n  pad_token: <|end_of_text|>\n'),
      [],
    );
    // LlamaTokenizer (Llama 2, Mistral 7B) gets "</s>" without a warning; Qwen sets its own pad token.
    assert.deepEqual(axolotl('meta-llama/Llama-2-7b-hf'), []);
    assert.deepEqual(axolotl('mistralai/Mistral-7B-v0.1'), []);
    assert.deepEqual(axolotl('Qwen/Qwen2.5-7B'), []);
    // A re-upload may ship its own tokenizer (unsloth sets a pad token): not judged; nor is a mirror
    // name the catalog does not list as an alias.
    assert.deepEqual(axolotl('unsloth/Llama-3.2-1B'), []);
    assert.deepEqual(axolotl('NousResearch/Meta-Llama-3.1-8B'), []);
  });

  it('covers the names the catalog lists for the model: its NousResearch aliases', () => {
    assert.deepEqual(
      ['NousResearch/Meta-Llama-3-8B', 'NousResearch/Llama-3.2-1B'].map((m) => axolotl(m)[0]?.message),
      [
        warning('NousResearch/Meta-Llama-3-8B', '<|reserved_special_token_0|>'),
        warning('NousResearch/Llama-3.2-1B', '<|finetune_right_pad_id|>'),
      ],
    );
  });

  it('accepts TRL and both LLaMA-Factory parsers (EOS fallback without a warning; v1 pads with 0)', () => {
    assert.deepEqual(facts('model_name_or_path: meta-llama/Meta-Llama-3-8B\n', 'trl'), []);
    assert.deepEqual(
      facts(
        'model_name_or_path: meta-llama/Meta-Llama-3-8B\nstage: sft\nfinetuning_type: lora\nlora_target: all\n',
        'llamafactory',
      ),
      [],
    );
    assert.deepEqual(facts('model: meta-llama/Llama-3.1-8B\ncutoff_len: 2048\n', 'llamafactory-v1'), []);
  });

  it('every model of the tokenizer table is a catalog name, and every suggestion is a special token', () => {
    const names = TOKENIZER_FACTS.flatMap((f) => f.models).filter(
      (m) => (findCatalogVariant(m)?.id ?? findCatalogModel(m)?.id) !== m,
    );
    assert.deepEqual(names, []);
    assert.deepEqual(
      TOKENIZER_FACTS.map((f) => /^<\|[a-z_0-9]+\|>$/.test(f.padCandidate ?? '')),
      [true, true],
    );
  });
});

describe('model facts: FP8 checkpoints from the catalog', () => {
  it('errors on DeepSeek-V3 and DeepSeek-R1 by name, without a local config.json', () => {
    const axolotl = (m: string) =>
      facts(`base_model: ${m}\nadapter: lora\nlora_target_linear: true\n`, 'axolotl').map(
        (d) => `${d.code}@${d.at}`,
      );
    assert.deepEqual(['deepseek-ai/DeepSeek-V3', 'deepseek-ai/DeepSeek-R1', 'deepseek-r1'].map(axolotl), [
      ['checkpoint-fp8@deepseek-ai/DeepSeek-V3'],
      ['checkpoint-fp8@deepseek-ai/DeepSeek-R1'],
      ['checkpoint-fp8@deepseek-r1'],
    ]);
  });

  it('accepts the BF16 distilled R1 models and LLaMA-Factory over the FP8 catalog entry', () => {
    assert.deepEqual(
      facts(
        'base_model: deepseek-ai/DeepSeek-R1-Distill-Qwen-7B\nadapter: lora\nlora_target_linear: true\n',
        'axolotl',
      ),
      [],
    );
    assert.deepEqual(
      facts(
        'model_name_or_path: deepseek-ai/DeepSeek-R1\nstage: sft\nfinetuning_type: lora\nlora_target: all\n',
        'llamafactory',
      ),
      [],
    );
  });
});

describe('model facts: unknown model', () => {
  it('says once which model-aware checks were skipped', () => {
    const text = 'base_model: someone/private-model-7b\nadapter: lora\nlora_target_modules:\n  - q_proj\n';
    assert.deepEqual(facts(text, 'axolotl'), [
      {
        code: 'model-unknown',
        severity: 'information',
        at: 'someone/private-model-7b',
        message:
          "Model-aware checks skipped (target modules against the model's modules, the checkpoint's own quantization (FP8), the tokenizer's pad token): model 'someone/private-model-7b' is not in the catalog, the workspace or the local Hugging Face cache.",
      },
    ]);
  });

  it('says nothing when the model is known, the config names none, or names no target modules', () => {
    assert.deepEqual(
      facts('base_model: someone/private-model-7b\nadapter: lora\nlora_target_linear: true\n', 'axolotl'),
      [],
    );
    assert.deepEqual(facts('base_model: meta-llama/Llama-2-7b-hf\nadapter: lora\n', 'axolotl'), []);
    assert.deepEqual(facts('adapter: lora\nlora_r: 8\n', 'axolotl'), []);
  });
});

describe('model facts: CLI check and the editor agree', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'model-facts-'));
    mkdirSync(join(dir, 'DeepSeek-V3'));
    writeFileSync(join(dir, 'DeepSeek-V3', 'config.json'), JSON.stringify(DEEPSEEK_V3));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the same model-fact findings through checkText and analyzeDocument', () => {
    const file = join(dir, 'train.yml');
    const text = `base_model: ${join(dir, 'DeepSeek-V3')}\nadapter: lora\nlora_target_linear: true\nfsdp_version: 2\nfsdp_config:\n  reshard_after_forward: true\n`;
    const cli = checkText(file, text, 'axolotl').diagnostics.map((d) => `${d.code}@${d.line}:${d.column}`);
    const editor = analyzeDocument({ text, dialect: 'axolotl', fileName: file }, (ref) =>
      ref === join(dir, 'DeepSeek-V3') ? { config: DEEPSEEK_V3, kind: 'file', location: ref } : undefined,
    ).diagnostics.map((d) => `${d.code}@1:${d.start + 1}`);
    assert.ok(cli.includes('checkpoint-fp8@1:13'), cli.join(', '));
    assert.deepEqual(
      cli.filter((c) => c.startsWith('checkpoint-fp8')),
      editor.filter((c) => c.startsWith('checkpoint-fp8')),
    );
    const unknown = 'base_model: someone/private-model-7b\nadapter: lora\nlora_target_modules: [q_proj]\n';
    const count = (ds: Array<{ code?: string }>) => ds.filter((d) => d.code === 'model-unknown').length;
    assert.deepEqual(
      [
        count(checkText(file, unknown, 'axolotl').diagnostics),
        count(analyzeDocument({ text: unknown, dialect: 'axolotl' }).diagnostics),
      ],
      [1, 1],
    );
  });
});

describe('model facts: vision-language target paths per transformers release', () => {
  /** target-module codes of the pipeline for one full-path entry at one transformers release. */
  function targetCodes(model: string, entry: string, transformersVersion: string): string[] {
    const text = `base_model: ${model}\nadapter: lora\nlora_target_modules:\n  - ${entry}\n`;
    return analyzeDocument({ text, dialect: 'axolotl', settings: { transformersVersion } })
      .diagnostics.filter((d) => d.code?.startsWith('target-'))
      .map((d) => `${d.code} ${d.severity} ${text.slice(d.start, d.end)}`);
  }
  const NEW = 'model.language_model.layers.0.self_attn.q_proj';

  it('Qwen2-VL: model.language_model.* exists from 4.52, model.layers.* only before', () => {
    assert.deepEqual(targetCodes('Qwen/Qwen2-VL-7B-Instruct', NEW, '4.57.6'), []);
    assert.deepEqual(targetCodes('Qwen/Qwen2-VL-7B-Instruct', NEW, '4.51.3'), [
      `target-not-found error ${NEW}`,
    ]);
    const old = 'model.layers.0.self_attn.q_proj';
    assert.deepEqual(targetCodes('Qwen/Qwen2-VL-7B-Instruct', old, '4.51.3'), []);
    assert.deepEqual(targetCodes('Qwen/Qwen2-VL-7B-Instruct', old, '4.57.6'), [
      `target-not-found error ${old}`,
    ]);
  });

  it('Gemma 3: language_model.model.* before 4.52, model.language_model.* from 4.52', () => {
    const old = 'language_model.model.layers.0.self_attn.q_proj';
    assert.deepEqual(targetCodes('google/gemma-3-4b-it', old, '4.51.3'), []);
    assert.deepEqual(targetCodes('google/gemma-3-4b-it', old, '4.57.6'), [`target-not-found error ${old}`]);
    assert.deepEqual(targetCodes('google/gemma-3-4b-it', NEW, '4.57.6'), []);
    assert.deepEqual(targetCodes('google/gemma-3-4b-it', NEW, '4.51.3'), [`target-not-found error ${NEW}`]);
  });
});
