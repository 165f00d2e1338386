"""Build schemas/axolotl.schema.json from Axolotl's own pydantic schema.

Usage: python3 build_axolotl.py RAW.json AXOLOTL_SRC OUT.json
  RAW.json    = output of axolotl-dump.py (AxolotlInputConfig.model_json_schema() + plugin args)
  AXOLOTL_SRC = the `src` folder of the same checkout (for the prompt-strategy names)
Curated facts (descriptions pydantic lacks, ranges, papers, renames, rules) live in ax_overlay.py.
"""
import glob
import json
import os
import re
import sys

import ax_overlay
from common import PAPERS, apply_overlay, write_schema

PURE_KEYS = {"type", "items"}
NULLABLE_REFS = set()


def convert(node):
    """pydantic JSON Schema (2020-12 flavour) -> draft-07 with compact nullable types."""
    if isinstance(node, list):
        return [convert(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key == "title":
            continue
        if key == "$ref":
            out["$ref"] = value.replace("#/$defs/", "#/definitions/")
        elif key == "const":
            out["enum"] = [value]
        elif key == "prefixItems":  # draft-07 spells tuples as an items array
            out["items"] = convert(value)
        else:
            out[key] = convert(value)
    if "anyOf" in out:
        out = simplify_any_of(out)
    return out


def simplify_any_of(node):
    members = node["anyOf"]
    rest = {k: v for k, v in node.items() if k != "anyOf"}
    if {} in members:  # `Any | None`: no constraint at all
        return rest
    if all(set(m) <= PURE_KEYS and "type" in m for m in members):
        types, items = [], None
        for m in members:
            for t in m["type"] if isinstance(m["type"], list) else [m["type"]]:
                if t not in types:
                    types.append(t)
            items = m.get("items", items)
        merged = {"type": types[0] if len(types) == 1 else types}
        if items is not None:
            merged["items"] = items
        return {**merged, **rest}
    typed = [m for m in members if isinstance(m.get("type"), str) and m["type"] != "null" and "enum" not in m]
    if len(typed) == 1 and len(members) == 2 and {"type": "null"} in members:
        # `X | None` where X is a constrained type: keywords like minItems/pattern only apply to X's type
        return {**typed[0], "type": [typed[0]["type"], "null"], **rest}
    refs = [m for m in members if set(m) == {"$ref"}]
    if len(refs) == 1 and len(members) == 2 and {"type": "null"} in members:
        # `Model | None`: a nullable definition behind allOf gives one clear error path instead of anyOf noise
        NULLABLE_REFS.add(refs[0]["$ref"].rsplit("/", 1)[1])
        return {"allOf": refs, **rest}
    enums = [m for m in members if "enum" in m and set(m) <= {"enum", "type"}]
    nulls = [m for m in members if m == {"type": "null"}]
    bools = [m for m in members if m == {"type": "boolean"}]
    if enums and len(enums) + len(nulls) + len(bools) == len(members):
        # e.g. Literal["auto"] | bool | None -> one enum, so completion offers every value
        values = [v for m in enums for v in m["enum"]] + ([True, False] if bools else []) + ([None] if nulls else [])
        types = []
        for v in values:
            t = "null" if v is None else "boolean" if isinstance(v, bool) else "integer" if isinstance(v, int) \
                else "number" if isinstance(v, float) else "string"
            if t not in types:
                types.append(t)
        return {"type": types[0] if len(types) == 1 else types, "enum": values, **rest}
    return node


def merge_objects(defs, names):
    """One object schema holding the properties of several pydantic models (variants of a list entry)."""
    props, required = {}, None
    for name in names:
        d = defs[name]
        for key, schema in d.get("properties", {}).items():
            schema = dict(schema, **{"x-variants": props.get(key, {}).get("x-variants", []) + [name]})
            if key in props:
                prev = {k: v for k, v in props[key].items() if k != "x-variants"}
                cur = {k: v for k, v in schema.items() if k != "x-variants"}
                if prev != cur:
                    schema = {"description": prev.get("description") or cur.get("description"),
                              "anyOf": [strip_doc(prev), strip_doc(cur)], "x-variants": schema["x-variants"]}
            props[key] = schema
        req = set(d.get("required", []))
        required = req if required is None else required & req
    return {"type": "object", "properties": props, "required": sorted(required or []),
            "additionalProperties": False}


def strip_doc(schema):
    return {k: v for k, v in schema.items() if k not in ("description", "default")}


def prompt_strategy_names(src):
    """Names valid as a bare dataset `type` (no dot): prompt_strategies modules + legacy handlers."""
    base = f"{src}/axolotl/prompt_strategies"
    names = set()
    for path in glob.glob(base + "/*.py") + glob.glob(base + "/*/*.py"):
        stem = os.path.splitext(os.path.basename(path))[0]
        if stem != "__init__":
            names.add(stem)
    names |= {os.path.basename(p) for p in glob.glob(base + "/*") if os.path.isdir(p)}
    wrappers = open(f"{src}/axolotl/utils/data/wrappers.py", encoding="utf-8").read()
    block = wrappers[wrappers.index("DATASET_HANDLERS = {"):]
    names |= set(re.findall(r'^\s+"(\w+)":', block[: block.index("}")], re.M))
    names -= {"base", "jinja_template_analyzer", "__pycache__"}
    return sorted(names | {"messages"})


def source_comments(src):
    """{field: comment} from `# ...` lines above a field or an inline comment on it (schemas + plugin args)."""
    out = {}
    files = glob.glob(f"{src}/axolotl/utils/schemas/*.py") + glob.glob(f"{src}/axolotl/integrations/*/args.py")
    for path in files:
        lines = open(path, encoding="utf-8").read().split("\n")
        for i, line in enumerate(lines):
            m = re.match(r"\s+(\w+)\s*:\s*[^=#]+(?:=.*)?$|\s+(\w+)\s*:\s*[^=#]+=\s*[^#]*#(.*)$", line)
            if not m or line.strip().startswith(("#", "def ", "return")):
                continue
            name = m.group(1) or m.group(2)
            text = []
            if m.group(3):
                text.append(m.group(3).strip())
            elif i + 1 < len(lines) and re.match(r"\s+None\s+#", lines[i + 1]):
                text.append(lines[i + 1].split("#", 1)[1].strip())
            j = i - 1
            while j >= 0 and lines[j].strip().startswith("#"):
                text.insert(0, lines[j].strip().lstrip("#").strip())
                j -= 1
            text = [t for t in text if t and not t.startswith(("---", "TODO", "INTERNALS"))]
            if text and name not in out:
                out[name] = " ".join(text)
    return out


def fill_descriptions(schema, comments):
    for key, prop in schema.get("properties", {}).items():
        if not prop.get("description"):
            text = prop.pop("help", None) or comments.get(key)
            if text:
                prop["description"] = text


def main():
    raw_path, src, out = sys.argv[1:4]
    raw = json.load(open(raw_path, encoding="utf-8"))
    defs = {k: convert(v) for k, v in raw["$defs"].items()}
    props = {k: convert(v) for k, v in raw["properties"].items()}
    for name, msg in raw["x-deprecated-messages"].items():
        props[name]["deprecated"] = True
        props[name]["x-deprecationMessage"] = msg
    for plugin, info in raw["x-plugins"].items():
        schema = info["schema"]
        for k, v in schema.get("$defs", {}).items():
            defs.setdefault(k, convert(v))
        for key, value in schema["properties"].items():
            props[key] = {**convert(value), "x-plugin": plugin}
    for name in NULLABLE_REFS:
        t = defs[name].get("type")
        if t and t != "null":
            defs[name]["type"] = [t, "null"] if isinstance(t, str) else t + ["null"]
            if "enum" in defs[name]:
                defs[name]["enum"] = defs[name]["enum"] + [None]
    for d in defs.values():
        if d.get("type") in ("object", ["object", "null"]) and "additionalProperties" not in d:
            d["additionalProperties"] = False  # pydantic ignores extras: the engine reports them (x-unknownKeys)
    sft_variants = ["SFTDataset", "DPODataset", "KTODataset", "StepwiseSupervisedDataset", "SyntheticDataset"]
    defs["DatasetEntry"] = merge_objects(defs, sft_variants)
    defs["PretrainingDatasetEntry"] = merge_objects(defs, ["PretrainingDataset", "SFTDataset"])
    for key, entry in (("datasets", "DatasetEntry"), ("test_datasets", "DatasetEntry"),
                       ("pretraining_dataset", "PretrainingDatasetEntry")):
        props[key]["items"] = {"$ref": f"#/definitions/{entry}"}
    for name in sft_variants + ["PretrainingDataset"]:
        del defs[name]  # now only reachable through the merged entries
    comments = source_comments(src)
    fill_descriptions({"properties": props}, comments)
    for d in defs.values():
        fill_descriptions(d, comments)
    ax_overlay.apply(props, defs, prompt_strategy_names(src), apply_overlay, PAPERS)
    missing = [k for k, v in props.items() if not v.get("description")]
    missing += [f"{d}.{k}" for d, dv in defs.items() for k, v in dv.get("properties", {}).items()
                if not v.get("description")]
    if missing:
        print("WITHOUT DESCRIPTION:", len(missing), " ".join(missing))
    write_schema(out, ax_overlay.root(props, defs))
    print(len(props), "axolotl fields;", len(defs), "definitions")


if __name__ == "__main__":
    main()
