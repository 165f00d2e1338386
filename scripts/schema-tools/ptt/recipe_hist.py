import os
W = os.environ.get('SCHEMA_WORK', '/work/scratch')  # extracted sources and intermediate JSON
M = os.environ.get('SCHEMA_MIRRORS', '/work/.mirror')  # git mirrors of the framework repositories

import subprocess, ast, json, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from extract import field_info
out = {}
for repo, path in (('huggingface+alignment-handbook', 'src/alignment/configs.py'), ('huggingface+open-r1', 'src/open_r1/configs.py'), ('huggingface+open-r1', 'src/open_r1/grpo.py'), ('huggingface+open-r1', 'src/open_r1/sft.py')):
    R = f'{M}/{repo}/repo'
    commits = subprocess.run(['git', '-C', R, 'log', '--format=%H %cs', '--', path], capture_output=True, text=True).stdout.split('\n')
    for line in commits:
        if not line: continue
        c, date = line.split()
        src = subprocess.run(['git', '-C', R, 'show', f'{c}:{path}'], capture_output=True, text=True).stdout
        try: tree = ast.parse(src)
        except Exception: continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                for s in node.body:
                    if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name):
                        fi = field_info(s, src)
                        key = fi['name']
                        if key not in out:
                            out[key] = {'repo': repo.split('+')[1], 'class': node.name, 'last_seen': date, 'commit': c, 'info': fi}
json.dump(out, open((W + '/recipe_hist.json'), 'w'), indent=1)
print(len(out), sorted(out))
