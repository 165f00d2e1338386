// LLaMA-Factory YAML → PEFT config, for both the classic layout (finetuning_type, lora_rank, ...) and
// the v1 layout (`peft_config: {name, r, ...}`). Defaults from LLaMA-Factory's FinetuningArguments:
// finetuning_type lora, lora_rank 8, lora_alpha None → lora_rank * 2, lora_dropout 0, lora_target
// "all" (every Linear but the output layer), freeze_trainable_layers 2, freeze_trainable_modules "all",
// OFT oft_rank 0 / oft_block_size 32 / oft_target "all"; gradient checkpointing on unless
// disable_gradient_checkpointing.
import { bool, defined, dtypeOf, isObj, names, num, type Obj, str } from './fields';
import { llamaFactoryRuntime } from './runtime';
import { DialectMappingError, type EstimatorInput, type PeftConfig, type TrainingShape } from './types';

/** `all` (or no value) means every Linear except the output layer, which is PEFT's all-linear. */
function targets(v: unknown): string | string[] {
  const list = names(v) ?? ['all'];
  return list.length === 0 || (list.length === 1 && list[0] === 'all') ? 'all-linear' : list;
}

function extra(v: unknown): string[] | undefined {
  const list = names(v);
  return list && list.length ? list : undefined;
}

function classicPeft(cfg: Obj, notes: string[]): PeftConfig {
  const type = (str(cfg.finetuning_type) ?? 'lora').toLowerCase();
  if (type === 'full') return { peft_type: 'FULL' };
  if (type === 'freeze') {
    return {
      peft_type: 'FREEZE',
      freeze_trainable_layers: num(cfg.freeze_trainable_layers) ?? 2,
      freeze_trainable_modules: names(cfg.freeze_trainable_modules) ?? ['all'],
      freeze_extra_modules: extra(cfg.freeze_extra_modules) ?? null,
    };
  }
  if (type === 'oft') {
    return {
      peft_type: 'OFT',
      r: num(cfg.oft_rank) ?? 0,
      oft_block_size: num(cfg.oft_block_size) ?? 32,
      target_modules: targets(cfg.oft_target),
      ...defined({ modules_to_save: extra(cfg.additional_target) }),
    };
  }
  if (type !== 'lora')
    throw new DialectMappingError(
      `LLaMA-Factory finetuning_type '${type}' is not mapped (lora, freeze, full, oft are)`,
    );
  const r = num(cfg.lora_rank) ?? 8;
  if (num(cfg.lora_alpha) === undefined)
    notes.push(`lora_alpha not set: LLaMA-Factory uses lora_rank * 2 = ${r * 2}`);
  return {
    peft_type: 'LORA',
    r,
    lora_alpha: num(cfg.lora_alpha) ?? r * 2,
    lora_dropout: num(cfg.lora_dropout) ?? 0,
    target_modules: targets(cfg.lora_target),
    ...defined({
      modules_to_save: extra(cfg.additional_target),
      use_dora: bool(cfg.use_dora),
      use_rslora: bool(cfg.use_rslora),
    }),
  };
}

function v1Peft(pc: Obj): PeftConfig {
  const name = (str(pc.name) ?? 'lora').toLowerCase();
  if (name === 'freeze') {
    return {
      peft_type: 'FREEZE',
      freeze_trainable_layers: num(pc.freeze_trainable_layers) ?? 2,
      freeze_trainable_modules: names(pc.freeze_trainable_modules) ?? ['all'],
      freeze_extra_modules: extra(pc.freeze_extra_modules) ?? null,
    };
  }
  if (name === 'full') return { peft_type: 'FULL' };
  if (name !== 'lora')
    throw new DialectMappingError(
      `LLaMA-Factory peft_config name '${name}' is not mapped (lora, freeze, full are)`,
    );
  return {
    peft_type: 'LORA',
    ...defined({ r: num(pc.r), lora_alpha: num(pc.lora_alpha), lora_dropout: num(pc.lora_dropout) }),
    target_modules: targets(pc.target_modules),
  };
}

function trainingShape(cfg: Obj): TrainingShape {
  const bits = num(cfg.quantization_bit);
  return defined({
    sequenceLength: num(cfg.cutoff_len),
    microBatchSize: num(cfg.per_device_train_batch_size) ?? num(cfg.micro_batch_size),
    gradientAccumulationSteps: num(cfg.gradient_accumulation_steps),
    dtype: dtypeOf(cfg),
    loadIn4bit: bits === undefined ? undefined : bits === 4,
    loadIn8bit: bits === undefined ? undefined : bits === 8,
    optimizer: str(cfg.optim),
    gradientCheckpointing: bool(cfg.disable_gradient_checkpointing) === true ? false : true,
    learningRate: num(cfg.learning_rate),
    maxSteps: num(cfg.max_steps),
    epochs: num(cfg.num_train_epochs),
    ...llamaFactoryRuntime(cfg),
  }) as TrainingShape;
}

export function mapLlamaFactory(cfg: Obj): EstimatorInput {
  const notes: string[] = [];
  const peft = isObj(cfg.peft_config) ? v1Peft(cfg.peft_config) : classicPeft(cfg, notes);
  const taskType = 'CAUSAL_LM';
  if (peft.peft_type !== 'FULL' && peft.peft_type !== 'FREEZE') peft.task_type = taskType;
  if (str(cfg.stage) === 'rm')
    notes.push('stage rm: the value head LLaMA-Factory adds (hidden_size + 1 params) is not counted');
  const lora = isObj(cfg.peft_config) ? cfg.peft_config.target_modules : cfg.lora_target;
  return {
    visionSwitches: {
      // FinetuningArguments defaults (LLaMA-Factory v0.9.4 hparams/finetuning_args.py:493-504).
      freezeVisionTower: bool(cfg.freeze_vision_tower) ?? true,
      freezeMultiModalProjector: bool(cfg.freeze_multi_modal_projector) ?? true,
      freezeLanguageModel: bool(cfg.freeze_language_model) ?? false,
      targetAll: targets(lora) === 'all-linear',
    },
    dialect: 'llamafactory',
    modelRef: str(cfg.model_name_or_path) ?? str(cfg.model),
    peft,
    taskType,
    training: trainingShape(cfg),
    notes,
  };
}
