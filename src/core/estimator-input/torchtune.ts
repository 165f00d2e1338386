// torchtune recipe YAML → PEFT config. The model is a builder component such as
// `torchtune.models.llama3.lora_llama3_8b`: a `lora_`/`qlora_` prefix means LoRA (qlora quantizes the
// base to NF4), no prefix means full fine-tuning. torchtune names layers q_proj/k_proj/v_proj/
// output_proj and w1 (gate)/w2 (down)/w3 (up) (torchtune/models/convert_weights.py _FROM_HF), mapped
// here to the transformers names PEFT targets.
import { bool, defined, dtypeOf, isObj, names, num, type Obj, str } from './fields';
import { torchtuneRuntime } from './runtime';
import { DialectMappingError, type EstimatorInput, type PeftConfig, type TrainingShape } from './types';

/** torchtune builder (prefix and _base/_instruct stripped) → catalog alias. */
const BUILDERS: Readonly<Record<string, string>> = {
  llama2_7b: 'llama-2-7b',
  llama2_13b: 'llama-2-13b',
  llama2_70b: 'llama-2-70b',
  llama3_8b: 'llama-3-8b',
  llama3_1_8b: 'llama-3.1-8b',
  llama3_1_70b: 'llama-3.1-70b',
  llama3_2_1b: 'llama-3.2-1b',
  llama3_2_3b: 'llama-3.2-3b',
  llama3_3_70b: 'llama-3.3-70b',
  mistral_7b: 'mistral-7b-v0.1',
  gemma_2b: 'gemma-2b',
  gemma_7b: 'gemma-7b',
  gemma2_2b: 'gemma-2-2b',
  gemma2_9b: 'gemma-2-9b',
  phi3_mini: 'phi-3-mini-4k',
  phi4_14b: 'phi-4',
  qwen2_0_5b: 'qwen2-0.5b',
  qwen2_7b: 'qwen2-7b',
  qwen2_5_1_5b: 'qwen2.5-1.5b',
  qwen2_5_3b: 'qwen2.5-3b',
  qwen2_5_7b: 'qwen2.5-7b',
  qwen2_5_14b: 'qwen2.5-14b',
  qwen2_5_32b: 'qwen2.5-32b',
  qwen3_0_6b: 'qwen3-0.6b',
  qwen3_4b: 'qwen3-4b',
  qwen3_8b: 'qwen3-8b',
  qwen3_14b: 'qwen3-14b',
  qwen3_32b: 'qwen3-32b',
};

/** torchtune module name → transformers name (Phi-3/4 fuse q/k/v and gate/up in transformers). */
function hfName(name: string, fused: boolean): string {
  const plain: Record<string, string> = {
    output_proj: 'o_proj',
    w1: 'gate_proj',
    w2: 'down_proj',
    w3: 'up_proj',
  };
  if (fused && ['q_proj', 'k_proj', 'v_proj'].includes(name)) return 'qkv_proj';
  if (fused && (name === 'w1' || name === 'w3')) return 'gate_up_proj';
  return plain[name] ?? name;
}

interface Builder {
  kind: 'full' | 'lora' | 'qlora';
  key: string;
  catalogAlias?: string;
}

export function parseBuilder(component: string): Builder {
  const fn = component.split('.').pop() ?? component;
  const m = /^(q?lora)_(.+)$/.exec(fn);
  const kind = m ? (m[1] as 'lora' | 'qlora') : 'full';
  const key = (m ? m[2] : fn).replace(/_(base|instruct)$/, '');
  return { kind, key, catalogAlias: BUILDERS[key] };
}

export function mapTorchtune(cfg: Obj): EstimatorInput {
  const notes: string[] = [];
  const model = isObj(cfg.model) ? cfg.model : undefined;
  const component = model ? str(model._component_) : undefined;
  if (!model || !component)
    throw new DialectMappingError('torchtune config has no model._component_ builder');
  const builder = parseBuilder(component);
  if (!builder.catalogAlias)
    notes.push(`builder ${builder.key} has no catalog entry: pass --model with its config.json`);
  const fused = builder.key.startsWith('phi3') || builder.key.startsWith('phi4');
  const peft =
    builder.kind === 'full' ? ({ peft_type: 'FULL' } as PeftConfig) : loraConfig(model, fused, notes);
  const training = trainingShape(cfg);
  if (builder.kind === 'qlora' || bool(model.quantize_base) === true) training.loadIn4bit = true;
  return {
    dialect: 'torchtune',
    modelRef: builder.catalogAlias,
    peft,
    taskType: 'CAUSAL_LM',
    training,
    notes,
  };
}

function loraConfig(model: Obj, fused: boolean, notes: string[]): PeftConfig {
  const attn = names(model.lora_attn_modules) ?? [];
  const mlp = bool(model.apply_lora_to_mlp) === true ? ['w1', 'w2', 'w3'] : [];
  const output = bool(model.apply_lora_to_output) === true ? ['lm_head'] : [];
  const targets = [...new Set([...attn, ...mlp].map((n) => hfName(n, fused)).concat(output))];
  if (targets.length === 0)
    throw new DialectMappingError('torchtune LoRA builder with no lora_attn_modules, MLP or output targets');
  if (fused)
    notes.push(
      "Phi-3/Phi-4 in transformers fuse q/k/v and gate/up: counted on qkv_proj/gate_up_proj as PEFT would, which differs from torchtune's split layers",
    );
  return {
    peft_type: 'LORA',
    task_type: 'CAUSAL_LM',
    target_modules: targets,
    ...defined({
      r: num(model.lora_rank),
      lora_alpha: num(model.lora_alpha),
      lora_dropout: num(model.lora_dropout),
      use_dora: bool(model.use_dora),
    }),
  };
}

function trainingShape(cfg: Obj): TrainingShape {
  const tokenizer = isObj(cfg.tokenizer) ? cfg.tokenizer : {};
  const optimizer = isObj(cfg.optimizer) ? cfg.optimizer : {};
  const epochs = num(cfg.epochs);
  const perEpoch = num(cfg.max_steps_per_epoch);
  return defined({
    sequenceLength: num(tokenizer.max_seq_len),
    microBatchSize: num(cfg.batch_size),
    gradientAccumulationSteps: num(cfg.gradient_accumulation_steps),
    dtype: dtypeOf({ dtype: cfg.dtype }),
    optimizer: str(optimizer._component_),
    gradientCheckpointing: bool(cfg.enable_activation_checkpointing),
    learningRate: num(optimizer.lr),
    maxSteps: perEpoch !== undefined && epochs !== undefined ? perEpoch * epochs : undefined,
    epochs,
    ...torchtuneRuntime(cfg),
  }) as TrainingShape;
}
