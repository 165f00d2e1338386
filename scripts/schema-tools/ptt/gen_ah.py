import os
W = os.environ.get('SCHEMA_WORK', '/work/scratch')  # extracted sources and intermediate JSON
M = os.environ.get('SCHEMA_MIRRORS', '/work/.mirror')  # git mirrors of the framework repositories

import json, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from schemalib import ann_to_schema, clean_help, docstring_args, add_object_types
COMMIT = '88f18ebd6c127f0e0ddf7c76cb84b37a39b82c12'
D = json.load(open((W + '/ah_fields.json')))

def mro(cls):
    chain = []
    while cls in D:
        chain.insert(0, cls)
        b = [x for x in D[cls]['bases'] if x in D]
        cls = b[0] if b else None
    return chain

def props_of(cls, extra_classes=()):
    fields, docs = {}, {}
    for c in list(mro(cls)) + [x for e in extra_classes for x in mro(e)]:
        docs.update(docstring_args(D[c]['doc']))
        for f in D[c]['fields']:
            fields.setdefault(f['name'], f) if c in extra_classes else fields.__setitem__(f['name'], f)
    out = {}
    for n, f in fields.items():
        s = ann_to_schema(f['annotation'].replace('Mapping', 'dict'), {}, {'AdapterConfig'})
        d = f.get('default')
        p = {'description': clean_help(docs.get(n, '')) or n}
        p.update(s)
        if d and 'value' in d and d['value'] is not None:
            p['default'] = d['value']
        elif d and 'value' in d and d['value'] is None:
            t = p.get('type')
            if t and 'null' not in (t if isinstance(t, list) else [t]):
                p['type'] = (t if isinstance(t, list) else [t]) + ['null']
        out[n] = p
    return out

PAPERS = {
    'houlsby': ('Parameter-Efficient Transfer Learning for NLP', '1902.00751'),
    'pfeiffer': ('AdapterFusion: Non-Destructive Task Composition for Transfer Learning', '2005.00247'),
    'compacter': ('Compacter: Efficient Low-Rank Hypercomplex Adapter Layers', '2106.04647'),
    'parallel': ('Towards a Unified View of Parameter-Efficient Transfer Learning', '2110.04366'),
    'prefix': ('Prefix-Tuning: Optimizing Continuous Prompts for Generation', '2101.00190'),
    'prompt': ('The Power of Scale for Parameter-Efficient Prompt Tuning', '2104.08691'),
    'lora': ('LoRA: Low-Rank Adaptation of Large Language Models', '2106.09685'),
    'ia3': ('Few-Shot Parameter-Efficient Fine-Tuning is Better and Cheaper than In-Context Learning', '2205.05638'),
    'reft': ('ReFT: Representation Finetuning for Language Models', '2404.03592'),
    'unipelt': ('UniPELT: A Unified Framework for Parameter-Efficient Language Model Tuning', '2110.07577'),
}

def variant(cls, arch_desc, paper=None, extra=()):
    p = props_of(cls, extra)
    for n in ('dropout',):
        if n in p: p[n].update(minimum=0, maximum=1)
    if 'r' in p and cls != 'ReftConfig': p['r']['minimum'] = 1
    if 'alpha' in p: p['alpha']['type'] = 'number'
    if 'reduction_factor' in p:
        p['reduction_factor'] = {'description': p['reduction_factor']['description'], 'anyOf': [
            {'type': 'number', 'exclusiveMinimum': 0}, {'type': 'object', 'additionalProperties': {'type': 'number', 'exclusiveMinimum': 0}}]}
    if 'scaling' in p:
        p['scaling']['anyOf'] = [{'type': 'number'}, {'enum': ['learned', 'channel']}]; p['scaling'].pop('type', None)
    if 'init_weights' in p and cls == 'BnConfig':
        p['init_weights']['enum'] = ['bert', 'mam_adapter', 'houlsby']
    if 'inv_adapter' in p:
        p['inv_adapter']['enum'] = ['nice', 'glow', None]; p['inv_adapter'].pop('type', None)
    if 'residual_before_ln' in p:
        p['residual_before_ln'] = dict(p['residual_before_ln'], enum=[True, False, 'post_add']); p['residual_before_ln'].pop('type', None)
    if 'configs' in p:
        p['configs'] = {'description': 'The adapter configs combined by this union (e.g. MAM = prefix tuning + parallel bottleneck, UniPELT = LoRA + prefix + gated bottleneck).', 'type': 'array', 'items': {'$ref': '#/definitions/adapterConfig'}}
    d = {'description': arch_desc, 'properties': p, 'additionalProperties': False}
    if paper: d['x-paper'] = {'title': PAPERS[paper][0], 'arxiv': PAPERS[paper][1]}
    return d

defs = {
    'bottleneck': variant('BnConfig', 'Bottleneck adapter (architecture absent or null): Houlsby (double_seq_bn), Pfeiffer (seq_bn), parallel (par_bn), Compacter/Compacter++ (phm_layer), AdapterPlus. Fields of BnConfig.', 'houlsby'),
    'prefix_tuning': variant('PrefixTuningConfig', 'Prefix tuning (architecture "prefix_tuning"). Fields of PrefixTuningConfig.', 'prefix'),
    'prompt_tuning': variant('PromptTuningConfig', 'Prompt tuning (architecture "prompt_tuning"). Fields of PromptTuningConfig.', 'prompt'),
    'lora': variant('LoRAConfig', 'LoRA family (architecture "lora"): LoRA, IA3 (composition_mode "scale"), VeRA (vera_d/vera_b), DoRA (use_dora). Fields of LoRAConfig.', 'lora'),
    'mtl_lora': variant('MTLLoRAConfig', 'Multi-task LoRA (architecture "mtl_lora"). Fields of MTLLoRAConfig.', 'lora'),
    'reft': variant('ReftConfig', 'Representation fine-tuning (architecture "reft"): LoReFT, NoReFT, DiReFT. Fields of ReftConfig.', 'reft'),
    'union': variant('ConfigUnion', 'A union of adapter configs (architecture "union"), e.g. MAM or UniPELT.', 'unipelt'),
}
defs['lora']['properties']['composition_mode']['enum'] = ['add', 'scale']
defs['lora']['properties']['init_weights']['examples'] = ['lora', 'bert', 'ia3', 'vera']
defs['mtl_lora']['properties']['composition_mode']['enum'] = ['add', 'scale']
defs['prompt_tuning']['properties']['combine']['enum'] = ['prefix', 'prefix_after_bos']
defs['prompt_tuning']['properties']['prompt_init']['enum'] = ['random_uniform', 'from_string']
ARCH = {'prefix_tuning': 'prefix_tuning', 'lora': 'lora', 'mtl_lora': 'mtl_lora', 'prompt_tuning': 'prompt_tuning', 'reft': 'reft', 'union': 'union'}
for k in defs:
    defs[k]['properties']['architecture'] = {'description': 'The adaptation method; chooses the config class (AdapterConfig._get_config_class). Absent or null means a bottleneck adapter.',
                                             'enum': [None] if k == 'bottleneck' else [ARCH[k]]}
defs['adapterConfig'] = {
    'description': 'An AdapterHub adapter config (AdapterConfig.to_dict()), or the name of a built-in one (ADAPTER_CONFIG_MAP).',
    'type': ['object', 'string'], 'examples': ['seq_bn', 'double_seq_bn', 'par_bn', 'compacter', 'compacter++', 'lora', 'ia3', 'prefix_tuning', 'mam', 'unipelt'],
    'properties': {'architecture': {'description': defs['lora']['properties']['architecture']['description'], 'enum': [None] + list(ARCH)}},
    'allOf': [{'if': {'type': 'object', 'properties': {'architecture': {'const': a}}, 'required': ['architecture']}, 'then': {'$ref': f'#/definitions/{a}'}} for a in ARCH]
    + [{'if': {'type': 'object', 'anyOf': [{'not': {'required': ['architecture']}}, {'properties': {'architecture': {'type': 'null'}}}]}, 'then': {'$ref': '#/definitions/bottleneck'}}]}

schema = {
    '$schema': 'http://json-schema.org/draft-07/schema#',
    '$id': 'https://ml-config-lens.dev/schemas/adapterhub.schema.json',
    'title': 'AdapterHub adapter_config.json',
    'description': 'AdapterHub (adapter-hub/adapters, formerly adapter-transformers) adapter_config.json, written by model.save_adapter(): build_full_config() metadata plus the adapter config under "config". Same file name as PEFT; told apart by the "config" object and the "adapters.x" version string.',
    'x-framework': {'name': 'adapters', 'version': '1.2.0', 'commit': COMMIT,
                    'source': ['src/adapters/configuration/adapter_config.py', 'src/adapters/configuration/model_adapters_config.py (build_full_config)', 'src/adapters/loading.py (load_weights_config)']},
    'x-loader': 'json',
    'x-unknownKeys': 'warning',
    'x-rulesFormat': 'each x-rules entry: `when` is a JSON Schema (draft-07) that a config matching the mistake validates against; `key` is the key (or list of keys, first present wins) to put the diagnostic on, else the document root.',
    'x-unknownKeysNote': 'AdapterConfig.from_dict sets keys that are not dataclass fields as plain attributes without a message, so a misspelt key inside "config" is silently ignored. Top-level keys are free-form metadata (save_adapter(meta_dict=...)), so they are not checked.',
    'type': 'object',
    'required': ['config'],
    'properties': {
        'config': dict(defs['adapterConfig'], **{'$ref': '#/definitions/adapterConfig'}) if False else {'$ref': '#/definitions/adapterConfig'},
        'version': {'description': 'Library that saved the file: "adapters.<version>" for adapters, a bare version for the older adapter-transformers. Before adapters 1.1.0 LoRA/IA3 scaling was faulty; loading then sets alpha = r.', 'type': 'string', 'examples': ['adapters.1.2.0']},
        'name': {'description': 'Adapter name used when it was saved (model.add_adapter(name)).', 'type': 'string'},
        'model_name': {'description': 'Hub id or path of the base model.', 'type': ['string', 'null']},
        'model_class': {'description': 'Class name of the model the adapter was saved from, e.g. BertAdapterModel.', 'type': ['string', 'null']},
        'model_type': {'description': 'transformers model_type of the base model (bert, roberta, llama, ...).', 'type': ['string', 'null']},
        'hidden_size': {'description': 'Hidden size of the base model (null for encoder-decoder models without a model-wide size).', 'type': ['integer', 'null'], 'minimum': 1},
        'label2id': {'description': 'Label mapping saved with the adapter when the model has no prediction heads.', 'type': ['object', 'null']},
    },
    'additionalProperties': True,
    'definitions': defs,
    'x-rules': [
        {'id': 'adapterhub-phm-without-layer', 'severity': 'information', 'key': 'config',
         'when': {'required': ['config'], 'properties': {'config': {'type': 'object', 'required': ['phm_dim'], 'properties': {'phm_layer': {'const': False}, 'phm_dim': {'not': {'const': 4}}}}}},
         'message': '`phm_dim` only matters with `phm_layer: true` (Compacter).', 'source': 'src/adapters/configuration/adapter_config.py BnConfig docstring'},
    ],
}
json.dump(add_object_types(schema), open(sys.argv[1], 'w'), indent=2, ensure_ascii=False)
print({k: len(v.get('properties', {})) for k, v in defs.items()})
