"""Extract dataclass fields (name, annotation, default, help) from Python sources via ast."""
import os
W = os.environ.get('SCHEMA_WORK', '/work/scratch')  # extracted sources and intermediate JSON
M = os.environ.get('SCHEMA_MIRRORS', '/work/.mirror')  # git mirrors of the framework repositories

import ast, json, sys

def lit(node, src):
    try:
        return {"value": ast.literal_eval(node)}
    except Exception:
        return {"expr": ast.get_source_segment(src, node)}

def field_info(stmt, src):
    name = stmt.target.id
    ann = ast.get_source_segment(src, stmt.annotation)
    out = {"name": name, "annotation": ann}
    v = stmt.value
    if v is None:
        out["required"] = True
        return out
    if isinstance(v, ast.Call) and getattr(v.func, 'id', getattr(v.func, 'attr', None)) == 'field':
        for kw in v.keywords:
            if kw.arg == 'default':
                out["default"] = lit(kw.value, src)
            elif kw.arg == 'default_factory':
                seg = ast.get_source_segment(src, kw.value)
                out["default_factory"] = seg
                if seg in ('list',): out["default"] = {"value": []}
                elif seg in ('dict',): out["default"] = {"value": {}}
                elif isinstance(kw.value, ast.Lambda):
                    out["default"] = lit(kw.value.body, src)
            elif kw.arg == 'metadata':
                try:
                    md = {}
                    for k, val in zip(kw.value.keys, kw.value.values):
                        key = ast.literal_eval(k)
                        try: md[key] = ast.literal_eval(val)
                        except Exception: md[key] = ast.get_source_segment(src, val)
                    out["metadata"] = md
                except Exception:
                    out["metadata_src"] = ast.get_source_segment(src, kw.value)
            elif kw.arg == 'init':
                out["init"] = ast.literal_eval(kw.value)
            elif kw.arg == 'repr':
                pass
        if "default" not in out and "default_factory" not in out:
            out["required"] = True
    else:
        out["default"] = lit(v, src)
    return out

def extract(path, label=None):
    src = open(path).read()
    tree = ast.parse(src)
    classes = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            fields = [field_info(s, src) for s in node.body if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)]
            classes[node.name] = {"file": label or path, "bases": [ast.get_source_segment(src, b) for b in node.bases],
                                  "fields": fields, "doc": ast.get_docstring(node) or ""}
    return classes

if __name__ == '__main__':
    allc = {}
    for p in sys.argv[1:]:
        path, _, label = p.partition('=')
        allc.update(extract(path, label or path))
    json.dump(allc, sys.stdout, indent=1)
