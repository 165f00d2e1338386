"""Per-release key, value and component sets of the config dialects, from the frameworks' tagged history.

Usage: python3 gen_releases.py MIRRORS OUT.json [FRAMEWORK ...]
  MIRRORS = folder of bare git mirrors (`owner+name/repo`, as the `fetch` tool leaves them)
  OUT     = src/core/validate/releases/releases.json
  FRAMEWORK = regenerate only these (e.g. llamafactory-v1); the others are kept from OUT

Every release tag of LLaMA-Factory, TRL, PEFT, Axolotl and torchtune (no rc/dev/post tags) is read with
`git cat-file` (never checked out, never imported) and parsed with `ast`:
- LLaMA-Factory v1: fields of every class in src/llamafactory/v1/config/*.py (tags from v0.9.4);
- LLaMA-Factory: fields of every class in src/*/hparams/*.py, and template names registered with
  `register_template(name=...)` in src/*/data/template.py (src/llmtuner/extras/template.py before v0.2);
- TRL: fields of its config classes (the classes trl_hist.py scans), any file under trl/;
- PEFT: fields of each `*Config` class (bases resolved) keyed by the `PeftType` its __post_init__ sets;
- Axolotl: fields of every class under src/axolotl/utils/config/models/input/ (v0.5 - v0.8) and
  src/axolotl/utils/schemas/ (v0.9 on), plus src/axolotl/integrations/*/args.py;
- torchtune: every importable dotted path `torchtune.<module>.<name>` (top-level def/class, and names an
  __init__.py re-exports with `from ... import`).
Only entries that are NOT in every release scanned are written (a key every release knows is never
release-dependent), as [first index, last index] into that framework's `releases`. `commits` records the
commit each release tag points at. Renames come from the committed schemas' `x-renamedTo`.
"""
import ast
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
FINAL = re.compile(r"^v?(\d+)\.(\d+)(?:\.(\d+))?$")


class Repo:
    def __init__(self, git_dir):
        self.git_dir = git_dir
        self.cat = subprocess.Popen(["git", "--git-dir", git_dir, "cat-file", "--batch"],
                                    stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def run(self, *args):
        return subprocess.run(["git", "--git-dir", self.git_dir, *args], capture_output=True, text=True,
                              check=True).stdout

    def tags(self, minimum=(0, 0, 0)):
        out = []
        for t in self.run("tag").split():
            m = FINAL.match(t)
            if m:
                v = tuple(int(x or 0) for x in m.groups())
                if v >= minimum:
                    out.append((v, t))
        return [t for _, t in sorted(out)]

    def commit(self, ref):
        return self.run("rev-parse", f"{ref}^{{commit}}").strip()

    def files(self, ref, prefix):
        """(path, blob id) of the .py files under prefix at ref."""
        out = []
        for line in self.run("ls-tree", "-r", ref, "--", prefix).splitlines():
            meta, path = line.split("\t", 1)
            if path.endswith(".py"):
                out.append((path, meta.split()[2]))
        return out

    def blob(self, oid):
        self.cat.stdin.write(oid.encode() + b"\n")
        self.cat.stdin.flush()
        header = self.cat.stdout.readline().split()
        size = int(header[2])
        data = self.cat.stdout.read(size + 1)[:-1]
        return data.decode("utf-8", "replace")


def parse(src):
    try:
        return ast.parse(src)
    except SyntaxError:
        return None


def class_fields(tree):
    """{class name: (base names, [field names])} for the module's top-level classes."""
    out = {}
    for node in tree.body if tree else []:
        if isinstance(node, ast.ClassDef):
            names = [s.target.id for s in node.body
                     if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)
                     and not s.target.id.startswith("_")
                     and not ast.unparse(s.annotation).startswith("ClassVar")]
            bases = [ast.unparse(b).split(".")[-1] for b in node.bases]
            out[node.name] = (bases, names, node)
    return out


def version_label(tag):
    return tag.lstrip("v")


def refs_with_head(repo, tags, name):
    """Release tags, then the commit the committed schema follows when it is newer than the last tag."""
    fw = schema(name)["x-framework"]
    refs = [(version_label(t), t) for t in tags]
    if repo.commit(fw["commit"]) != repo.commit(tags[-1]):
        label = re.match(r"v?[\d.]+(?:\.?dev\d*)?", fw["version"]).group(0).rstrip(".")
        if label == refs[-1][0]:
            label += "+" + fw["commit"][:7]
        refs.append((label, fw["commit"]))
    return refs


def compact(per_release, labels):
    """{name: set of release indices} -> {name: [first, last]} for names missing from some release."""
    n = len(labels)
    out = {}
    for name, seen in sorted(per_release.items()):
        if len(seen) == n:
            continue
        out[name] = [min(seen), max(seen)]
    return out


def collect(sets_by_release):
    per = {}
    for i, names in enumerate(sets_by_release):
        for name in names:
            per.setdefault(name, set()).add(i)
    return per


def schema(name):
    with open(os.path.join(ROOT, "schemas", f"{name}.schema.json"), encoding="utf-8") as f:
        return json.load(f)


def renames(sch):
    props = sch.get("properties", {})
    return {k: v["x-renamedTo"] for k, v in sorted(props.items()) if isinstance(v, dict) and v.get("x-renamedTo")}


def llamafactory(repo):
    tags = refs_with_head(repo, repo.tags((0, 1, 0)), "llamafactory")
    keys, templates = [], []
    for _, t in tags:
        ks, ts = set(), set()
        for path, oid in repo.files(t, "src"):
            if "/hparams/" in path:
                for _, (_, names, _) in class_fields(parse(repo.blob(oid))).items():
                    ks.update(names)
            elif path.endswith("/data/template.py") or path.endswith("/extras/template.py"):
                ts.update(re.findall(r"register_template\(\s*name\s*=\s*\"([^\"]+)\"", repo.blob(oid)))
        keys.append(ks)
        templates.append(ts)
    sch = schema("llamafactory")
    # Keys transformers' TrainingArguments owns follow the transformers release, not LLaMA-Factory's.
    tf_owned = {k for k, v in sch["properties"].items() if v.get("x-argumentGroup") == "TrainingArguments"}
    per = {k: s for k, s in collect(keys).items() if k not in tf_owned or len(s) == len(tags)}
    return {
        "releases": [label for label, _ in tags],
        "commits": {label: repo.commit(t) for label, t in tags},
        "keys": compact(per, tags),
        "values": {"template": compact(collect(templates), tags)},
        "renamed": renames(sch),
    }


# LLaMA-Factory v1 (USE_V1=1) reads its own dataclasses, src/llamafactory/v1/config/*_args.py, first
# tagged in v0.9.4. Its arg_parser raises on unknown keys unless ALLOW_EXTRA_KEYS is set ("Some specified
# arguments are not used by the HfArgumentParser", v1/config/arg_parser.py:69-72 at v0.9.4, :55-58 at
# v0.9.5). Renamed, with the same meaning: DataArguments.dataset "Path to the dataset."
# (v1/config/data_args.py:21 at v0.9.4) became train_dataset (data_args.py:21 at v0.9.5).
V1_RENAMED = {"dataset": "train_dataset"}


def llamafactory_v1(repo):
    refs = [(label, t) for label, t in refs_with_head(repo, repo.tags((0, 9, 4)), "llamafactory-v1")
            if repo.files(t, "src/llamafactory/v1/config")]
    keys = []
    for _, t in refs:
        ks = set()
        for _, oid in repo.files(t, "src/llamafactory/v1/config"):
            for _, (_, names, _) in class_fields(parse(repo.blob(oid))).items():
                ks.update(names)
        keys.append(ks)
    return {
        "releases": [label for label, _ in refs],
        "commits": {label: repo.commit(t) for label, t in refs},
        "note": "v1 config first tagged in 0.9.4 (src/llamafactory/v1/config); older releases have no v1",
        "keys": compact(collect(keys), refs),
        "renamed": V1_RENAMED,
    }


TRL_CLASSES = {"SFTConfig", "DPOConfig", "GRPOConfig", "KTOConfig", "RewardConfig", "RLOOConfig", "ORPOConfig",
               "CPOConfig", "ModelConfig", "ScriptArguments", "GRPOScriptArguments", "DatasetMixtureConfig",
               "ModelArguments", "SFTScriptArguments", "DPOScriptArguments", "BaseConfig", "_BaseConfig",
               "SftScriptArguments", "DpoScriptArguments"}


def trl(repo):
    tags = refs_with_head(repo, repo.tags((0, 8, 6)), "trl")
    keys = []
    for _, t in tags:
        ks = set()
        for path, oid in repo.files(t, "trl"):
            src = repo.blob(oid)
            if not any(c in src for c in TRL_CLASSES):
                continue
            for name, (_, names, _) in class_fields(parse(src)).items():
                if name in TRL_CLASSES:
                    ks.update(names)
        keys.append(ks)
    sch = schema("trl")
    tf = {k for k, v in sch["properties"].items()
          if "transformers.TrainingArguments" in (v.get("x-definedIn") or [])}
    per = {k: s for k, s in collect(keys).items() if k not in tf}
    return {
        "releases": [label for label, _ in tags],
        "commits": {label: repo.commit(t) for label, t in tags},
        "keys": compact(per, tags),
        "renamed": renames(sch),
    }


PEFT_TYPE = re.compile(r"self\.peft_type\s*=\s*PeftType\.(\w+)")


def peft(repo):
    tags = refs_with_head(repo, repo.tags((0, 3, 0)), "peft")
    by_type = []
    for _, t in tags:
        classes = {}
        for path, oid in repo.files(t, "src/peft"):
            src = repo.blob(oid)
            if "Config" not in src:
                continue
            for name, (bases, names, node) in class_fields(parse(src)).items():
                if name.endswith("Config") or name.endswith("ConfigMixin"):
                    m = PEFT_TYPE.search(ast.unparse(node))
                    classes[name] = (bases, names, m.group(1) if m else None)

        def fields(name, depth=0):
            if name not in classes or depth > 8:
                return set()
            bases, names, _ = classes[name]
            out = set(names)
            for b in bases:
                out |= fields(b, depth + 1)
            return out

        types = {}
        for name, (_, _, ptype) in classes.items():
            if ptype:
                types.setdefault(ptype, set()).update(fields(name))
        by_type.append(types)
    out = {}
    for ptype in sorted({p for types in by_type for p in types}):
        present = [i for i, types in enumerate(by_type) if ptype in types]
        keys = collect([by_type[i].get(ptype, set()) if i in present else set() for i in range(len(tags))])
        # A key is judged within the releases that have the PEFT type at all.
        out[ptype] = {"first": min(present), "last": max(present),
                      "keys": {k: [min(s), max(s)] for k, s in sorted(keys.items())
                               if len(s) != len(present)}}
    return {
        "releases": [label for label, _ in tags],
        "commits": {label: repo.commit(t) for label, t in tags},
        "types": out,
    }


def axolotl(repo):
    # From v0.5.0: v0.4.0 checks a plain dict in src/axolotl/utils/config.py and declares no config class,
    # so its key set would be empty and every key would read as "added in 0.5.0".
    tags = refs_with_head(repo, repo.tags((0, 5, 0)), "axolotl")
    keys = []
    for _, t in tags:
        ks = set()
        for prefix in ("src/axolotl/utils/config/models/input", "src/axolotl/utils/schemas",
                       "src/axolotl/integrations"):
            for path, oid in repo.files(t, prefix):
                if prefix.endswith("integrations") and not path.endswith("/args.py"):
                    continue
                for _, (_, names, _) in class_fields(parse(repo.blob(oid))).items():
                    ks.update(names)
        keys.append(ks)
    sch = schema("axolotl")
    return {
        "releases": [label for label, _ in tags],
        "commits": {label: repo.commit(t) for label, t in tags},
        "keys": compact(collect(keys), tags),
        "renamed": renames(sch),
    }


def module_of(path):
    mod = path[:-3].replace("/", ".")
    return mod[: -len(".__init__")] if mod.endswith(".__init__") else mod


def torchtune(repo):
    refs = refs_with_head(repo, repo.tags((0, 1, 0)), "torchtune")
    sets = []
    for _, ref in refs:
        paths = set()
        for path, oid in repo.files(ref, "torchtune"):
            tree = parse(repo.blob(oid))
            if not tree:
                continue
            mod = module_of(path)
            for node in tree.body:
                if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("_"):
                    paths.add(f"{mod}.{node.name}")
                elif isinstance(node, ast.ImportFrom) and path.endswith("__init__.py"):
                    for a in node.names:
                        name = a.asname or a.name
                        if name != "*" and not name.startswith("_"):
                            paths.add(f"{mod}.{name}")
        sets.append(paths)
    labels = [label for label, _ in refs]
    components = compact(collect(sets), labels)
    last = len(labels) - 1
    # A path gone from the newest release whose name lives on elsewhere: the shortest such path that
    # appeared after it, in the newest release (torchtune.utils.FullModelHFCheckpointer ->
    # torchtune.training.FullModelHFCheckpointer in 0.3).
    moved = {}
    for p, (first, end) in components.items():
        if end == last:
            continue
        name = p.rsplit(".", 1)[1]
        later = [q for q in sets[last] if q.rsplit(".", 1)[1] == name and q != p
                 and components.get(q, [0, last])[0] > first]
        if later:
            # Public paths first (no `._private` module on the way), then the shortest.
            moved[p] = min(later, key=lambda q: ("._" in q, q.count("."), q))
    return {
        "releases": labels,
        "commits": {label: repo.commit(ref) for label, ref in refs},
        "note": "0.7.0 = main at the torchtune schema's commit (no v0.7.0 tag; development stopped 2025-07-15)",
        "components": components,
        "movedTo": dict(sorted(moved.items())),
    }


def main():
    """Regenerates every framework, or only those named after OUT.json (the others are kept as they are)."""
    mirrors, out, only = sys.argv[1], sys.argv[2], sys.argv[3:]
    repos = {
        "llamafactory": ("hiyouga+LLaMA-Factory", llamafactory),
        "llamafactory-v1": ("hiyouga+LLaMA-Factory", llamafactory_v1),
        "trl": ("huggingface+trl", trl),
        "peft": ("huggingface+peft", peft),
        "axolotl": ("axolotl-ai-cloud+axolotl", axolotl),
        "torchtune": ("pytorch+torchtune", torchtune),
    }
    data = {"generatedBy": "scripts/schema-tools/releases/gen_releases.py"}
    if only:
        with open(out, encoding="utf-8") as f:
            old = json.load(f)
    for name, (mirror, fn) in repos.items():
        if only and name not in only:
            if name in old:
                data[name] = old[name]
            continue
        data[name] = fn(Repo(os.path.join(mirrors, mirror, "repo")))
        print(name, len(data[name]["releases"]), "releases", file=sys.stderr)
    with open(out, "w", encoding="utf-8") as f:
        json.dump(data, f, separators=(",", ":"), sort_keys=False)
        f.write("\n")


if __name__ == "__main__":
    main()
