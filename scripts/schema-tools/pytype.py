"""Turn a Python type annotation (source text) into a JSON Schema fragment (draft-07).

Shared by the LLaMA-Factory builders. `enums` maps enum class names to their string values.
Unknown class names (GenerationConfig, ParallelismConfig, torch.dtype) become "no type constraint"
so a schema never rejects a value the framework accepts.
"""
import ast

SIMPLE = {"int": "integer", "float": "number", "bool": "boolean", "str": "string", "Path": "string",
          "dict": "object", "Dict": "object", "list": "array", "List": "array",
          # LLaMA-Factory v1 plugin settings: a mapping with a `name` key (arg_utils.get_plugin_config)
          "PluginConfig": "object"}


def _name(node):
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _flatten_union(node):
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _flatten_union(node.left) + _flatten_union(node.right)
    if isinstance(node, ast.Subscript) and _name(node.value) in ("Union", "Optional"):
        inner = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        parts = [p for i in inner for p in _flatten_union(i)]
        return parts + ([ast.Constant(None)] if _name(node.value) == "Optional" else [])
    return [node]


def _one(node, enums):
    """Schema for one non-union member: returns dict (may be {} = anything)."""
    if isinstance(node, ast.Constant):
        if node.value is None:
            return {"type": "null"}
        return {"enum": [node.value]}
    name = _name(node.value) if isinstance(node, ast.Subscript) else _name(node)
    if isinstance(node, ast.Subscript) and name == "Literal":
        vals = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        return {"enum": [v.value for v in vals]}
    if isinstance(node, ast.Subscript) and name in ("list", "List"):
        return {"type": "array", "items": _schema(node.slice, enums)}
    if isinstance(node, ast.Subscript) and name in ("dict", "Dict"):
        return {"type": "object"}
    if name in SIMPLE:
        return {"type": SIMPLE[name]}
    if name in enums:
        return {"type": "string", "enum": list(enums[name]), "_enum_class": True}
    return {}


def _schema(node, enums):
    parts = [_one(p, enums) for p in _flatten_union(node)]
    if any(p == {} for p in parts):
        return {}
    # `Enum | str` is accepted by the annotation but converted with Enum(value) in __post_init__:
    # keep only the enum so misspellings are caught.
    enum_parts = [p for p in parts if "enum" in p]
    collapsible = all(p.get("type") == "string" or "enum" in p or p == {"type": "null"} for p in parts)
    if enum_parts and collapsible and (any("_enum_class" in p for p in parts) or len(enum_parts) == len(parts) - sum(p == {"type": "null"} for p in parts)):
        values = [v for p in enum_parts for v in p["enum"]]
        out = {"enum": list(dict.fromkeys(values))}
        if any(p == {"type": "null"} for p in parts):
            out["enum"].append(None)
        types = sorted({_json_type(v) for v in out["enum"]}, key=TYPE_ORDER.index)
        out["type"] = types[0] if len(types) == 1 else types
        return out
    types, items = [], None
    for p in parts:
        t = p.get("type")
        for tt in (t if isinstance(t, list) else [t]):
            if tt and tt not in types:
                types.append(tt)
        if "items" in p:
            items = p["items"]
        if "enum" in p and "type" not in p:  # a Literal mixed with other types: widen to its types
            for v in p["enum"]:
                if _json_type(v) not in types:
                    types.append(_json_type(v))
    types.sort(key=TYPE_ORDER.index)
    out = {"type": types[0] if len(types) == 1 else types}
    if items:
        out["items"] = items
    return out


TYPE_ORDER = ["boolean", "integer", "number", "string", "array", "object", "null"]


def _json_type(v):
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, int):
        return "integer"
    if isinstance(v, float):
        return "number"
    return "string"


def annotation_schema(text, enums):
    return _schema(ast.parse(text, mode="eval").body, enums)


def extract_enums(path):
    """{ClassName: [values]} for `class X(...Enum)` bodies of NAME = "value" lines."""
    tree = ast.parse(open(path, encoding="utf-8").read())
    out = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and any("Enum" in (_name(b) or "") for b in node.bases):
            vals = [s.value.value for s in node.body
                    if isinstance(s, ast.Assign) and isinstance(s.value, ast.Constant)
                    and isinstance(s.value.value, str)]
            if vals:
                out[node.name] = vals
    return out
