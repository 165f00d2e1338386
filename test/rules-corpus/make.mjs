// Writes the rules corpus: one broken config per rule (test/rules-corpus/<framework>/<rule>.<ext>)
// and manifest.json with the line the finding must be on, its severity, and `accept`: the keys to
// change (null = remove) so that the framework accepts the config. The line is where the flagged key
// is written, found in the text here. Run: node test/rules-corpus/make.mjs (then commit the output).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SPECS as PEFT } from './spec-peft.mjs';
import { AXOLOTL, LLAMAFACTORY, TORCHTUNE, TRL } from './spec-launch.mjs';
import { LLAMAFACTORY_2 } from './spec-llamafactory2.mjs';
import { AXOLOTL_LEDGER } from './spec-axolotl-ledger.mjs';
import { AXOLOTL_TRAINING_ARGS } from './spec-axolotl-trainingargs.mjs';
import { TRAINING_ARGS } from './spec-trainingargs.mjs';
import { TORCHTUNE_COMPONENTS } from './spec-torchtune-components.mjs';
import { MODEL_FACTS } from './spec-model-facts.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const manifest = [];
const yamlScalar = (v) => (typeof v === 'string' && !/^[\w./-]+$/.test(v) ? JSON.stringify(v) : v === null ? 'null' : String(v));
function toYaml(obj, indent = '') {
  return Object.entries(obj).map(([k, v]) => {
    if (Array.isArray(v)) return v.length === 0 ? `${indent}${k}: []\n` : `${indent}${k}:\n${v.map((x) => (x && typeof x === 'object' ? `${indent}  - ${toYaml(x, `${indent}    `).trimStart()}` : `${indent}  - ${yamlScalar(x)}\n`)).join('')}`;
    if (v && typeof v === 'object') return `${indent}${k}:\n${toYaml(v, `${indent}  `)}`;
    return `${indent}${k}: ${yamlScalar(v)}\n`;
  }).join('');
}
/** 1-based line where `path` (dotted) is written. */
function lineOf(text, path, json) {
  const lines = text.split('\n');
  let from = 0;
  for (const part of path.split('.')) {
    const re = json ? new RegExp(`^\\s*"${part}":`) : new RegExp(`^\\s*(- )?${part}:`);
    const i = lines.findIndex((l, n) => n >= from && re.test(l));
    if (i < 0) throw new Error(`${path} not in text`);
    from = i;
  }
  return from + 1;
}
for (const [framework, specs, ext] of [['peft', PEFT, 'json'], ['axolotl', [...AXOLOTL, ...AXOLOTL_LEDGER, ...MODEL_FACTS, ...AXOLOTL_TRAINING_ARGS], 'yaml'], ['llamafactory', [...LLAMAFACTORY, ...LLAMAFACTORY_2], 'yaml'], ['torchtune', [...TORCHTUNE, ...TORCHTUNE_COMPONENTS], 'yaml'], ['trl', [...TRL, ...TRAINING_ARGS], 'yaml']]) {
  for (const s of specs) {
    const json = ext === 'json';
    const text = json ? `${JSON.stringify(s.config, null, 2)}\n` : toYaml(s.config);
    const file = `${framework}/${s.rule}.${ext}`;
    mkdirSync(join(here, framework), { recursive: true });
    writeFileSync(join(here, file), text);
    manifest.push({ file, rule: s.rule, severity: s.severity, line: lineOf(text, s.at, json), accept: s.accept });
  }
}
writeFileSync(join(here, 'manifest.json'), `[\n${manifest.map((m) => `  ${JSON.stringify(m)}`).join(',\n')}\n]\n`);
console.log(`${manifest.length} configs`);
