"""Options of `accelerate launch` (name, type, choices, help) from src/accelerate/commands/launch.py."""
import ast
import json
import os
W = os.environ.get('SCHEMA_WORK', '/work/scratch')

src = open(W + '/acc_launch.py').read()
opts = {}
for node in ast.walk(ast.parse(src)):
    if not (isinstance(node, ast.Call) and getattr(node.func, 'attr', None) == 'add_argument'):
        continue
    longs = [a.value[2:] for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str) and a.value.startswith('--')]
    if not longs:
        continue
    kw = {k.arg: k.value for k in node.keywords}

    def lit(key, default=None):
        try:
            return ast.literal_eval(kw[key]) if key in kw else default
        except ValueError:
            return ast.get_source_segment(src, kw[key])
    action = lit('action')
    opts[longs[0]] = {'aliases': longs[1:], 'action': action if isinstance(action, str) else None,
                      'type': ast.get_source_segment(src, kw['type']) if 'type' in kw else None,
                      'help': lit('help', ''), 'choices': lit('choices') if isinstance(lit('choices'), list) else None,
                      'default': lit('default')}
json.dump(opts, open(W + '/acc_opts.json', 'w'), indent=1)
