import os
W = os.environ.get('SCHEMA_WORK', '/work/scratch')  # extracted sources and intermediate JSON
M = os.environ.get('SCHEMA_MIRRORS', '/work/.mirror')  # git mirrors of the framework repositories

import subprocess, ast, json, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from extract import field_info
R = (M + '/huggingface+trl/repo')
WANT = {'SFTConfig', 'DPOConfig', 'GRPOConfig', 'KTOConfig', 'RewardConfig', 'RLOOConfig', 'ORPOConfig', 'CPOConfig', 'ModelConfig', 'ScriptArguments', 'GRPOScriptArguments', 'DatasetMixtureConfig', 'ModelArguments', 'SFTScriptArguments', 'DPOScriptArguments'}
tags = ['v0.8.6', 'v0.9.6', 'v0.10.1', 'v0.11.4', 'v0.12.2', 'v0.13.0', 'v0.14.0', 'v0.15.2', 'v0.16.1', 'v0.17.0', 'v0.18.2', 'v0.19.1', 'v0.20.0', 'v0.21.0', 'v0.22.2', 'v0.23.1', 'v0.24.0', 'v0.25.1', 'v0.26.2', 'v0.27.2', 'v0.28.0', 'v0.29.1', 'v1.0.0', 'v1.2.0', 'v1.4.0', 'v1.6.0', 'v1.8.0', 'v1.9.0']
hist = {}
for t in tags:
    files = subprocess.run(['git', '-C', R, 'ls-tree', '-r', '--name-only', t, 'trl'], capture_output=True, text=True).stdout.split()
    for f in files:
        if not f.endswith('.py'): continue
        src = subprocess.run(['git', '-C', R, 'show', f'{t}:{f}'], capture_output=True, text=True).stdout
        if not any(w in src for w in WANT): continue
        try: tree = ast.parse(src)
        except Exception: continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and node.name in WANT:
                for s in node.body:
                    if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name):
                        fi = field_info(s, src)
                        h = hist.setdefault(node.name, {}).setdefault(fi['name'], {'first': t, 'last': t, 'info': fi, 'file': f})
                        h['last'] = t; h['info'] = fi
json.dump(hist, open((W + '/trl_hist.json'), 'w'), indent=1)
cur = json.load(open((W + '/trl_fields.json')))
for cls, fs in hist.items():
    curn = {f['name'] for f in cur.get(cls, {}).get('fields', [])}
    gone = [(n, v['first'], v['last']) for n, v in fs.items() if n not in curn]
    print(cls, gone)
