"""Build schemas/llamafactory.schema.json and schemas/llamafactory-v1.schema.json.

Usage: python3 build_llamafactory.py LF_SRC TF4_DIR TF5_DIR OUT_DIR
  LF_SRC  = LLaMA-Factory `src/llamafactory` folder (fetched for reference, never committed)
  TF4_DIR / TF5_DIR = unpacked `transformers` packages (4.57.x and 5.x) for TrainingArguments
Field lists come from the dataclasses via dataclass_fields.py; curated facts from lf_overlay.py.
"""
import os
import re
import sys

import dataclass_fields
import lf_overlay
import pytype
from common import apply_overlay, clean_help, write_schema

DOWNLOAD_MODE = ["reuse_dataset_if_exists", "reuse_cache_if_exists", "force_redownload"]


def collect(classes, name, seen=None):
    """Fields of `name` with its dataclass bases first (HfArgumentParser order), subclass wins."""
    out = {}
    cls = classes[name]
    for base in reversed(cls["bases"]):
        if base in classes:
            out.update(collect(classes, base))
    for f in cls["fields"]:
        if not f["name"].startswith("_"):
            out[f["name"]] = dict(f, owner=name, file=cls["file"])
    return out


def enum_members(paths):
    members = {}
    for p in paths:
        for cls, vals in pytype.extract_enums(p).items():
            members[cls] = vals
    return members


def resolve_default(field, enums, members_src):
    if "default" in field:
        return True, field["default"]
    src = field.get("default_src") or ""
    if "." in src and src.split(".")[0] in members_src:
        cls, member = src.split(".", 1)
        return member in members_src[cls], members_src[cls].get(member)
    return False, None


def enum_name_map(paths):
    import ast
    out = {}
    for p in paths:
        tree = ast.parse(open(p, encoding="utf-8").read())
        for node in tree.body:
            if isinstance(node, ast.ClassDef):
                m = {s.targets[0].id: s.value.value for s in node.body
                     if isinstance(s, ast.Assign) and isinstance(s.value, ast.Constant)
                     and isinstance(s.targets[0], ast.Name)}
                if m:
                    out[node.name] = m
    return out


def property_for(field, enums, members_src):
    prop = pytype.annotation_schema(field["annotation"], enums)
    if "choices" in field and "enum" not in prop:
        prop["enum"] = list(field["choices"])
    desc = clean_help(field.get("help"))
    if desc:
        prop = {"description": desc, **prop}
    ok, default = resolve_default(field, enums, members_src)
    if ok and not (isinstance(default, str) and default.startswith("<")):
        prop["default"] = default
    if field.get("required"):
        prop["x-required"] = True
    return prop


def build(fields, enums, members_src, overlay):
    props = {name: property_for(f, enums, members_src) for name, f in fields.items()}
    apply_overlay(props, overlay)
    missing = [n for n, p in props.items() if not p.get("description")]
    if missing:
        raise SystemExit(f"fields without description: {missing}")
    return props


def main():
    lf, tf4, tf5, out_dir = sys.argv[1:5]
    enum_files = [f"{tf5}/transformers/trainer_utils.py", f"{tf5}/transformers/training_args.py",
                  f"{tf4}/transformers/trainer_utils.py", f"{tf4}/transformers/training_args.py",
                  f"{tf5}/transformers/debug_utils.py", f"{lf}/extras/constants.py",
                  f"{lf}/v1/config/arg_utils.py"]
    enums = {}
    for p in enum_files:  # union of 4.x and 5.x enum values: LLaMA-Factory accepts both
        for cls, vals in pytype.extract_enums(p).items():
            enums[cls] = list(dict.fromkeys(enums.get(cls, []) + vals))
    enums["DownloadMode"] = DOWNLOAD_MODE
    members_src = enum_name_map(enum_files)

    hp = f"{lf}/hparams"
    lf_classes = {}
    for name in ("model_args", "data_args", "training_args", "finetuning_args", "generating_args",
                 "evaluation_args", "megatron_bridge_args", "parser"):
        lf_classes.update(dataclass_fields.extract(f"{hp}/{name}.py"))
    tf_fields = {}
    for tf in (tf5, tf4):  # union, 5.x first (its help/defaults win): LLaMA-Factory supports >=4.55,<=5.8
        cls = {}
        for f in ("training_args.py", "training_args_seq2seq.py"):
            cls.update(dataclass_fields.extract(f"{tf}/transformers/{f}"))
        for n, f in collect(cls, "Seq2SeqTrainingArguments").items():
            f["tf_version"] = f.get("tf_version", []) + [os.path.basename(tf)]
            tf_fields.setdefault(n, f)
            tf_fields[n].setdefault("versions", []).append(os.path.basename(tf))
    lf_classes["BaseTrainingArguments"] = {"bases": [], "fields": list(tf_fields.values()), "file": "transformers"}
    fields = {}
    for name in ("ModelArguments", "DataArguments", "TrainingArguments", "FinetuningArguments",
                 "GeneratingArguments", "EvaluationArguments", "MegatronBridgeArguments",
                 "_KTransformersRuntimeArguments"):
        for k, v in collect(lf_classes, name).items():
            v = dict(v, group=name.strip("_"))
            fields.setdefault(k, v) if name != "TrainingArguments" else fields.__setitem__(k, v)
    props = build(fields, enums, members_src, lf_overlay.FIELDS)
    # data/template.py get_template_and_fix_tokenizer raises "Template X does not exist." for other names
    tpl = open(f"{lf}/data/template.py", encoding="utf-8").read()
    props["template"]["enum"] = sorted(set(re.findall(r'register_template\(\s*name="([^"]+)"', tpl))) + [None]
    for n, f in fields.items():  # which parser dataclass owns the key (commands parse different sets)
        props[n]["x-argumentGroup"] = f["group"]
    for n, f in fields.items():
        kept_in_5 = lf_overlay.FIELDS.get(n, {}).get("x-removedIn", "") is None  # overlay says: still accepted
        if f.get("versions") == ["tf4"] and not kept_in_5:
            props[n]["x-removedIn"] = "transformers 5"
    schema = lf_overlay.root(props)
    write_schema(f"{out_dir}/llamafactory.schema.json", schema)

    v1_classes = {}
    for name in ("model_args", "data_args", "training_args", "sample_args"):
        v1_classes.update(dataclass_fields.extract(f"{lf}/v1/config/{name}.py"))
    v1_fields = {}
    for name in ("ModelArguments", "DataArguments", "TrainingArguments", "SampleArguments"):
        v1_fields.update(collect(v1_classes, name))
    v1_enum_files = [f"{lf}/v1/utils/types.py", f"{lf}/v1/config/arg_utils.py"]
    v1_enums = dict(enums)
    for p in v1_enum_files:  # v1 has its own AttentionFunction etc.
        v1_enums.update(pytype.extract_enums(p))
    v1_members = dict(members_src)
    v1_members.update(enum_name_map(v1_enum_files))
    v1_props = build(v1_fields, v1_enums, v1_members, lf_overlay.V1_FIELDS)
    write_schema(f"{out_dir}/llamafactory-v1.schema.json", lf_overlay.root_v1(v1_props))
    print(len(props), "llamafactory fields;", len(v1_props), "llamafactory-v1 fields")


if __name__ == "__main__":
    main()
