import os
W = os.environ.get('SCHEMA_WORK', '/work/scratch')  # extracted sources and intermediate JSON
M = os.environ.get('SCHEMA_MIRRORS', '/work/.mirror')  # git mirrors of the framework repositories

import json, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from schemalib import ann_to_schema, clean_help, docstring_args, add_object_types

COMMIT = 'bd2a0fc7c31430972728494fa01aaeeb0ebf1ba1'
C = json.load(open((W + '/tt_components.json')))
INTERP = {'$ref': '#/definitions/interpolation'}
IPAT = '^.*\\$\\{[^}]+\\}.*$'
MODEL_TYPES = ['GEMMA', 'GEMMA2', 'LLAMA2', 'LLAMA3', 'LLAMA3_2', 'LLAMA3_VISION', 'LLAMA4', 'MISTRAL', 'PHI3_MINI', 'PHI4', 'REWARD', 'QWEN2', 'CLIP_TEXT', 'T5_ENCODER', 'QWEN3']
LOG_LEVELS = ['DEBUG', 'INFO', 'WARNING', 'WARN', 'ERROR', 'CRITICAL', 'debug', 'info', 'warning', 'warn', 'error', 'critical']
PKGS = tuple(f'torchtune.{p}.' for p in ('models', 'datasets', 'modules', 'training', 'rlhf', 'dev', 'data', 'generation'))
# builders a config names as `_component_`; other public paths are still accepted, with open kwargs
CLOSED = tuple(f'torchtune.{p}.' for p in ('models', 'datasets', 'modules.loss', 'modules.tokenizers', 'modules.peft', 'rlhf', 'training', 'dev'))
ENUMS = {'LORA_ATTN_MODULES': ['q_proj', 'k_proj', 'v_proj', 'output_proj']}

def tolerant(s):
    """Let a `${...}` interpolation stand where a typed value is expected (OmegaConf resolves it later)."""
    if not s: return s
    if 'enum' in s:
        return {'anyOf': [s, INTERP]}
    t = s.get('type')
    if t is None: return s
    ts = t if isinstance(t, list) else [t]
    if 'string' in ts: return s
    out = dict(s); out['type'] = ts + ['string']; out['pattern'] = IPAT
    return out

def typed(desc, schema, **extra):
    d = {'description': desc}; d.update(tolerant(dict(schema, **{k: v for k, v in extra.items() if k in ('minimum', 'maximum', 'exclusiveMinimum')})))
    for k, v in extra.items():
        if k not in ('minimum', 'maximum', 'exclusiveMinimum'): d[k] = v
    return d

INT, NUM, BOOL, STR = {'type': 'integer'}, {'type': 'number'}, {'type': 'boolean'}, {'type': 'string'}
def opt(s): return dict(s, type=[s['type'], 'null'])
COMP = {'$ref': '#/definitions/component'}
def comp(desc, nullable=False):
    return {'description': desc, 'anyOf': [COMP, {'type': 'null'}]} if nullable else dict(COMP, description=desc) if False else {'description': desc, 'allOf': [COMP]}

# Top-level keys read by recipes/*.py (cfg.x / cfg.get("x", default)) and used in recipes/configs/**.yaml
TOP = {
    'output_dir': typed('Directory for checkpoints, logs and profiler traces; other values refer to it as ${output_dir}.', STR),
    'model': comp('Model builder, e.g. `torchtune.models.llama3_2.lora_llama3_2_1b` with its LoRA kwargs (lora_attn_modules, lora_rank, lora_alpha, lora_dropout, apply_lora_to_mlp, ...).'),
    'tokenizer': comp('Tokenizer builder, e.g. `torchtune.models.llama3.llama3_tokenizer` with `path` and `max_seq_len`.'),
    'checkpointer': comp('Checkpointer: FullModelHFCheckpointer / FullModelMetaCheckpointer / FullModelTorchTuneCheckpointer with checkpoint_dir, checkpoint_files, output_dir, model_type.'),
    'dataset': {'description': 'Training dataset builder (or a list of them, concatenated).', 'anyOf': [COMP, {'type': 'array', 'items': COMP}]},
    'dataset_val': {'description': 'Validation dataset builder (or a list).', 'anyOf': [COMP, {'type': 'array', 'items': COMP}]},
    'optimizer': comp('Optimizer, e.g. `torch.optim.AdamW` with lr (learning rate, typical 2e-5 full / 3e-4 LoRA), weight_decay, fused.'),
    'lr_scheduler': {'description': 'Learning-rate schedule, e.g. `torchtune.training.lr_schedulers.get_cosine_schedule_with_warmup` with num_warmup_steps. null = constant.', 'anyOf': [COMP, {'type': 'null'}]},
    'loss': comp('Loss, e.g. `torchtune.modules.loss.LinearCrossEntropyLoss` (CEWithChunkedOutputLoss is deprecated).'),
    'metric_logger': comp('Metric logger, e.g. `torchtune.training.metric_logging.DiskLogger` (log_dir) or WandBLogger.'),
    'profiler': comp('Profiler setup: `torchtune.training.setup_torch_profiler` with enabled, output_dir, cpu, cuda, profile_memory, wait_steps, warmup_steps, active_steps, num_cycles.'),
    'quantizer': {'description': 'QAT/PTQ quantizer, e.g. `torchtune.training.quantization.Int8DynActInt4WeightQATQuantizer` with groupsize. null for none.', 'anyOf': [COMP, {'type': 'null'}]},
    'batch_size': typed('Samples per device per step.', INT, minimum=1),
    'batch_size_val': typed('Validation batch size; defaults to batch_size.', INT, minimum=1),
    'epochs': typed('Number of passes over the dataset (recipe reads cfg.epochs: required).', INT, minimum=0),
    'max_steps_per_epoch': typed('Stop each epoch after this many optimizer steps; null = full epoch.', opt(INT), minimum=1),
    'gradient_accumulation_steps': typed('Micro-batches accumulated per optimizer step (effective batch = batch_size × this × data-parallel size). Must be 1 with optimizer_in_bwd.', INT, minimum=1),
    'clip_grad_norm': typed('Max gradient norm for clipping; null = no clipping.', opt(NUM), default=None),
    'dtype': {'description': 'Training precision: fp32, bf16 (typical), fp16 or fp64 (training.get_dtype; torch names like "bfloat16" are rejected).', 'anyOf': [{'enum': ['fp16', 'bf16', 'fp32', 'fp64']}, INTERP]},
    'device': {'description': 'torch device type: cuda, cpu, xpu, npu, mps (optionally :index). null picks automatically.', 'anyOf': [{'type': 'string', 'pattern': '^(cpu|cuda|xpu|npu|mps|hpu|meta)(:[0-9]+)?$', 'examples': ['cuda', 'cpu', 'xpu', 'npu', 'mps']}, {'type': 'null'}, INTERP]},
    'seed': typed('Random seed; null = random.', opt(INT)),
    'shuffle': typed('Shuffle the training data each epoch.', BOOL),
    'compile': typed('torch.compile the model and loss (slower first step, faster afterwards).', BOOL, default=False),
    'enable_activation_checkpointing': typed('Recompute activations in backward to save memory (~30% slower).', BOOL),
    'enable_activation_offloading': typed('Offload activations to CPU (needs activation checkpointing for best effect).', BOOL),
    'optimizer_in_bwd': typed('Fuse the optimizer step into backward to save gradient memory; requires gradient_accumulation_steps: 1.', BOOL, default=False),
    'resume_from_checkpoint': typed('Resume from the recipe state saved in checkpointer.output_dir.', BOOL),
    'save_adapter_weights_only': typed('Save only the LoRA adapter weights (not the merged model).', BOOL, default=False),
    'log_level': {'description': 'Python logging level (case-insensitive).', 'anyOf': [{'enum': LOG_LEVELS}, INTERP]},
    'log_every_n_steps': typed('Log metrics every N steps.', opt(INT), minimum=1, default=1),
    'log_peak_memory_stats': typed('Log peak memory after each step.', BOOL, default=False),
    'run_val_every_n_steps': typed('Run validation every N steps (null = never).', opt(INT), minimum=1),
    'cudnn_deterministic_mode': typed('Deterministic cuDNN kernels (slower).', opt(BOOL)),
    'enable_async_checkpointing': typed('Write distributed checkpoints asynchronously.', BOOL, default=False),
    'fsdp_cpu_offload': typed('Offload FSDP parameters/gradients/optimizer state to CPU.', BOOL, default=False),
    'fsdp_reshard_after_forward': typed('Reshard parameters after forward (ZeRO-3-like) to save memory.', BOOL, default=True),
    'custom_sharded_layers': typed('Extra module names FSDP shards separately (e.g. tok_embeddings, output).', {'type': ['array', 'null'], 'items': STR}),
    'low_cpu_ram': typed('Load the model shard by shard to save CPU RAM.', BOOL, default=False),
    'collate_fn': typed('Dotted path of the collate function.', STR, default='torchtune.data.padded_collate_sft'),
    'tensor_parallel_plan': {'description': 'Tensor-parallel plan builder.', 'anyOf': [COMP, {'type': 'null'}]},
    'tensor_parallel_dim': typed('Tensor-parallel degree.', INT, minimum=1, default=1),
    'data_parallel_shard_dim': typed('FSDP shard degree; -1 = all remaining ranks.', INT, default=-1),
    'data_parallel_replicate_dim': typed('Data-parallel replicate (HSDP) degree.', INT, minimum=1, default=1),
    'context_parallel_dim': typed('Context-parallel degree.', INT, minimum=1, default=1),
    'ac_mode': typed('Selective activation checkpointing mode.', opt(STR)),
    'ac_option': typed('Selective activation checkpointing: checkpoint every Nth layer.', opt(INT)),
    'memory_efficient_fsdp_wrap': typed('Wrap modules so FSDP saves memory.', BOOL),
    'resize_token_embeddings': typed('Resize embeddings to the tokenizer vocabulary.', BOOL, default=False),
    'fake_quant_after_n_steps': typed('QAT: enable fake quantization after N steps.', opt(INT), minimum=0),
    'enable_fp8_training': typed('Train linear layers in float8 (torchao).', BOOL, default=False),
    'fp8_recipe_name': typed('torchao float8 recipe name.', opt(STR)),
    'enable_expandable_segments': typed('Set PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True.', BOOL),
    'use_flex': typed('Use flex attention.', BOOL),
    'use_distributed_state_dict': typed('Use distributed state dicts for checkpoints.', BOOL),
    'save_every_n_epochs': typed('Checkpoint every N epochs.', INT, minimum=1),
    'save_every_n_steps': typed('Checkpoint every N steps.', opt(INT), minimum=1),
    'early_exit_loss': {'description': 'LayerSkip early-exit loss settings.', 'type': ['object', 'null']},
    'layer_dropout': {'description': 'LayerSkip layer dropout settings.', 'type': ['object', 'null']},
    # knowledge distillation
    'teacher_model': comp('Teacher model builder (knowledge distillation).'),
    'teacher_checkpointer': comp('Checkpointer of the teacher model.'),
    'kd_loss': comp('Distillation loss, e.g. `torchtune.modules.loss.ForwardKLLoss`.'),
    'kd_ratio': typed('Weight of the distillation loss vs. the CE loss (0..1).', NUM, minimum=0, maximum=1, default=0.5),
    # DPO / PPO / GRPO
    'ref_checkpointer': comp('Checkpointer of the frozen reference model (DPO).'),
    'policy_model': comp('Policy model builder (PPO).'), 'reward_and_value_model': comp('Reward/value model builder (PPO).'),
    'ref_policy_checkpointer': comp('Reference policy checkpointer (PPO).'), 'value_checkpointer': comp('Value model checkpointer (PPO).'),
    'reward_checkpointer': comp('Reward model checkpointer (PPO).'),
    'reward_functions': {'description': 'Reward function builders (GRPO).', 'type': 'array', 'items': COMP},
    'num_steps': typed('Total PPO/GRPO steps.', INT, minimum=1), 'ppo_epochs': typed('PPO epochs per batch.', INT, minimum=1),
    'ppo_batch_size': typed('PPO minibatch size.', INT, minimum=1), 'forward_batch_size': typed('Batch size for generation/forward passes.', INT, minimum=1),
    'grpo_samples': typed('Completions sampled per prompt (GRPO group size).', INT, minimum=1, **{'x-paper': {'title': 'DeepSeekMath (GRPO)', 'arxiv': '2402.03300'}}),
    'max_generated_tokens': typed('Max tokens generated per rollout.', INT, minimum=1),
    'min_response_length': typed('PPO: penalise responses shorter than this.', opt(INT)), 'penalise_no_eos': typed('PPO: penalise responses without EOS.', BOOL),
    'reward_penalty': typed('PPO: penalty value.', NUM), 'whiten_rewards': typed('PPO: whiten rewards.', BOOL), 'gamma': typed('PPO discount factor.', NUM, minimum=0, maximum=1),
    'lmbda': typed('PPO GAE lambda.', NUM, minimum=0, maximum=1), 'kl_coeff': typed('KL penalty coefficient.', NUM, minimum=0),
    'stop_token_ids': typed('Token ids that end generation.', {'type': ['array', 'boolean'], 'items': INT}),
    # generation / evaluation / quantization recipes
    'prompt': {'description': 'Generation prompt: {system, user} (strings or message dicts).', 'type': ['object', 'string']},
    'max_new_tokens': typed('Max tokens to generate.', INT, minimum=1), 'temperature': typed('Sampling temperature (0 = greedy).', NUM, minimum=0),
    'top_k': typed('Top-k sampling; null = off.', opt(INT), minimum=1), 'enable_kv_cache': typed('Use the KV cache during generation/eval.', BOOL, default=True),
    'chat_template': typed('Chat template dotted path (generation).', {'type': ['string', 'boolean', 'null']}),
    'tasks': typed('EleutherAI eval harness task names.', {'type': 'array', 'items': STR}), 'limit': typed('Max samples per eval task.', opt(INT), minimum=1),
    'max_seq_length': typed('Max sequence length for evaluation.', INT, minimum=1), 'include_path': typed('Extra eval task directory.', opt(STR)),
    'batch_size_eval': typed('Eval batch size.', INT, minimum=1), 'apply_chat_template': typed('Apply the chat template in evaluation.', BOOL),
    'name': typed('Run name.', STR), 'base_model_path': typed('Base model path (for adapters).', STR),
    'fsdp': {'description': 'FSDP options, e.g. {cpu_offload: true}.', 'type': 'object'},
    # dev async GRPO recipe
    'dataloader': {'description': 'Dataloader options (dev recipes).', 'type': 'object'}, 'datasets': {'description': 'Dataset list (dev multi-dataset recipe).', 'type': 'array'},
    'orchestration': {'description': 'Async GRPO orchestration (dev).', 'type': 'object'}, 'inference': {'description': 'Async GRPO inference (dev).', 'type': 'object'},
    'postprocessing': {'description': 'Async GRPO post-processing (dev).', 'type': 'object'}, 'training': {'description': 'Async GRPO training (dev).', 'type': 'object'},
    'debug_logging_enabled': typed('Extra debug logging (dev).', BOOL), 'debug_num_samples_per_step': typed('Samples logged per step (dev).', INT, minimum=0),
}

# kwargs typed wherever a component takes them (torch optimizers and torchtune builders alike)
COMMON_KW = {
    'lr': typed('Learning rate (optimizer). Typical: 2e-5 full fine-tuning, 1e-4…3e-4 LoRA.', NUM, minimum=0),
    'weight_decay': typed('Decoupled weight decay (AdamW).', NUM, minimum=0),
    'eps': typed('Optimizer epsilon.', NUM, minimum=0),
    'betas': typed('Adam betas [beta1, beta2], each in [0, 1).', {'type': 'array', 'items': {'type': ['number', 'string']}, 'minItems': 2, 'maxItems': 2}),
    'fused': typed('Use the fused CUDA optimizer kernel.', BOOL),
    'num_warmup_steps': typed('Linear warmup steps of the schedule.', INT, minimum=0),
    'lora_rank': typed('LoRA rank r (adapter inner dimension).', INT, minimum=1, **{'x-paper': {'title': 'LoRA: Low-Rank Adaptation of Large Language Models', 'arxiv': '2106.09685'}}),
    'lora_alpha': typed('LoRA scaling numerator: update scaled by alpha/rank (usually 2×rank).', NUM, **{'x-paper': {'title': 'LoRA: Low-Rank Adaptation of Large Language Models', 'arxiv': '2106.09685'}}),
    'lora_dropout': typed('Dropout probability on the LoRA input, in [0, 1].', NUM, minimum=0, maximum=1),
    'lora_attn_modules': typed('Attention projections that get LoRA adapters.', {'type': 'array', 'items': {'enum': ENUMS['LORA_ATTN_MODULES']}}),
    'use_dora': typed('Use DoRA (weight-decomposed LoRA).', BOOL, **{'x-paper': {'title': 'DoRA: Weight-Decomposed Low-Rank Adaptation', 'arxiv': '2402.09353'}}),
    'quantize_base': typed('Quantize the frozen base weights to NF4 (QLoRA).', BOOL, **{'x-paper': {'title': 'QLoRA: Efficient Finetuning of Quantized LLMs', 'arxiv': '2305.14314'}}),
    'model_type': {'description': 'Checkpointer model type: a ModelType name (torchtune/training/checkpointing/_utils.py).', 'anyOf': [{'enum': MODEL_TYPES}, INTERP]},
    'max_seq_len': typed('Maximum sequence length (tokens); longer samples are truncated.', opt(INT), minimum=1),
    'packed': typed('Pack samples into max_seq_len sequences (needs tokenizer.max_seq_len).', BOOL),
}

def param_schema(p, docs):
    ann = p.get('annotation') or ''
    try:
        s = ann_to_schema(ann.replace('torch.dtype', 'str'), ENUMS, set()) if ann else {}
    except Exception:
        s = {}
    # Python does not enforce annotations: None reaches the builder and usually means "use the default"
    if s.get('type') and 'null' not in (s['type'] if isinstance(s['type'], list) else [s['type']]):
        s['type'] = (s['type'] if isinstance(s['type'], list) else [s['type']]) + ['null']
    out = {}
    d = clean_help(docs.get(p['name'], ''), 110)
    if d: out['description'] = d
    out.update(tolerant(s))
    if p['name'].endswith('dropout') and 'number' in str(out.get('type')): out.update(minimum=0, maximum=1)
    return out

def component_defs():
    by_def = {}
    for path, target in C['public'].items():
        if not path.startswith(CLOSED): continue
        d = C['defs'][target]
        if d.get('params') is None: continue
        if any(seg.startswith('_') for seg in path.split('.')): continue
        by_def.setdefault(target, []).append(path)
    defs, branches = {}, {}
    for target, paths in sorted(by_def.items()):
        d = C['defs'][target]
        docs = docstring_args(d.get('doc', '') or '')
        props = {'_component_': {'$ref': '#/definitions/componentPath'}}
        fname = target.split('.')[-1]
        for p in d['params']:
            ps = param_schema(p, docs)
            if 'description' not in ps:
                ps = dict({'description': (p.get('annotation') or 'any') + (f' = {p["default"]}' if p.get('default') else '')}, **ps)
            props[p['name']] = ps
        key = target.replace('.', '_')
        dd = {'description': clean_help(d.get('doc', ''), 140) or target, 'properties': props, 'x-source': d['file']}
        if not d['varkw']:
            dd['additionalProperties'] = False
            dd['x-unknownKeys'] = 'error'
        defs[key] = dd
        for path in paths: branches[path] = key
    return defs, branches

cdefs, branches = component_defs()
known = sorted(p for p in ({p for p in C['public'] if p.startswith(PKGS)} | {e for e in C['external'] if e.startswith(PKGS)})
               if not any(seg.startswith('_') for seg in p.split('.')))

def esc(x): return re.escape(x).replace('\\_', '_')

def dispatch():
    """if/then tree package -> module -> name: a component object only evaluates the branches of its own
    module (a flat list of ~500 ifs made validation 4x slower)."""
    by_pkg = {}
    for p in known:
        mod, name = p.rsplit('.', 1)
        by_pkg.setdefault(p.split('.')[1], {}).setdefault(mod, []).append(p)
    out = []
    for pkg, mods in sorted(by_pkg.items()):
        mod_alt = '|'.join(esc(m) for m in sorted(mods))
        inner = [{'properties': {'_component_': {'type': 'string', 'pattern': f'^({mod_alt})\\.[A-Za-z0-9_]+$'}}}]
        for mod, paths in sorted(mods.items()):
            then = {'properties': {'_component_': {'enum': sorted(paths)}}}
            leaf = [{'if': {'properties': {'_component_': {'const': q}}}, 'then': {'$ref': f'#/definitions/components/{branches[q]}'}} for q in sorted(paths) if q in branches]
            if leaf: then['allOf'] = leaf
            inner.append({'if': {'properties': {'_component_': {'type': 'string', 'pattern': f'^{esc(mod)}\\.[A-Za-z0-9_]+$'}}}, 'then': then})
        out.append({'if': {'properties': {'_component_': {'type': 'string', 'pattern': f'^torchtune\\.{pkg}\\.([A-Za-z0-9]\\w*\\.)*[A-Za-z0-9]\\w*$'}}}, 'then': {'allOf': inner}})
    return out
component = {
    'type': 'object',
    'description': 'An object config.instantiate() builds: `_component_` is the dotted path of a class or function, every other key is passed as a keyword argument (nested `_component_` objects are built first).',
    'required': ['_component_'],
    # torchtune knows only `_component_`; another `_name_` key is a misspelling that would be passed on as a kwarg
    'patternProperties': {'^_(?!component_$)[A-Za-z]*_$': {'not': {}, 'description': 'Misspelt `_component_`: torchtune reads only `_component_`.'}},
    'properties': dict({'_component_': {'type': 'string', 'description': 'Dotted import path of the class/function to build, e.g. torch.optim.AdamW or torchtune.models.llama3_2.lora_llama3_2_1b.',
                                        'pattern': '^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)+$',
                                        'x-deprecatedValues': {k: v for k, v in sorted(C['deprecated'].items())}}}, **COMMON_KW),
    'allOf': dispatch(),
}
schema = {
    '$schema': 'http://json-schema.org/draft-07/schema#',
    '$id': 'https://ml-config-lens.dev/schemas/torchtune.schema.json',
    'title': 'torchtune recipe config',
    'description': 'YAML config for `tune run <recipe> --config x.yaml` (torchtune recipes/*.py). Top-level keys are the ones the recipes read (cfg.x / cfg.get); objects with `_component_` are built by torchtune.config.instantiate with the other keys as kwargs; `${...}` OmegaConf interpolations may stand for any value.',
    'x-framework': {'name': 'torchtune', 'version': '0.7.0 (main; active development stopped 2025-07-15)', 'commit': COMMIT,
                    'source': ['recipes/*.py and recipes/dev/*.py (cfg.x / cfg.get reads)', 'recipes/configs/**/*.yaml (197 configs surveyed)', 'torchtune/config/_parse.py, _instantiate.py, _validate.py', 'torchtune/**/*.py (signatures of every public builder/class for `_component_` kwargs)', 'torchtune/training/precision.py (dtype)', 'torchtune/training/checkpointing/_utils.py (ModelType)']},
    'x-loader': 'omegaconf',
    'x-loaderNote': 'TuneRecipeArgumentParser loads the file with OmegaConf.load (its YAML loader reads 1e-4 and 2e-5 as floats) and resolves `${...}` interpolations when the recipe reads a value.',
    'x-unknownKeys': 'warning',
    'x-unknownKeysNote': 'Top level: OmegaConf keeps unknown keys and recipes never read them, so a misspelt optional key is silently ignored (a misspelt required key such as epochs/batch_size fails when the recipe reads it: see `required`). Inside a `_component_` object every key is a kwarg: an unknown one raises TypeError at instantiate (definitions.components.*: x-unknownKeys "error").',
    'x-interpolation': 'A string containing ${...} is an OmegaConf interpolation; typed fields accept it through `definitions.interpolation` or a type list with "string" plus the interpolation pattern.',
    'x-rulesFormat': 'each x-rules entry: `when` is a JSON Schema (draft-07) that a config matching the mistake validates against; `key` is the key (or list of keys, first present wins) to put the diagnostic on, else the document root.',
    'type': 'object',
    'properties': TOP,
    'additionalProperties': False,
    'allOf': [
        {'if': {'required': ['optimizer', 'model']}, 'then': {'required': ['epochs', 'batch_size', 'output_dir', 'tokenizer', 'checkpointer']}},
        {'if': {'required': ['optimizer']}, 'then': {'required': ['batch_size']}},
    ],
    'definitions': {
        'componentPath': {'type': 'string', 'description': 'Dotted path of the builder/class; `tune validate` binds the other keys of the object to its signature.'},
        'interpolation': {'type': 'string', 'pattern': IPAT, 'description': 'OmegaConf interpolation such as ${output_dir}/logs or ${batch_size}.'},
        'component': component,
        'components': cdefs,
    },
    'x-rules': [
        {'id': 'optimizer-in-bwd-with-grad-accumulation', 'severity': 'error', 'key': 'optimizer_in_bwd',
         'when': {'required': ['optimizer_in_bwd', 'gradient_accumulation_steps'], 'properties': {'optimizer_in_bwd': {'const': True}, 'gradient_accumulation_steps': {'type': 'integer', 'minimum': 2}}},
         'message': 'optimizer_in_bwd steps the optimizer inside backward, so gradient accumulation is impossible: set gradient_accumulation_steps: 1.',
         'source': 'recipes/full_finetune_single_device.py (raises "Gradient accumulation is not supported with optimizer in bwd")'},
        {'id': 'activation-offloading-without-checkpointing', 'severity': 'warning', 'key': 'enable_activation_offloading',
         'when': {'required': ['enable_activation_offloading'], 'properties': {'enable_activation_offloading': {'const': True}, 'enable_activation_checkpointing': {'const': False}}},
         'message': 'Activation offloading without activation checkpointing is slow; torchtune warns and recommends enabling enable_activation_checkpointing.',
         'source': 'torchtune/training/_activation_offloading.py get_act_offloading_ctx_manager'},
        {'id': 'qlora-dtype-fp16', 'severity': 'warning', 'key': 'dtype',
         'when': {'required': ['dtype', 'model'], 'properties': {'dtype': {'const': 'fp16'}, 'model': {'properties': {'_component_': {'pattern': '\\.qlora_'}}}}},
         'message': 'fp16 is not supported by the full-finetune and LoRA recipes on GPU (they raise "fp16 precision is not supported in this recipe"); use bf16.',
         'source': 'recipes/lora_finetune_single_device.py _setup (training.get_dtype + fp16 check)'},
    ],
}
json.dump(add_object_types(schema), open(sys.argv[1], 'w'), indent=1, ensure_ascii=False)
print('top keys', len(TOP), 'component defs', len(cdefs), 'known paths', len(known), 'size', len(json.dumps(schema)))
