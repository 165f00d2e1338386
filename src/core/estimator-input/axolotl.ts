// Axolotl YAML → PEFT config. Axolotl builds `LoraConfig(r=lora_r, lora_alpha, target_modules,
// layers_to_transform=peft_layers_to_transform, lora_dropout, modules_to_save=lora_modules_to_save,
// bias="none", task_type="CAUSAL_LM", use_dora=peft_use_dora, use_rslora=peft_use_rslora, ...)`
// (axolotl src/axolotl/loaders/adapter.py:167-202 at 067b021); `lora_target_linear` adds the leaf names of
// every Linear except lm_head (axolotl-linear.ts).
import { axolotlFreezes } from './axolotl-linear';
import { bool, defined, dtypeOf, names, num, type Obj, str } from './fields';
import { axolotlRuntime } from './runtime';
import { DialectMappingError, type EstimatorInput, type PeftConfig, type TrainingShape } from './types';

export function mapAxolotl(cfg: Obj): EstimatorInput {
  const notes: string[] = [];
  const adapter = str(cfg.adapter)?.toLowerCase();
  const rewardModel = bool(cfg.reward_model) === true;
  const taskType = rewardModel ? 'SEQ_CLS' : 'CAUSAL_LM';
  if (rewardModel)
    notes.push('reward_model: true builds AutoModelForSequenceClassification with num_labels 1');
  const training = trainingShape(cfg);
  let peft: PeftConfig;
  let extraTargets: string[] | undefined;
  if (!adapter) {
    peft = { peft_type: 'FULL' };
    notes.push('no `adapter`: Axolotl fine-tunes all weights');
  } else if (adapter === 'lora' || adapter === 'qlora') {
    ({ peft, extraTargets } = loraConfig(cfg, taskType, notes));
    if (adapter === 'qlora' && !training.loadIn4bit) {
      notes.push('adapter: qlora without load_in_4bit: true is refused by Axolotl; memory assumes 4-bit');
      training.loadIn4bit = true;
    }
  } else {
    throw new DialectMappingError(
      `Axolotl adapter '${adapter}' is not mapped to a PEFT config yet (lora and qlora are)`,
    );
  }
  peft = axolotlFreezes(cfg, peft, adapter, notes);
  if (bool(cfg.llama4_linearized_experts) === true)
    // loaders/patch_manager.py:436: Axolotl swaps Llama 4's fused experts for per-expert Linear modules.
    notes.push(
      "llama4_linearized_experts: true swaps in Axolotl's per-expert Linear Llama 4 experts, which are not modelled: counts assume transformers' fused experts",
    );
  return {
    dialect: 'axolotl',
    modelRef: str(cfg.base_model),
    peft,
    taskType,
    numLabels: rewardModel ? 1 : undefined,
    training,
    notes,
    ...(extraTargets ? { extraTargets } : {}),
  };
}

function loraConfig(
  cfg: Obj,
  taskType: string,
  notes: string[],
): { peft: PeftConfig; extraTargets?: string[] } {
  // adapter.py:171: lora_target_modules goes to LoraConfig as written; a string is a PEFT regex
  // (re.fullmatch on full module names), which the VLM examples use to keep LoRA in the language model.
  const raw = cfg.lora_target_modules;
  const listed = typeof raw === 'string' ? (raw.trim() ? [raw.trim()] : []) : (names(raw) ?? []);
  let target: string | string[] = typeof raw === 'string' && listed.length ? listed[0] : listed;
  let extraTargets: string[] | undefined;
  if (bool(cfg.lora_target_linear) === true) {
    // adapter.py:174-182: the listed entries (a string as one entry, so no longer a regex) united with
    // find_all_linear_names' leaf names; `all-linear` stands in until the model is known.
    target = 'all-linear';
    extraTargets = listed;
  } else if (listed.length === 0 && !names(cfg.lora_target_parameters)?.length) {
    notes.push(
      'no lora_target_modules and no lora_target_linear: Axolotl passes an empty target list, which PEFT refuses',
    );
  }
  const modulesToSave = names(cfg.lora_modules_to_save);
  const peft: PeftConfig = {
    peft_type: 'LORA',
    task_type: taskType,
    bias: 'none',
    ...defined({
      r: num(cfg.lora_r),
      lora_alpha: num(cfg.lora_alpha),
      lora_dropout: num(cfg.lora_dropout),
      target_modules: target,
      modules_to_save: modulesToSave && modulesToSave.length ? modulesToSave : undefined,
      use_dora: bool(cfg.peft_use_dora),
      use_rslora: bool(cfg.peft_use_rslora),
      layers_to_transform: cfg.peft_layers_to_transform,
      layers_pattern: cfg.peft_layers_pattern,
      layer_replication: cfg.peft_layer_replication,
      fan_in_fan_out: bool(cfg.lora_fan_in_fan_out),
      target_parameters: names(cfg.lora_target_parameters),
    }),
  };
  return { peft, extraTargets };
}

function trainingShape(cfg: Obj): TrainingShape {
  const gc = cfg.gradient_checkpointing;
  return defined({
    sequenceLength: num(cfg.sequence_len),
    microBatchSize: num(cfg.micro_batch_size),
    gradientAccumulationSteps: num(cfg.gradient_accumulation_steps),
    dtype: dtypeOf(cfg),
    loadIn4bit: bool(cfg.load_in_4bit),
    loadIn8bit: bool(cfg.load_in_8bit),
    optimizer: str(cfg.optimizer),
    // Axolotl also accepts `gradient_checkpointing: offload` / `unsloth`: still checkpointing.
    gradientCheckpointing: typeof gc === 'string' ? gc.toLowerCase() !== 'false' : bool(gc),
    learningRate: num(cfg.learning_rate),
    maxSteps: num(cfg.max_steps),
    epochs: num(cfg.num_epochs),
    ...axolotlRuntime(cfg),
  }) as TrainingShape;
}
