"""Writes schemas/wandb-sweep.schema.json from W&B's sweeps library (its own JSON Schema and validators).

Input: a git mirror of wandb/sweeps at $SCHEMA_MIRRORS/wandb+sweeps/repo (read with `git show`, never
copied here). The library validates a sweep with SweepConfig (src/sweeps/config/cfg.py): its JSON
Schema (src/sweeps/config/schema.json) plus checks jsonschema cannot express. Its parameter schema is
an `anyOf` of 20 definitions, which validators report as one unreadable error; here each parameter is
one mapping whose `distribution` selects the keys that definition allows (same keys, types, bounds and
defaults), so a typo is reported on the key. The checks outside the JSON Schema are code rules in
src/core/validate/rulesWandbSweep.ts (ids listed in x-rules below, with their source lines).

Usage: python3 gen_wandb_sweep.py OUT_DIR   (writes OUT_DIR/wandb-sweep.schema.json)
"""
import json, os, subprocess, sys

MIRROR = os.path.join(os.environ.get('SCHEMA_MIRRORS', '/work/.mirror'), 'wandb+sweeps', 'repo')
COMMIT = 'b1dfc5f95e7fa179519718e92371d1423c116893'  # main of 2026-08-05, after v0.2.0 (no later tag)
WANDB_CLI = 'wandb v0.28.2: wandb/cli/cli.py `wandb sweep` -> wandb/sdk/launch/sweeps/utils.py:106 load_sweep_config (yaml.safe_load)'


def git_show(path):
    return subprocess.run(['git', '--git-dir', MIRROR, 'show', f'{COMMIT}:{path}'], check=True, capture_output=True, text=True).stdout


# What each distribution does, in the words of src/sweeps/params.py (ppf/cdf), for hovers.
DIST_TEXT = {
    'constant': 'A fixed value (`value`), the same in every run.',
    'categorical': 'One of `values`, each equally likely (grid search walks all of them).',
    'categorical_w_probabilities': 'One of `values`, drawn with `probabilities` (must sum to 1, same length). Not allowed with grid search.',
    'int_uniform': 'An integer drawn uniformly from `min`..`max` inclusive (grid search takes every integer).',
    'uniform': 'A real number drawn uniformly from [`min`, `max`].',
    'log_uniform': 'DEPRECATED: `min`/`max` are natural-log EXPONENTS: the value is exp(uniform(min, max)). `min: 1e-5, max: 1e-3` samples between e^0.00001 and e^0.001, i.e. about 1.0. Use `log_uniform_values` to give the limits themselves (params.py loguniform_v1_ppf).',
    'log_uniform_values': 'A value whose logarithm is uniform between log(`min`) and log(`max`): give the limits themselves, e.g. `min: 1.0e-5, max: 1.0e-3` for learning rates (params.py LOG_UNIFORM_V2).',
    'inv_log_uniform': 'DEPRECATED: exp(-uniform(min, max)) with natural-log exponents as bounds; use `inv_log_uniform_values`.',
    'inv_log_uniform_values': 'A value v whose 1/v is log-uniform, with the limits themselves as `min`/`max`.',
    'q_uniform': 'round(uniform(min, max) / q) * q. Grid search takes every multiple of `q` in range.',
    'q_log_uniform': 'DEPRECATED: round(exp(uniform(min, max)) / q) * q with natural-log exponents as bounds; use `q_log_uniform_values`.',
    'q_log_uniform_values': 'round(log_uniform_values(min, max) / q) * q.',
    'normal': 'A real number drawn from Normal(`mu`, `sigma`).',
    'q_normal': 'round(Normal(mu, sigma) / q) * q.',
    'log_normal': 'exp(Normal(`mu`, `sigma`)).',
    'q_log_normal': 'round(exp(Normal(mu, sigma)) / q) * q.',
    'beta': 'A value in [0, 1] drawn from Beta(`a`, `b`).',
    'q_beta': 'round(Beta(a, b) / q) * q.',
}

METHOD_TEXT = (
    'How the next run\'s parameters are chosen (src/sweeps/run.py next_run): `grid` walks every combination '
    '(only categorical, constant, int_uniform and q_uniform parameters, grid_search.py); `random` samples '
    'each parameter from its distribution; `bayes` fits a Gaussian process to past runs and needs `metric` '
    '(bayes_search.py); `custom` hands the choice to `scheduler`.'
)

RULES = [
    ('sweep-bayes-needs-metric', 'error', 'src/sweeps/bayes_search.py:34 raise ValueError(\'Bayesian search requires "metric" section\')'),
    ('sweep-hyperband-needs-metric', 'error', 'src/sweeps/hyperband_stopping.py:15 raise ValueError(\'Hyperband stopping requires "metric" section\')'),
    ('sweep-grid-param-type', 'error', 'src/sweeps/grid_search.py:69-80 "Parameter {name} is a disallowed type with grid search"'),
    ('sweep-min-not-below-max', 'error', 'src/sweeps/config/schema.py:103 validate_min_max "min ... is not less than max ..." (cfg.py:96)'),
    ('sweep-probabilities', 'error', 'src/sweeps/config/schema.py:111-124 validate_categorical_prob (same length, sum to 1)'),
    ('sweep-log-uniform-deprecated', 'warning', 'src/sweeps/params.py:481-514 PARAM_DEPRECATION_MAP, reported by cfg.py:102 check_for_deprecated_distributions'),
    ('sweep-log-uniform-values-negative', 'warning', 'src/sweeps/config/schema.json param_loguniform_v2: min exclusiveMinimum 0 (limits, not exponents)'),
    ('sweep-metric-and-metrics', 'error', 'src/sweeps/config/cfg.py:41-45 "`metric` and `metrics` cannot both be set"'),
    ('sweep-metrics-needs-custom', 'error', 'src/sweeps/config/cfg.py:46-51 "`metrics` requires `method: custom`"'),
    ('sweep-scheduler-conflicts', 'error', 'src/sweeps/config/cfg.py:53-67 scheduler with controller type local, or with early_terminate'),
    ('sweep-method-required', 'error', 'src/sweeps/config/schema.json required: [method]; wandb v0.28.2 wandb/cli/cli.py:1411 sets method: custom for a launch scheduler job'),
    ('sweep-parameters-required', 'error', 'src/sweeps/config/cfg.py:36-39 "`parameters` is required unless `scheduler.search_space` is set."'),
]


def param_keys(defn):
    """Union of the properties of a definition's anyOf variants, and the keys every variant requires."""
    variants = defn.get('anyOf', [defn])
    props, required = {}, None
    for v in variants:
        for k, s in v.get('properties', {}).items():
            s = {kk: vv for kk, vv in s.items() if kk != 'format'}  # float/integer formats: Python isinstance checks
            props.setdefault(k, s)
        req = set(v.get('required', []))
        required = req if required is None else required & req
    return props, sorted(required or [])


def build(upstream):
    defs = upstream['definitions']
    dists = {}
    for name in [r['$ref'].split('/')[-1] for r in defs['parameter']['anyOf']]:
        if name == 'param_dict':
            continue
        props, required = param_keys(defs[name])
        dist = props['distribution']['enum'][0]
        dists[dist] = (name, props, [k for k in required if k != 'distribution'])
    all_props = {}
    for dist, (_, props, _) in dists.items():
        for k, s in props.items():
            if k == 'distribution':
                continue
            cur = all_props.setdefault(k, dict(s))
            cur.pop('default', None)
            for bound in ('minimum', 'exclusiveMinimum'):
                if cur.get(bound) != s.get(bound):
                    cur.pop(bound, None)
            if cur.get('type') != s.get('type'):
                cur['type'] = 'number' if {cur.get('type'), s.get('type')} <= {'number', 'integer'} else None
                if cur['type'] is None:
                    cur.pop('type')
    texts = {
        'values': 'The values to choose from (categorical). With `probabilities`, one probability per value.',
        'value': 'The constant value of this parameter.',
        'probabilities': 'Probability of each entry of `values`; the same length as `values`, summing to 1.',
        'min': 'Lower limit. For `log_uniform` (deprecated) the natural-log exponent, for `log_uniform_values` the value itself.',
        'max': 'Upper limit. For `log_uniform` (deprecated) the natural-log exponent, for `log_uniform_values` the value itself.',
        'mu': 'Mean of the normal (or of the log for log_normal).',
        'sigma': 'Standard deviation of the normal (or of the log for log_normal).',
        'q': 'Quantization step: the value is rounded to a multiple of q.',
        'a': 'Beta distribution shape a.',
        'b': 'Beta distribution shape b.',
    }
    for k, s in all_props.items():
        s['description'] = texts.get(k, s.get('description', k))
    all_props['distribution'] = {
        'description': 'The distribution to draw this parameter from. Without it, W&B infers one: `values` → categorical, `value` → constant, integer `min`/`max` → int_uniform, real `min`/`max` → uniform (src/sweeps/config/schema.py fill_parameter).\n' + '\n'.join(f'- `{d}`: {DIST_TEXT.get(d, d)}' for d in dists),
        'enum': list(dists),
        'x-enumDescriptions': [DIST_TEXT.get(d, d) for d in dists],
    }
    all_props['parameters'] = {'$ref': '#/definitions/parameters', 'description': 'Nested parameters (a dictionary parameter): each key is swept like a top-level parameter.'}
    branches = []
    for dist, (_, props, required) in dists.items():
        own = {k: v for k, v in props.items() if k != 'distribution'}
        branches.append({
            'if': {'required': ['distribution'], 'properties': {'distribution': {'const': dist}}},
            'then': {'required': required, 'properties': {**own, 'distribution': True}, 'additionalProperties': False},
        })
    parameter = {
        'type': 'object',
        'description': 'One swept parameter: a distribution with its keys, a list of `values`, a constant `value`, or nested `parameters`.',
        'properties': all_props,
        'additionalProperties': False,
        'allOf': branches,
    }
    params = dict(defs['parameters'])
    params['additionalProperties'] = {'$ref': '#/definitions/parameter'}
    params['propertyNames'] = {'pattern': '^[A-Za-z_][A-Za-z0-9_.-]*$'}
    out_defs = {'parameters': params, 'parameter': parameter}
    for k in ('metric', 'scheduler', 'hyperband_stopping'):
        out_defs[k] = json.loads(json.dumps(defs[k]))
    # ajv's strictRequired wants each anyOf branch to declare the keys it requires.
    for branch in out_defs['hyperband_stopping'].get('anyOf', []):
        branch['properties'] = {k: True for k in branch.get('required', [])}
    props = json.loads(json.dumps(upstream['properties']))
    props['method']['description'] = METHOD_TEXT + ' Hyperparameter optimisation background: random and Bayesian search (Snoek et al., arXiv 1206.2944); Hyperband early stopping (Li et al., arXiv 1603.06560).'
    props['method']['x-enumDescriptions'] = ['Gaussian-process Bayesian optimisation over past runs; needs `metric`.', 'Independent random samples from each distribution.', 'Every combination of the values (finite parameters only).', 'A custom scheduler (`scheduler:`) chooses.']
    props['early_terminate']['description'] = 'Stop poorly performing runs early with Hyperband (Li et al., arXiv 1603.06560): brackets at min_iter·eta^k (or counted back from max_iter with s). Needs `metric`.'
    # `wandb launch-sweep` pops `scheduler` (job, resource, num_workers, settings) before the sweep is
    # validated (wandb v0.28.2 wandb/cli/cli.py:1395); only a scheduler with `engine` is the sweeps
    # library's own custom scheduler (cfg.py:53-83).
    props['scheduler'] = {
        'description': 'Either a custom scheduler of the sweeps library (`engine:`, with `method: custom`), or a W&B Launch scheduler (`job`, `resource`, `num_workers`, `settings`), which `wandb launch-sweep` removes before the sweep is validated.',
        'if': {'type': 'object', 'required': ['engine'], 'properties': {'engine': True}},
        'then': {'$ref': '#/definitions/scheduler'},
        'else': {'type': 'object', 'description': 'W&B Launch scheduler settings (read by `wandb launch-sweep`, wandb/cli/cli.py:1395).'},
    }
    props['launch'] = {'type': 'object', 'description': 'W&B Launch settings (`queue`, ...) for `wandb launch-sweep`, which removes this key before the sweep is validated (wandb/cli/cli.py:1394).'}
    props['program']['description'] = 'The training script each run executes (`${program}` in `command`). ML Config Lens follows its config-file argument to compare the swept learning rate with the laws.'
    schema = {
        '$schema': 'http://json-schema.org/draft-07/schema#',
        '$id': 'https://ml-config-lens.dev/schemas/wandb-sweep.schema.json',
        'title': 'Weights & Biases sweep configuration',
        'description': upstream.get('description', ''),
        'type': 'object',
        'x-framework': {
            'name': 'wandb-sweeps', 'version': '0.2.0+ (main b1dfc5f)', 'commit': COMMIT,
            'source': ['src/sweeps/config/schema.json', 'src/sweeps/config/cfg.py (SweepConfig)', 'src/sweeps/config/schema.py', 'src/sweeps/params.py', 'src/sweeps/grid_search.py', 'src/sweeps/bayes_search.py', 'src/sweeps/hyperband_stopping.py'],
            'cli': WANDB_CLI,
        },
        'x-loader': 'pyyaml',
        'x-loaderNote': '`wandb sweep FILE` reads the file with yaml.safe_load (YAML 1.1: `1e-5` is a string, `1.0e-5` a float); the sweeps library then validates it with its JSON Schema, which requires numbers for min/max/mu/sigma/q.',
        'x-unknownKeys': 'error',
        'x-unknownKeysNote': 'The sweeps JSON Schema sets additionalProperties: false at the top level, in `metric`, `early_terminate` and every parameter definition: SweepConfig raises jsonschema.ValidationError (cfg.py:115-117).',
        'x-rulesFormat': 'each x-rules entry names a code rule (src/core/validate/rulesWandbSweep.ts) with its severity and source.',
        'x-rules': [{'id': i, 'severity': sev, 'source': src} for i, sev, src in RULES],
        # `method` is required (schema.json) except for `wandb launch-sweep` with a scheduler job, which
        # sets method: custom itself (wandb/cli/cli.py:1411): rule sweep-method-required.
        'required': [r for r in upstream.get('required', []) if r != 'method'],
        'additionalProperties': False,
        'properties': props,
        'definitions': out_defs,
    }
    return schema


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', '..', '..', 'schemas')
    upstream = json.loads(git_show('src/sweeps/config/schema.json'))
    schema = build(upstream)
    with open(os.path.join(out_dir, 'wandb-sweep.schema.json'), 'w') as f:
        json.dump(schema, f, indent=2, ensure_ascii=False)
        f.write('\n')


if __name__ == '__main__':
    main()
