// TRL / transformers TrainingArguments YAML (TRL CLI, alignment-handbook, open-r1 recipes) → PEFT
// config. TRL's ModelConfig: use_peft False, lora_r 16, lora_alpha 32, lora_dropout 0.05,
// lora_target_modules None (PEFT's per-model default), lora_modules_to_save None, lora_task_type
// "CAUSAL_LM", use_rslora False, use_dora False; get_peft_config builds LoraConfig(bias="none", ...)
// (trl/trainer/model_config.py, trl/trainer/utils.py get_peft_config).
import { bool, defined, dtypeOf, names, num, type Obj, str } from './fields';
import { trlRuntime } from './runtime';
import type { EstimatorInput, PeftConfig, TrainingShape } from './types';

export function mapTrl(cfg: Obj): EstimatorInput {
  const notes: string[] = [];
  const taskType = str(cfg.lora_task_type) ?? 'CAUSAL_LM';
  let peft: PeftConfig;
  if (bool(cfg.use_peft) === true) {
    const targets = names(cfg.lora_target_modules);
    const toSave = names(cfg.lora_modules_to_save);
    if (!targets || targets.length === 0)
      notes.push("no lora_target_modules: PEFT's default targets for this model type apply");
    peft = {
      peft_type: 'LORA',
      task_type: taskType,
      r: num(cfg.lora_r) ?? 16,
      lora_alpha: num(cfg.lora_alpha) ?? 32,
      lora_dropout: num(cfg.lora_dropout) ?? 0.05,
      bias: 'none',
      ...defined({
        target_modules: targetField(targets, notes),
        modules_to_save: toSave && toSave.length ? toSave : undefined,
        use_rslora: bool(cfg.use_rslora),
        use_dora: bool(cfg.use_dora),
      }),
    };
  } else {
    peft = { peft_type: 'FULL' };
    notes.push('use_peft is not true: TRL trains all weights');
  }
  return {
    dialect: 'trl',
    modelRef: str(cfg.model_name_or_path),
    peft,
    taskType,
    training: trainingShape(cfg),
    notes,
  };
}

/**
 * TRL's ModelConfig.__post_init__ turns a one-element lora_target_modules list into that string, and
 * PEFT matches a string as a full regex against module paths: 'all-linear' works, 'q_proj' matches nothing.
 */
function targetField(targets: string[] | undefined, notes: string[]): string | string[] | undefined {
  if (!targets || targets.length === 0) return undefined;
  if (targets.length > 1) return targets;
  if (targets[0] !== 'all-linear') {
    notes.push(
      `TRL passes a one-name lora_target_modules as the string '${targets[0]}', which PEFT reads as a regex over full module paths`,
    );
  }
  return targets[0];
}

function trainingShape(cfg: Obj): TrainingShape {
  return defined({
    // TRL renamed max_seq_length to max_length; both appear in real recipes.
    sequenceLength: num(cfg.max_length) ?? num(cfg.max_seq_length),
    microBatchSize: num(cfg.per_device_train_batch_size),
    gradientAccumulationSteps: num(cfg.gradient_accumulation_steps),
    dtype: dtypeOf(cfg),
    loadIn4bit: bool(cfg.load_in_4bit),
    loadIn8bit: bool(cfg.load_in_8bit),
    optimizer: str(cfg.optim),
    gradientCheckpointing: bool(cfg.gradient_checkpointing),
    learningRate: num(cfg.learning_rate),
    maxSteps: (num(cfg.max_steps) ?? -1) > 0 ? num(cfg.max_steps) : undefined,
    epochs: num(cfg.num_train_epochs),
    ...trlRuntime(cfg),
  }) as TrainingShape;
}
