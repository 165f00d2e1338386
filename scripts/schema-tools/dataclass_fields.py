"""Extract dataclass fields (name, annotation, default, help) from Python source with `ast`.

Reads framework source that was fetched for reference (never committed here) and prints JSON:
{ClassName: {"bases": [...], "fields": [{name, annotation, default, help, choices, deprecated}]}}.
Only literal defaults are evaluated; anything else is kept as source text in `default_src`.
Usage: python3 dataclass_fields.py FILE.py [FILE.py ...] > out.json
"""
import ast
import json
import sys


def literal(node):
    try:
        return True, ast.literal_eval(node)
    except Exception:  # noqa: BLE001 - non-literal default (a call, a name): keep its source
        return False, None


def field_call_info(call, src):
    """Read default/default_factory/metadata from `field(...)`."""
    info = {}
    for kw in call.keywords:
        if kw.arg == "default":
            ok, val = literal(kw.value)
            info["default" if ok else "default_src"] = val if ok else ast.get_source_segment(src, kw.value)
        elif kw.arg == "default_factory":
            info["default_src"] = ast.get_source_segment(src, kw.value)
            if isinstance(kw.value, ast.Lambda):
                ok, val = literal(kw.value.body)
                if ok:
                    info["default"] = val
            elif isinstance(kw.value, ast.Name) and kw.value.id in ("list", "dict"):
                info["default"] = [] if kw.value.id == "list" else {}
        elif kw.arg == "metadata" and isinstance(kw.value, ast.Dict):
            for k, v in zip(kw.value.keys, kw.value.values):
                key = literal(k)[1] if k is not None else None
                ok, val = literal(v)
                if key == "help":
                    if not ok:  # e.g. "a" + "b" or f-strings: keep readable source
                        val = ast.get_source_segment(src, v)
                    info["help"] = val
                elif key in ("choices", "aliases", "deprecated") and ok:
                    info[key] = val
    return info


def extract(path):
    src = open(path, encoding="utf-8").read()
    tree = ast.parse(src)
    out = {}
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        fields = []
        for stmt in node.body:
            if not (isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name)):
                continue
            ann = ast.get_source_segment(src, stmt.annotation)
            if ann.startswith("ClassVar"):
                continue
            entry = {"name": stmt.target.id, "annotation": ann}
            val = stmt.value
            if isinstance(val, ast.Call) and getattr(val.func, "id", getattr(val.func, "attr", "")) == "field":
                entry.update(field_call_info(val, src))
            elif val is not None:
                ok, lit = literal(val)
                entry["default" if ok else "default_src"] = lit if ok else ast.get_source_segment(src, val)
            else:
                entry["required"] = True
            fields.append(entry)
        bases = [ast.get_source_segment(src, b) for b in node.bases]
        out[node.name] = {"bases": bases, "fields": fields, "file": path}
    return out


if __name__ == "__main__":
    result = {}
    for p in sys.argv[1:]:
        result.update(extract(p))
    json.dump(result, sys.stdout, indent=1, default=str)
