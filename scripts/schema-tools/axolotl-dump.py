"""Dump Axolotl's own pydantic JSON Schema without installing torch/transformers.

Usage: python3 axolotl-dump.py <axolotl-src-dir> <out.json>
  <axolotl-src-dir> is the `src` folder of an axolotl checkout (read-only; never committed here).
Heavy imports of the schema modules (torch, accelerate, transformers, PIL) are replaced by
small stubs: they only provide enum values or feature probes, not field definitions.
"""
import enum
import json
import logging
import sys
import types


def stub(name, **attrs):
    mod = types.ModuleType(name)
    mod.__dict__.update(attrs)
    sys.modules[name] = mod
    return mod


class _Dtype(str):
    """Stands in for torch.dtype; a str so pydantic can write the enum value."""


class _TorchStub(types.ModuleType):
    def __getattr__(self, item):
        return _Dtype(item)


sys.modules["torch"] = _TorchStub("torch")
stub("accelerate")
stub("accelerate.utils", is_fp8_available=lambda: False)
stub("transformers")
stub("transformers.utils")
stub("transformers.utils.import_utils", is_torch_npu_available=lambda: False)


class Resampling(enum.IntEnum):
    NEAREST = 0
    LANCZOS = 1
    BILINEAR = 2
    BICUBIC = 3
    BOX = 4
    HAMMING = 5


stub("PIL")
stub("PIL.Image", Resampling=Resampling)
stub("axolotl.utils.datasets", get_default_process_count=lambda: 4)
stub("axolotl.utils.logging", get_logger=logging.getLogger)


def plugin_entries(src):
    """(plugin dotted name users list under `plugins:`, args dotted path) from get_input_args()."""
    import glob
    import re

    found = []
    base = src + "/axolotl/integrations"
    for path in sorted(glob.glob(base + "/*/*.py")):
        text = open(path).read()
        for m in re.finditer(r"class (\w+Plugin)\(BasePlugin\):(.*?)(?=\nclass |\Z)", text, re.S):
            ret = re.search(r"def get_input_args.*?return \"([\w.]+)\"", m.group(2), re.S)
            if ret:
                pkg = path[len(src) + 1 :].split("/")[:3]
                found.append((".".join(pkg) + "." + m.group(1), ret.group(1)))
    return found


def dump_plugins(src):
    import importlib.util

    out = {}
    for plugin, args_path in plugin_entries(src):
        mod_path, cls_name = args_path.rsplit(".", 1)
        pkg_dir = src + "/" + plugin.rsplit(".", 1)[0].replace(".", "/")
        spec = importlib.util.spec_from_file_location(
            plugin.rsplit(".", 1)[0] + ".args", pkg_dir + "/args.py"
        )
        mod = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = mod  # forward references resolve against this module
        spec.loader.exec_module(mod)
        cls = getattr(mod, cls_name)
        out[plugin] = {"args": args_path, "schema": cls.model_json_schema(mode="validation")}
    return out


def main():
    src, out = sys.argv[1], sys.argv[2]
    sys.path.insert(0, src)
    # import the package modules directly (axolotl/__init__ pulls in the whole framework)
    for pkg in ("axolotl", "axolotl.utils"):
        if pkg not in sys.modules:
            mod = types.ModuleType(pkg)
            mod.__path__ = [src + "/" + pkg.replace(".", "/")]
            sys.modules[pkg] = mod
    from axolotl.utils.schemas.config import AxolotlInputConfig

    schema = AxolotlInputConfig.model_json_schema(mode="validation")
    schema["x-model-extra"] = AxolotlInputConfig.model_config.get("extra")
    schema["x-plugins"] = dump_plugins(src)
    # pydantic writes only `deprecated: true`; keep the framework's own message for each field
    schema["x-deprecated-messages"] = {
        (f.alias or name): f.deprecated
        for name, f in AxolotlInputConfig.model_fields.items()
        if f.deprecated
    }
    with open(out, "w") as fh:
        json.dump(schema, fh, indent=1, default=str)
    print(len(schema.get("properties", {})), "properties;", len(schema.get("$defs", {})), "defs")


if __name__ == "__main__":
    main()
