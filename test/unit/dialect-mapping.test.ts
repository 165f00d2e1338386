import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { DialectMappingError, parseBuilder } from '../../src/core/estimator-input';
import { expandAxolotlLinear } from '../../src/core/estimator-input/axolotl-linear';
import { estimatorInputFromText } from '../../src/core/pipeline/from-text';
import { buildEstimateReport } from '../../src/core/estimator-input/report';
import { resolveModel } from '../../src/io/resolve';
import { mapDialectConfig, type DialectId } from '../../src/core/dialects';
import { describeWithShared } from '../support/shared';

describeWithShared('corpus/real', 'dialect-mapping: real configs, exact PEFT configs', (real) => {
  const load = (rel: string): unknown => parse(readFileSync(join(real, rel), 'utf8'));

  it('Axolotl llama-3/lora-8b.yml: lora_target_linear → all-linear, 8-bit base', () => {
    const m = mapDialectConfig(load('axolotl/examples/llama-3/lora-8b.yml'), 'axolotl');
    assert.equal(m.modelRef, 'NousResearch/Meta-Llama-3-8B');
    assert.deepEqual(m.peft, {
      peft_type: 'LORA',
      task_type: 'CAUSAL_LM',
      bias: 'none',
      r: 32,
      lora_alpha: 16,
      lora_dropout: 0.05,
      target_modules: 'all-linear',
      modules_to_save: ['embed_tokens', 'lm_head'],
    });
    assert.deepEqual(m.training, {
      sequenceLength: 4096,
      microBatchSize: 2,
      gradientAccumulationSteps: 4,
      dtype: 'bf16',
      loadIn4bit: false,
      loadIn8bit: true,
      optimizer: 'adamw_bnb_8bit',
      gradientCheckpointing: true,
      learningRate: 0.0002,
      epochs: 4,
      attention: 'flash',
      attentionSetting: 'attn_implementation: flash_attention_2',
      precisionFramework: 'hf',
      modelDtype: 'bf16',
    });
  });

  it('LLaMA-Factory qwen3_lora_sft.yaml: lora_target all, alpha defaults to 2 × rank', () => {
    const m = mapDialectConfig(load('llamafactory/examples/train_lora/qwen3_lora_sft.yaml'), 'llamafactory');
    assert.equal(m.modelRef, 'Qwen/Qwen3-4B-Instruct-2507');
    assert.deepEqual(m.peft, {
      peft_type: 'LORA',
      r: 8,
      lora_alpha: 16,
      lora_dropout: 0,
      target_modules: 'all-linear',
      task_type: 'CAUSAL_LM',
    });
    assert.deepEqual(m.training, {
      sequenceLength: 2048,
      microBatchSize: 1,
      gradientAccumulationSteps: 8,
      dtype: 'bf16',
      gradientCheckpointing: true,
      learningRate: 1e-4,
      epochs: 3,
      precisionFramework: 'llamafactory',
    });
    assert.match(m.notes[0], /lora_rank \* 2 = 16/);
  });

  it('LLaMA-Factory v1 freeze and full layouts', () => {
    const freeze = mapDialectConfig(
      load('llamafactory/examples/v1/train_freeze/train_freeze_sft.yaml'),
      'llamafactory',
    );
    assert.equal(freeze.modelRef, 'Qwen/Qwen3-4B');
    assert.deepEqual(freeze.peft, {
      peft_type: 'FREEZE',
      freeze_trainable_layers: 2,
      freeze_trainable_modules: ['all'],
      freeze_extra_modules: null,
    });
    const full = mapDialectConfig(
      load('llamafactory/examples/train_full/qwen3_full_sft.yaml'),
      'llamafactory',
    );
    assert.deepEqual(full.peft, { peft_type: 'FULL' });
    const v1lora = mapDialectConfig(
      load('llamafactory/examples/v1/train_lora/train_lora_sft_rank0.yaml'),
      'llamafactory-v1' as DialectId,
    );
    assert.deepEqual(v1lora.peft, {
      peft_type: 'LORA',
      r: 16,
      lora_alpha: 32,
      lora_dropout: 0.05,
      target_modules: 'all-linear',
      task_type: 'CAUSAL_LM',
    });
    assert.equal(v1lora.training.microBatchSize, 1);
  });

  it('LLaMA-Factory OFT example keeps block size and all-linear target', () => {
    const m = mapDialectConfig(
      load('llamafactory/examples/extras/oft/qwen2_5vl_oft_sft.yaml'),
      'llamafactory',
    );
    assert.deepEqual(m.peft, {
      peft_type: 'OFT',
      r: 0,
      oft_block_size: 32,
      target_modules: 'all-linear',
      task_type: 'CAUSAL_LM',
    });
  });

  it('torchtune llama3/8B_qlora_single_device.yaml: torchtune names → HF names, 4-bit base', () => {
    const m = mapDialectConfig(
      load('torchtune/recipes/configs/llama3/8B_qlora_single_device.yaml'),
      'torchtune',
    );
    assert.equal(m.modelRef, 'llama-3-8b');
    assert.deepEqual(m.peft, {
      peft_type: 'LORA',
      task_type: 'CAUSAL_LM',
      target_modules: ['q_proj', 'v_proj', 'o_proj', 'gate_proj', 'down_proj', 'up_proj'],
      r: 8,
      lora_alpha: 16,
      lora_dropout: 0,
    });
    assert.deepEqual(m.training, {
      microBatchSize: 2,
      gradientAccumulationSteps: 8,
      dtype: 'bf16',
      optimizer: 'torch.optim.AdamW',
      gradientCheckpointing: true,
      learningRate: 3e-4,
      epochs: 1,
      loadIn4bit: true,
      attention: 'sdpa',
      attentionSetting: 'torchtune MultiHeadAttention (scaled_dot_product_attention)',
      attentionDropout: 0,
      fusedCrossEntropy: 'loss: torchtune.modules.loss.LinearCrossEntropyLoss',
      precisionFramework: 'torchtune',
    });
  });

  it('torchtune full recipes map to FULL; builders map to catalog names', () => {
    const m = mapDialectConfig(load('torchtune/recipes/configs/llama3_2/1B_full.yaml'), 'torchtune');
    assert.deepEqual(m.peft, { peft_type: 'FULL' });
    assert.equal(m.modelRef, 'llama-3.2-1b');
    assert.deepEqual(parseBuilder('torchtune.models.qwen2_5.qwen2_5_1_5b_instruct'), {
      kind: 'full',
      key: 'qwen2_5_1_5b',
      catalogAlias: 'qwen2.5-1.5b',
    });
    assert.deepEqual(parseBuilder('torchtune.models.llama3.lora_llama3_70b'), {
      kind: 'lora',
      key: 'llama3_70b',
      catalogAlias: undefined,
    });
  });

  it('TRL-style alignment-handbook QLoRA recipe (use_peft, torch_dtype, max_seq_length)', () => {
    const m = mapDialectConfig(
      load('alignment-handbook/recipes/zephyr-7b-beta/sft/config_qlora.yaml'),
      'trl',
    );
    assert.equal(m.modelRef, 'mistralai/Mistral-7B-v0.1');
    assert.deepEqual(m.peft, {
      peft_type: 'LORA',
      task_type: 'CAUSAL_LM',
      r: 16,
      lora_alpha: 16,
      lora_dropout: 0.05,
      bias: 'none',
      target_modules: ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj'],
    });
    assert.deepEqual(m.training, {
      sequenceLength: 2048,
      microBatchSize: 4,
      gradientAccumulationSteps: 2,
      dtype: 'bf16',
      loadIn4bit: true,
      gradientCheckpointing: true,
      learningRate: 2e-4,
      epochs: 1,
      attention: 'flash',
      attentionSetting: 'attn_implementation: flash_attention_2',
      precisionFramework: 'hf',
      modelDtype: 'bf16',
    });
  });

  it('TRL without use_peft is full fine-tuning', () => {
    const m = mapDialectConfig(load('trl/examples/cli_configs/example_config.yaml'), 'trl');
    assert.deepEqual(m.peft, { peft_type: 'FULL' });
    assert.equal(m.modelRef, 'Qwen/Qwen2.5-0.5B');
  });

  it('PEFT adapter_config.json passes through with its base model and task type', () => {
    const text = readFileSync(
      join(
        real,
        'peft/method_comparison/MetaMathQA/experiments/lora/llama-3.2-3B-rank32/adapter_config.json',
      ),
      'utf8',
    );
    const cfg = JSON.parse(text);
    const m = mapDialectConfig(cfg, 'peft');
    assert.equal(m.peft.peft_type, 'LORA');
    assert.equal(m.peft.r, cfg.r);
    assert.equal(m.modelRef, cfg.base_model_name_or_path ?? undefined);
    assert.equal(m.taskType, cfg.task_type ?? null);
  });
});

describe('dialect-mapping: AdapterHub', () => {
  it('AdapterHub configs become BOTTLENECK, saved ones unwrap `config`', () => {
    const m = mapDialectConfig(
      {
        config: { architecture: 'bottleneck', reduction_factor: 16, mh_adapter: false, output_adapter: true },
        model_name: 'bert-base-uncased',
      },
      'adapterhub',
    );
    assert.deepEqual(m.peft, {
      architecture: 'bottleneck',
      reduction_factor: 16,
      mh_adapter: false,
      output_adapter: true,
      peft_type: 'BOTTLENECK',
    });
    assert.equal(m.modelRef, 'bert-base-uncased');
    assert.throws(
      () => mapDialectConfig({ architecture: 'prefix_tuning' }, 'adapterhub'),
      DialectMappingError,
    );
  });
});

describe('dialect-mapping: Axolotl target lists', () => {
  it('lora_target_linear plus non-Linear names keeps the names as extra targets', () => {
    const m = mapDialectConfig(
      {
        base_model: 'llama-2-7b',
        adapter: 'lora',
        lora_target_linear: true,
        lora_target_modules: ['embed_tokens'],
      },
      'axolotl',
    );
    assert.equal(m.peft.target_modules, 'all-linear');
    assert.deepEqual(m.extraTargets, ['embed_tokens']);
    assert.deepEqual(expandAxolotlLinear(m, ['q_proj', 'down_proj']).target_modules, [
      'down_proj',
      'embed_tokens',
      'q_proj',
    ]);
  });

  it('no targets at all: the empty list Axolotl passes, with a note that PEFT refuses it', () => {
    const m = mapDialectConfig({ base_model: 'x', adapter: 'lora', lora_r: 8 }, 'axolotl');
    assert.deepEqual(m.peft.target_modules, []);
    assert.match(m.notes.join('\n'), /empty target list, which PEFT refuses/);
  });
});

describe('dialect-mapping: defaults and refusals', () => {
  it('Axolotl: qlora implies 4-bit, PyYAML string numbers parse, unknown adapters are refused', () => {
    const m = mapDialectConfig(
      {
        base_model: 'x/y',
        adapter: 'qlora',
        lora_r: '64',
        learning_rate: '2e-5',
        peft_use_dora: true,
        lora_target_modules: ['q_proj'],
      },
      'axolotl',
    );
    assert.equal(m.training.loadIn4bit, true);
    assert.equal(m.training.learningRate, 2e-5);
    assert.deepEqual(m.peft, {
      peft_type: 'LORA',
      task_type: 'CAUSAL_LM',
      bias: 'none',
      r: 64,
      target_modules: ['q_proj'],
      use_dora: true,
    });
    assert.throws(() => mapDialectConfig({ adapter: 'llama-adapter' }, 'axolotl'), /not mapped/);
    assert.deepEqual(mapDialectConfig({ base_model: 'x/y' }, 'axolotl').peft, { peft_type: 'FULL' });
  });

  it('LLaMA-Factory: comma-separated lora_target and additional_target, quantization_bit', () => {
    const m = mapDialectConfig(
      {
        model_name_or_path: 'm',
        lora_target: 'q_proj, v_proj',
        additional_target: 'embed_tokens,lm_head',
        lora_alpha: 32,
        use_dora: true,
        quantization_bit: 4,
        disable_gradient_checkpointing: true,
      },
      'llamafactory',
    );
    assert.deepEqual(m.peft, {
      peft_type: 'LORA',
      r: 8,
      lora_alpha: 32,
      lora_dropout: 0,
      target_modules: ['q_proj', 'v_proj'],
      modules_to_save: ['embed_tokens', 'lm_head'],
      use_dora: true,
      task_type: 'CAUSAL_LM',
    });
    assert.equal(m.training.loadIn4bit, true);
    assert.equal(m.training.gradientCheckpointing, false);
    const f = mapDialectConfig(
      {
        finetuning_type: 'freeze',
        freeze_trainable_layers: -3,
        freeze_trainable_modules: 'mlp,self_attn',
        freeze_extra_modules: 'embed_tokens',
      },
      'llamafactory',
    );
    assert.deepEqual(f.peft, {
      peft_type: 'FREEZE',
      freeze_trainable_layers: -3,
      freeze_trainable_modules: ['mlp', 'self_attn'],
      freeze_extra_modules: ['embed_tokens'],
    });
  });

  it('TRL: a one-name target list becomes a string, as ModelConfig.__post_init__ does', () => {
    const one = mapDialectConfig({ use_peft: true, lora_target_modules: ['q_proj'] }, 'trl');
    assert.equal(one.peft.target_modules, 'q_proj');
    assert.match(one.notes.join('\n'), /reads as a regex over full module paths/);
    assert.equal(
      mapDialectConfig({ use_peft: true, lora_target_modules: ['all-linear'] }, 'trl').peft.target_modules,
      'all-linear',
    );
  });

  it('TRL defaults: r 16, alpha 32, dropout 0.05 when only use_peft is set', () => {
    const m = mapDialectConfig(
      { model_name_or_path: 'm', use_peft: true, lora_modules_to_save: ['lm_head'] },
      'trl',
    );
    assert.deepEqual(m.peft, {
      peft_type: 'LORA',
      task_type: 'CAUSAL_LM',
      r: 16,
      lora_alpha: 32,
      lora_dropout: 0.05,
      bias: 'none',
      modules_to_save: ['lm_head'],
    });
  });

  it('torchtune: apply_lora_to_output adds lm_head; Phi builders use the fused HF names', () => {
    const m = mapDialectConfig(
      {
        model: {
          _component_: 'torchtune.models.phi3.lora_phi3_mini',
          lora_attn_modules: ['q_proj', 'k_proj', 'v_proj', 'output_proj'],
          apply_lora_to_mlp: true,
          apply_lora_to_output: true,
          lora_rank: 8,
          lora_alpha: 16,
        },
      },
      'torchtune',
    );
    assert.deepEqual(m.peft.target_modules, ['qkv_proj', 'o_proj', 'gate_up_proj', 'down_proj', 'lm_head']);
    assert.equal(m.modelRef, 'phi-3-mini-4k');
    assert.throws(() => mapDialectConfig({ model: {} }, 'torchtune'), /no model._component_/);
  });

  it('refuses non-mappings with a clear message', () => {
    assert.throws(() => mapDialectConfig(['a'], 'axolotl'), /must be a mapping/);
    assert.throws(() => mapDialectConfig({ r: 8 }, 'peft'), /no peft_type/);
  });
});

describeWithShared('corpus/real', 'dialect-mapping: whole real corpus', (real) => {
  const dirs: Array<[string, DialectId]> = [
    ['axolotl/examples', 'axolotl'],
    ['llamafactory/examples', 'llamafactory'],
    ['torchtune/recipes/configs', 'torchtune'],
  ];
  function* files(dir: string): Generator<string> {
    for (const n of readdirSync(dir)) {
      const p = join(dir, n);
      if (statSync(p).isDirectory()) yield* files(p);
      else if (/\.ya?ml$/.test(n)) yield p;
    }
  }
  it('maps every training config or refuses it with a DialectMappingError, never a crash', () => {
    let mapped = 0;
    let refused = 0;
    for (const [dir, dialect] of dirs) {
      for (const f of files(join(real, dir))) {
        const doc = parse(readFileSync(f, 'utf8'));
        if (dialect === 'torchtune' && !(doc && typeof doc.model === 'object')) continue;
        if (dialect === 'llamafactory' && !(doc && (doc.model_name_or_path || doc.model))) continue;
        try {
          const m = mapDialectConfig(doc, dialect);
          assert.ok(m.peft.peft_type, f);
          mapped++;
        } catch (err) {
          assert.ok(err instanceof DialectMappingError, `${f}: ${err}`);
          refused++;
        }
      }
    }
    assert.deepEqual([mapped, refused], [265, 0]);
  });
});

describe('dialect-mapping: from text to report', () => {
  it('a LLaMA-Factory YAML on Llama-3-8B: formulas.md 4.2 LoRA r 8 q+v = 3,407,872', async () => {
    const text =
      'model_name_or_path: meta-llama/Meta-Llama-3-8B\nstage: sft\nfinetuning_type: lora\nlora_rank: 8\nlora_target: q_proj,v_proj\ncutoff_len: 1024\n';
    const input = estimatorInputFromText(text, 'train.yaml');
    assert.equal(input.dialect, 'llamafactory');
    const model = await resolveModel(input.modelRef!, { cwd: '/', env: {}, homeDir: '/nonexistent' });
    const report = buildEstimateReport(input, model);
    assert.equal(report.params.trainableParams, 3_407_872);
    assert.equal(report.params.totalParams, 8_030_261_248 + 3_407_872);
    // LLaMA-Factory checkpoints by default; flash_attn auto → transformers' SDPA: 2sbhL + 34sbh + 4asb.
    assert.equal(
      report.memory.components.find((c) => c.id === 'activations')?.bytes,
      32 * (2 * 1024 * 1 * 4096) + 34 * 1024 * 4096 + 4 * 32 * 1024,
    );
    // Llama-3 vocabulary 128,256: bf16 logits + fp32 copy + fp32 log-softmax.
    assert.equal(report.memory.components.find((c) => c.id === 'logits')?.bytes, 1024 * 128_256 * 10);
    assert.ok(report.notes.some((n) => n.startsWith('attention implementation not stated: assumed sdpa')));
  });

  it('refuses unparsable text, non-mappings and unknown frameworks in one line', () => {
    assert.throws(() => estimatorInputFromText('a: [1,\n', 'x.yaml'), /x.yaml is neither JSON nor YAML/);
    assert.throws(() => estimatorInputFromText('- a\n- b\n', 'x.yaml'), /does not hold a mapping/);
    assert.throws(
      () => estimatorInputFromText('foo: 1\n', 'x.yaml'),
      /cannot tell which framework x.yaml is for/,
    );
  });
});
