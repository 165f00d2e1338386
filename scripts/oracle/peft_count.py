"""Count trainable parameters with the real PEFT library: the oracle behind test/fixtures/peft-local.

Not run by `npm test` (it needs torch, transformers and PEFT). Run it by hand in a Python
environment that has them; see scripts/oracle/README.md.

    python scripts/oracle/peft_count.py specs.json > cases.json

Input: a JSON list of case specs, each
    {"id": ..., "model": {"model_type": ..., "auto_class": ..., <config fields>},
     "peft": {"peft_type": ..., <config fields>}, "task_type": "CAUSAL_LM" | null}
Output: the same cases with the counts PEFT returned, in the schema of ../shared/oracle/cases.json.
"""

import json
import re
import sys
import traceback
from collections import defaultdict

import peft
import torch
import transformers
from peft import get_peft_model
from peft.mapping import PEFT_TYPE_TO_CONFIG_MAPPING
from transformers import AutoConfig

LAYER_INDEX = re.compile(r"\.(\d+)\.")

# model fields that describe the case, not the config
NOT_CONFIG = {"name", "model_type", "hf_reference", "auto_class", "model_class", "num_labels", "resolved_config", "source"}


def grouped(names_to_numbers):
    """Replace every numeric path segment by '*' and sum, as the shared oracle does."""
    out = defaultdict(int)
    for name, n in names_to_numbers:
        out[LAYER_INDEX.sub(".*.", LAYER_INDEX.sub(".*.", name))] += n
    return dict(sorted(out.items()))


def build(model_spec):
    fields = {k: v for k, v in model_spec.items() if k not in NOT_CONFIG}
    config = AutoConfig.for_model(model_spec["model_type"], **fields)
    if "num_labels" in model_spec:
        config.num_labels = model_spec["num_labels"]
    auto = getattr(transformers, model_spec["auto_class"])
    with torch.device("meta"):
        model = auto.from_config(config)
    model.tie_weights()
    return model


def unique_params(model):
    return sum(p.numel() for p in model.parameters())


def count(case):
    model = build(case["model"])
    base_total = unique_params(model)
    peft_fields = dict(case["peft"])
    peft_type = peft_fields.pop("peft_type")
    if case.get("task_type"):
        peft_fields["task_type"] = case["task_type"]
    config = PEFT_TYPE_TO_CONFIG_MAPPING[peft_type](**peft_fields)
    wrapped = get_peft_model(model, config)
    trainable, total = wrapped.get_nb_trainable_parameters()
    adapted = grouped(
        (name.removeprefix("base_model.model."), 1)
        for name, module in wrapped.named_modules()
        if hasattr(module, "active_adapters") and hasattr(module, "base_layer")
    )
    breakdown = grouped((n, p.numel()) for n, p in wrapped.named_parameters() if p.requires_grad)
    resolved = getattr(wrapped.peft_config["default"], "target_modules", None)
    return {
        **case,
        "trainable": trainable,
        "total": total,
        "base_total": base_total,
        "added_to_total": total - base_total,
        "resolved_peft": {"target_modules": sorted(resolved) if isinstance(resolved, (set, list)) else resolved},
        "n_adapted_modules": sum(adapted.values()),
        "adapted_modules": adapted,
        "trainable_breakdown": breakdown,
        "init_device": "meta",
        "peft_version": peft.__version__,
        "transformers_version": transformers.__version__,
        "torch_version": torch.__version__,
    }


def main():
    specs = json.load(open(sys.argv[1]))
    out = []
    for spec in specs:
        try:
            out.append(count(spec))
        except Exception as error:  # PEFT's refusal is an oracle answer too
            out.append({**spec, "error": f"{type(error).__name__}: {error}".splitlines()[0][:400],
                        "peft_version": peft.__version__, "transformers_version": transformers.__version__})
            print(f"{spec['id']}: {traceback.format_exc().splitlines()[-1]}", file=sys.stderr)
    json.dump(out, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
