import os
W = os.environ.get('SCHEMA_WORK', '/work/scratch')  # extracted sources and intermediate JSON
M = os.environ.get('SCHEMA_MIRRORS', '/work/.mirror')  # git mirrors of the framework repositories

import subprocess, ast, json, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from extract import field_info
R=(M + '/huggingface+peft/repo')
tags = ['v0.1.0','v0.2.0','v0.3.0','v0.4.0','v0.5.0','v0.6.2','v0.7.1','v0.8.2','v0.9.0','v0.10.0','v0.11.1','v0.12.0','v0.13.2','v0.14.0','v0.15.2','v0.16.0','v0.17.1','v0.18.1','v0.19.1','v0.20.0']
hist = {}
for t in tags:
    files = subprocess.run(['git','-C',R,'ls-tree','-r','--name-only',t,'src/peft'],capture_output=True,text=True).stdout.split()
    for f in files:
        if not f.endswith('.py'): continue
        src = subprocess.run(['git','-C',R,'show',f'{t}:{f}'],capture_output=True,text=True).stdout
        if 'Config' not in src: continue
        try: tree = ast.parse(src)
        except Exception: continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and node.name.endswith('Config'):
                bases=[ast.get_source_segment(src,b) for b in node.bases]
                for s in node.body:
                    if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name):
                        fi = field_info(s, src)
                        h = hist.setdefault(node.name, {}).setdefault(fi['name'], {'first': t, 'last': t, 'info': fi})
                        h['last'] = t; h['info'] = fi
                hist.setdefault(node.name, {})['__bases__'] = {'first':t,'last':t,'info':bases}
    # peft types
    src = subprocess.run(['git','-C',R,'show',f'{t}:src/peft/utils/peft_types.py'],capture_output=True,text=True).stdout or subprocess.run(['git','-C',R,'show',f'{t}:src/peft/utils/config.py'],capture_output=True,text=True).stdout
    import re
    for m in re.findall(r'^\s+([A-Z_0-9]+) = "([A-Z_0-9]+)"', src, re.M):
        h = hist.setdefault('__PeftType__', {}).setdefault(m[1], {'first': t, 'last': t}); h['last']=t
json.dump(hist, open((W + '/peft_hist.json'),'w'), indent=1)
cur = json.load(open((W + '/peft_fields.json')))
for cls, fields in hist.items():
    if cls == '__PeftType__':
        for k,v in fields.items():
            if v['last'] != 'v0.20.0': print('TYPE', k, v)
        continue
    curnames = {f['name'] for f in cur.get(cls, {}).get('fields', [])}
    for name, v in fields.items():
        if name == '__bases__': continue
        if v['last'] != 'v0.20.0' or (cls in cur and name not in curnames):
            print(cls, name, v['first'], v['last'], v['info'].get('annotation'), v['info'].get('default'))
