// Writes oracle specs for scripts/oracle/peft_count.py from catalog models, so the oracle counts the very
// config.json the estimator reads. Needs `npm run compile-tests` first (it imports the compiled catalog).
//
//   node scripts/oracle/specs.mjs plan.json > specs.json
//
// plan.json: {"models": [{"id": "<catalog id>", "auto_class": "AutoModelForCausalLM"}],
//             "cases": [{"tag": "lora_r16_all_linear", "peft": {"peft_type": "LORA", ...}, "task_type": "CAUSAL_LM"}]}
// A model not in the catalog may be given by hand: {"id", "auto_class", "source", "config": {...}} with
// `config` a published config.json's fields and `source` the citable copy it was read from.
// A model may carry its own "cases" too (a target regex naming its module prefix), run after the shared ones.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { findCatalogModel } = require('../../out/src/core/models/catalog.js');

const plan = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const specs = [];
for (const m of plan.models) {
  const entry = m.config ? { id: m.id, source: m.source, config: m.config } : findCatalogModel(m.id);
  if (!entry) throw new Error(`not in the catalog: ${m.id}`);
  if (!entry.source) throw new Error(`${m.id}: a hand-written model names its source`);
  const model = {
    name: m.id,
    hf_reference: entry.id,
    source: entry.source,
    auto_class: m.auto_class,
    ...entry.config,
  };
  for (const c of [...(plan.cases ?? []), ...(m.cases ?? [])])
    specs.push({ id: `${m.id}__${c.tag}`, model, peft: c.peft, task_type: c.task_type ?? null });
}
process.stdout.write(JSON.stringify(specs, null, 1) + '\n');
