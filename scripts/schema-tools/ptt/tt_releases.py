"""torchtune `_component_` table per release: which dotted paths exist, their keyword arguments (required /
optional, **kwargs), and what the built-in recipes pass to config.instantiate themselves.

Writes src/core/validate/torchtune/componentsData.ts (a JSON string the validator parses on first use).
Usage: python3 tt_releases.py <torchtune git dir> <out.ts>
Each release is exported with `git archive` and read by tt_components.py (the same extraction the
schema uses); recipes/**/*.py are parsed with ast for `config.instantiate(cfg.X, *args, **kw)`.
"""
import ast, json, os, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
# (release, ref): the tagged releases where paths moved, and the commit the torchtune schema pins.
RELEASES = [('0.2.1', 'v0.2.1'), ('0.3.1', 'v0.3.1'), ('0.4.0', 'v0.4.0'), ('0.5.0', 'v0.5.0'),
            ('0.6.1', 'v0.6.1'), ('0.7.0', 'bd2a0fc7c31430972728494fa01aaeeb0ebf1ba1')]
PINNED = '0.7.0'


def export(git, ref, dest):
    tar = subprocess.run(['git', '--git-dir', git, 'archive', ref, 'torchtune', 'recipes'], check=True,
                         capture_output=True).stdout
    subprocess.run(['tar', '-x', '-C', dest], input=tar, check=True)


def components(work):
    subprocess.run([sys.executable, os.path.join(HERE, 'tt_components.py')], check=True,
                   env={**os.environ, 'SCHEMA_WORK': work}, capture_output=True)
    return json.load(open(os.path.join(work, 'tt_components.json')))


def nested_imports(root):
    """Names a module imports inside a top-level if/try (`if torchao_version >= ...: from torchao... import X`):
    tt_components.py reads top-level imports only, but these are importable paths too."""
    out = set()
    for dp, _, fs in os.walk(os.path.join(root, 'torchtune')):
        for fn in fs:
            if not fn.endswith('.py'):
                continue
            p = os.path.join(dp, fn)
            mod = p[len(root) + 1:-3].replace('/', '.')
            mod = mod[:-9] if mod.endswith('.__init__') else mod
            try:
                tree = ast.parse(open(p).read())
            except SyntaxError:
                continue
            stack = [n for n in tree.body if isinstance(n, (ast.If, ast.Try))]
            while stack:
                n = stack.pop()
                for child in ast.iter_child_nodes(n):
                    if isinstance(child, (ast.If, ast.Try, ast.ExceptHandler)):
                        stack.append(child)
                    elif isinstance(child, ast.ImportFrom):
                        out.update(f'{mod}.{a.asname or a.name}' for a in child.names)
    return out


def section_of(node):
    """`cfg.optimizer` / `cfg_optimizer` / `single_cfg_dataset` -> the config section name."""
    if isinstance(node, ast.Attribute) and isinstance(node.value, (ast.Name, ast.Attribute)):
        return node.attr
    if isinstance(node, ast.Name) and 'cfg_' in node.id:
        return node.id.split('cfg_')[-1]
    return None


def recipe_supplies(root, supplied):
    """section -> [positional count, sorted keyword names] the recipes pass besides the config."""
    for dp, _, fs in os.walk(os.path.join(root, 'recipes')):
        for fn in fs:
            if not fn.endswith('.py'):
                continue
            try:
                tree = ast.parse(open(os.path.join(dp, fn)).read())
            except SyntaxError:
                continue
            for n in ast.walk(tree):
                if not (isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == 'instantiate'
                        and getattr(n.func.value, 'id', None) == 'config' and n.args):
                    continue
                sec = section_of(n.args[0])
                if not sec:
                    continue
                pos, kws = supplied.setdefault(sec, [0, set()])
                supplied[sec][0] = max(pos, len(n.args) - 1)
                kws.update(k.arg for k in n.keywords if k.arg)


def signature(d):
    """'req,req;opt,opt;*' ('*' = takes **kwargs; '?' = unknown, e.g. a class without its own __init__)."""
    if d.get('params') is None:
        return '?'
    req = [p['name'] for p in d['params'] if p.get('required')]
    opt = [p['name'] for p in d['params'] if not p.get('required')]
    return f"{','.join(req)};{','.join(opt)};{'*' if d.get('varkw') else ''}"


def main(git, out):
    sigs, index, paths, supplied = [], {}, {}, {}
    for bit, (release, ref) in enumerate(RELEASES):
        with tempfile.TemporaryDirectory() as work:
            root = os.path.join(work, 'tt')
            os.makedirs(root)
            export(git, ref, root)
            c = components(work)
            recipe_supplies(root, supplied)
            nested = nested_imports(root)
        entries = {p: signature(c['defs'][r]) for p, r in c['public'].items()}
        entries.update({p: '?' for p in c['external']})
        entries.update({p: '?' for p in nested if p not in entries and not p.split('.')[-1].startswith('_')})
        for p, s in entries.items():
            if s not in index:
                index[s] = len(sigs)
                sigs.append(s)
            runs = paths.setdefault(p, [])
            i = index[s]
            hit = next((r for r in runs if r[1] == i), None)
            if hit:
                hit[0] |= 1 << bit
            else:
                runs.append([1 << bit, i])
    # Paths through a private module (`torchtune.models.llama3._model_builders.x`) are left out: configs
    # use the public re-export, and componentKnown() answers "unknown" for them rather than "missing".
    public = {p: v for p, v in paths.items() if not any(seg.startswith('_') for seg in p.split('.'))}
    used = sorted({i for v in public.values() for _, i in v})
    renum = {old: new for new, old in enumerate(used)}
    modules = {}
    for p, runs in sorted(public.items()):
        mod, name = p.rsplit('.', 1)
        modules.setdefault(mod, []).append(name + ':' + '|'.join(f'{m}.{renum[i]}' for m, i in runs))
    data = {
        'source': 'pytorch/torchtune ' + ', '.join(f'{r}={ref[:12]}' for r, ref in RELEASES),
        'releases': [r for r, _ in RELEASES],
        'pinned': PINNED,
        'sigs': [sigs[i] for i in used],
        'modules': {m: ' '.join(names) for m, names in modules.items()},
        'supplied': {s: [n, sorted(k)] for s, (n, k) in sorted(supplied.items())},
    }
    text = json.dumps(data, separators=(',', ':'))
    with open(out, 'w') as f:
        f.write('// Generated by scripts/schema-tools/ptt/tt_releases.py from pytorch/torchtune; do not edit.\n')
        f.write('// modules: module -> "name:MASK.SIG|MASK.SIG ..." (MASK: bit i = releases[i] has it; SIG: index\n')
        f.write('// into sigs, "required;optional;*" where "*" takes **kwargs and "?" is unknown).\n')
        f.write('// A string, parsed on first use, so loading the validator does not build the table.\n')
        f.write(f'export const TORCHTUNE_COMPONENTS_JSON = {json.dumps(text)};\n')
    print(f'{len(public)} public paths, {len(used)} signatures, {len(text)} chars')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
