"""Writes schemas/mergekit.schema.json from mergekit's own configuration models and merge-method registry.

Input: a git mirror of arcee-ai/mergekit at $SCHEMA_MIRRORS/arcee-ai+mergekit/repo, read at tag v0.1.4
with `git show` (never copied here). What is read from the source, with `ast`:
- mergekit/config.py: MergeConfiguration, OutputSliceDefinition, InputSliceDefinition,
  InputModelDefinition, OutputModuleDefinition fields (pydantic models; extra keys are ignored);
- mergekit/merge_methods/registry.py: STATIC_MERGE_METHODS (class, and for the generalized
  task-arithmetic family its consensus, sparsification, default_normalize/default_rescale, name, paper);
- each method's parameters() (global) and tensor_parameters() (per model): ConfigParameterDef(name,
  required, default_value); for @merge_method functions (easy_define.py) the signature: int/float/bool
  arguments are global parameters, List[float] arguments per-model ones, `base_tensor: torch.Tensor`
  means a base model is required.
Curated here (with the source line each comes from): what each parameter does in its paper.

Usage: python3 gen_mergekit.py OUT_DIR
"""
import ast, json, os, subprocess, sys

MIRROR = os.path.join(os.environ.get('SCHEMA_MIRRORS', '/work/.mirror'), 'arcee-ai+mergekit', 'repo')
TAG = 'v0.1.4'


def show(path):
    return subprocess.run(['git', '--git-dir', MIRROR, 'show', f'{TAG}:{path}'], check=True, capture_output=True, text=True).stdout


def commit():
    return subprocess.run(['git', '--git-dir', MIRROR, 'rev-list', '-1', TAG], check=True, capture_output=True, text=True).stdout.strip()


def lit(node):
    try:
        return ast.literal_eval(node)
    except Exception:
        return node.attr if isinstance(node, ast.Attribute) else None


def param_defs(func):
    """ConfigParameterDef(...) calls in a method body -> [(name, required, default)] in order."""
    out = []
    for n in ast.walk(func):
        if isinstance(n, ast.Call) and getattr(n.func, 'id', None) == 'ConfigParameterDef':
            kw = {k.arg: k.value for k in n.keywords}
            default = kw.get('default_value')
            out.append({'name': lit(kw['name']), 'required': bool(lit(kw['required'])) if 'required' in kw else False,
                        'default': lit(default) if default is not None and not isinstance(default, ast.Attribute) else ('$' + default.attr if isinstance(default, ast.Attribute) else None),
                        'line': n.lineno})
    return out


def class_methods(src, cls_name):
    tree = ast.parse(src)
    for n in tree.body:
        if isinstance(n, ast.ClassDef) and n.name == cls_name:
            return {f.name: f for f in n.body if isinstance(f, ast.FunctionDef)}
    raise KeyError(cls_name)


def requires_base(src, task_classes):
    """A Task class with a non-Optional `base_model: ModelReference` field needs a base model."""
    tree = ast.parse(src)
    for n in tree.body:
        if isinstance(n, ast.ClassDef) and n.name in task_classes:
            for f in n.body:
                if isinstance(f, ast.AnnAssign) and getattr(f.target, 'id', '') == 'base_model':
                    return ast.unparse(f.annotation) == 'ModelReference'
    return False


# The method classes of registry.py, their modules and Task classes.
STATIC = {
    'LinearMerge': ('linear', ['LinearMergeTask']),
    'SlerpMerge': ('slerp', ['SlerpTask']),
    'NuSlerpMerge': ('nuslerp', ['NuSlerpTask']),
    'PassthroughMerge': ('passthrough', ['PassthroughMergeTask']),
    'ModelStockMerge': ('model_stock', ['ModelStockMergeTask']),
    'ArceeFusionMerge': ('arcee_fusion', ['ArceeFusionMergeTask']),
    'KarcherMerge': ('karcher', ['KarcherTask']),
}
EASY = ['multislerp', 'nearswap', 'sce']

# What each method does and the paper behind it (arXiv ids as the registry's reference_url gives them,
# else the paper the method implements).
METHOD_TEXT = {
    'linear': ('Weighted average of the models (model soups).', '2203.05482'),
    'slerp': ('Spherical interpolation between exactly two models, the base and one other; `t` = 0 gives the base, 1 the other.', None),
    'nuslerp': ('SLERP generalised to per-row/flattened tensors and weights instead of t.', None),
    'passthrough': ('Copies tensors unchanged: with `slices` it stacks layer ranges into a new model (a "frankenmerge").', None),
    'model_stock': ('Model Stock: averages fine-tuned models and interpolates towards the base by their geometry.', '2403.19522'),
    'arcee_fusion': ('Arcee Fusion: merges two models, keeping the base where the other changes little.', None),
    'karcher': ('Karcher (Riemannian) mean of the models on the hypersphere.', None),
    'task_arithmetic': ('Task arithmetic: adds weighted task vectors (model − base) to the base.', '2212.04089'),
    'ties': ('TIES-Merging: trims each task vector to its top-`density` magnitudes, elects a sign per parameter, averages the agreeing values.', '2306.01708'),
    'dare_ties': ('DARE + TIES: drops task-vector entries at random, keeping `density` and rescaling by 1/density, then TIES sign election.', '2311.03099'),
    'dare_linear': ('DARE: drops task-vector entries at random (keep probability `density`, rescaled by 1/density), then a weighted sum.', '2311.03099'),
    'breadcrumbs': ('Model Breadcrumbs: removes the largest (`gamma`) and smallest magnitudes of each task vector, keeping `density`.', '2312.06795'),
    'breadcrumbs_ties': ('Model Breadcrumbs with TIES sign election.', '2312.06795'),
    'della': ('DELLA: magnitude-based drop probabilities (MagPrune, spread `epsilon` around 1 − density) with TIES sign election.', '2406.11617'),
    'della_linear': ('DELLA without sign election.', '2406.11617'),
    'multislerp': ('Barycentric interpolation of several models on the hypersphere.', None),
    'nearswap': ('Takes the other model\'s value where it is within `t` of the base.', None),
    'sce': ('SCE: select top-variance elements, calculate weights, erase minority signs.', '2408.07990'),
}

PARAM_TEXT = {
    'weight': 'Relative weight of this model (linear: the soup coefficient; task-arithmetic family: the task vector\'s scale).',
    'density': 'Fraction of each task vector kept. TIES: the top-magnitude fraction; DARE: the keep probability (kept entries are rescaled by 1/density); Breadcrumbs: what remains after cutting both tails; DELLA: the mean keep probability.',
    'gamma': 'Breadcrumbs: fraction of the largest-magnitude entries removed (the outliers); the smallest are cut so that `density` remains.',
    'epsilon': 'DELLA: spread of the magnitude-ranked keep probabilities around 1 − density; density ± epsilon must stay within [0, 1].',
    'lambda': 'Scale applied to the merged task vector before it is added to the base.',
    'normalize': 'Divide by the sum of the weights.',
    'rescale': 'Rescale the sparsified task vector back to its original L1 norm.',
    'int8_mask': 'Keep masks in int8 to save memory.',
    't': 'SLERP interpolation factor: 0 = the base model, 1 = the other model; a list gives a gradient over the layers.',
    'scale': 'Passthrough: multiply the copied tensor by this factor.',
    'filter_wise': 'Model Stock: compute the interpolation per row (filter) instead of per tensor.',
    'nuslerp_row_wise': 'Interpolate each row separately.',
    'nuslerp_flatten': 'Interpolate the flattened tensor.',
    'max_iter': 'Karcher mean: most iterations.',
    'tol': 'Karcher mean: convergence tolerance.',
    'normalize_weights': 'Multi-SLERP: normalise the weights to sum to 1.',
    'eps': 'Multi-SLERP: numerical floor.',
    'select_topk': 'SCE: fraction of highest-variance elements kept.',
}


def read_methods():
    methods = {}
    reg = ast.parse(show('mergekit/merge_methods/registry.py'))
    gta_src = show('mergekit/merge_methods/generalized_task_arithmetic.py')
    gta = class_methods(gta_src, 'GeneralizedTaskArithmeticMerge')
    gta_base = requires_base(gta_src, ['GTATask'])
    for node in ast.walk(reg):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        cls = node.func.id
        if cls in STATIC:
            mod, tasks = STATIC[cls]
            src = show(f'mergekit/merge_methods/{mod}.py')
            fns = class_methods(src, cls)
            name = lit([n for n in ast.walk(fns['name']) if isinstance(n, ast.Return)][0].value)
            methods[name] = {
                'global': param_defs(fns['parameters']) if 'parameters' in fns else [],
                'tensor': param_defs(fns['tensor_parameters']) if 'tensor_parameters' in fns else [],
                'base': requires_base(src, tasks), 'source': f'mergekit/merge_methods/{mod}.py',
            }
        elif cls == 'GeneralizedTaskArithmeticMerge':
            kw = {k.arg: lit(k.value) for k in node.keywords}
            glob = [dict(p) for p in param_defs(gta['parameters'])]
            for p in glob:
                if p['default'] == '$default_normalize':
                    p['default'] = kw['default_normalize']
                if p['default'] == '$default_rescale':
                    p['default'] = kw['default_rescale']
            tensor = [p for p in param_defs(gta['tensor_parameters']) if p['name'] in ('weight', 'density')]
            # tensor_parameters(): gamma only with magnitude_outliers, epsilon only with della_magprune.
            if kw['sparsification_method'] == 'magnitude_outliers':
                tensor += [p for p in param_defs(gta['tensor_parameters']) if p['name'] == 'gamma']
            if kw['sparsification_method'] == 'della_magprune':
                tensor += [p for p in param_defs(gta['tensor_parameters']) if p['name'] == 'epsilon']
            methods[kw['method_name']] = {
                'global': glob, 'tensor': tensor, 'base': gta_base, 'source': 'mergekit/merge_methods/registry.py + generalized_task_arithmetic.py',
                'consensus': kw['consensus_method'], 'sparsification': kw['sparsification_method'], 'pretty': kw['method_pretty_name'],
            }
    for mod in EASY:
        src = show(f'mergekit/merge_methods/{mod}.py')
        tree = ast.parse(src)
        for fn in tree.body:
            if not isinstance(fn, ast.FunctionDef):
                continue
            deco = [d for d in fn.decorator_list if isinstance(d, ast.Call) and getattr(d.func, 'id', '') == 'merge_method']
            if not deco:
                continue
            name = lit({k.arg: k.value for k in deco[0].keywords}['name'])
            args = fn.args.args
            defaults = [None] * (len(args) - len(fn.args.defaults)) + list(fn.args.defaults)
            glob, tensor, base = [], [], False
            for a, d in zip(args, defaults):
                ann = ast.unparse(a.annotation) if a.annotation else ''
                if a.arg == 'base_tensor':
                    base = ann == 'torch.Tensor'
                elif a.arg == 'tensors':
                    continue
                elif ann in ('int', 'float', 'bool'):
                    glob.append({'name': a.arg, 'required': d is None, 'default': lit(d) if d is not None else None, 'line': a.lineno})
                elif ann.startswith('List[float]') or ann.startswith('List[int]'):
                    tensor.append({'name': a.arg, 'required': d is None, 'default': lit(d) if d is not None else None, 'line': a.lineno})
            methods[name] = {'global': glob, 'tensor': tensor, 'base': base, 'source': f'mergekit/merge_methods/{mod}.py'}
    return methods


SETTING = {
    'description': 'A number, a list of numbers (a gradient interpolated over the layers), or conditional values [{filter: "self_attn", value: 0.5}, {value: 1.0}] (mergekit/config.py ParameterSetting).',
    'anyOf': [
        {'type': ['number', 'boolean', 'string']},
        {'type': 'array', 'items': {'type': ['number', 'boolean', 'string']}, 'minItems': 1},
        {'$ref': '#/definitions/conditional'},
        {'type': 'array', 'items': {'$ref': '#/definitions/conditional'}, 'minItems': 1},
    ],
}


def build(methods):
    all_params = sorted({p['name'] for m in methods.values() for p in m['global'] + m['tensor']})
    param_props = {n: {'$ref': '#/definitions/setting', 'description': PARAM_TEXT.get(n, n)} for n in all_params}
    params_schema = {'type': 'object', 'description': 'Merge parameters; each value may be a number, a gradient list or conditional values.', 'properties': param_props, 'additionalProperties': {'$ref': '#/definitions/setting'}}
    model_ref = {'type': 'string', 'description': 'A Hugging Face repo id or local path; `model+lora` applies a LoRA first (mergekit/common.py ModelReference.parse).', 'minLength': 1}
    model_ref_any = {'anyOf': [model_ref, {'type': 'object', 'properties': {'model': {'type': 'object'}, 'lora': {}, 'override_architecture': {'type': 'string'}}, 'required': ['model']}]}
    input_model = {'type': 'object', 'description': 'One model of the merge and its per-model parameters (mergekit/config.py InputModelDefinition).', 'required': ['model'],
                   'properties': {'model': model_ref_any, 'parameters': {'$ref': '#/definitions/parameters'}}, 'additionalProperties': False}
    input_slice = {'type': 'object', 'description': 'A range of layers from one model (mergekit/config.py InputSliceDefinition).', 'required': ['model', 'layer_range'],
                   'properties': {'model': model_ref_any, 'layer_range': {'type': 'array', 'items': {'type': 'integer', 'minimum': 0}, 'minItems': 2, 'maxItems': 2, 'description': '[start, end): layers start … end − 1 of the model.'},
                                  'parameters': {'$ref': '#/definitions/parameters'}}, 'additionalProperties': False}
    output_slice = {'type': 'object', 'description': 'One slice of the output model, merged from its `sources` (mergekit/config.py OutputSliceDefinition).', 'required': ['sources'],
                    'properties': {'sources': {'type': 'array', 'items': {'$ref': '#/definitions/input_slice'}, 'minItems': 1}, 'base_model': model_ref_any, 'residual_weight': {'type': 'number'},
                                   'parameters': {'$ref': '#/definitions/parameters'}}, 'additionalProperties': False}
    module = {'type': 'object', 'properties': {'slices': {'type': 'array', 'items': {'$ref': '#/definitions/output_slice'}}, 'models': {'type': 'array', 'items': {'$ref': '#/definitions/input_model'}},
                                                'parameters': {'$ref': '#/definitions/parameters'}}, 'additionalProperties': False}
    names = list(methods)
    props = {
        'merge_method': {'type': 'string', 'enum': names, 'description': 'The merge algorithm (mergekit/merge_methods/registry.py REGISTERED_MERGE_METHODS):\n' + '\n'.join(
            f"- `{n}`: {METHOD_TEXT.get(n, ('', None))[0]}{' (arXiv ' + METHOD_TEXT[n][1] + ')' if METHOD_TEXT.get(n, ('', None))[1] else ''}" for n in names),
                         'x-enumDescriptions': [f"{METHOD_TEXT.get(n, ('', None))[0]}{' (arXiv ' + METHOD_TEXT[n][1] + ')' if METHOD_TEXT.get(n, ('', None))[1] else ''}" for n in names]},
        'base_model': dict(model_ref_any, description='The base model: the origin of task vectors (task arithmetic, TIES, DARE, DELLA, Breadcrumbs, SCE, Model Stock) or SLERP\'s t = 0 end.'),
        'models': {'type': 'array', 'items': {'$ref': '#/definitions/input_model'}, 'minItems': 1, 'description': 'The models merged tensor by tensor (exactly one of models, slices, modules).'},
        'slices': {'type': 'array', 'items': {'$ref': '#/definitions/output_slice'}, 'minItems': 1, 'description': 'The output model as a list of layer slices, each from one or more sources (exactly one of models, slices, modules).'},
        'modules': {'type': 'object', 'additionalProperties': {'$ref': '#/definitions/module'}, 'description': 'Per-module merges for multi-module models (exactly one of models, slices, modules).'},
        'dtype': {'type': 'string', 'enum': ['bfloat16', 'float16', 'float32', 'int64', 'torch.bfloat16', 'torch.float16', 'torch.float32', 'torch.int64'], 'description': 'Precision the merge computes in (mergekit/common.py dtype_from_name).'},
        'out_dtype': {'type': 'string', 'enum': ['bfloat16', 'float16', 'float32', 'int64', 'torch.bfloat16', 'torch.float16', 'torch.float32', 'torch.int64'], 'description': 'Precision of the written model; default: dtype.'},
        'tokenizer_source': {'description': '`base`, `union`, or a model whose tokenizer the output uses; needed when the models\' vocabularies differ.', 'anyOf': [{'enum': ['union', 'base']}, model_ref]},
        'tokenizer': {'type': 'object', 'description': 'Detailed tokenizer configuration (mergekit/tokenizer/config.py TokenizerConfig); not together with tokenizer_source.'},
        'chat_template': {'type': 'string', 'description': 'A chat template name (e.g. `chatml`, `auto`) or a Jinja template.'},
        'parameters': {'$ref': '#/definitions/parameters', 'description': 'Global parameters: defaults for every model and slice.'},
    }
    rules = [
        ('merge-exactly-one-input', 'error', 'mergekit/config.py:121-136 MergeConfiguration.validate_inputs: "Exactly one of \'models\', \'slices\', or \'modules\' must be present"'),
        ('merge-tokenizer-both', 'error', 'mergekit/config.py:138-143 validate_tokenizer: "Cannot specify both tokenizer_source and tokenizer"'),
        ('merge-needs-base-model', 'error', 'the method\'s Task has a required `base_model: ModelReference` field (pydantic ValidationError when the plan is built)'),
        ('merge-slerp-two-models', 'error', 'mergekit/merge_methods/slerp.py:36-37 "Slerp merge expects exactly two models"'),
        ('merge-missing-required-parameter', 'error', 'mergekit/config.py:244-250 ConfigReader.parameter: "Missing required parameter {name}"'),
        ('merge-parameter-not-used', 'warning', 'mergekit reads only the parameters the method declares (parameters() / tensor_parameters()); any other is ignored'),
        ('merge-density-range', 'warning', 'density is a fraction: sparsify.py keeps round(density·n) entries (magnitude) or keeps with probability density (random)'),
        ('merge-della-epsilon', 'error', 'mergekit/sparsify.py della_magprune: keep probabilities density ± epsilon must lie in [0, 1]'),
    ]
    return {
        '$schema': 'http://json-schema.org/draft-07/schema#',
        '$id': 'https://ml-config-lens.dev/schemas/mergekit.schema.json',
        'title': 'mergekit merge configuration',
        'type': 'object',
        'x-framework': {'name': 'mergekit', 'version': TAG.lstrip('v'), 'commit': commit(),
                        'source': ['mergekit/config.py', 'mergekit/merge_methods/registry.py', 'mergekit/merge_methods/*.py', 'mergekit/common.py']},
        'x-loader': 'pyyaml',
        'x-loaderNote': '`mergekit-yaml config.yml OUT` reads the file with yaml.safe_load (mergekit/options.py / scripts/run_yaml.py) and validates it with MergeConfiguration.model_validate.',
        'x-unknownKeys': 'warning',
        'x-unknownKeysNote': 'MergeConfiguration and its parts are pydantic models with the default extra="ignore": an unknown key is dropped silently, and a parameter the method does not declare is never read.',
        'x-mergeMethods': {n: {'global': [{k: v for k, v in p.items() if k != 'line'} for p in m['global']], 'perModel': [{k: v for k, v in p.items() if k != 'line'} for p in m['tensor']],
                               'requiresBase': m['base'], 'source': m['source'], 'paper': METHOD_TEXT.get(n, ('', None))[1]} for n, m in methods.items()},
        'x-rulesFormat': 'each x-rules entry names a code rule (src/core/validate/rulesMergekit.ts) with its severity and source.',
        'x-rules': [{'id': i, 'severity': s, 'source': src} for i, s, src in rules],
        'required': ['merge_method'],
        'additionalProperties': True,
        'properties': props,
        'definitions': {'setting': SETTING, 'parameters': params_schema, 'input_model': input_model, 'input_slice': input_slice, 'output_slice': output_slice, 'module': module,
                        'conditional': {'type': 'object', 'required': ['value'], 'properties': {'value': {'anyOf': [{'type': ['number', 'boolean', 'string']}, {'type': 'array'}]}, 'filter': {'type': 'string', 'description': 'Applies to tensors whose name contains this text (`*` = all).'}}, 'additionalProperties': False}},
    }


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', '..', '..', 'schemas')
    schema = build(read_methods())
    with open(os.path.join(out_dir, 'mergekit.schema.json'), 'w') as f:
        json.dump(schema, f, indent=2, ensure_ascii=False)
        f.write('\n')


if __name__ == '__main__':
    main()
