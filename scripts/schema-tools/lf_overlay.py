"""Curated facts for the LLaMA-Factory schemas: ranges, papers, deprecations, cross-field rules.

Everything here was read in LLaMA-Factory ff6d4d1 (hparams/*.py, hparams/parser.py, v1/config/*.py)
or transformers TrainingArguments (4.57.6 and 5.17.0 wheels); each rule names its source.
"""
LF_COMMIT = "ff6d4d12eeb035d6ce06805a5733dd7b29f2ac30"
LF_VERSION = "0.9.6.dev0"  # src/llamafactory/extras/env.py VERSION at LF_COMMIT

POS_INT = {"minimum": 1}
PROB = {"minimum": 0, "maximum": 1}
NONNEG = {"minimum": 0}
REMOVED_TF5 = ("Removed from transformers TrainingArguments in v5 (LLaMA-Factory supports transformers "
               ">=4.55,<=5.8); with transformers 5 LLaMA-Factory stops with \"Some keys are not used by the "
               "HfArgumentParser\".")


def removed(new=None, extra=""):
    out = {"deprecated": True, "x-deprecationMessage": (extra + " " + REMOVED_TF5).strip()}
    if new:
        out["x-renamedTo"] = new
    return out


FIELDS = {
    # --- LoRA / PEFT (finetuning_args.py LoraArguments) ---
    "lora_rank": {**POS_INT, "paper": "lora",
                  "description": "LoRA rank r: the inner dimension of the low-rank update B·A added to each target "
                                 "Linear layer; trainable parameters grow linearly with it. Typical 8-64."},
    "lora_alpha": {"exclusiveMinimum": 0, "paper": "lora",
                   "description": "LoRA scaling numerator α: the update is scaled by α/r (α/√r with use_rslora). "
                                  "Null means lora_rank × 2. Typical 16-128."},
    "lora_dropout": {**PROB, "paper": "lora",
                     "description": "Dropout probability applied to the LoRA input path (0-1). Typical 0-0.1."},
    "lora_target": {"type": ["string", "array"], "items": {"type": "string"}, "paper": "lora",
                    "description": "Modules that get LoRA adapters: comma-separated module names (e.g. "
                                   "`q_proj,v_proj`) or `all` for every Linear layer except the output head."},
    "additional_target": {"type": ["string", "array", "null"], "items": {"type": "string"}},
    "freeze_trainable_modules": {"type": ["string", "array"], "items": {"type": "string"}},
    "freeze_extra_modules": {"type": ["string", "array", "null"], "items": {"type": "string"}},
    "oft_target": {"type": ["string", "array"], "items": {"type": "string"}, "paper": "oft"},
    "galore_target": {"type": ["string", "array"], "items": {"type": "string"}, "paper": "galore"},
    "apollo_target": {"type": ["string", "array"], "items": {"type": "string"}, "paper": "apollo"},
    "loraplus_lr_ratio": {"exclusiveMinimum": 0, "paper": "loraplus",
                          "description": "LoRA+ learning-rate ratio lr_B / lr_A (the B matrix learns this many "
                                         "times faster). The paper suggests about 16. LoRA only."},
    "loraplus_lr_embedding": {"exclusiveMinimum": 0, "paper": "loraplus"},
    "use_rslora": {"paper": "rslora",
                   "description": "Scale LoRA updates by α/√r instead of α/r (rank-stabilised LoRA), which keeps "
                                  "higher ranks learning. LoRA only."},
    "use_dora": {"paper": "dora",
                 "description": "Use DoRA: decompose each weight into magnitude and direction and apply LoRA to the "
                                "direction; adds one trainable magnitude vector per layer. LoRA only."},
    "pissa_init": {"paper": "pissa"},
    "pissa_iter": {"minimum": -1, "paper": "pissa"},
    "pissa_convert": {"paper": "pissa"},
    "oft_rank": {**NONNEG, "paper": "oft"},
    "oft_block_size": {**NONNEG, "paper": "oft"},
    "module_dropout": {**PROB, "paper": "oft"},
    # --- optimisers and methods with papers ---
    "use_galore": {"paper": "galore"}, "galore_rank": {**POS_INT, "paper": "galore"},
    "galore_update_interval": {**POS_INT, "paper": "galore"}, "galore_scale": {"paper": "galore"},
    "galore_proj_type": {"paper": "galore"}, "galore_layerwise": {"paper": "galore"},
    "use_apollo": {"paper": "apollo"}, "apollo_rank": {**POS_INT, "paper": "apollo"},
    "use_badam": {"paper": "badam"}, "use_llama_pro": {"paper": "llama_pro"},
    "use_adam_mini": {"paper": "adam_mini"}, "use_muon": {"paper": "muon"},
    "use_dft_loss": {"paper": "dft"},
    "mixture_of_depths": {"paper": "mixture_of_depths"},
    "shift_attn": {"paper": "longlora"},
    "enable_liger_kernel": {"paper": "liger"},
    "neftune_noise_alpha": {**NONNEG, "paper": "neftune",
                            "description": "NEFTune: add uniform noise scaled by α/√(L·d) to embeddings during "
                                           "training. The paper uses 5-15; null disables."},
    # --- preference optimisation (RLHFArguments) ---
    "stage": {"description": "Training stage: pt (continued pre-training), sft (supervised fine-tuning), rm "
                             "(reward model), ppo, dpo (also ORPO/SimPO via pref_loss) or kto."},
    "pref_beta": {"exclusiveMinimum": 0, "paper": "dpo"},
    "pref_loss": {"paper": "dpo"},
    "simpo_gamma": {"paper": "simpo"},
    "dpo_label_smoothing": {"minimum": 0, "maximum": 0.5, "paper": "dpo"},
    "kto_chosen_weight": {**NONNEG, "paper": "kto"}, "kto_rejected_weight": {**NONNEG, "paper": "kto"},
    # --- quantisation (QLoRA) ---
    "quantization_bit": {"minimum": 1, "maximum": 8, "paper": "qlora",
                         "description": "Quantise the base model on the fly to this many bits (4 or 8 with "
                                        "bitsandbytes; HQQ 1-8; EETQ 8). Only with finetuning_type lora or oft."},
    "quantization_type": {"paper": "qlora"}, "double_quantization": {"paper": "qlora"},
    # --- data ---
    "template": {"description": "Chat template that formats prompts for training and inference (must match the "
                              "model family, e.g. qwen3, llama3, mistral); one of the templates registered in "
                              "data/template.py. Empty: parsed from the tokenizer's chat template."},
    "cutoff_len": {**POS_INT, "description": "Maximum tokenised length of one example (tokens); longer ones "
                                             "are truncated. Typical 1024-8192."},
    "val_size": {**NONNEG, "description": "Validation split taken from the training data: a fraction in [0,1) "
                                          "or an absolute number of examples (integer >= 1)."},
    "preprocessing_batch_size": POS_INT, "preprocessing_num_workers": POS_INT,
    "max_samples": POS_INT, "buffer_size": POS_INT,
    # --- generation ---
    "temperature": NONNEG, "top_p": {**PROB, "paper": "nucleus"}, "top_k": NONNEG,
    "num_beams": POS_INT, "max_new_tokens": POS_INT, "max_length": POS_INT,
    "repetition_penalty": {"exclusiveMinimum": 0},
    # --- transformers TrainingArguments ---
    "learning_rate": {"exclusiveMinimum": 0,
                      "description": "Peak learning rate of the optimiser (after warmup). Typical: 1e-5-5e-5 for "
                                     "full fine-tuning, 1e-4-3e-4 for LoRA. OmegaConf reads `1e-4` as a float."},
    "per_device_train_batch_size": {**POS_INT, "description": "Micro-batch size per GPU for training (examples "
                                    "per forward pass). Effective batch = this × gradient_accumulation_steps × GPUs."},
    "per_device_eval_batch_size": POS_INT,
    "gradient_accumulation_steps": {**POS_INT, "description": "Number of micro-batches whose gradients are "
                                    "summed before one optimiser step. Typical 1-64."},
    "num_train_epochs": {**NONNEG, "description": "Number of passes over the training data (may be fractional); "
                                                  "ignored when max_steps > 0."},
    "max_steps": {"minimum": -1},
    "warmup_steps": {**NONNEG, "type": "number", "description": "Linear warmup length: optimiser steps, or (transformers >= 5) a "
                                              "float in [0,1) read as a fraction of all training steps."},
    "warmup_ratio": {**PROB, "deprecated": True, "x-renamedTo": "warmup_steps",
                     "description": "Fraction of all training steps used for linear warmup (0-1). Typical 0.03-0.1.",
                     "x-deprecationMessage": "transformers 5 deprecates warmup_ratio (it logs a warning and later "
                                             "releases drop it); write the same fraction as `warmup_steps`, which "
                                             "reads a float below 1 as a ratio.",
                     "x-removedIn": None},
    "weight_decay": {**NONNEG, "paper": "adamw"},
    "fsdp": {"type": ["boolean", "string", "array", "null"],
             "items": {"type": "string", "enum": ["full_shard", "shard_grad_op", "no_shard", "hybrid_shard",
                                                  "hybrid_shard_zero2", "offload", "auto_wrap"]}},
    "adam_beta1": {"minimum": 0, "exclusiveMaximum": 1}, "adam_beta2": {"minimum": 0, "exclusiveMaximum": 1},
    "adam_epsilon": {"exclusiveMinimum": 0},
    "max_grad_norm": NONNEG,
    "label_smoothing_factor": {**PROB, "paper": "label_smoothing"},
    "gradient_checkpointing": {"paper": "grad_ckpt"},
    "logging_steps": NONNEG, "save_steps": NONNEG, "eval_steps": {"minimum": 0},
    "save_total_limit": NONNEG,
    "dataloader_num_workers": NONNEG,
    "overwrite_output_dir": {"deprecated": True,
                             "description": "Allow training into an output_dir that already holds files instead of "
                                            "resuming from its last checkpoint.",
                             "x-deprecationMessage": "LLaMA-Factory's help text marks this deprecated (transformers "
                                                     "5 removed it); LLaMA-Factory still reads it to allow reusing a "
                                                     "non-empty output_dir, so it still works."},
    "per_gpu_train_batch_size": removed("per_device_train_batch_size"),
    "per_gpu_eval_batch_size": removed("per_device_eval_batch_size"),
    "include_inputs_for_metrics": removed("include_for_metrics"),
    "no_cuda": removed("use_cpu"),
    "torchdynamo": removed("torch_compile_backend"),
}
for _name in ("logging_dir", "save_safetensors", "use_mps_device", "jit_mode_eval", "fp16_opt_level",
              "half_precision_backend", "tpu_num_cores", "tpu_metrics_debug", "past_index", "fsdp_min_num_params",
              "fsdp_transformer_layer_cls_to_wrap", "adafactor", "group_by_length", "use_legacy_prediction_loop",
              "fp16_backend", "push_to_hub_model_id", "push_to_hub_organization", "push_to_hub_token",
              "mp_parameters", "ray_scope", "include_tokens_per_second"):
    FIELDS[_name] = removed()

SOURCES = [
    "src/llamafactory/hparams/model_args.py", "src/llamafactory/hparams/data_args.py",
    "src/llamafactory/hparams/training_args.py", "src/llamafactory/hparams/finetuning_args.py",
    "src/llamafactory/hparams/generating_args.py", "src/llamafactory/hparams/evaluation_args.py",
    "src/llamafactory/hparams/megatron_bridge_args.py",
    "src/llamafactory/hparams/parser.py (read_args: OmegaConf.load; _parse_args: HfArgumentParser.parse_dict("
    "allow_extra_keys=ALLOW_EXTRA_ARGS env))",
    "transformers src/transformers/training_args.py + training_args_seq2seq.py (Seq2SeqTrainingArguments; "
    "fields of 4.57.6 and 5.17.0, LLaMA-Factory pins >=4.55.0,<=5.8.0)",
]


def rule(rid, when, severity, message, source):
    return {"id": rid, "when": when, "severity": severity, "message": message, "source": source}


P = "src/llamafactory/hparams/parser.py"
F = "src/llamafactory/hparams/finetuning_args.py FinetuningArguments.__post_init__"
RULES = [
    rule("lf-quantization-needs-lora", "quantization_bit != null and finetuning_type not in [lora, oft]", "error",
         "Quantization is only compatible with the LoRA or OFT method.", P + " _verify_model_args"),
    rule("lf-adapter-needs-lora", "adapter_name_or_path != null and finetuning_type != lora", "error",
         "Adapter is only valid for the LoRA method.", P + " _verify_model_args"),
    rule("lf-quantization-resize-vocab", "quantization_bit != null and resize_vocab", "error",
         "Cannot resize embedding layers of a quantized model.", P + " _verify_model_args"),
    rule("lf-quantization-pissa", "quantization_bit != null and pissa_init", "error",
         "Please use scripts/pissa_init.py to initialize PiSSA for a quantized model.", P + " _verify_model_args"),
    rule("lf-lora-only-options", "finetuning_type != lora and (loraplus_lr_ratio != null or use_rslora or use_dora "
         "or pissa_init)", "error", "`loraplus_lr_ratio` / `use_rslora` / `use_dora` / `pissa_init` is only valid for "
         "LoRA training.", F),
    rule("lf-lora-keys-ignored", "finetuning_type != lora and any of lora_rank, lora_alpha, lora_dropout, "
         "lora_target set", "warning", "LoRA settings have no effect unless finetuning_type is lora (LLaMA-Factory "
         "accepts them silently).", F + " (no check; the LoRA adapter is only built for finetuning_type lora)"),
    rule("lf-lora-with-galore", "finetuning_type == lora and (use_galore or use_apollo or use_badam)", "error",
         "Cannot use LoRA with GaLore, APOLLO or BAdam together.", F),
    rule("lf-one-memory-optimizer", "more than one of use_galore, use_apollo, use_badam", "error",
         "Cannot use GaLore, APOLLO or BAdam together.", F),
    rule("lf-llama-pro-full", "use_llama_pro and finetuning_type == full", "error",
         "`use_llama_pro` is only valid for Freeze or LoRA training.", F),
    rule("lf-ppo-reward-model", "stage == ppo and reward_model == null", "error",
         "`reward_model` is necessary for PPO training.", F),
    rule("lf-dpo-label-smoothing", "stage == dpo and pref_loss != sigmoid and dpo_label_smoothing > 1e-6", "error",
         "`dpo_label_smoothing` is only valid for sigmoid loss function.", F),
    rule("lf-sft-only-options", "stage != sft and (predict_with_generate or neat_packing or train_on_prompt or "
         "mask_history)", "error",
         "`predict_with_generate` / `neat_packing` / `train_on_prompt` / `mask_history` only work in the SFT stage.",
         P + " get_train_args"),
    rule("lf-mask-history-train-on-prompt", "mask_history and train_on_prompt", "error",
         "`mask_history` is incompatible with `train_on_prompt`.", "src/llamafactory/hparams/data_args.py"),
    rule("lf-val-size-needs-dataset", "val_size > 1e-6 and (dataset == null or eval_dataset != null)", "error",
         "Cannot specify `val_size` if `dataset` is None or `eval_dataset` is set.",
         "src/llamafactory/hparams/data_args.py"),
    rule("lf-streaming-max-steps", "streaming and max_steps == -1", "error",
         "Please specify `max_steps` in streaming mode.", P + " get_train_args"),
    rule("lf-streaming-max-samples", "streaming and max_samples != null", "error",
         "`max_samples` is incompatible with `streaming`.", "src/llamafactory/hparams/data_args.py"),
    rule("lf-predict-needs-generate", "stage == sft and do_predict and not predict_with_generate", "error",
         "Please enable `predict_with_generate` to save model predictions.", P + " get_train_args"),
    rule("lf-train-needs-dataset", "do_train and dataset == null", "error",
         "Please specify dataset for training.", P + " get_train_args"),
    rule("lf-interleave-probs-concat", "interleave_probs != null and mix_strategy == concat", "error",
         "`interleave_probs` is only valid for interleaved mixing.", "src/llamafactory/hparams/data_args.py"),
    rule("lf-rm-ppo-best-model", "stage in [rm, ppo] and load_best_model_at_end", "error",
         "RM and PPO stages do not support `load_best_model_at_end`.", P + " get_train_args"),
    rule("lf-fp8-quantization", "fp8 and quantization_bit != null", "error",
         "FP8 training is not compatible with quantization. Please disable one of them.", P + " get_train_args"),
    rule("lf-upcast-layernorm", "do_train and quantization_bit != null and not upcast_layernorm", "warning",
         "We recommend enable `upcast_layernorm` in quantized training.", P + " get_train_args"),
    rule("lf-mixed-precision", "do_train and not fp16 and not bf16", "warning",
         "We recommend enable mixed precision training.", P + " get_train_args"),
    rule("lf-bf16-fp16", "bf16 and fp16", "error",
         "At most one of bf16 / fp16 can be true (transformers TrainingArguments raises).",
         "transformers training_args.py TrainingArguments.__post_init__"),
    rule("lf-image-pixels", "image_max_pixels < image_min_pixels", "error",
         "`image_max_pixels` cannot be smaller than `image_min_pixels`.", "src/llamafactory/hparams/model_args.py"),
]


def root(props):
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://ml-config-lens.dev/schemas/llamafactory.schema.json",
        "title": "LLaMA-Factory training / inference / export config",
        "description": "YAML read by `llamafactory-cli train|chat|export|eval config.yaml`: the union of "
                       "ModelArguments, DataArguments, TrainingArguments (transformers Seq2SeqTrainingArguments + "
                       "LLaMA-Factory extras), FinetuningArguments, GeneratingArguments, EvaluationArguments and "
                       "MegatronBridgeArguments. Unknown keys stop LLaMA-Factory at launch.",
        "type": "object",
        "x-framework": {"name": "LLaMA-Factory", "version": LF_VERSION, "commit": LF_COMMIT,
                        "repository": "https://github.com/hiyouga/LLaMA-Factory",
                        "transformers": ">=4.55.0,<=5.8.0 (fields: union of 4.57.6 and 5.17.0)",
                        "source": SOURCES},
        "x-loader": "omegaconf",
        "x-unknownKeys": "error",
        "x-coercesStrings": False,
        "x-argumentGroups": {
            "train": ["ModelArguments", "DataArguments", "TrainingArguments", "FinetuningArguments",
                      "GeneratingArguments"],
            "train (USE_MEGATRON_BRIDGE=1)": ["ModelArguments", "DataArguments", "TrainingArguments",
                                              "FinetuningArguments", "MegatronBridgeArguments", "GeneratingArguments"],
            "chat/api/webchat/export": ["ModelArguments", "DataArguments", "FinetuningArguments",
                                        "GeneratingArguments", "KTransformersRuntimeArguments"],
            "eval": ["ModelArguments", "DataArguments", "EvaluationArguments", "FinetuningArguments",
                     "KTransformersRuntimeArguments"],
            "note": "Each command parses only its groups; a key of another group stops that command as unknown "
                    "(hparams/parser.py _TRAIN_ARGS/_INFER_ARGS/_EVAL_ARGS).",
        },
        "x-rules": RULES,
        "properties": props,
        "additionalProperties": False,
    }


def plugin(desc, names=None, props=None):
    """A v1 plugin setting: a mapping whose `name` picks a registered plugin; other keys go to the plugin."""
    name = {"type": "string", "description": "Registered plugin name."}
    if names:
        name["enum"] = names
    return {"type": ["object", "null"], "required": ["name"], "additionalProperties": True,
            "properties": {"name": name, **(props or {})}, "description": desc}


V1P = "src/llamafactory/v1/plugins"
V1_FIELDS = {
    "learning_rate": {"exclusiveMinimum": 0},
    "micro_batch_size": {**POS_INT, "description": "Examples per GPU per forward pass (micro-batch)."},
    "global_batch_size": POS_INT,
    "cutoff_len": POS_INT, "num_train_epochs": NONNEG, "max_steps": {"minimum": -1},
    "max_grad_norm": NONNEG, "cp_size": POS_INT, "mp_replicate_size": POS_INT, "dp_size": POS_INT,
    "mp_shard_size": POS_INT, "batching_workers": NONNEG, "logging_steps": POS_INT,
    "save_steps": POS_INT, "save_epochs": {"exclusiveMinimum": 0}, "save_total_limit": NONNEG,
    "pref_beta": {"exclusiveMinimum": 0, "paper": "dpo"}, "pref_loss": {"paper": "dpo"},
    "simpo_gamma": {"paper": "simpo"}, "dpo_label_smoothing": {"minimum": 0, "maximum": 0.5, "paper": "dpo"},
    "max_new_tokens": POS_INT,
    "peft_config": plugin("PEFT method: `name: lora` (r, lora_alpha, lora_dropout, target_modules, use_rslora, "
                          "use_dora, modules_to_save, adapter_name_or_path, export_dir, ...) or `name: freeze` "
                          "(freeze_trainable_layers, freeze_trainable_modules).", ["lora", "freeze"],
                          {"r": {"type": "integer", "minimum": 1, "description": "LoRA rank r.",
                                 "x-paper": {"title": "LoRA: Low-Rank Adaptation of Large Language Models",
                                             "arxiv": "2106.09685"}},
                           "lora_alpha": {"type": "number", "exclusiveMinimum": 0,
                                          "description": "LoRA scaling numerator α (update scaled by α/r)."},
                           "lora_dropout": {"type": "number", "minimum": 0, "maximum": 1,
                                            "description": "Dropout probability on the LoRA input path."}}),
    "init_config": plugin("Model initialisation plugin.", ["init_on_meta", "init_on_rank0", "init_on_default"]),
    "kernel_config": plugin("Kernel plugin (`auto` picks registered kernels, or e.g. liger_kernel)."),
    "quant_config": plugin("Quantisation plugin: `name: auto` or `bnb` with quantization_bit 4 or 8.",
                           ["auto", "bnb"],
                           {"quantization_bit": {"type": "integer", "enum": [4, 8],
                                                 "description": "Bits for bitsandbytes quantisation.",
                                                 "x-paper": {"title": "QLoRA: Efficient Finetuning of Quantized LLMs",
                                                             "arxiv": "2305.14314"}}}),
    "dist_config": plugin("Distributed backend plugin.", ["fsdp2", "fsdpturbo", "deepspeed"]),
    "optim_config": plugin("Optimizer plugin (e.g. `name: muon`); `lr` is overwritten by learning_rate."),
    "lr_scheduler_config": plugin("Learning-rate scheduler plugin."),
}

V1_RULES = [
    rule("lfv1-dynamic-batching-max-steps", "batching_strategy == dynamic_batching and (max_steps == null or "
         "max_steps <= 0)", "error", "`dynamic_batching` requires `max_steps` because it is step-driven.",
         "src/llamafactory/v1/config/training_args.py TrainingArguments.__post_init__"),
    rule("lfv1-dynamic-batching-save-epochs", "batching_strategy == dynamic_batching and save_epochs != null",
         "error", "`save_epochs` is not supported with `dynamic_batching`; use `save_steps` instead.",
         "src/llamafactory/v1/config/training_args.py TrainingArguments.__post_init__"),
    rule("lfv1-optim-lr", "optim_config.lr is set", "warning",
         "`optim_config.lr` is overridden by `learning_rate`; set the learning rate via `learning_rate`.",
         "src/llamafactory/v1/config/training_args.py TrainingArguments.__post_init__"),
]


def root_v1(props):
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://ml-config-lens.dev/schemas/llamafactory-v1.schema.json",
        "title": "LLaMA-Factory v1 config (USE_V1=1)",
        "description": "YAML read by the LLaMA-Factory v1 engine (`USE_V1=1 llamafactory-cli train|sft|dpo|merge "
                       "config.yaml`, examples/v1): flat ModelArguments, DataArguments, TrainingArguments and "
                       "SampleArguments of src/llamafactory/v1/config plus plugin mappings (peft_config, "
                       "dist_config, ...) selected by `name`. Not transformers TrainingArguments: keys such as "
                       "per_device_train_batch_size do not exist here (micro_batch_size does).",
        "type": "object",
        "x-framework": {"name": "LLaMA-Factory v1", "version": LF_VERSION, "commit": LF_COMMIT,
                        "repository": "https://github.com/hiyouga/LLaMA-Factory",
                        "source": ["src/llamafactory/v1/config/model_args.py", "src/llamafactory/v1/config/data_args.py",
                                   "src/llamafactory/v1/config/training_args.py",
                                   "src/llamafactory/v1/config/sample_args.py",
                                   "src/llamafactory/v1/config/arg_parser.py (get_args: OmegaConf.load; "
                                   "HfArgumentParser.parse_dict(allow_extra_keys=ALLOW_EXTRA_KEYS env))",
                                   "src/llamafactory/v1/config/arg_utils.py (PluginConfig, enums)",
                                   "src/llamafactory/cli.py (USE_V1 selects the v1 launcher)", V1P]},
        "x-loader": "omegaconf",
        "x-unknownKeys": "error",
        "x-coercesStrings": False,
        "x-rules": V1_RULES,
        "properties": props,
        "additionalProperties": False,
    }
