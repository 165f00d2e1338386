// The rule ledgers (src/core/validate/ledger): every site the framework raises, warns or overrides
// at has an implemented rule (a code rule, a compiled schema x-rule, or a schema constraint that
// exists) or a needs-runtime reason; every code rule of a ledgered dialect is in its ledger.
import * as assert from 'node:assert/strict';
import { availableDialects, dialectSchema, RULES } from '../../src/core/validate';
import { LEDGERS, ledgerCounts, type Ledger } from '../../src/core/validate/ledger';
import type { DialectId } from '../../src/core/dialects';

/** Dialect whose rules each ledger's sites point at. */
const DIALECT: Record<string, DialectId> = {
  peft: 'peft',
  trl: 'trl',
  llamafactory: 'llamafactory',
  'llamafactory-v1': 'llamafactory-v1',
  axolotl: 'axolotl',
  // TrainingArguments YAML is the trl dialect; LLaMA-Factory runs the version-stable rules too.
  transformers: 'trl',
  torchtune: 'torchtune',
};

function pointer(root: unknown, ptr: string): unknown {
  let at = root;
  for (const part of ptr.split('/').slice(1)) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return at;
}

/** True when `rule` names something that runs: a code rule, a compiled x-rule, or a schema constraint. */
function implemented(rule: string, dialect: DialectId): boolean {
  const m = /^schema:([\w-]+)#(\/.*)$/.exec(rule);
  if (m) {
    const ds = dialectSchema(m[1] as DialectId);
    return !!ds && pointer(ds.schema, m[2]) !== undefined;
  }
  if (RULES.some((r) => r.id === rule && r.dialects.includes(dialect))) return true;
  return !!dialectSchema(dialect)?.rules.get(rule)?.check;
}

describe('validate: rule ledgers', () => {
  it('covers the frameworks it names with a pinned commit', () => {
    assert.deepEqual(
      LEDGERS.map((l) => l.framework),
      ['peft', 'trl', 'llamafactory', 'llamafactory-v1', 'axolotl', 'transformers', 'torchtune'],
    );
    for (const l of LEDGERS) assert.match(l.commit, /^([0-9a-f]{40}|v\d+\.\d+\.\d+)$/);
    assert.ok(availableDialects().includes('peft'));
  });
  for (const l of LEDGERS as Ledger[]) {
    const dialect = DIALECT[l.framework];
    it(`${l.framework}: every site is implemented or needs the runtime, and is written as file:line`, () => {
      const bad = l.sites.filter(
        (s) =>
          !/^[\w./-]+\.py:\d+$/.test(s.site) ||
          !['raise', 'warn', 'override'].includes(s.kind) ||
          !s.quote ||
          (s.rule ? !implemented(s.rule, dialect) : !(s.needsRuntime && s.needsRuntime.length > 10)),
      );
      assert.deepEqual(
        bad.map((s) => `${s.site} -> ${s.rule ?? 'needsRuntime?'}`),
        [],
      );
    });
    it(`${l.framework}: no site is listed twice`, () => {
      const seen = l.sites.map((s) => s.site);
      assert.deepEqual(
        seen.filter((s, i) => seen.indexOf(s) !== i),
        [],
      );
    });
    it(`${l.framework}: every code rule of the dialect is in the ledger`, () => {
      const listed = new Set([...l.sites.map((s) => s.rule), ...(l.advisory ?? []).map((a) => a.rule)]);
      // Rules sourced from transformers TrainingArguments belong to the transformers ledger; Trainer's to none yet.
      const fromTf = (r: (typeof RULES)[number]): boolean => r.source.startsWith('transformers');
      const own = RULES.filter(
        (r) =>
          r.dialects.includes(dialect) &&
          (l.framework === 'transformers' ? fromTf(r) && r.source.includes('TrainingArguments') : !fromTf(r)),
      );
      assert.deepEqual(
        own.filter((r) => !listed.has(r.id)).map((r) => r.id),
        [],
      );
    });
  }
  it('reports sites / implemented / needs runtime per framework', () => {
    const counts = Object.fromEntries(LEDGERS.map((l) => [l.framework, ledgerCounts(l)]));
    for (const [fw, c] of Object.entries(counts))
      console.log(
        `      ledger ${fw}: ${c.sites} sites, ${c.implemented} implemented, ${c.needsRuntime} need runtime`,
      );
    assert.deepEqual(counts, {
      peft: { sites: 174, implemented: 141, needsRuntime: 33 },
      trl: { sites: 40, implemented: 36, needsRuntime: 4 },
      llamafactory: { sites: 144, implemented: 94, needsRuntime: 50 },
      'llamafactory-v1': { sites: 7, implemented: 7, needsRuntime: 0 },
      axolotl: { sites: 350, implemented: 289, needsRuntime: 61 },
      transformers: { sites: 53, implemented: 39, needsRuntime: 14 },
      torchtune: { sites: 16, implemented: 10, needsRuntime: 6 },
    });
  });
  it('rejects a site that has neither a rule nor a reason (the check can fail)', () => {
    assert.equal(implemented('no-such-rule', 'peft'), false);
    assert.equal(implemented('schema:peft#/definitions/LORA/properties/no_such_key/minimum', 'peft'), false);
    assert.equal(implemented('schema:peft#/definitions/LORA/properties/r/minimum', 'peft'), true);
  });
});
