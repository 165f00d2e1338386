"""Helpers shared by the schema generators: Python annotation -> JSON Schema, help text -> description."""
import os
W = os.environ.get('SCHEMA_WORK', '/work/scratch')  # extracted sources and intermediate JSON
M = os.environ.get('SCHEMA_MIRRORS', '/work/.mirror')  # git mirrors of the framework repositories

import ast, re

SIMPLE = {'int': {'type': 'integer'}, 'float': {'type': 'number'}, 'bool': {'type': 'boolean'},
          'str': {'type': 'string'}, 'dict': {'type': 'object'}, 'list': {'type': 'array'},
          'Any': {}, 'tuple': {'type': 'array'}, 'set': {'type': 'array'}, 'None': {'type': 'null'},
          'NoneType': {'type': 'null'}, 'object': {}}

def _name(node):
    if isinstance(node, ast.Name): return node.id
    if isinstance(node, ast.Attribute): return node.attr
    if isinstance(node, ast.Constant) and node.value is None: return 'None'
    return None

def ann_to_schema(ann, enums=None, objects=None):
    """Convert a Python type annotation (source text) to a JSON Schema fragment."""
    enums = enums or {}; objects = objects or set()
    node = ast.parse('(' + ann.strip() + ')', mode='eval').body
    return _conv(node, enums, objects)

def _union(parts):
    """Merge alternatives: plain types into a type array, literal values into one enum where possible."""
    flat = []
    for p in parts:
        flat += p['anyOf'] if set(p) == {'anyOf'} else [p]
    types, enum_vals, others = [], [], []
    for p in flat:
        if p == {}:
            return {}
        if set(p) == {'type'}:
            for t in ([p['type']] if isinstance(p['type'], str) else p['type']):
                if t not in types: types.append(t)
        elif set(p) <= {'type', 'enum'} and 'enum' in p:
            enum_vals += [v for v in p['enum'] if v not in enum_vals]
        else:
            others.append(p)
    if 'number' in types and 'integer' in types: types.remove('integer')
    examples = []
    if enum_vals:
        covered = [v for v in enum_vals if _jtype(v) in types or (_jtype(v) == 'integer' and 'number' in types)]
        if covered == enum_vals and types:
            examples = enum_vals; enum_vals = []
        elif set(types) <= {'boolean', 'null'} and not others:
            vals = list(enum_vals)
            if 'boolean' in types: vals = [True, False] + vals
            if 'null' in types: vals.append(None)
            return {'enum': vals}
    merged = {}
    for kind, extra in (('array', 'items'), ('object', 'additionalProperties')):
        cands = [p for p in others if p.get('type') == kind and set(p) <= {'type', extra}]
        if len(cands) == 1 and kind not in types:
            others.remove(cands[0]); types.append(kind)
            if extra in cands[0]: merged[extra] = cands[0][extra]
    res = []
    if types: res.append(dict({'type': types[0] if len(types) == 1 else types}, **merged))
    if enum_vals: res.append({'enum': enum_vals})
    res += others
    out = res[0] if len(res) == 1 else {'anyOf': res}
    if examples: out = dict(out, examples=examples)
    return out

def _jtype(v):
    if v is None: return 'null'
    if isinstance(v, bool): return 'boolean'
    if isinstance(v, int): return 'integer'
    if isinstance(v, float): return 'number'
    if isinstance(v, str): return 'string'
    return 'object'

def _leaves(node):
    """Flatten nested Optional/Union/| into their alternatives."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _leaves(node.left) + _leaves(node.right)
    if isinstance(node, ast.Subscript) and _name(node.value) in ('Optional', 'Union'):
        sl = node.slice
        args = list(sl.elts) if isinstance(sl, ast.Tuple) else [sl]
        out = [l for a in args for l in _leaves(a)]
        return out + ([ast.Constant(None)] if _name(node.value) == 'Optional' else [])
    return [node]

def _conv(node, enums, objects):
    leaves = _leaves(node)
    if len(leaves) > 1:
        return _union([_conv(l, enums, objects) for l in leaves])
    if isinstance(node, ast.Constant):
        if node.value is None: return {'type': 'null'}
        if isinstance(node.value, str):  # forward reference in quotes
            return ann_to_schema(node.value, enums, objects)
    n = _name(node)
    if n is not None:
        if n in SIMPLE: return dict(SIMPLE[n])
        if n in enums: return {'type': 'string', 'enum': list(enums[n])}
        if n in objects: return {'type': 'object'}
        return {}
    if isinstance(node, ast.Subscript):
        base = _name(node.value)
        sl = node.slice
        args = list(sl.elts) if isinstance(sl, ast.Tuple) else [sl]
        if base == 'Optional':
            return _union([_conv(args[0], enums, objects), {'type': 'null'}])
        if base == 'Union':
            return _union([_conv(a, enums, objects) for a in args])
        if base == 'Literal':
            vals = [ast.literal_eval(a) for a in args]
            if all(isinstance(v, str) for v in vals): return {'type': 'string', 'enum': vals}
            return {'enum': vals}
        if base in ('list', 'List', 'Sequence', 'set', 'Set'):
            it = _conv(args[0], enums, objects)
            return {'type': 'array', 'items': it} if it else {'type': 'array'}
        if base in ('tuple', 'Tuple'):
            return {'type': 'array'}
        if base in ('dict', 'Dict', 'Mapping'):
            if len(args) == 2:
                v = _conv(args[1], enums, objects)
                return {'type': 'object', 'additionalProperties': v} if v else {'type': 'object'}
            return {'type': 'object'}
        if base == 'type':
            return {}
    return {}

def clean_help(text, limit=420):
    if not text: return ''
    if isinstance(text, (list, tuple)): text = ' '.join(map(str, text))
    t = re.sub(r'\s+', ' ', str(text)).strip()
    t = re.sub(r"<a href='([^']*)'\s*>", '', t).replace('</a>', '')
    if len(t) <= limit: return t
    # cut at a sentence end before the limit
    cut = t[:limit]
    m = max(cut.rfind('. '), cut.rfind('; '))
    return (cut[:m + 1] if m > 80 else cut.rstrip() + '…')

def docstring_args(doc):
    """Parse a Google-style `Args:` section: {name: text}."""
    out = {}
    if not doc or 'Args:' not in doc and 'Parameters:' not in doc: return out
    body = re.split(r'\n\s*(?:Args|Parameters):\s*\n', doc, maxsplit=1)[-1]
    cur = None; indent = None
    for line in body.split('\n'):
        m = re.match(r'^(\s*)([A-Za-z_][A-Za-z0-9_]*)\s*(\(.*\))?\s*:\s*(.*)$', line)
        if m and (indent is None or len(m.group(1)) <= indent):
            indent = len(m.group(1)); cur = m.group(2); out[cur] = m.group(4)
        elif cur and line.strip():
            out[cur] += ' ' + line.strip()
        elif cur and not line.strip():
            pass
    return {k: v.strip() for k, v in out.items()}

def add_object_types(node):
    """Give every subschema that constrains properties an explicit object type (ajv strictTypes)."""
    if isinstance(node, dict):
        if any(k in node for k in ('properties', 'additionalProperties', 'required', 'patternProperties')) and 'type' not in node and '$ref' not in node:
            node['type'] = 'object'
        if isinstance(node.get('required'), list):
            # declare each required key in the same subschema (ajv strictRequired); {} accepts any value
            props = node.setdefault('properties', {})
            for r in node['required']:
                props.setdefault(r, {})
        if 'pattern' in node and 'type' not in node and '$ref' not in node:
            node['type'] = 'string'
        for k, v in list(node.items()):
            if k in ('properties', 'definitions', 'patternProperties', 'x-deprecatedValues', 'x-removedValues', 'x-defaults', 'default', 'examples', 'enum', 'const'):
                if k in ('properties', 'definitions', 'patternProperties'):
                    for vv in v.values(): add_object_types(vv)
                continue
            add_object_types(v)
    elif isinstance(node, list):
        for v in node: add_object_types(v)
    return node
