import os
W = os.environ.get('SCHEMA_WORK', '/work/scratch')  # extracted sources and intermediate JSON
M = os.environ.get('SCHEMA_MIRRORS', '/work/.mirror')  # git mirrors of the framework repositories

import json, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from schemalib import ann_to_schema, clean_help, docstring_args, add_object_types

COMMIT = '5d602fdbff04c33c1c4de55cda9d4ae1d7cb7e40'
D = json.load(open((W + '/peft_fields.json')))
HIST = json.load(open((W + '/peft_hist.json')))
ENUMS = {
    'PeftType': None, 'TaskType': ['SEQ_CLS', 'SEQ_2_SEQ_LM', 'CAUSAL_LM', 'TOKEN_CLS', 'QUESTION_ANS', 'FEATURE_EXTRACTION'],
    'PromptTuningInit': ['TEXT', 'SAMPLE_VOCAB', 'RANDOM'],
    'MultitaskPromptTuningInit': ['TEXT', 'RANDOM', 'AVERAGE_SOURCE_TASKS', 'EXACT_SOURCE_TASK', 'ONLY_SOURCE_SHARED'],
    'PromptEncoderReparameterizationType': ['MLP', 'LSTM'],
    'RoadVariant': ['road_1', 'road_2', 'road_4'],
}
NESTED = ['LoftQConfig', 'EvaConfig', 'CordaConfig', 'LoraGAConfig', 'VeloraConfig', 'MontecloraConfig',
          'BdLoraConfig', 'ArrowConfig', 'KasaConfig', 'LoraRuntimeConfig']

# peft_type -> (config class, display name, paper title, arXiv id or None)
TYPES = {
    'LORA': ('LoraConfig', 'LoRA', 'LoRA: Low-Rank Adaptation of Large Language Models', '2106.09685'),
    'ADALORA': ('AdaLoraConfig', 'AdaLoRA', 'Adaptive Budget Allocation for Parameter-Efficient Fine-Tuning', '2303.10512'),
    'ADAMSS': ('AdamssConfig', 'AdaMSS', None, None),
    'ADAPTION_PROMPT': ('AdaptionPromptConfig', 'LLaMA-Adapter (adaption prompt)', 'LLaMA-Adapter: Efficient Fine-tuning of Language Models with Zero-init Attention', '2303.16199'),
    'BEFT': ('BeftConfig', 'BEFT', 'BEFT: Bias-Efficient Fine-Tuning of Language Models in Low-Data Regimes', '2509.15974'),
    'BOFT': ('BOFTConfig', 'BOFT', 'Parameter-Efficient Orthogonal Finetuning via Butterfly Factorization', '2311.06243'),
    'C3A': ('C3AConfig', 'C3A', 'Parameter-Efficient Fine-Tuning via Circular Convolution', '2407.19342'),
    'CARTRIDGE': ('CartridgeConfig', 'Cartridges', 'Cartridges: Lightweight and general-purpose long context representations via self-study', '2506.06266'),
    'CPT': ('CPTConfig', 'Context-aware Prompt Tuning', 'Context-aware Prompt Tuning: Advancing In-Context Learning with Adversarial Methods', '2410.17222'),
    'DEFT': ('DeftConfig', 'DEFT', None, None),
    'DELORA': ('DeloraConfig', 'DeLoRA', 'Decoupling Angles and Strength in Low-rank Adaptation', '2503.18225'),
    'FOURIERFT': ('FourierFTConfig', 'FourierFT', 'Parameter-Efficient Fine-Tuning with Discrete Fourier Transform', '2405.03003'),
    'FROD': ('FrodConfig', 'FRoD', None, None),
    'GLORA': ('GloraConfig', 'GLoRA', 'One-for-All: Generalized LoRA for Parameter-Efficient Fine-tuning', '2306.07967'),
    'GRALORA': ('GraloraConfig', 'GraLoRA', 'GraLoRA: Granular Low-Rank Adaptation for Parameter-Efficient Fine-Tuning', '2505.20355'),
    'HIRA': ('HiraConfig', 'HiRA', None, None),
    'HRA': ('HRAConfig', 'HRA', 'Bridging The Gap between Low-rank and Orthogonal Adaptation via Householder Reflection Adaptation', '2405.17484'),
    'IA3': ('IA3Config', 'IA3', 'Few-Shot Parameter-Efficient Fine-Tuning is Better and Cheaper than In-Context Learning', '2205.05638'),
    'LILY': ('LilyConfig', 'Lily', 'Low-Rank Interconnected Adaptation across Layers', '2407.09946'),
    'LN_TUNING': ('LNTuningConfig', 'LayerNorm tuning', 'Tuning LayerNorm in Attention: Towards Efficient Multi-Modal LLM Finetuning', '2312.11420'),
    'LOHA': ('LoHaConfig', 'LoHa', 'FedPara: Low-Rank Hadamard Product for Communication-Efficient Federated Learning', '2108.06098'),
    'LOKR': ('LoKrConfig', 'LoKr', 'Navigating Text-To-Image Customization: From LyCORIS Fine-Tuning to Model Evaluation', '2309.14859'),
    'MISS': ('MissConfig', 'MiSS', 'MiSS: Balancing LoRA Performance and Efficiency with Simple Shard Sharing', '2409.15371'),
    'MULTITASK_PROMPT_TUNING': ('MultitaskPromptTuningConfig', 'Multitask prompt tuning', 'Multitask Prompt Tuning Enables Parameter-Efficient Transfer Learning', '2303.02861'),
    'OFT': ('OFTConfig', 'OFT', 'Controlling Text-to-Image Diffusion by Orthogonal Finetuning', '2306.07280'),
    'OSF': ('OSFConfig', 'OSF', 'Sculpting Subspaces: Constrained Full Fine-Tuning in LLMs for Continual Learning', '2504.07097'),
    'P_TUNING': ('PromptEncoderConfig', 'P-tuning', 'GPT Understands, Too', '2103.10385'),
    'PEANUT': ('PeanutConfig', 'PEANuT', 'PEANuT: Parameter-Efficient Adaptation with Weight-aware Neural Tweakers', '2410.01870'),
    'POLY': ('PolyConfig', 'Polytropon', 'Combining Modular Skills in Multitask Learning', '2202.13914'),
    'PREFIX_TUNING': ('PrefixTuningConfig', 'Prefix tuning', 'Prefix-Tuning: Optimizing Continuous Prompts for Generation', '2101.00190'),
    'PROMPT_TUNING': ('PromptTuningConfig', 'Prompt tuning', 'The Power of Scale for Parameter-Efficient Prompt Tuning', '2104.08691'),
    'PSOFT': ('PsoftConfig', 'PSOFT', None, None),
    'PVERA': ('PveraConfig', 'PVeRA', 'PVeRA: Probabilistic Vector-Based Random Matrix Adaptation', '2512.07703'),
    'RANDLORA': ('RandLoraConfig', 'RandLoRA', 'RandLoRA: Full-rank parameter-efficient fine-tuning of large models', '2502.00987'),
    'ROAD': ('RoadConfig', 'RoAd', '3-in-1: 2D Rotary Adaptation for Efficient Finetuning, Efficient Batching and Composability', '2409.00119'),
    'SHIRA': ('ShiraConfig', 'SHiRA', 'Sparse High Rank Adapters', '2406.13175'),
    'SUPERTUNING': ('SupertuningConfig', 'Super-Tuning', 'Super-Tuning', '2607.09287'),
    'TINYLORA': ('TinyLoraConfig', 'TinyLoRA', 'TinyLoRA: Learning to Reason in 13 Parameters', '2602.04118'),
    'TRAINABLE_TOKENS': ('TrainableTokensConfig', 'Trainable tokens', None, None),
    'UNILORA': ('UniLoraConfig', 'UniLoRA', 'UniLoRA', '2506.00799'),
    'VBLORA': ('VBLoRAConfig', 'VB-LoRA', 'VB-LoRA: Extreme Parameter Efficient Fine-Tuning with Vector Banks', '2405.15179'),
    'VERA': ('VeraConfig', 'VeRA', 'VeRA: Vector-based Random Matrix Adaptation', '2310.11454'),
    'WAVEFT': ('WaveFTConfig', 'WaveFT', 'Exploring Sparsity for Parameter Efficient Fine Tuning Using Wavelets', '2505.12532'),
    'XLORA': ('XLoraConfig', 'X-LoRA', 'X-LoRA: Mixture of Low-Rank Adapter Experts', '2402.07148'),
}
ENUMS['PeftType'] = sorted(TYPES)

FIELD_PAPERS = {
    'use_dora': ('DoRA: Weight-Decomposed Low-Rank Adaptation', '2402.09353'),
    'use_rslora': ('A Rank Stabilization Scaling Factor for Fine-Tuning with LoRA', '2312.03732'),
    'loftq_config': ('LoftQ: LoRA-Fine-Tuning-Aware Quantization for Large Language Models', '2310.08659'),
    'eva_config': ('One Initialization to Rule them All: Fine-tuning via Explained Variance Adaptation', '2410.07170'),
    'corda_config': ('CorDA: Context-Oriented Decomposition Adaptation of Large Language Models', '2406.05223'),
    'layer_replication': ('LLaMA Pro: Progressive LLaMA with Block Expansion', '2401.02415'),
    'kasa_config': ('KaSA: Knowledge-Aware Singular-Value Adaptation of Large Language Models', '2412.06071'),
    'velora_config': ('VeLoRA: Memory Efficient Training using Rank-1 Sub-Token Projections', '2405.17991'),
    'monteclora_config': ('MonteCLoRA: Monte Carlo Low-Rank Adaptation', '2411.04358'),
    'alora_invocation_tokens': ('Activated LoRA: Fine-tuned LLMs for Intrinsics', '2504.12397'),
    'use_qalora': ('QA-LoRA: Quantization-Aware Low-Rank Adaptation of Large Language Models', '2309.14717'),
}

def mro(cls):
    chain = []
    while cls in D:
        chain.insert(0, cls)
        bases = [b for b in D[cls]['bases'] if b in D]
        cls = bases[0] if bases else None
    return chain

def fields_of(cls):
    out = {}; docs = {}
    for c in mro(cls):
        docs.update(docstring_args(D[c]['doc']))
        for f in D[c]['fields']:
            if f['name'].startswith('_'): continue
            out[f['name']] = f
    return out, docs

def default_of(f):
    d = f.get('default')
    if d and 'value' in d:
        v = d['value']
        if isinstance(v, (set, tuple)): v = list(v)
        try: json.dumps(v); return v, True
        except TypeError: return None, False
    return None, False

def base_schema(name, f, docs, cls):
    ann = f['annotation']
    s = ann_to_schema(ann, ENUMS, set(NESTED))
    dv, has = default_of(f)
    if has and dv is None and s:
        # `x: int = None` in PEFT means "not set": allow null
        if 'enum' in s and None not in s['enum']: s['enum'].append(None)
        elif 'type' in s:
            t = s['type'] if isinstance(s['type'], list) else [s['type']]
            if 'null' not in t: s['type'] = t + ['null']
        elif 'anyOf' in s and {'type': 'null'} not in s['anyOf']: s['anyOf'].append({'type': 'null'})
    help_ = (f.get('metadata') or {}).get('help') or docs.get(name, '')
    if isinstance(help_, str) and len(help_) < 40 and len(docs.get(name, '')) > len(help_):
        help_ = docs[name]  # the class docstring says more than a terse metadata help
    desc = clean_help(help_)
    if desc and not desc.endswith(('.', '…', ')', ']')): desc += '.'
    out = {'description': desc or f'{name} ({cls}).'}
    out.update(s)
    if has: out['default'] = dv
    return out

CORE = {
    ('LORA', 'r'): 'LoRA rank r: inner dimension of A (r×d_in) and B (d_out×r); trainable parameters ≈ r·(d_in+d_out) per targeted layer. Typical 8–64.',
    ('LORA', 'lora_alpha'): 'Scaling numerator: the update B·A is scaled by lora_alpha/r (lora_alpha/√r with use_rslora). Often r or 2r.',
    ('LORA', 'lora_dropout'): 'Dropout probability on the LoRA input path. Typical 0.0–0.1.',
}

def overlay(name, prop, cls, ptype):
    if (ptype, name) in CORE or (ptype == 'ADALORA' and ('LORA', name) in CORE):
        prop['description'] = CORE[('LORA', name)]
    t = prop.get('type')
    types = t if isinstance(t, list) else [t]
    num = 'integer' in types or 'number' in types
    if 'dropout' in name and num:
        prop['minimum'] = 0; prop['maximum'] = 1
        prop['description'] += ' Probability in [0, 1] (torch.nn.Dropout raises outside it).'
    if name == 'r' and num and prop.get('default', 1) != 0:
        prop['minimum'] = 1
        prop['description'] += ' Must be a positive integer (the layer raises "`r` should be a positive integer value").'
    if name in ('lora_alpha', 'alpha') and 'integer' in types:
        # an int in the dataclass, but only ever used in a float ratio alpha/r; 16.0 works
        prop['type'] = ['number' if x == 'integer' else x for x in types] if isinstance(t, list) else 'number'
    if name == 'bias' and prop.get('type') == 'string' and 'enum' not in prop:
        # tuners_utils accepts "none", "all" or any "<method>_only"
        prop['pattern'] = '^(none|all|[A-Za-z0-9]+_only)$'
        m = re.findall(r"'([A-Za-z0-9]+_only)'", prop['description'])
        prop['examples'] = ['none', 'all'] + m[:1]
    if name == 'init_lora_weights':
        vals = [v for v in prop.get('enum', []) if v != 'pissa_niter_[number of iters]']
        prop.pop('enum', None)
        prop['anyOf'] = [{'enum': vals}, {'type': 'string', 'pattern': '^pissa_niter_[0-9]+$'}]
        prop['examples'] = vals + ['pissa_niter_16']
    if name == 'sparse_rate':
        prop['minimum'] = 0; prop['maximum'] = 1
    if name == 'total_step' and ptype == 'ADALORA':
        prop['exclusiveMinimum'] = 0
        prop['description'] += ' Required by AdaLoRA (> 0): the total number of training steps.'
    if name == 'runtime_config':
        prop.update({'deprecated': True, 'x-deprecationMessage': 'runtime_config is runtime-only: PEFT drops it from adapter_config.json with a warning.'})
    if name in FIELD_PAPERS:
        prop['x-paper'] = {'title': FIELD_PAPERS[name][0], 'arxiv': FIELD_PAPERS[name][1]}
    return prop

BASE_DESC = {
    'peft_type': 'The PEFT method this adapter uses (a PeftType value, upper case). PEFT picks the config class from it; a value it does not know fails the load (KeyError). BONE was removed in PEFT 0.19 (#3051; MiSS replaces it).',
    'task_type': 'The task the adapted model solves (a TaskType value); decides which PeftModel wrapper is built. null for custom models.',
    'base_model_name_or_path': 'Hub id or local path of the base model the adapter was trained on.',
    'revision': 'Revision (branch, tag or commit) of the base model.',
    'inference_mode': 'Whether the adapter is loaded for inference only (adapter weights frozen). Saved as true by save_pretrained.',
    'auto_mapping': 'Auto class mapping written for custom models, used to rebuild the base model class.',
    'peft_version': 'PEFT version that saved the file (filled automatically; dev versions carry @commit).',
}

def type_def(ptype):
    cls, disp, title, arxiv = TYPES[ptype]
    fields, docs = fields_of(cls)
    props = {}
    for name, f in fields.items():
        p = base_schema(name, f, docs, cls)
        if name in BASE_DESC: p['description'] = BASE_DESC[name]
        if name == 'peft_type':
            p = {'description': BASE_DESC['peft_type'], 'const': ptype}
        props[name] = overlay(name, p, cls, ptype)
    # fields that older PEFT releases wrote for this class but the current one no longer has
    for old, v in HIST.get(cls, {}).items():
        # a key that another peft_type still has stays an unknown key here (PEFT drops it with a warning):
        # marking it deprecated would leak into tools that merge the if/then branches
        if old == '__bases__' or old in props or old in CURRENT_NAMES: continue
        p = base_schema(old, v['info'], {}, cls)
        p.update({'deprecated': True, 'x-deprecationMessage': f'`{old}` was a {cls} field in PEFT {v["first"]}–{v["last"]}; the current PEFT drops it with a warning ("Unexpected keyword arguments ... ignored").'})
        props[old] = p
    d = {'title': f'{disp} ({cls})', 'description': f'Fields of {cls} (peft/tuners, PEFT {COMMIT[:7]}).', 'properties': props,
         'additionalProperties': False}
    if arxiv: d['x-paper'] = {'title': title, 'arxiv': arxiv}
    return d

def nested_def(cls):
    fields, docs = fields_of(cls)
    props = {n: base_schema(n, f, docs, cls) for n, f in fields.items()}
    return {'type': 'object', 'description': clean_help(D[cls]['doc'].split('\n\n')[0]) or cls, 'properties': props}

LAYERS_PATTERN_TYPES = []  # filled in main from the source scan
CURRENT_NAMES = {n for pt in TYPES for n in fields_of(TYPES[pt][0])[0]}

def main():
    import subprocess
    out = subprocess.run(['grep', '-l', 'self.layers_pattern and self.layers_to_transform is None', '-r', (W + '/peft/src/peft/tuners')], capture_output=True, text=True).stdout.split()
    dirs = {p.split('/tuners/')[1].split('/')[0] for p in out}
    for pt, (cls, *_rest) in TYPES.items():
        if any(D[c]['file'].split('/tuners/')[-1].split('/')[0] in dirs for c in mro(cls) if '/tuners/' in D[c]['file']):
            LAYERS_PATTERN_TYPES.append(pt)
    defs = {pt: type_def(pt) for pt in sorted(TYPES)}
    for n in NESTED: defs[n] = nested_def(n)
    base_props = {}
    pc, docs = fields_of('PeftConfig')
    for name, f in pc.items():
        p = base_schema(name, f, docs, 'PeftConfig')
        p['description'] = BASE_DESC[name]
        base_props[name] = p
    base_props['peft_type'] = {'description': BASE_DESC['peft_type'], 'type': 'string', 'enum': sorted(TYPES),
                               'x-enumPapers': {pt: {'method': TYPES[pt][1], 'title': TYPES[pt][2], 'arxiv': TYPES[pt][3]} for pt in sorted(TYPES) if TYPES[pt][3]}}
    base_props['task_type'] = dict(base_props['task_type'], enum=ENUMS['TaskType'] + [None])
    base_props['task_type'].pop('examples', None)
    # point nested config objects at their definitions
    for pt in TYPES:
        for name, p in defs[pt]['properties'].items():
            for n in NESTED:
                if name.replace('_', '') == n.lower().replace('config', '') + 'config' and p.get('type') in ('object', ['object', 'null'], ['null', 'object']):
                    pass
    schema = {
        '$schema': 'http://json-schema.org/draft-07/schema#',
        '$id': 'https://ml-config-lens.dev/schemas/peft.schema.json',
        'title': 'PEFT adapter_config.json',
        'description': 'Hugging Face PEFT adapter configuration (adapter_config.json, or the same keys in YAML): the common PeftConfig fields plus the fields of the config class chosen by `peft_type`. Field lists come from the dataclasses in peft/src/peft/config.py and src/peft/tuners/*/config.py.',
        'x-framework': {'name': 'peft', 'version': '0.20.1.dev0 (main after v0.20.0)', 'commit': COMMIT,
                        'source': ['src/peft/config.py', 'src/peft/utils/peft_types.py', 'src/peft/tuners/*/config.py', 'src/peft/tuners/lycoris_utils.py'],
                        'historyScanned': 'dataclass fields of tags v0.1.0 … v0.20.0 (fields removed since are listed as deprecated)'},
        'x-loader': 'json',
        'x-loaderNote': 'PeftConfigMixin.from_json_file uses json.load; a YAML copy of the same keys is read by whatever loader the caller uses.',
        'x-unknownKeys': 'warning',
        'x-rulesFormat': 'each x-rules entry: `when` is a JSON Schema (draft-07) that a config matching the mistake validates against; `key` is the key (or list of keys, first present wins) to put the diagnostic on, else the document root.',
        'x-unknownKeysNote': 'PeftConfigMixin.from_peft_type catches "got an unexpected keyword argument", drops the unknown keys and warns "Unexpected keyword arguments [...] for class XConfig, these are ignored" (src/peft/config.py _check_and_remove_unused_kwargs). A misspelt key therefore silently falls back to its default.',
        'type': 'object',
        'required': ['peft_type'],
        'properties': base_props,
        'allOf': [{'if': {'properties': {'peft_type': {'const': pt}}, 'required': ['peft_type']}, 'then': {'$ref': f'#/definitions/{pt}'}} for pt in sorted(TYPES)],
        'definitions': defs,
        'x-rules': rules(),
    }
    json.dump(add_object_types(schema), open(sys.argv[1], 'w'), indent=2, ensure_ascii=False)
    n = sum(len(defs[pt]['properties']) for pt in TYPES)
    print('types', len(TYPES), 'fields', n, 'layers_pattern types', LAYERS_PATTERN_TYPES)

def rules():
    lp = sorted(LAYERS_PATTERN_TYPES)
    return [
        {'id': 'layers-pattern-needs-layers-to-transform', 'severity': 'error', 'key': 'layers_pattern',
         'when': {'required': ['peft_type', 'layers_pattern'], 'properties': {'peft_type': {'enum': lp}, 'layers_pattern': {'not': {'enum': [None, '', []]}}, 'layers_to_transform': {'type': 'null'}}},
         'message': '`layers_pattern` only works together with `layers_to_transform`; PEFT raises "When `layers_pattern` is specified, `layers_to_transform` must also be specified."',
         'source': 'src/peft/tuners/lora/config.py LoraConfig.__post_init__ (same check in the configs of ' + ', '.join(lp) + ')'},
        {'id': 'layers-to-transform-with-regex-targets', 'severity': 'error', 'key': 'layers_to_transform',
         'when': {'required': ['target_modules', 'layers_to_transform'], 'properties': {'target_modules': {'type': 'string'}, 'layers_to_transform': {'not': {'type': 'null'}}}},
         'message': '`layers_to_transform` cannot be used when `target_modules` is a string (a regex); list the module names instead.',
         'source': 'src/peft/tuners/lora/config.py LoraConfig.__post_init__'},
        {'id': 'peft-regex-target-with-layers-pattern', 'severity': 'error', 'key': 'layers_pattern',
         'when': {'required': ['target_modules', 'layers_pattern'], 'properties': {'target_modules': {'type': 'string'}, 'layers_pattern': {'not': {'type': 'null'}}}},
         'message': '`layers_pattern` cannot be used when `target_modules` is a string (a regex).',
         'source': 'src/peft/tuners/lora/config.py LoraConfig.__post_init__'},
        {'id': 'peft-dora-megatron', 'severity': 'error', 'key': 'use_dora',
         'when': {'required': ['use_dora', 'megatron_config'], 'properties': {'peft_type': {'const': 'LORA'}, 'use_dora': {'const': True}, 'megatron_config': {'type': 'object', 'minProperties': 1}}},
         'message': 'DoRA does not support megatron_core; set `use_dora: false` or drop `megatron_config`.',
         'source': 'src/peft/tuners/lora/config.py LoraConfig.__post_init__'},
        {'id': 'peft-loftq-without-config', 'severity': 'error', 'key': 'init_lora_weights',
         'when': {'required': ['init_lora_weights'], 'properties': {'init_lora_weights': {'const': 'loftq'}, 'loftq_config': {'anyOf': [{'type': 'null'}, {'type': 'object', 'maxProperties': 0}]}}},
         'message': '`init_lora_weights: loftq` needs a non-empty `loftq_config` (PEFT raises otherwise).',
         'source': 'src/peft/tuners/lora/config.py LoraConfig.__post_init__'},
        {'id': 'peft-lora-bias-dora', 'severity': 'error', 'key': 'lora_bias',
         'when': {'required': ['lora_bias', 'use_dora'], 'properties': {'peft_type': {'const': 'LORA'}, 'lora_bias': {'const': True}, 'use_dora': {'const': True}}},
         'message': '`lora_bias: true` is not supported together with DoRA (`use_dora: true`).',
         'source': 'src/peft/tuners/lora/config.py LoraConfig.__post_init__'},
        {'id': 'peft-adalora-dora', 'severity': 'error', 'key': 'use_dora',
         'when': {'required': ['peft_type', 'use_dora'], 'properties': {'peft_type': {'const': 'ADALORA'}, 'use_dora': {'const': True}}},
         'message': 'AdaLoRA does not support DoRA.', 'source': 'src/peft/tuners/adalora/config.py AdaLoraConfig.__post_init__'},
        {'id': 'peft-adalora-total-step', 'severity': 'error', 'key': 'total_step',
         'when': {'required': ['peft_type'], 'properties': {'peft_type': {'const': 'ADALORA'}, 'total_step': {'type': 'null'}}},
         'message': 'AdaLoRA needs `total_step` (> 0), the total number of training steps.',
         'source': 'src/peft/tuners/adalora/config.py AdaLoraConfig.__post_init__'},
        {'id': 'peft-oft-r-xor-block-size', 'severity': 'error', 'key': 'r',
         'when': {'required': ['peft_type'], 'properties': {'peft_type': {'const': 'OFT'}}, 'anyOf': [
             {'required': ['r', 'oft_block_size'], 'properties': {'r': {'const': 0}, 'oft_block_size': {'const': 0}}},
             {'required': ['r', 'oft_block_size'], 'properties': {'r': {'not': {'const': 0}}, 'oft_block_size': {'not': {'const': 0}}}}]},
         'message': 'OFT needs exactly one of `r` and `oft_block_size` to be non-zero.',
         'source': 'src/peft/tuners/oft/config.py OFTConfig.__post_init__'},
        {'id': 'peft-oft-pre-0.14-adapter', 'severity': 'error', 'key': 'peft_type',
         'when': {'required': ['peft_type'], 'properties': {'peft_type': {'const': 'OFT'}}, 'not': {'required': ['oft_block_size']}},
         'message': 'An OFT config without `oft_block_size` was saved by PEFT < 0.14; current PEFT refuses it ("OFT has been updated since PEFT 0.14.0 ... retrain or downgrade to 0.13.0").',
         'source': 'src/peft/tuners/oft/config.py OFTConfig.check_kwargs'},
        {'id': 'peft-boft-block-size-xor-num', 'severity': 'error', 'key': 'boft_block_size',
         'when': {'required': ['peft_type'], 'properties': {'peft_type': {'const': 'BOFT'}}, 'anyOf': [
             {'required': ['boft_block_size', 'boft_block_num'], 'properties': {'boft_block_size': {'const': 0}, 'boft_block_num': {'const': 0}}},
             {'required': ['boft_block_size', 'boft_block_num'], 'properties': {'boft_block_size': {'not': {'const': 0}}, 'boft_block_num': {'not': {'const': 0}}}}]},
         'message': 'BOFT needs exactly one of `boft_block_size` and `boft_block_num` to be non-zero.',
         'source': 'src/peft/tuners/boft/config.py BOFTConfig.__post_init__'},
        {'id': 'peft-prompt-tuning-text-init', 'severity': 'error', 'key': 'prompt_tuning_init',
         'when': {'required': ['prompt_tuning_init'], 'properties': {'peft_type': {'const': 'PROMPT_TUNING'}, 'prompt_tuning_init': {'const': 'TEXT'}},
                  'anyOf': [{'not': {'required': ['tokenizer_name_or_path']}}, {'properties': {'tokenizer_name_or_path': {'enum': [None, '']}}}, {'not': {'required': ['prompt_tuning_init_text']}}, {'properties': {'prompt_tuning_init_text': {'type': 'null'}}}]},
         'message': '`prompt_tuning_init: TEXT` needs `tokenizer_name_or_path` and `prompt_tuning_init_text`.',
         'source': 'src/peft/tuners/prompt_tuning/config.py PromptTuningConfig.__post_init__'},
        {'id': 'peft-loftq-config-ignored', 'severity': 'warning', 'key': 'loftq_config',
         'when': {'required': ['loftq_config'], 'properties': {'peft_type': {'const': 'LORA'}, 'loftq_config': {'type': 'object', 'minProperties': 1}, 'init_lora_weights': {'not': {'const': 'loftq'}}}},
         'message': '`loftq_config` is ignored unless `init_lora_weights` is "loftq" (PEFT warns).',
         'source': 'src/peft/tuners/lora/config.py LoraConfig.__post_init__'},
    ]

main()
