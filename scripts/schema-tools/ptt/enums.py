import os
W = os.environ.get('SCHEMA_WORK', '/work/scratch')  # extracted sources and intermediate JSON
M = os.environ.get('SCHEMA_MIRRORS', '/work/.mirror')  # git mirrors of the framework repositories

import ast, sys, json
def enums(paths):
    out = {}
    for p in paths:
        src = open(p).read(); tree = ast.parse(src)
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and any((getattr(b, 'id', None) or getattr(b, 'attr', '')) in ('ExplicitEnum', 'Enum', 'str', 'IntEnum') for b in node.bases):
                vals = [s.value.value for s in node.body if isinstance(s, ast.Assign) and isinstance(s.value, ast.Constant) and isinstance(s.value.value, str)]
                if vals: out[node.name] = vals
    return out
if __name__ == '__main__':
    json.dump(enums(sys.argv[1:]), sys.stdout, indent=1)
