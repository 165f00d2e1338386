"""Build schemas/accelerate.schema.json from Accelerate's own source at a pinned tag, with `ast`.

    python3 build_accelerate.py <accelerate bare git dir> v1.14.0 ../../schemas/accelerate.schema.json

- Top level: the dataclass fields of BaseConfig, ClusterConfig and SageMakerConfig
  (src/accelerate/commands/config/config_args.py). from_yaml_file raises on any other key ("had unknown
  keys"), so an unknown top-level key is an error; `fp16` and `dynamo_backend` are the old spellings
  process_config converts.
- Nested dicts (deepspeed_config, fsdp_config, ...): launch.py copies each key onto the launch arguments
  (`_validate_launch_command`, fsdp_config keys get an `fsdp_` prefix); known keys are the arguments of the
  matching argparse group, with their help text and choices. A key no argument reads is ignored: warning.
- Enums: DistributedType / SageMakerDistributedType / ComputeEnvironment / PrecisionType / DynamoBackend
  (src/accelerate/utils/dataclasses.py).
"""
import ast
import json
import subprocess
import sys

GIT, TAG, OUT = sys.argv[1], sys.argv[2], sys.argv[3]
CONFIG_ARGS = "src/accelerate/commands/config/config_args.py"
LAUNCH = "src/accelerate/commands/launch.py"
DATACLASSES = "src/accelerate/utils/dataclasses.py"
# nested dict field -> (argparse group variable in launch.py, prefix launch adds to keys without it)
GROUPS = {
    "deepspeed_config": ("deepspeed_args", None), "fsdp_config": ("fsdp_args", "fsdp_"),
    "megatron_lm_config": ("megatron_lm_args", None), "fp8_config": ("fp8_args", "fp8_"),
    "parallelism_config": ("parallelism_config_args", None), "mpirun_config": ("mpirun_args", None),
    "dynamo_config": ("resource_args", "dynamo_"),
}


def show(path):
    return subprocess.run(["git", f"--git-dir={GIT}", "show", f"{TAG}:{path}"], check=True, capture_output=True, text=True).stdout


def literal(node):
    try:
        return ast.literal_eval(node)
    except Exception:
        return None


def enums():
    out = {}
    for n in ast.parse(show(DATACLASSES)).body:
        if isinstance(n, ast.ClassDef) and n.name in ("DistributedType", "SageMakerDistributedType", "ComputeEnvironment", "PrecisionType", "DynamoBackend"):
            out[n.name] = [literal(s.value) for s in n.body if isinstance(s, ast.Assign) and isinstance(literal(s.value), str)]
    return out


def py_type(ann):
    src = ast.unparse(ann)
    for name, t in (("bool", "boolean"), ("int", "integer"), ("float", "number"), ("dict", "object"), ("list", "array"), ("str", "string")):
        if src in (name, f"Optional[{name}]") or src.startswith(f"{name}["):
            return t
    return None


def dataclass_fields(tree, names, en):
    props = {}
    for n in tree.body:
        if not (isinstance(n, ast.ClassDef) and n.name in names):
            continue
        for s in n.body:
            if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name) and s.target.id not in props:
                name = s.target.id
                src = ast.unparse(s.annotation)
                entry = {}
                if "DistributedType" in src:
                    entry["enum"] = en["DistributedType"] + [v for v in en["SageMakerDistributedType"] if v not in en["DistributedType"]]
                elif "ComputeEnvironment" in src:
                    entry["enum"] = en["ComputeEnvironment"]
                elif name == "mixed_precision":
                    entry["enum"] = en["PrecisionType"]
                    entry["type"] = ["string", "null"]
                else:
                    t = py_type(s.annotation)
                    # bool fields are only tested for truth (launch.py), and `accelerate config` itself writes
                    # `downcast_bf16: 'no'`: no boolean type is enforced.
                    if t and t != "boolean":
                        entry["type"] = [t, "null"] if ("Optional" in src or literal(s.value) is None and s.value is not None) else t
                d = literal(s.value) if s.value is not None else None
                if d is not None and not isinstance(d, dict):
                    entry["default"] = d
                entry["description"] = f"`{name}: {src}` of {n.name} ({CONFIG_ARGS}:{s.lineno})."
                props[name] = entry
    return props


def launch_groups():
    """group variable -> {arg name: (help, choices, type, line)} from `<group>.add_argument("--name", ...)`."""
    out = {}
    for node in ast.walk(ast.parse(show(LAUNCH))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "add_argument"):
            continue
        group = getattr(node.func.value, "id", None)
        names = [literal(a) for a in node.args if isinstance(literal(a), str) and literal(a).startswith("--")]
        if not group or not names:
            continue
        kw = {k.arg: k.value for k in node.keywords}
        help_text = " ".join(str(literal(kw["help"]) or ast.unparse(kw["help"])).split()) if "help" in kw else ""
        choices = literal(kw["choices"]) if "choices" in kw else None
        action = literal(kw.get("action")) if "action" in kw else None
        typ = ast.unparse(kw["type"]) if "type" in kw else None
        for nm in names:
            out.setdefault(group, {})[nm[2:].replace("-", "_")] = (help_text, choices, action, typ, node.lineno)
    return out


def nested(group_args, prefix):
    props = {}
    for name, (help_text, choices, action, typ, line) in group_args.items():
        entry = {"description": f"{help_text} (`--{name}`, {LAUNCH}:{line})"}
        if choices and all(isinstance(c, str) for c in choices):
            # YAML values are copied onto args without argparse's type=str: `fsdp_version: 2` is the int 2.
            entry["enum"] = list(choices) + [int(c) for c in choices if c.isdigit()]
        props[name] = entry
        if prefix and name.startswith(prefix):
            props[name[len(prefix):]] = dict(entry)  # launch adds the prefix to keys written without it
    return props


def main():
    commit = subprocess.run(["git", f"--git-dir={GIT}", "rev-parse", f"{TAG}^{{commit}}"], check=True, capture_output=True, text=True).stdout.strip()
    en = enums()
    props = dataclass_fields(ast.parse(show(CONFIG_ARGS)), ("BaseConfig", "ClusterConfig", "SageMakerConfig"), en)
    groups = launch_groups()
    for field, (group, prefix) in GROUPS.items():
        props[field] = {"type": ["object", "null"], "description": props[field]["description"] + f" Keys are `accelerate launch` arguments ({LAUNCH} `{group}`), copied onto the launch arguments by `_validate_launch_command`.",
                        "properties": nested(groups.get(group, {}), prefix), "x-unknownKeys": "warning", "additionalProperties": False}
    props["fp16"] = {"type": "boolean", "deprecated": True, "x-replacement": {"mixed_precision": "fp16"},
                     "x-deprecationMessage": "Old spelling: BaseConfig.process_config turns `fp16: true` into `mixed_precision: fp16` (config_args.py:113-116).",
                     "description": "Old format of mixed_precision (config_args.py:113)."}
    props["dynamo_backend"] = {"type": "string", "deprecated": True, "x-deprecationMessage": "Old spelling: process_config moves `dynamo_backend` into `dynamo_config.dynamo_backend` (config_args.py:117-119).",
                               "description": "Old format of dynamo_config.dynamo_backend (config_args.py:117)."}
    props["$schema"] = {"type": "string", "description": "JSON Schema of this file (editor hint; note Accelerate itself rejects unknown keys, so keep it as a `# yaml-language-server:` comment instead)."}
    schema = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://ml-config-lens.dev/schemas/accelerate.schema.json",
        "title": "Accelerate config (accelerate launch --config_file)",
        "description": "`accelerate config` file (default ~/.cache/huggingface/accelerate/default_config.yaml, or --config_file). Generated by scripts/schema-tools/build_accelerate.py from config_args.py dataclasses and launch.py arguments.",
        "x-framework": {"name": "accelerate", "version": TAG, "commit": commit, "source": [CONFIG_ARGS, LAUNCH, DATACLASSES]},
        "x-loader": "pyyaml",
        "x-loaderNote": "load_config_from_file reads YAML with yaml.safe_load (config_args.py:65), JSON with json.load.",
        "x-unknownKeys": "error",
        "x-unknownKeysNote": "BaseConfig.from_yaml_file raises ValueError \"had unknown keys\" (config_args.py:154-157); keys inside the nested dicts are copied onto the launch arguments and ignored when no argument reads them.",
        "type": "object",
        "properties": props,
        "additionalProperties": False,
    }
    with open(OUT, "w") as fh:
        json.dump(schema, fh, indent=2)
        fh.write("\n")
    print(f"{len(props)} top-level keys -> {OUT}")


main()
