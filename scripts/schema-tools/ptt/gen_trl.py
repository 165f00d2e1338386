import os
W = os.environ.get('SCHEMA_WORK', '/work/scratch')  # extracted sources and intermediate JSON
M = os.environ.get('SCHEMA_MIRRORS', '/work/.mirror')  # git mirrors of the framework repositories

import json, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from schemalib import ann_to_schema, clean_help, docstring_args, add_object_types

TRL_COMMIT = 'f2cd57710ae345ea6428ae95363267fcf38a3dc8'
TF5 = json.load(open((W + '/tf_fields_5.17.0.json')))
TF4 = json.load(open((W + '/tf_fields_4.57.6.json')))
E5 = json.load(open((W + '/tf_enums_5.17.0.json')))
E4 = json.load(open((W + '/tf_enums_4.57.6.json')))
T = json.load(open((W + '/trl_fields.json')))
O = json.load(open((W + '/openr1_fields.json')))
A = json.load(open((W + '/ahb_fields.json')))
P = json.load(open((W + '/openr1_passrate_fields.json')))
TH = json.load(open((W + '/trl_hist.json')))
TAG_ORDER = ['v0.8.6', 'v0.9.6', 'v0.10.1', 'v0.11.4', 'v0.12.2', 'v0.13.0', 'v0.14.0', 'v0.15.2', 'v0.16.1', 'v0.17.0', 'v0.18.2', 'v0.19.1', 'v0.20.0', 'v0.21.0', 'v0.22.2', 'v0.23.1', 'v0.24.0', 'v0.25.1', 'v0.26.2', 'v0.27.2', 'v0.28.0', 'v0.29.1', 'v1.0.0', 'v1.2.0', 'v1.4.0', 'v1.6.0', 'v1.8.0', 'v1.9.0']
ENUMS = dict(E5)
LOG_LEVELS = ['debug', 'info', 'warning', 'error', 'critical', 'passive']

# (label, class dict, class, trainer tag)
GROUPS = [
    ('transformers.TrainingArguments', TF5, 'TrainingArguments', 'all'),
    ('trl._BaseConfig', T, '_BaseConfig', 'all'),
    ('trl.SFTConfig', T, 'SFTConfig', 'sft'), ('trl.DPOConfig', T, 'DPOConfig', 'dpo'),
    ('trl.GRPOConfig', T, 'GRPOConfig', 'grpo'), ('trl.KTOConfig', T, 'KTOConfig', 'kto'),
    ('trl.RewardConfig', T, 'RewardConfig', 'reward'), ('trl.RLOOConfig', T, 'RLOOConfig', 'rloo'),
    ('trl.experimental.ORPOConfig', T, 'ORPOConfig', 'orpo'), ('trl.experimental.CPOConfig', T, 'CPOConfig', 'cpo'),
    ('trl.ModelConfig', T, 'ModelConfig', 'all'), ('trl.ScriptArguments', T, 'ScriptArguments', 'all'),
    ('trl.scripts.grpo.GRPOScriptArguments', T, 'GRPOScriptArguments', 'grpo'),
    ('trl.scripts.rloo.RLOOScriptArguments', T, 'RLOOScriptArguments', 'rloo'),
    ('trl.DatasetMixtureConfig', T, 'DatasetMixtureConfig', 'all'),
    ('open-r1 SFTConfig', O, 'SFTConfig', 'recipe'), ('open-r1 GRPOConfig', O, 'GRPOConfig', 'recipe'),
    ('open-r1 ScriptArguments', O, 'ScriptArguments', 'recipe'), ('open-r1 GRPOScriptArguments', O, 'GRPOScriptArguments', 'recipe'),
    ('open-r1 PassRateScriptArguments', P, 'PassRateScriptArguments', 'recipe'),
    ('alignment-handbook ScriptArguments', A, 'ScriptArguments', 'recipe'), ('alignment-handbook SFTConfig', A, 'SFTConfig', 'recipe'),
]

def clean_ann(ann):
    a = re.sub(r'\s+', ' ', ann)
    # `SomeEnum | str`: the str only lets argparse pass the raw text; __post_init__ converts it with SomeEnum(value)
    for e in ENUMS:
        if re.search(rf'\b{e}\b', a) and e != 'DebugOption':
            a = re.sub(r'\|\s*str\b|\bstr\s*\|', '', a)
    a = a.replace('ParallelismConfig', 'dict').replace('Literal[False]', 'bool')
    return a

def conv(f, docs):
    s = ann_to_schema(clean_ann(f['annotation']), ENUMS, {'DatasetConfig'})
    md = f.get('metadata') or {}
    if 'choices' in md and isinstance(md['choices'], list):
        s = dict(s); s['enum'] = list(md['choices']) + ([None] if 'null' in str(s.get('type')) else [])
        s.pop('examples', None)
    if f['name'] in ('log_level', 'log_level_replica'):
        s = {'type': 'string', 'enum': LOG_LEVELS}
    s = with_const_and_legacy(f, s)
    return s, clean_help(md.get('help') or docs.get(f['name'], ''))

# Values __post_init__ accepts beyond the annotation. transformers 5.17.0 training_args.py: `fsdp: str | None`
# with argparse `const: True` (line 1434: a bare `--fsdp` or YAML `fsdp: true` gives the bool);
# _process_fsdp_args returns on a falsy value (2735), passes a str or list to _apply_legacy_fsdp_to_config
# (2750, both deprecated with a warning) and sets fsdp = True otherwise (2752).
LEGACY_LIST = {'fsdp': {'type': 'array', 'items': {'type': 'string'}}}

def with_const_and_legacy(f, s):
    md = f.get('metadata') or {}
    extra = []
    if isinstance(md.get('const'), bool): extra.append({'type': 'boolean'})
    if f['name'] in LEGACY_LIST: extra.append(LEGACY_LIST[f['name']])
    if not extra: return s
    t = s.get('type'); t = t if isinstance(t, list) else [t]
    s = dict(s); s['type'] = sorted(set(t) | {e['type'] for e in extra}, key=['boolean', 'string', 'array', 'null'].index)
    for e in extra:
        if 'items' in e: s['items'] = e['items']
    return s

def types_of(s):
    if 'enum' in s and 'type' not in s:
        return {('null' if v is None else 'boolean' if isinstance(v, bool) else 'string' if isinstance(v, str) else 'number') for v in s['enum']}
    t = s.get('type')
    if t is None: return set()
    return set(t if isinstance(t, list) else [t])

def merge(schemas):
    """Union of the schemas one field has in several config classes."""
    uniq = []
    for s in schemas:
        if s not in uniq: uniq.append(s)
    if len(uniq) == 1: return dict(uniq[0])
    if any(s == {} for s in uniq): return {}
    enums = [s for s in uniq if 'enum' in s]
    if len(enums) == len(uniq):
        vals = []
        for s in enums: vals += [v for v in s['enum'] if v not in vals]
        return {'enum': vals}
    ts = set()
    for s in uniq: ts |= types_of(s)
    if 'integer' in ts and 'number' in ts: ts.discard('integer')
    out = {'type': sorted(ts)}
    items = [s['items'] for s in uniq if 'items' in s]
    if items and all(i == items[0] for i in items): out['items'] = items[0]
    return out

def collect():
    by = {}
    for label, src, cls, tag in GROUPS:
        c = src[cls]
        docs = docstring_args(c['doc'])
        for f in c['fields']:
            if f['name'].startswith('_'): continue
            s, d = conv(f, docs)
            dv = f.get('default'); has = bool(dv and 'value' in dv)
            by.setdefault(f['name'], []).append({'label': label, 'tag': tag, 'schema': s, 'desc': d,
                                                 'default': dv['value'] if has else None, 'has_default': has})
    return by

RENAMED = {  # old key -> (new key, message)
    'evaluation_strategy': ('eval_strategy', 'renamed to `eval_strategy` in transformers 4.41; the old name was removed in 4.46.'),
    'torch_dtype': ('dtype', 'renamed to `dtype` in TRL ModelConfig (TRL 0.27, following transformers); TrlParser rejects `torch_dtype` as an unknown argument in current TRL.'),
    'max_seq_length': ('max_length', 'renamed to `max_length` in TRL SFTConfig 0.20; current TRL rejects it as an unknown argument.'),
    'per_gpu_train_batch_size': ('per_device_train_batch_size', 'removed in transformers 5.'),
    'per_gpu_eval_batch_size': ('per_device_eval_batch_size', 'removed in transformers 5.'),
    'no_cuda': ('use_cpu', 'removed in transformers 5; use `use_cpu`.'),
    'push_to_hub_model_id': ('hub_model_id', 'removed in transformers 5.'),
    'push_to_hub_organization': ('hub_model_id', 'removed in transformers 5; put the organisation into `hub_model_id`.'),
    'push_to_hub_token': ('hub_token', 'removed in transformers 5.'),
    'include_inputs_for_metrics': ('include_for_metrics', 'removed in transformers 5; use `include_for_metrics: [inputs]`.'),
    'use_liger': ('use_liger_kernel', 'renamed to `use_liger_kernel` in TRL 0.18.'),
    'warmup_ratio': ('warmup_steps', 'removed in transformers 5 (deprecated with a warning in early 5.x): `warmup_steps` takes a float below 1 as a ratio of the total steps, e.g. `warmup_steps: 0.1`. TRL on transformers 4.x still accepts it.'),
    'group_by_length': ('train_sampling_strategy', 'removed in transformers 5; use `train_sampling_strategy: group_by_length`.'),
    'overwrite_output_dir': (None, 'removed in transformers 5 (it had no effect in the Trainer since 4.x; checkpoints are resumed with `resume_from_checkpoint`).'),
    'save_safetensors': (None, 'removed in transformers 5: checkpoints are always saved as safetensors.'),
    'logging_dir': (None, 'removed in transformers 5; TensorBoard reads the TENSORBOARD_LOGGING_DIR environment variable.'),
    'adafactor': ('optim', 'removed in transformers 5; use `optim: adafactor`.'),
}

def build():
    by = collect()
    props = {}
    for name, defs in by.items():
        main = [d for d in defs if d['tag'] != 'recipe'] or defs
        spec = [d for d in main if d['label'] != 'transformers.TrainingArguments'] or main
        s = merge([d['schema'] for d in defs])
        desc = next((d['desc'] for d in spec if d['desc']), '') or next((d['desc'] for d in defs if d['desc']), name)
        p = {'description': desc}
        p.update(s)
        # the value a run gets: a TRL override beats TrainingArguments, and trainers may differ
        eff = {}
        for d in defs:
            if d['has_default']: eff[d['label']] = d['default']
        if 'transformers.TrainingArguments' in eff and len(eff) > 1: eff.pop('transformers.TrainingArguments')
        if 'trl._BaseConfig' in eff and len(eff) > 1 and all(k.startswith('trl.') for k in eff): pass
        vals = []
        for v in eff.values():
            if v not in vals: vals.append(v)
        if len(vals) == 1:
            try: json.dumps(vals[0]); p['default'] = vals[0]
            except TypeError: pass
        elif len(vals) > 1:
            p['x-defaults'] = {k: v for k, v in eff.items() if isinstance(v, (int, float, str, bool, type(None), list))}
        p['x-definedIn'] = [d['label'] for d in defs]
        tags = sorted({d['tag'] for d in defs})
        if 'all' not in tags: p['x-trainers'] = tags
        if all(d['tag'] == 'recipe' for d in defs):
            p['x-source'] = 'recipe scripts (open-r1 / alignment-handbook), not trl itself: `trl <command> --config` rejects this key; the recipe scripts accept it.'
        props[name] = p
    # keys older transformers / TRL versions had
    for name, f in TF4['TrainingArguments']['fields'] and [(f['name'], f) for f in TF4['TrainingArguments']['fields']]:
        if name in props or name.startswith('_'): continue
        s, d = conv(f, docstring_args(TF4['TrainingArguments']['doc']))
        props[name] = dict({'description': d or f'Former TrainingArguments field (transformers 4.57).'}, **s)
        props[name].update({'deprecated': True, 'x-deprecationMessage': f'`{name}` is not a TrainingArguments field in transformers 5.17 (it was in 4.57).', 'x-definedIn': ['transformers 4.57 TrainingArguments']})
    gone = {}
    for cls, fs in TH.items():
        if cls == 'ScriptArguments': fs = {k: v for k, v in fs.items() if k in ('gradient_checkpointing_use_reentrant',)}
        for name, v in fs.items():
            if name not in props: gone.setdefault(name, []).append((cls, v))
    for name, hist in sorted(gone.items()):
        cls, v = max(hist, key=lambda cv: TAG_ORDER.index(cv[1]['last']))
        s, d = conv(v['info'], {})
        where = ', '.join(f'{c} ({h["first"]}–{h["last"]})' for c, h in sorted(hist))
        props[name] = dict({'description': d or f'Former TRL {cls} field.'}, **s)
        props[name].update({'deprecated': True, 'x-deprecationMessage': f'`{name}` was a field of TRL {where}; current TRL rejects it ("Unknown arguments from config file").',
                            'x-definedIn': [f'trl {h["last"]} {c}' for c, h in sorted(hist)]})
    RH = json.load(open((W + '/recipe_hist.json')))
    for name, v in RH.items():
        if name in props or v['class'] in ('DatasetConfig', 'DatasetMixtureConfig') or name == 'config': continue
        s, d = conv(v['info'], {})
        props[name] = dict({'description': d or f'Former {v["repo"]} recipe argument ({v["class"]}).'}, **s)
        props[name].update({'deprecated': True, 'x-deprecationMessage': f'`{name}` was read by older {v["repo"]} recipe scripts ({v["class"]}, last seen {v["last_seen"]}); TRL and the current recipe scripts reject it as an unknown argument.',
                            'x-definedIn': [f'{v["repo"]} {v["commit"][:7]} {v["class"]}'], 'x-source': 'recipe scripts'})
    props['evaluation_strategy'] = dict(props.get('evaluation_strategy') or {'description': 'Old name of eval_strategy.'}, **{'enum': E5['IntervalStrategy']})
    props['evaluation_strategy'].pop('type', None)
    for old, (new, msg) in RENAMED.items():
        p = props.setdefault(old, {'description': f'Old name of `{new}`.'})
        p['deprecated'] = True; p['x-deprecationMessage'] = f'`{old}` ' + msg
        if new: p['x-renamedTo'] = new
        if new and new in props and not p.get('type') and not p.get('enum'):
            for k in ('type', 'enum', 'items'):
                if k in props[new]: p[k] = props[new][k]
    # A key current TRL rejects stops the run: TrlParser.parse_args_and_config raises ValueError("Unknown
    # arguments from config file") (trl f2cd577 trl/scripts/utils.py:351-355, fail_with_unknown_args=True),
    # and `trl <command>` hands it to `accelerate launch`, whose argparse exits 2 (trl/cli/commands/
    # training.py:61-64). So the message "rejects it" goes with severity error, as `check` reports it.
    for name, p in props.items():
        if p.get('deprecated') and 'reject' in p.get('x-deprecationMessage', '') and 'x-deprecationSeverity' not in p:
            items = list(p.items())
            at = [k for k, _ in items].index('x-deprecationMessage') + 1
            props[name] = dict(items[:at] + [('x-deprecationSeverity', 'error')] + items[at:])
    # deprecated enum values: values transformers 4.57 had that 5.17 dropped
    for fname, en in (('optim', 'OptimizerNames'), ('lr_scheduler_type', 'SchedulerType')):
        gone = [v for v in E4.get(en, []) if v not in E5[en]]
        if gone:
            props[fname]['enum'] = props[fname]['enum'] + gone
            props[fname]['x-deprecatedValues'] = {v: f'"{v}" was removed from {en} in transformers 5; it fails there.' for v in gone}
    # `trl <command>` hands config keys no dataclass consumed to `accelerate launch` as `--key value`
    # (trl/cli/commands/training.py); flags without a value (store_true) cannot be given that way
    ACC = json.load(open((W + '/acc_opts.json')))
    note = '`trl <command>` forwards this key to `accelerate launch` (trl/cli/commands/training.py); recipe scripts that call TrlParser directly reject it.'
    for opt, a in sorted(ACC.items()):
        if a['action'] in ('store_true', 'store_false', 'help') or opt in props: continue
        t = {'int': 'integer', 'float': 'number', 'str': 'string'}.get(a['type'] or 'str', 'string')
        q = {'description': clean_help(a['help'] or opt) or opt, 'type': t}
        if a['choices']: q['enum'] = list(a['choices'])
        q.update({'x-definedIn': ['accelerate launch (accelerate 1.15.0.dev0 16cb6eb src/accelerate/commands/launch.py)'], 'x-source': note})
        props[opt] = q
    props['accelerate_config'] = {'description': 'Accelerate launcher config for `trl <command>`: a path to an accelerate YAML, or the name of one TRL ships (trl/accelerate_configs). Turned into `accelerate launch --config_file`.',
                                  'type': 'string', 'examples': ['zero2', 'zero3', 'fsdp2', 'multi_gpu', 'single_gpu', 'zero1', 'fsdp1'],
                                  'x-definedIn': ['trl/cli/accelerate_config.py resolve_accelerate_config_argument'], 'x-source': note}
    props['env'] = {'description': 'Environment variables to set before training (TrlParser pops this mapping from the YAML and exports each entry).', 'type': 'object', 'additionalProperties': {'type': ['string', 'number', 'boolean']}, 'x-definedIn': ['trl.scripts.utils.TrlParser']}
    return props

RANGES = {
    'learning_rate': {'minimum': 0}, 'weight_decay': {'minimum': 0}, 'adam_beta1': {'minimum': 0, 'exclusiveMaximum': 1},
    'adam_beta2': {'minimum': 0, 'exclusiveMaximum': 1}, 'adam_epsilon': {'minimum': 0}, 'warmup_ratio': {'minimum': 0, 'maximum': 1},
    'warmup_steps': {'minimum': 0}, 'per_device_train_batch_size': {'minimum': 1}, 'per_device_eval_batch_size': {'minimum': 1},
    'gradient_accumulation_steps': {'minimum': 1}, 'num_train_epochs': {'minimum': 0}, 'lora_r': {'minimum': 1},
    'lora_dropout': {'minimum': 0, 'maximum': 1}, 'label_smoothing_factor': {'minimum': 0, 'maximum': 1},
    'dataloader_num_workers': {'minimum': 0}, 'save_total_limit': {'minimum': 0}, 'logging_steps': {'minimum': 0},
    'num_generations': {'minimum': 1}, 'max_length': {'minimum': 1}, 'max_completion_length': {'minimum': 1},
}
PAPERS = {
    'lora_r': ('LoRA: Low-Rank Adaptation of Large Language Models', '2106.09685'),
    'lora_alpha': ('LoRA: Low-Rank Adaptation of Large Language Models', '2106.09685'),
    'use_dora': ('DoRA: Weight-Decomposed Low-Rank Adaptation', '2402.09353'),
    'use_rslora': ('A Rank Stabilization Scaling Factor for Fine-Tuning with LoRA', '2312.03732'),
    'load_in_4bit': ('QLoRA: Efficient Finetuning of Quantized LLMs', '2305.14314'),
    'bnb_4bit_quant_type': ('QLoRA: Efficient Finetuning of Quantized LLMs', '2305.14314'),
    'use_bnb_nested_quant': ('QLoRA: Efficient Finetuning of Quantized LLMs', '2305.14314'),
    'neftune_noise_alpha': ('NEFTune: Noisy Embeddings Improve Instruction Finetuning', '2310.05914'),
    'gradient_checkpointing': ('Training Deep Nets with Sublinear Memory Cost', '1604.06174'),
    'num_generations': ('DeepSeekMath: Pushing the Limits of Mathematical Reasoning in Open Language Models (GRPO)', '2402.03300'),
    'desirable_weight': ('KTO: Model Alignment as Prospect Theoretic Optimization', '2402.01306'),
    'undesirable_weight': ('KTO: Model Alignment as Prospect Theoretic Optimization', '2402.01306'),
    'rpo_alpha': ('Iterative Reasoning Preference Optimization', '2404.19733'),
    'packing_strategy': ('Fewer Truncations Improve Language Modeling (best-fit packing)', '2404.10830'),
}
BETA_PAPERS = {'dpo': ('Direct Preference Optimization: Your Language Model is Secretly a Reward Model', '2305.18290'),
               'kto': ('KTO: Model Alignment as Prospect Theoretic Optimization', '2402.01306'),
               'grpo': ('DeepSeekMath: Pushing the Limits of Mathematical Reasoning in Open Language Models', '2402.03300'),
               'orpo': ('ORPO: Monolithic Preference Optimization without Reference Model', '2403.07691'),
               'cpo': ('Contrastive Preference Optimization', '2401.08417')}

DESC = {  # clearer hover text where the dataclass help is terse; the facts come from the same source
    'lora_r': 'LoRA rank r: inner dimension of the adapter matrices A (r×d_in) and B (d_out×r); trainable parameters ≈ r·(d_in+d_out) per targeted Linear. Typical 8–64 (ModelConfig default 16).',
    'lora_alpha': 'LoRA scaling numerator: the update B·A is scaled by lora_alpha/r (lora_alpha/√r with use_rslora). Often 2×r; ModelConfig default 32.',
    'lora_dropout': 'Dropout probability applied to the LoRA input, in [0, 1]. Typical 0.0–0.1 (default 0.05).',
    'lora_target_modules': 'Module names (or "all-linear") that get LoRA adapters, e.g. [q_proj, k_proj, v_proj, o_proj]. null = PEFT\'s default for the architecture.',
    'lora_modules_to_save': 'Extra modules trained in full and saved with the adapter (e.g. lm_head, embed_tokens).',
    'use_peft': 'Train a LoRA adapter (built from the lora_* keys by get_peft_config) instead of all weights. Required with load_in_4bit/load_in_8bit.',
    'load_in_4bit': 'Load the base model 4-bit quantized with bitsandbytes (QLoRA); needs use_peft: true.',
    'load_in_8bit': 'Load the base model 8-bit quantized with bitsandbytes; needs use_peft: true.',
    'learning_rate': 'Peak learning rate of the optimizer (per step, unitless). Trainer defaults differ: SFT 2e-5, DPO/GRPO/KTO 1e-6, Reward 1e-4; LoRA usually takes ~10× the full fine-tuning rate.',
    'per_device_train_batch_size': 'Training samples per device per forward pass; global batch = this × devices × gradient_accumulation_steps.',
    'gradient_accumulation_steps': 'Micro-batches accumulated before each optimizer step (effective batch multiplier).',
    'num_train_epochs': 'Passes over the training set (float: the fractional part trains that share of the last epoch). Ignored when max_steps > 0.',
}

def finish(props):
    for k, d in DESC.items():
        if k in props: props[k]['description'] = d
    for k, r in RANGES.items():
        if k in props: props[k].update(r)
    for k, (t, a) in PAPERS.items():
        if k in props: props[k]['x-paper'] = {'title': t, 'arxiv': a}
    if 'beta' in props:
        props['beta']['x-paper'] = [{'title': t, 'arxiv': a, 'trainer': k} for k, (t, a) in BETA_PAPERS.items()]
    # list[str] fields: a YAML string becomes the argparse default and is kept as one string (PEFT accepts "all-linear")
    for name, p in props.items():
        t = p.get('type')
        if t == 'array' and p.get('items', {}).get('type') == 'string':
            p['type'] = ['array', 'string']
        elif isinstance(t, list) and 'array' in t and 'string' not in t and p.get('items', {}).get('type') == 'string':
            p['type'] = t + ['string']
    if 'datasets' in props:
        dc = T['DatasetConfig']; docs = docstring_args(dc['doc'])
        items = {}
        for f in dc['fields']:
            s, d = conv(f, docs); items[f['name']] = dict({'description': d or f['name']}, **s)
        props['datasets']['items'] = {'type': 'object', 'properties': items, 'required': ['path'], 'additionalProperties': False}
    if 'scale_rewards' in props:
        props['scale_rewards'].pop('type', None)
        props['scale_rewards']['enum'] = ['group', 'batch', 'none', True, False]
        props['scale_rewards']['description'] += ' true = "group", false = "none" (GRPOConfig.__post_init__ maps the booleans).'
    if 'packing_strategy' in props:
        props['packing_strategy']['x-removedValues'] = {'ffd': 'renamed to "bfd" in TRL 0.20 (#3696, first-fit was really best-fit); current TRL raises "Invalid packing strategy" when packing is on.'}
    # keep key order stable and readable
    return dict(sorted(props.items()))

props = finish(build())
rules = [
    {'id': 'quantized-model-needs-peft', 'severity': 'error', 'key': ['use_peft', 'load_in_4bit', 'load_in_8bit'],
     'when': {'anyOf': [{'required': ['load_in_4bit'], 'properties': {'load_in_4bit': {'const': True}}}, {'required': ['load_in_8bit'], 'properties': {'load_in_8bit': {'const': True}}}],
              'properties': {'use_peft': {'not': {'const': True}}}},
     'message': 'A 4-bit/8-bit quantized base model can only be trained through an adapter: set `use_peft: true` (the Trainer refuses to fine-tune a purely quantized model).',
     'source': 'trl/trainer/model_config.py get_quantization_config + transformers Trainer._validate_quantized_model'},
    {'id': 'trl-4bit-and-8bit', 'severity': 'error', 'key': ['load_in_8bit', 'load_in_4bit'],
     'when': {'required': ['load_in_4bit', 'load_in_8bit'], 'properties': {'load_in_4bit': {'const': True}, 'load_in_8bit': {'const': True}}},
     'message': "You can't use 8 bit and 4 bit precision at the same time (ModelConfig raises).", 'source': 'trl/trainer/model_config.py ModelConfig.__post_init__'},
    {'id': 'bf16-and-fp16', 'severity': 'error', 'key': ['fp16', 'bf16'],
     'when': {'required': ['bf16', 'fp16'], 'properties': {'bf16': {'const': True}, 'fp16': {'const': True}}},
     'message': 'At most one of fp16 and bf16 can be true (TrainingArguments raises).', 'source': 'transformers/training_args.py TrainingArguments.__post_init__'},
    {'id': 'lora-options-without-peft', 'severity': 'warning', 'key': ['lora_r', 'lora_alpha', 'lora_dropout', 'lora_target_modules', 'lora_modules_to_save', 'use_dora', 'use_rslora'],
     'when': {'anyOf': [{'required': [k]} for k in ('lora_r', 'lora_alpha', 'lora_dropout', 'lora_target_modules', 'lora_modules_to_save', 'lora_target_parameters')] + [{'required': ['use_dora'], 'properties': {'use_dora': {'const': True}}}, {'required': ['use_rslora'], 'properties': {'use_rslora': {'const': True}}}],
              'properties': {'use_peft': {'not': {'const': True}}}},
     'message': 'LoRA settings have no effect without `use_peft: true` (get_peft_config returns None and the whole model is trained).', 'source': 'trl/trainer/model_config.py get_peft_config'},
    {'id': 'load-best-model-strategy-mismatch', 'severity': 'error', 'key': 'load_best_model_at_end',
     'when': {'required': ['load_best_model_at_end'], 'properties': {'load_best_model_at_end': {'const': True}, 'save_strategy': {'not': {'const': 'best'}}},
              'not': {'anyOf': [{'properties': {'eval_strategy': {'const': 'steps'}, 'save_strategy': {'const': 'steps'}}, 'required': ['eval_strategy']},
                                {'properties': {'eval_strategy': {'const': 'epoch'}, 'save_strategy': {'const': 'epoch'}}, 'required': ['eval_strategy', 'save_strategy']},
                                {'properties': {'eval_strategy': {'const': 'no'}, 'save_strategy': {'const': 'no'}}, 'required': ['eval_strategy', 'save_strategy']}]}},
     'message': '`load_best_model_at_end` needs the save and eval strategies to match (TrainingArguments raises).', 'source': 'transformers/training_args.py TrainingArguments.__post_init__'},
    {'id': 'plateau-scheduler-without-eval', 'severity': 'error', 'key': 'lr_scheduler_type',
     'when': {'required': ['lr_scheduler_type'], 'properties': {'lr_scheduler_type': {'enum': ['reduce_lr_on_plateau', 'greedy']}, 'eval_strategy': {'const': 'no'}}},
     'message': 'This scheduler needs evaluation: set `eval_strategy` to steps or epoch.', 'source': 'transformers/training_args.py TrainingArguments.__post_init__'},
]
schema = {
    '$schema': 'http://json-schema.org/draft-07/schema#',
    '$id': 'https://ml-config-lens.dev/schemas/trl.schema.json',
    'title': 'Hugging Face TRL / TrainingArguments config (trl sft|dpo|grpo|kto|reward|rloo --config)',
    'description': 'YAML read by TrlParser for `trl <command> --config x.yaml` and by recipe scripts built on it (alignment-handbook, open-r1): the union of transformers TrainingArguments, TRL\'s trainer configs (SFT, DPO, GRPO, KTO, Reward, RLOO; experimental ORPO, CPO), ModelConfig (model loading and PEFT/LoRA keys), ScriptArguments and DatasetMixtureConfig. A key that belongs to another trainer is accepted here (the file does not say which command runs it); `x-trainers` names the trainers that define it.',
    'x-framework': {'name': 'trl', 'version': '1.10.0.dev0 (main after v1.9.0)', 'commit': TRL_COMMIT,
                    'source': ['trl/scripts/utils.py (TrlParser, ScriptArguments, DatasetMixtureConfig)', 'trl/cli/commands/training.py + trl/cli/accelerate_config.py (keys forwarded to accelerate launch)', 'trl/trainer/base_config.py', 'trl/trainer/{sft,dpo,grpo,kto,reward,rloo}_config.py', 'trl/experimental/{orpo,cpo}/*_config.py', 'trl/trainer/model_config.py', 'trl/scripts/{grpo,rloo}.py'],
                    'transformers': {'version': '5.17.0', 'source': 'src/transformers/training_args.py (TrainingArguments); 4.57.6 read for removed keys'},
                    'recipes': {'open-r1': '1416fa0cf21595d2083b399a2a0bbddd7f6e9563 src/open_r1/configs.py', 'alignment-handbook': '925acdfe4b2b4e38c3dabd1851bc418f0b656351 src/alignment/configs.py'},
                    'historyScanned': 'TRL config dataclasses at tags v0.8.6 … v1.9.0 (fields removed since are listed as deprecated)'},
    'x-loader': 'pyyaml',
    'x-loaderNote': 'TrlParser.parse_args_and_config reads the file with yaml.safe_load (YAML 1.1: `2e-5` is a string) and passes each key to set_defaults_with_config, i.e. it becomes an argparse default.',
    'x-coercesStrings': True,
    'x-coercesStringsNote': 'argparse converts a string default with the argument type (float("2e-5"), int("8"), string_to_bool("true")), so exponent numbers without a dot still train; a word such as "one" fails with "invalid float value". HfArgumentParser.parse_yaml_file/parse_dict, used by other loaders, do NOT convert.',
    'x-unknownKeys': 'error',
    'x-unknownKeysNote': 'Recipe scripts: TrlParser.parse_args_and_config raises ValueError("Unknown arguments from config file: [...]") for keys no dataclass consumes (fail_with_unknown_args=True). `trl <command>`: such keys are forwarded to `accelerate launch` as --key value, whose argparse rejects an unknown option (exit 2); accelerate launch options (num_processes, mixed_precision, ...) and `accelerate_config` are therefore valid there and listed here.',
    'x-rulesFormat': 'each x-rules entry: `when` is a JSON Schema (draft-07) that a config matching the mistake validates against; `key` is the key (or list of keys, first present wins) to put the diagnostic on, else the document root.',
    'type': 'object',
    'properties': props,
    'additionalProperties': False,
    'x-rules': rules,
}
json.dump(add_object_types(schema), open(sys.argv[1], 'w'), indent=2, ensure_ascii=False)
print('properties', len(props), 'deprecated', sum(1 for p in props.values() if p.get('deprecated')))
