#!/usr/bin/env python3
"""List every raise / warning / silent override in Axolotl's config loading at a commit.

Usage: python3 scripts/ledger-tools/axolotl-sites.py <bare git dir> <commit> > sites.json
Reads (never copies) src/axolotl/utils/schemas/*.py, utils/config/__init__.py (normalize_config and
friends) and the integrations' args.py; prints one JSON object per site: site (file:line), kind
(raise | warn | override), func (enclosing def) and quote (the message's first literal text).
Only the candidates: classifying each one (rule id or needs-runtime reason) is done by hand in
src/core/validate/ledger/axolotl.json.
"""
import ast
import json
import re
import subprocess
import sys

git_dir, commit = sys.argv[1:3]


def show(path):
    return subprocess.run(
        ["git", "--git-dir", git_dir, "show", f"{commit}:{path}"], capture_output=True, text=True, check=True
    ).stdout


files = [
    f
    for f in subprocess.run(
        ["git", "--git-dir", git_dir, "ls-tree", "-r", "--name-only", commit, "src/axolotl"],
        capture_output=True, text=True, check=True,
    ).stdout.split()
    if re.match(r"src/axolotl/(utils/schemas/.*|utils/config/__init__|integrations/[^/]+/args)\.py$", f)
]


def literal(node):
    """First string literal text in a call's arguments (f-strings keep their literal parts)."""
    for n in ast.walk(node):
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value.strip():
            return n.value.strip()
        if isinstance(n, ast.JoinedStr):
            return "".join(
                v.value if isinstance(v, ast.Constant) else "{" + ast.unparse(v.value) + "}"
                for v in n.values
                if isinstance(v, (ast.Constant, ast.FormattedValue))
            ).strip()
    return ""


def is_validator(fn):
    return any("validator" in ast.unparse(d) for d in fn.decorator_list)


out = []
for f in files:
    tree = ast.parse(show(f))
    for fn in [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]:
        scoped = is_validator(fn) or f.endswith("config/__init__.py") or fn.name.startswith("check_")
        for n in ast.walk(fn):
            kind = quote = None
            if isinstance(n, ast.Raise) and n.exc is not None:
                kind, quote = "raise", literal(n.exc)
            elif isinstance(n, ast.Call):
                name = ast.unparse(n.func)
                if re.match(r"(LOG|log|logger|LOGGER)\.(warning|warning_once|warn|error)$|warnings\.warn$", name):
                    kind, quote = "warn", literal(n)
            elif scoped and isinstance(n, ast.Assign):
                t = n.targets[0]
                if isinstance(t, ast.Subscript) and re.match(r"(data|cfg|values|self)\b", ast.unparse(t.value)) or (
                    isinstance(t, ast.Attribute) and ast.unparse(t.value) in ("self", "cfg")
                ):
                    kind, quote = "override", ast.unparse(n)[:120]
            if kind:
                out.append({"site": f"{f}:{n.lineno}", "kind": kind, "func": fn.name, "quote": quote[:160]})
seen = set()
for s in sorted(out, key=lambda s: (s["site"].split(":")[0], int(s["site"].split(":")[1]))):
    if s["site"] not in seen:
        seen.add(s["site"])
        print(json.dumps(s))
