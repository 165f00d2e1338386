"""Map torchtune public dotted paths (as used in `_component_`) to their call signatures."""
import os
W = os.environ.get('SCHEMA_WORK', '/work/scratch')  # extracted sources and intermediate JSON
M = os.environ.get('SCHEMA_MIRRORS', '/work/.mirror')  # git mirrors of the framework repositories

import ast, json, os, re, sys
ROOT = (W + '/tt')

def modpath(p):
    m = p[len(ROOT) + 1:-3].replace('/', '.')
    return m[:-9] if m.endswith('.__init__') else m

defs = {}      # module.name -> signature
aliases = {}   # module.name -> module.name (re-exports)
deprecated = {}
external = set()
for dp, _, fs in os.walk(os.path.join(ROOT, 'torchtune')):
    for fn in fs:
        if not fn.endswith('.py'): continue
        p = os.path.join(dp, fn); mod = modpath(p); src = open(p).read()
        try: tree = ast.parse(src)
        except SyntaxError: continue
        for node in tree.body:
            if isinstance(node, ast.ImportFrom) and node.level >= 1:
                base = mod.split('.') if fn == '__init__.py' else mod.split('.')[:-1]
                base = base[:len(base) - (node.level - 1)]
                target = '.'.join(base + ([node.module] if node.module else []))
                for a in node.names:
                    aliases[f'{mod}.{a.asname or a.name}'] = f'{target}.{a.name}'
            elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith('torchtune'):
                for a in node.names:
                    aliases[f'{mod}.{a.asname or a.name}'] = f'{node.module}.{a.name}'
            elif isinstance(node, ast.ImportFrom) and node.module and fn == '__init__.py' or (isinstance(node, ast.ImportFrom) and node.module and node.module.split('.')[0] in ('torchao', 'torch')):
                # a name a torchtune module re-exports from another library is a valid `_component_` path
                for a in node.names:
                    external.add(f'{mod}.{a.asname or a.name}')
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                v = node.value; tgt = node.targets[0].id
                if isinstance(v, ast.Call) and getattr(v.func, 'id', None) == 'partial' and v.args and isinstance(v.args[0], (ast.Name, ast.Attribute)):
                    aliases[f'{mod}.{tgt}'] = f'{mod}.{ast.get_source_segment(src, v.args[0]).split(".")[-1]}'
                elif isinstance(v, ast.Name):
                    aliases[f'{mod}.{tgt}'] = f'{mod}.{v.id}'
                continue
            fn_node = None
            if isinstance(node, ast.FunctionDef): fn_node = node; kind = 'function'
            elif isinstance(node, ast.ClassDef):
                kind = 'class'
                fn_node = next((b for b in node.body if isinstance(b, ast.FunctionDef) and b.name == '__init__'), None)
                if fn_node is None:
                    # dataclass-style class: fields become kwargs
                    fields = [s for s in node.body if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)]
                    is_dc = any((getattr(d, 'id', None) or getattr(getattr(d, 'func', None), 'id', None)) == 'dataclass' for d in node.decorator_list)
                    if is_dc:
                        defs[f'{mod}.{node.name}'] = {'kind': 'class', 'params': [{'name': s.target.id, 'annotation': ast.get_source_segment(src, s.annotation), 'default': ast.get_source_segment(src, s.value) if s.value else None} for s in fields], 'varkw': False, 'file': p[len(ROOT)+1:]}
                    else:
                        bases = [ast.get_source_segment(src, b) for b in node.bases]
                        defs[f'{mod}.{node.name}'] = {'kind': 'class', 'params': None, 'bases': bases, 'varkw': True, 'file': p[len(ROOT)+1:]}
            else:
                continue
            if fn_node is not None:
                a = fn_node.args
                params = []
                pos = a.posonlyargs + a.args
                dflt = [None] * (len(pos) - len(a.defaults)) + list(a.defaults)
                for arg, d in zip(pos, dflt):
                    if arg.arg in ('self', 'cls'): continue
                    params.append({'name': arg.arg, 'annotation': ast.get_source_segment(src, arg.annotation) if arg.annotation else None, 'default': ast.get_source_segment(src, d) if d is not None else None, 'required': d is None})
                for arg, d in zip(a.kwonlyargs, a.kw_defaults):
                    params.append({'name': arg.arg, 'annotation': ast.get_source_segment(src, arg.annotation) if arg.annotation else None, 'default': ast.get_source_segment(src, d) if d is not None else None, 'required': d is None})
                defs[f'{mod}.{node.name}'] = {'kind': kind, 'params': params, 'varkw': a.kwarg is not None, 'file': p[len(ROOT)+1:],
                                              'doc': (ast.get_docstring(node) or '').split('\n\n')[0]}
            for d in node.decorator_list:
                if isinstance(d, ast.Call) and (getattr(d.func, 'id', None) == 'deprecated'):
                    msg = next((kw.value.value for kw in d.keywords if kw.arg == 'msg' and isinstance(kw.value, ast.Constant)), None)
                    if msg is None and d.args and isinstance(d.args[0], ast.Constant): msg = d.args[0].value
                    deprecated[f'{mod}.{node.name}'] = msg or 'deprecated'

def resolve(path, seen=0):
    if path in defs: return path
    if path in aliases and seen < 10: return resolve(aliases[path], seen + 1)
    return None

# every public path under a package that resolves to a definition
public = {}
for a in list(aliases) + list(defs):
    r = resolve(a)
    if r and not a.split('.')[-1].startswith('_'): public[a] = r
# deprecated re-exports
dep = {a: deprecated[r] for a, r in public.items() if r in deprecated}
json.dump({'defs': defs, 'public': public, 'deprecated': dep, 'external': sorted(e for e in external if e not in public and not e.split('.')[-1].startswith('_'))}, open((W + '/tt_components.json'), 'w'), indent=1)
print('defs', len(defs), 'public', len(public), 'deprecated', dep)
