"""Curated facts for the Axolotl schema: descriptions pydantic lacks, ranges, papers, renames, rules.

Read in axolotl 067b021 (src/axolotl/utils/schemas/*.py, integrations/*/args.py, cli/config.py,
utils/config/__init__.py); each rule names its source. Descriptions below are written for fields the
framework leaves undocumented; fields that have Axolotl's own description keep it.
"""
import ax_text

AX_COMMIT = "067b021c8b87a9e5e380b9173c704cf7340e30f5"
AX_VERSION = "0.18.0"
POS_INT = {"minimum": 1}
PROB = {"minimum": 0, "maximum": 1}
NONNEG = {"minimum": 0}
ATTN = ["eager", "sdpa", "flash_attention_2", "flash_attention_3", "flex_attention", "xformers", "sage", "fp8"]
# transformers SchedulerType (4.57 + 5.x) plus Axolotl's own alternates (core/builders/base.py _configure_scheduler)
SCHEDULERS = ["linear", "cosine", "cosine_with_restarts", "polynomial", "constant", "constant_with_warmup",
              "inverse_sqrt", "reduce_lr_on_plateau", "cosine_with_min_lr", "cosine_warmup_with_min_lr",
              "warmup_stable_decay", "greedy", "one_cycle", "rex"]


def removed(message):
    """Keys Axolotl still declares only to stop the run with a DeprecationWarning/ValueError."""
    return {"deprecated": True, "x-deprecationMessage": message, "x-deprecationSeverity": "error"}


FIELDS = {
    "learning_rate": {"type": "number", "exclusiveMinimum": 0, "x-coercesString": True,
                      "description": "Peak learning rate (after warmup). Typical 1e-5-5e-5 for full fine-tuning, "
                                     "1e-4-3e-4 for LoRA/QLoRA. Axolotl converts a string such as \"2e-5\" (what "
                                     "PyYAML makes of `2e-5`) with float()."},
    "micro_batch_size": {**POS_INT, "description": "Examples per GPU in one forward/backward pass. Effective batch "
                         "= micro_batch_size × gradient_accumulation_steps × number of GPUs. Typical 1-16."},
    "gradient_accumulation_steps": {**POS_INT, "description": "Micro-batches whose gradients are summed before one "
                                    "optimizer step. Set at most one of this and batch_size. Typical 1-32."},
    "batch_size": {**POS_INT, "description": "Effective batch size per GPU (examples per optimizer step); Axolotl "
                   "derives gradient_accumulation_steps = batch_size / micro_batch_size. Do not combine with "
                   "gradient_accumulation_steps."},
    "eval_batch_size": {**POS_INT},
    "sequence_len": {**POS_INT, "description": "Maximum length of one training sample in tokens (longer samples are "
                     "truncated or dropped; with sample_packing, the packed row length). Typical 2048-8192, up to "
                     "the model's context length."},
    "val_set_size": {"minimum": 0, "description": "Evaluation split taken from the training data: a fraction "
                     "(0.05 = 5%) or, when >= 1, a number of examples. 0 disables evaluation."},
    "optimizer": {"description": "Optimizer: a transformers OptimizerNames value (adamw_torch_fused, adamw_bnb_8bit, "
                  "paged_adamw_8bit, ...) or one of Axolotl's own (muon, dion, came_pytorch, ao_adamw_8bit, ...). "
                  "Default adamw_torch_fused."},
    "load_in_4bit": {"description": "Load the base model quantized to 4-bit NF4 with bitsandbytes (QLoRA). "
                     "Needs an adapter (qlora or lora)."},
    "load_in_8bit": {"description": "Load the base model quantized to 8-bit with bitsandbytes (LLM.int8). Needs an "
                     "adapter; not with qlora."},
    "peft_use_dora": {"paper": "dora", "description": "Use DoRA: magnitude/direction decomposition with LoRA on "
                      "the direction; adds one trainable magnitude vector per adapted layer."},
    "peft_use_rslora": {"paper": "rslora", "description": "Rank-stabilised LoRA: scale updates by α/√r instead "
                        "of α/r, so larger ranks keep learning."},
    "context_parallel_size": {**POS_INT},
    "dataset_num_proc": {**POS_INT},
    "num_epochs": {"exclusiveMinimum": 0, "description": "Number of passes over the training data (may be "
                                                        "fractional); max_steps takes precedence when set."},
    "max_steps": {"minimum": -1},
    "warmup_steps": {**NONNEG}, "warmup_ratio": {**PROB},
    "weight_decay": {**NONNEG, "paper": "adamw"},
    "max_grad_norm": {**NONNEG},
    "adam_beta1": {"minimum": 0, "exclusiveMaximum": 1}, "adam_beta2": {"minimum": 0, "exclusiveMaximum": 1},
    "adam_epsilon": {"exclusiveMinimum": 0},
    "lora_r": {**POS_INT, "paper": "lora",
               "description": "LoRA rank r: inner dimension of the low-rank update B·A added to each target "
                              "module; trainable parameters grow linearly with it. Typical 8-64 (QLoRA paper: 64)."},
    "lora_alpha": {"exclusiveMinimum": 0, "paper": "lora",
                   "description": "LoRA scaling numerator α: the update is scaled by α/r (α/√r with "
                                  "peft_use_rslora). Common choices: α = r or 2r; QLoRA used r=64, α=16."},
    "lora_dropout": {**PROB, "paper": "lora",
                     "description": "Dropout probability on the LoRA input path (0-1). Typical 0-0.1; Axolotl "
                                    "sets 0.0 when an adapter is used and this is empty."},
    "lora_target_modules": {"paper": "lora",
                            "description": "Module names (or one regex string) that get LoRA adapters, e.g. "
                                           "[q_proj, v_proj]. Names differ per architecture."},
    "lora_target_linear": {"paper": "lora"},
    "loraplus_lr_ratio": {"exclusiveMinimum": 0, "paper": "loraplus"},
    "loraplus_lr_embedding": {"exclusiveMinimum": 0, "paper": "loraplus", "x-coercesString": True},
    "neftune_noise_alpha": {"exclusiveMinimum": 0, "paper": "neftune"},
    "relora": {"paper": "relora"}, "lisa_n_layers": {**POS_INT, "paper": "lisa"},
    "load_in_4bit": {"paper": "qlora"},
    "dpo_label_smoothing": {"minimum": 0, "maximum": 0.5, "paper": "dpo"},
    "rl_beta": {"exclusiveMinimum": 0},
    "orpo_alpha": {"paper": "orpo"}, "simpo_gamma": {"paper": "simpo"}, "cpo_alpha": {"paper": "simpo"},
    "adapter": {"type": ["string", "null"], "enum": ["lora", "qlora", "llama-adapter", "mora", None],
                "paper": "lora",
                "description": "Parameter-efficient method: lora, qlora (LoRA on a 4-bit base, needs "
                               "load_in_4bit), llama-adapter, or an adapter registered by a plugin (mora with "
                               "the MoRA plugin). Empty trains all parameters."},
    "lr_scheduler": {"type": ["string", "null"], "enum": SCHEDULERS + [None],
                     "description": "Learning-rate schedule: a transformers SchedulerType name (cosine, linear, "
                                    "constant_with_warmup, ...) or Axolotl's one_cycle / rex. Default cosine."},
    "attn_implementation": {
        "anyOf": [{"type": "string", "enum": ATTN}, {"type": "string", "pattern": "/"}, {"type": "null"}],
        "type": None},
    "large_head_attention": {"type": ["string", "null"], "enum": ["auto", "sdpa", "triton_flash", None]},
    "flash_attn_d512": {"deprecated": True, "x-deprecationMessage": "Deprecated alias: use `large_head_attention: "
                        "auto`.", "x-replacement": {"large_head_attention": "auto"}},
    "noisy_embedding_alpha": {"deprecated": True, "x-renamedTo": "neftune_noise_alpha", "paper": "neftune",
                              "x-deprecationMessage": "noisy_embedding_alpha is deprecated, use neftune_noise_alpha"},
    "dpo_beta": {"deprecated": True, "x-renamedTo": "rl_beta",
                 "x-deprecationMessage": "dpo_beta is deprecated, use rl_beta instead"},
    "evaluation_strategy": {"deprecated": True, "x-renamedTo": "eval_strategy",
                            "x-deprecationMessage": "evaluation_strategy is deprecated, use eval_strategy instead"},
    "eval_table_size": {"deprecated": True, "x-deprecationMessage": "Superseded by `generate_samples: true` and "
                        "`num_generation_samples`."},
    "eval_max_new_tokens": {"deprecated": True, "x-renamedTo": "generation_max_new_tokens",
                            "x-deprecationMessage": "Superseded by generation_max_new_tokens."},
    "max_packed_sequence_len": removed("`max_packed_sequence_len` is no longer supported (raises when set)."),
    "rope_scaling": removed("`rope_scaling` is no longer supported; set it as a key under `model_config` "
                            "(raises when set)."),
    "dpo_use_logits_to_keep": removed("Removed in TRL >= 0.29.0 (raises when set)."),
    "dpo_generate_during_eval": removed("Removed in TRL >= 0.29.0 (raises when set)."),
    "dpo_norm_loss": removed("No longer supported due to breaking changes in TRL >= 0.29.0 (raises when set)."),
    "rpo_alpha": removed("Deprecated in TRL >= 0.29.0; not supported by Axolotl (raises when set)."),
    "s2_attention": removed("`s2_attention` (shifted-sparse attention) is no longer supported (raises when true)."),
    "flash_attn_rms_norm": removed("`flash_attn_rms_norm` is no longer supported (raises when true)."),
    "dataset_processes": {"x-renamedTo": "dataset_num_proc"},
    "pretrain_multipack_buffer_size": {"x-renamedTo": "streaming_multipack_buffer_size"},
    "sequence_parallel_degree": {"deprecated": True, "x-renamedTo": "context_parallel_size",
                                 "x-deprecationMessage": "`sequence_parallel_degree` is deprecated, use "
                                                         "`context_parallel_size`"},
    "fsdp_final_state_dict_type": {"x-replacement": {"fsdp_config": {"final_state_dict_type": "<value>"}}},
    "xformers_attention": {"x-replacement": {"attn_implementation": "xformers"}},
    "sdp_attention": {"x-replacement": {"attn_implementation": "sdpa"}},
    "flex_attention": {"x-replacement": {"attn_implementation": "flex_attention"}},
    "flash_attention": {"x-replacement": {"attn_implementation": "flash_attention_2"}},
    "sage_attention": {"x-replacement": {"attn_implementation": "sage"}},
    "eager_attention": {"x-replacement": {"attn_implementation": "eager"}},
    "gradient_checkpointing": {"paper": "grad_ckpt", "x-deprecatedValues": {
        "offload": "gradient_checkpointing: true with activation_offloading: true (or legacy)",
        "offload_disk": "gradient_checkpointing: true with activation_offloading: disk"}},
    "rl": {"x-deprecatedValues": {"ipo": "rl: dpo with dpo_loss_type: ['ipo'] (ipo will soon be deprecated)"}},
    "jagged_restart_anneal_steps": {"type": ["integer", "boolean", "null"],
                                    "description": "Steps of learning-rate annealing after each jagged restart. "
                                                   "pydantic's lax mode reads false as 0 (seen in examples)."},
    "spectrum_top_fraction": {"exclusiveMinimum": 0, "maximum": 1, "paper": "spectrum"},
    "cut_cross_entropy": {"paper": "cce"}, "grokfast_alpha": {"paper": "grokfast"},
    "kd_temperature": {"exclusiveMinimum": 0, "paper": "kd"},
}
# unsloth_* keys were removed; validation.py check_deprecated_unsloth_fields raises when any is truthy
UNSLOTH = ["unsloth_cross_entropy_loss", "unsloth_lora_mlp", "unsloth_lora_qkv", "unsloth_lora_o",
           "unsloth_rms_norm", "unsloth_rope"]


def apply(props, defs, strategy_names, apply_overlay, papers):
    for name in UNSLOTH:
        props[name] = {"type": ["boolean", "null"], "description": "Removed Unsloth optimisation switch.", **removed(
            f"`{name}` has been removed: use `lora_mlp_kernel`, `lora_qkv_kernel`, `lora_o_kernel` (raises when "
            "true).")}
    for alias, field in (("model_config", "overrides_of_model_config"), ("model_kwargs", "overrides_of_model_kwargs"),
                         ("model_type", "type_of_model"), ("model_revision", "revision_of_model")):
        # populate_by_name=True: the Python field name is accepted as well as the documented alias
        props[field] = dict(props[alias], description=props[alias]["description"] +
                            f" (Python field name of `{alias}`; both spellings are accepted.)")
    for name, text in ax_text.ROOT.items():
        if not props[name].get("description"):
            props[name]["description"] = text
    for d, fields in ax_text.NESTED.items():
        for name, text in fields.items():
            if not defs[d]["properties"][name].get("description"):
                defs[d]["properties"][name]["description"] = text
    for d, fields in ax_text.NESTED_OVERRIDE.items():
        for name, text in fields.items():
            defs[d]["properties"][name]["description"] = text
    apply_overlay(props, FIELDS)
    for name, prop in props.items():
        if "type" in prop and prop["type"] is None:
            del prop["type"]
    optim = props["optimizer"]
    optim.pop("anyOf")
    optim.update({"type": ["string", "null"], "enum": ax_text.OPTIMIZERS + [None]})
    fsdp = defs["FSDPConfig"]["properties"]
    for key in list(fsdp):
        if key != "fsdp_version":
            fsdp["fsdp_" + key] = dict(fsdp[key], deprecated=True, **{
                "x-renamedTo": key, "x-deprecationMessage": "Configuring FSDP fields with the `fsdp_` prefix is "
                "deprecated. Please omit the `fsdp_` prefix from the any fields in `fsdp_config`."})
    # An accepted alias, not a deprecated name: FSDPConfig.fsdp_version has validation_alias AliasChoices(
    # "fsdp_version", "version") (fsdp.py:16) and check_fsdp_version_in_fsdp_config moves it to the
    # top-level fsdp_version without a warning (validation.py:1111).
    fsdp["version"] = {"type": "integer", "enum": [1, 2], "description": "FSDP version: the alias of "
                       "`fsdp_version` Axolotl accepts here (it moves the value to the top-level fsdp_version)."}
    # one schema per type so a mistake gives one clear error: `pattern` only constrains strings,
    # `properties`/`additionalProperties` only mappings (user-defined formats)
    pattern = "^(?!sharegpt)(?:(?:" + "|".join(strategy_names) + ")(?::[A-Za-z0-9_.-]+)?|[^.]*\\..*)$"
    custom = {}
    for name in ("UserDefinedPrompterType", "UserDefinedDPOType", "UserDefinedKTOType"):
        custom.update(defs.pop(name)["properties"])
    for entry in ("DatasetEntry", "PretrainingDatasetEntry"):
        props_ = defs[entry]["properties"]
        props_["type"] = {
            "description": ax_text.DATASET_TYPE, "type": ["string", "object", "null"], "pattern": pattern,
            "x-patternDescription": "a prompt-strategy name of Axolotl (chat_template, alpaca, completion, "
                                    "input_output, pretrain, ...), `format:style`, or a dotted module.function path",
            "properties": custom, "additionalProperties": False,
            "examples": ["chat_template", "alpaca", "completion", "input_output", "chatml.intel", "alpaca:chatml"],
            "x-deprecatedValues": {"sharegpt": "chat_template (sharegpt.* types raise at launch)"}}
        for name, text in ax_text.DATASET.items():
            if name in props_ and not props_[name].get("description"):
                props_[name]["description"] = text


def root(props, defs):
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://ml-config-lens.dev/schemas/axolotl.schema.json",
        "title": "Axolotl training config",
        "description": "YAML read by `axolotl train config.yml` (and preprocess/inference/merge-lora): "
                       "AxolotlInputConfig and its mixins, plus the input args of Axolotl's bundled plugins "
                       "(listed under `plugins:`; their keys carry x-plugin). Axolotl ignores unknown keys silently.",
        "type": "object",
        "x-framework": {"name": "Axolotl", "version": AX_VERSION, "commit": AX_COMMIT,
                        "repository": "https://github.com/axolotl-ai-cloud/axolotl", "transformers": "5.14.1",
                        "source": ax_text.SOURCES},
        "x-loader": "pyyaml",
        "x-unknownKeys": "warning",
        "x-coercesStrings": True,
        "x-rules": ax_text.RULES,
        "properties": props,
        "definitions": defs,
        "additionalProperties": False,
    }
