"""Build schemas/deepspeed.schema.json from DeepSpeed's own config code at a pinned tag, with `ast`
(DeepSpeed is never imported).

    python3 build_deepspeed.py <DeepSpeed bare git dir> v0.19.5 ../../schemas/deepspeed.schema.json

- Sections parsed by pydantic (DeepSpeedConfigModel subclasses: zero_optimization, offload_param,
  offload_optimizer, fp16, bf16, comms_logger, ...) become objects with their fields, defaults, bounds,
  aliases (both spellings accepted: populate_by_name=True) and docstrings; DeepSpeedConfigModel sets
  extra="forbid", so an unknown key inside them is an error.
- The top level is a plain dict read key by key (get_scalar_param(param_dict, KEY, DEFAULT),
  param_dict[KEY], KEY in param_dict ...): every key read that way from param_dict is listed; DeepSpeed
  never looks at the others, so an unknown top-level key is a warning (ignored).
- Fields declared with json_schema_extra={"deprecated": True, "new_param": X} become x-renamedTo X.
- "auto" is accepted for every scalar: DeepSpeedConfigModel.__init__ drops "auto" values
  (config_utils.py) and the HF integration (transformers HfTrainerDeepSpeedConfig) fills them.
"""
import ast
import json
import subprocess
import sys

GIT, TAG, OUT = sys.argv[1], sys.argv[2], sys.argv[3]

# Top-level section -> (file, pydantic class). Nested model fields are followed through annotations.
SECTIONS = {
    "zero_optimization": ("deepspeed/runtime/zero/config.py", "DeepSpeedZeroConfig"),
    "fp16": ("deepspeed/runtime/precision_config.py", "DeepSpeedFP16Config"),
    "bf16": ("deepspeed/runtime/precision_config.py", "DeepSpeedBF16Config"),
    "bfloat16": ("deepspeed/runtime/precision_config.py", "DeepSpeedBF16Config"),
    "comms_logger": ("deepspeed/comm/config.py", "CommsLoggerConfig"),
}
MODEL_FILES = [
    "deepspeed/runtime/zero/config.py", "deepspeed/runtime/zero/offload_config.py",
    "deepspeed/runtime/zero/leaf_module_config.py", "deepspeed/runtime/precision_config.py",
    "deepspeed/comm/config.py", "deepspeed/runtime/zenflow/zenflow_config.py",
]
# Files whose functions read top-level keys from `param_dict`, and the constants they use.
READER_FILES = [
    "deepspeed/runtime/config.py", "deepspeed/runtime/zero/config.py", "deepspeed/runtime/precision_config.py",
    "deepspeed/runtime/activation_checkpointing/config.py", "deepspeed/comm/config.py", "deepspeed/monitor/config.py",
    "deepspeed/profiling/config.py", "deepspeed/autotuning/config.py", "deepspeed/nebula/config.py",
    "deepspeed/datastates/config.py", "deepspeed/runtime/swap_tensor/aio_config.py",
    "deepspeed/runtime/model_checkpointing/config.py", "deepspeed/compression/config.py",
    "deepspeed/runtime/data_pipeline/config.py", "deepspeed/utils/config.py", "deepspeed/runtime/tensor_parallel/config.py",
    "deepspeed/elasticity/config.py", "deepspeed/elasticity/elasticity.py",
]
CONSTANT_FILES = [
    "deepspeed/runtime/config.py",
    "deepspeed/runtime/constants.py", "deepspeed/runtime/data_pipeline/constants.py", "deepspeed/compression/constants.py",
    "deepspeed/runtime/activation_checkpointing/config.py", "deepspeed/runtime/precision_config.py", "deepspeed/runtime/zero/config.py",
    "deepspeed/comm/constants.py", "deepspeed/monitor/config.py", "deepspeed/profiling/constants.py", "deepspeed/autotuning/constants.py",
    "deepspeed/nebula/constants.py", "deepspeed/runtime/swap_tensor/constants.py", "deepspeed/elasticity/constants.py",
    "deepspeed/runtime/model_checkpointing/constants.py", "deepspeed/utils/config.py",
]


def show(path):
    try:
        return subprocess.run(["git", f"--git-dir={GIT}", "show", f"{TAG}:{path}"], check=True, capture_output=True, text=True).stdout
    except subprocess.CalledProcessError:
        return None


def literal(node):
    try:
        return ast.literal_eval(node)
    except Exception:
        return None


def pp_int(node):
    """pp_int(5e8) / pp_int(sys.maxsize, "sys.maxsize") -> int default."""
    if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "pp_int" and node.args:
        v = literal(node.args[0])
        return int(v) if isinstance(v, (int, float)) else None
    return literal(node)


CONSTANTS = {}
for f in CONSTANT_FILES:
    src = show(f)
    if src is None:
        continue
    for n in ast.parse(src).body:
        if isinstance(n, ast.Assign) and len(n.targets) == 1 and isinstance(n.targets[0], ast.Name):
            v = literal(n.value)
            if isinstance(v, (str, int, float, bool, dict, list)) or v is None:
                CONSTANTS[n.targets[0].id] = v  # the last assignment wins, as in Python

CLASSES = {}
for f in MODEL_FILES:
    src = show(f)
    for n in ast.parse(src).body:
        if isinstance(n, ast.ClassDef):
            CLASSES[n.name] = (f, n)


def enum_values(name):
    entry = CLASSES.get(name)
    if not entry or not any(getattr(b, "id", "") in ("Enum",) or getattr(b, "id", "") in ("int", "str") for b in entry[1].bases):
        return None
    vals = [literal(s.value) for s in entry[1].body if isinstance(s, ast.Assign)]
    vals = list(dict.fromkeys(v for v in vals if isinstance(v, (int, str))))
    return vals or None


def annotation_schema(ann, defs):
    """Python annotation -> JSON Schema fragment; unknown shapes accept anything."""
    if isinstance(ann, ast.Subscript):
        outer = getattr(ann.value, "id", getattr(ann.value, "attr", ""))
        inner = ann.slice
        if outer == "Optional":
            s = annotation_schema(inner, defs)
            if "$ref" in s:  # if/then keeps the nested model's own errors (an anyOf would only say "no branch matched")
                return {"type": ["object", "null"], "if": {"type": "object"}, "then": s}
            return {"anyOf": [s, {"type": "null"}]} if s else {}
        if outer in ("List", "list"):
            return {"type": "array"}
        if outer in ("Dict", "dict"):
            return {"type": "object"}
        if outer == "Union":
            return {}
        return {}
    name = getattr(ann, "id", getattr(ann, "attr", ""))
    simple = {"bool": {"type": "boolean"}, "int": {"type": "integer"}, "float": {"type": "number"}, "str": {"type": "string"},
              "list": {"type": "array"}, "dict": {"type": "object"}, "Path": {"type": "string"}}
    if name in simple:
        return dict(simple[name])
    vals = enum_values(name)
    if vals:
        return {"enum": vals}
    if name in CLASSES:
        model(name, defs)
        return {"$ref": f"#/definitions/{name}"}
    return {}


def with_auto(s):
    """Scalars also take "auto" (dropped by DeepSpeedConfigModel.__init__, filled by the HF integration)."""
    if not s or "$ref" in s or "then" in s or s.get("type") in ("object", "array"):
        return s
    if "enum" in s:
        return {"enum": s["enum"] + ["auto"]}
    if "anyOf" in s and "enum" in s["anyOf"][0]:
        return {"anyOf": [{"enum": s["anyOf"][0]["enum"] + ["auto"]}, s["anyOf"][1]]}
    return {"anyOf": [s, {"const": "auto"}]}


def model(name, defs):
    if name in defs:
        return
    path, cls = CLASSES[name]
    defs[name] = {}  # placeholder against recursion
    props = {}
    doc = ast.get_docstring(cls) or ""
    body = cls.body
    for i, stmt in enumerate(body):
        if not isinstance(stmt, ast.AnnAssign) or not isinstance(stmt.target, ast.Name):
            continue
        field = stmt.target.id
        s = annotation_schema(stmt.annotation, defs)
        alias, default, extra = None, None, {}
        v = stmt.value
        if isinstance(v, ast.Call) and getattr(v.func, "id", "") == "Field":
            if v.args:
                default = pp_int(v.args[0])
            for kw in v.keywords:
                if kw.arg == "default":
                    default = pp_int(kw.value)
                elif kw.arg == "alias":
                    alias = literal(kw.value)
                elif kw.arg in ("ge", "le", "gt", "lt"):
                    bound = literal(kw.value)
                    if isinstance(bound, (int, float)):
                        key = {"ge": "minimum", "le": "maximum", "gt": "exclusiveMinimum", "lt": "exclusiveMaximum"}[kw.arg]
                        target = s["anyOf"][0] if "anyOf" in s else s
                        target[key] = bound
                elif kw.arg == "json_schema_extra" and isinstance(kw.value, ast.Dict):
                    for k, val in zip(kw.value.keys, kw.value.values):
                        if isinstance(k, ast.Constant) and k.value in ("deprecated", "new_param", "deprecated_msg"):
                            extra[k.value] = literal(val)
        elif v is not None:
            default = pp_int(v)
        desc = ""
        nxt = body[i + 1] if i + 1 < len(body) else None
        if isinstance(nxt, ast.Expr) and isinstance(getattr(nxt, "value", None), ast.Constant) and isinstance(nxt.value.value, str):
            desc = " ".join(nxt.value.value.split())
        entry = with_auto(s)
        if not desc:
            desc = f"`{field}` of {name} ({path}:{stmt.lineno})."
        entry["description"] = desc
        if isinstance(default, (int, float, str, bool)) and not isinstance(default, bool) or isinstance(default, bool):
            entry["default"] = default
        entry["x-source"] = f"{path}:{stmt.lineno}"
        if extra.get("deprecated"):
            entry["deprecated"] = True
            if extra.get("new_param") and extra["new_param"] != field:
                entry["x-renamedTo"] = extra["new_param"]
                entry["x-deprecationMessage"] = f'"{field}" is deprecated; use "{extra["new_param"]}". DeepSpeed copies the value over and warns "Config parameter {field} is deprecated" (config_utils.py _process_deprecated_field).'
        props[field] = entry
        if alias:
            props[alias] = dict(entry, description=f"{desc} (Spelling accepted for `{field}`.)" if alias.startswith("stage3_") else desc)
    defs[name] = {"type": "object", "description": " ".join(doc.split()) or name, "properties": props,
                  "additionalProperties": False, "x-unknownKeys": "error", "x-source": f"{path}:{cls.lineno}"}


def key_reads(tree, path, found):
    """Keys read from a variable named `param_dict`: get_*_param(param_dict, K), param_dict[K], .get(K), K in param_dict."""
    for node in ast.walk(tree):
        key = None
        if isinstance(node, ast.Call):
            fn = node.func
            if isinstance(fn, ast.Name) and fn.id in ("get_scalar_param", "get_dict_param", "get_list_param") and len(node.args) > 1 and getattr(node.args[0], "id", "") == "param_dict":
                key = node.args[1]
            elif isinstance(fn, ast.Attribute) and fn.attr == "get" and getattr(fn.value, "id", "") == "param_dict" and node.args:
                key = node.args[0]
        elif isinstance(node, ast.Subscript) and getattr(node.value, "id", "") == "param_dict":
            key = node.slice
        elif isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], ast.In):
            right = node.comparators[0]
            target = right.func.value if isinstance(right, ast.Call) and isinstance(right.func, ast.Attribute) and right.func.attr == "keys" else right
            if getattr(target, "id", "") == "param_dict":
                key = node.left
        if key is None:
            continue
        name = key.value if isinstance(key, ast.Constant) else CONSTANTS.get(getattr(key, "id", ""))
        if isinstance(name, str) and name.isidentifier() and name not in found:
            default = CONSTANTS.get(f"{key.id}_DEFAULT") if isinstance(key, ast.Name) else None
            found[name] = (f"{path}:{node.lineno}", default)


def top_level_keys():
    """Keys DeepSpeedConfig reads from the top-level dict: in its own methods, and in the functions and
    config classes it calls with `param_dict` (their other helpers get sub-dicts and are not followed)."""
    config_src = show("deepspeed/runtime/config.py")
    config_tree = ast.parse(config_src)
    ds_class = next(n for n in config_tree.body if isinstance(n, ast.ClassDef) and n.name == "DeepSpeedConfig")
    callees = {n.func.id for n in ast.walk(ds_class) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
               and any(getattr(a, "id", "") == "param_dict" for a in n.args)}
    found = {}
    key_reads(ds_class, "deepspeed/runtime/config.py", found)
    for f in READER_FILES:
        src = show(f)
        if src is None:
            continue
        for n in ast.parse(src).body:
            if isinstance(n, ast.FunctionDef) and n.name in callees:
                key_reads(n, f, found)
            elif isinstance(n, ast.ClassDef) and n.name in callees:
                for m in n.body:
                    if isinstance(m, ast.FunctionDef) and m.name == "__init__":
                        key_reads(m, f, found)
    return found


# Keys read in ways the scan above does not follow (a loop over names, a renamed argument), each with its line.
EXTRA_TOP = {
    "tensorboard": ("deepspeed/monitor/config.py:13", {}), "wandb": ("deepspeed/monitor/config.py:13", {}),
    "csv_monitor": ("deepspeed/monitor/config.py:13", {}), "comet": ("deepspeed/monitor/config.py:13", {}),
    "communication_data_type": ("deepspeed/runtime/config.py:210", None),
    "seq_parallel_communication_data_type": ("deepspeed/runtime/config.py:794", None),
    "tensor_parallel": ("deepspeed/runtime/tensor_parallel/config.py:144", {}),
    "elasticity": ("deepspeed/elasticity/elasticity.py:203", {}),
}


def scalar_schema(default):
    if isinstance(default, bool):
        return {"type": "boolean"}
    if isinstance(default, (int, float)):
        return {"type": "number"}
    if isinstance(default, str):
        return {"type": "string"}
    if isinstance(default, dict):
        return {"type": "object"}
    return {}


def main():
    commit = subprocess.run(["git", f"--git-dir={GIT}", "rev-parse", f"{TAG}^{{commit}}"], check=True, capture_output=True, text=True).stdout.strip()
    defs = {}
    props = {}
    for key, (src, default) in sorted({**EXTRA_TOP, **top_level_keys()}.items()):
        s = with_auto(scalar_schema(default))
        s["description"] = f"Top-level `{key}`, read by DeepSpeedConfig ({src})" + (f"; default {json.dumps(default)}." if default is not None and not isinstance(default, dict) else ".")
        s["x-source"] = src
        props[key] = s
    for key, (path, cls) in SECTIONS.items():
        model(cls, defs)
        props[key] = {"$ref": f"#/definitions/{cls}", "description": defs[cls]["description"]}
    # A bare true/false (the pre-2020 ZeRO-1 switch, zero/config.py read_zero_config_deprecated) is not
    # offered: an anyOf with it would turn every mistake inside the mapping into "must be a boolean".
    props["bfloat16"]["deprecated"] = True
    props["bfloat16"]["x-renamedTo"] = "bf16"
    props["bfloat16"]["x-deprecationMessage"] = '"bfloat16" is the old spelling of "bf16", still read when "bf16" is absent (precision_config.py BFLOAT16_OLD).'
    for k in ("optimizer", "scheduler"):
        props[k] = {"type": "object", "description": f"`{k}`: {{\"type\": name, \"params\": {{...}}}}; params go to the {k} class unchecked (runtime/config.py get_{k}_name / get_{k}_params).",
                    "properties": {"type": {"type": "string", "description": f"{k.capitalize()} name."}, "params": {"type": "object", "description": f"Keyword arguments of the {k}."}}}
    props["$schema"] = {"type": "string", "description": "JSON Schema of this file (editor hint; DeepSpeed ignores it)."}
    schema = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://ml-config-lens.dev/schemas/deepspeed.schema.json",
        "title": "DeepSpeed config (ds_config.json)",
        "description": "DeepSpeed runtime configuration passed to deepspeed.initialize(config=...) or to the HF integration (TrainingArguments.deepspeed, Accelerate deepspeed_config_file). Generated by scripts/schema-tools/build_deepspeed.py from the pydantic models and the param_dict readers under deepspeed/runtime/.",
        "x-framework": {"name": "deepspeed", "version": TAG, "commit": commit,
                        "source": ["deepspeed/runtime/config.py", "deepspeed/runtime/zero/config.py", "deepspeed/runtime/zero/offload_config.py", "deepspeed/runtime/precision_config.py", "deepspeed/comm/config.py"]},
        "x-loader": "json",
        "x-loaderNote": "DeepSpeedConfig reads the file with hjson.load and refuses duplicate keys (runtime/config.py:687).",
        "x-unknownKeys": "warning",
        "x-unknownKeysNote": "The top level is read key by key, so DeepSpeed never looks at an unknown top-level key; inside the pydantic sections (zero_optimization, fp16, bf16, offload_*) DeepSpeedConfigModel sets extra=\"forbid\" (config_utils.py:110) and an unknown key raises a ValidationError.",
        "type": "object",
        "properties": props,
        "additionalProperties": False,
        "definitions": {k: defs[k] for k in sorted(defs)},
    }
    with open(OUT, "w") as fh:
        json.dump(schema, fh, indent=2)
        fh.write("\n")
    print(f"{len(props)} top-level keys, {len(defs)} sections -> {OUT}")


main()
