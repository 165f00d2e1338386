// The dialect plug-in registry (src/core/dialects): one entry per dialect, and every table that used
// to be keyed by dialect id elsewhere now read from it.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  DIALECT_PLUGINS,
  DIALECTS,
  dialectPlugin,
  detectDialect,
  isDialectId,
  mapDialectConfig,
} from '../../src/core/dialects';
import { APPLY_KEYS } from '../../src/core/panel/applyKeys';
import { availableDialects, dialectSchema } from '../../src/core/validate/registry';
import { RULES, rulesFor } from '../../src/core/validate/rules';

const root = resolve(__dirname, '../../..');

describe('dialects: the plug-in registry', () => {
  it('lists each dialect once, in UI order, with its label', () => {
    assert.deepEqual(
      DIALECTS.map((d) => d.id),
      [
        'axolotl',
        'llamafactory',
        'llamafactory-v1',
        'trl',
        'peft',
        'adapterhub',
        'torchtune',
        'wandb-sweep',
        'mergekit',
        'deepspeed',
        'accelerate',
      ],
    );
    for (const d of DIALECTS) assert.equal(dialectPlugin(d.id).label, d.label);
    assert.ok(isDialectId('torchtune'));
    assert.ok(!isDialectId('toString'), 'no prototype key passes as a dialect');
    assert.ok(!isDialectId('megatron'));
  });

  it('each schema id names a compiled validator whose x-loader is the plug-in loader', () => {
    for (const p of DIALECT_PLUGINS) {
      if (!p.schemaId) continue;
      assert.ok(availableDialects().includes(p.schemaId), `${p.id}: no validator ${p.schemaId}`);
      assert.equal(dialectSchema(p.schemaId)?.loader, p.loader, p.id);
    }
  });

  it('every cross-field rule belongs to a plug-in, and a plug-in runs exactly the rules naming it', () => {
    for (const p of DIALECT_PLUGINS) {
      assert.deepEqual(
        p.rules.filter((r) => r.dialects.includes(p.id)).map((r) => r.id),
        rulesFor(p.id).map((r) => r.id),
        p.id,
      );
    }
    const owned = new Set(DIALECT_PLUGINS.flatMap((p) => p.rules.filter((r) => r.dialects.includes(p.id))));
    assert.deepEqual(
      RULES.filter((r) => !owned.has(r)).map((r) => r.id),
      [],
    );
  });

  it('apply-back keys come from the plug-ins; a validate-only dialect has none', () => {
    assert.deepEqual(APPLY_KEYS.axolotl?.rank, { paths: [['lora_r']] });
    assert.deepEqual(APPLY_KEYS.llamafactory?.targetModules, { paths: [['lora_target']], list: 'csv' });
    assert.deepEqual(APPLY_KEYS.adapterhub, {});
  });

  it('snippet prefixes match the shipped snippets', () => {
    const prefixes = ['yaml', 'json'].flatMap((k) =>
      Object.values(
        JSON.parse(readFileSync(resolve(root, `snippets/${k}.code-snippets`), 'utf8')) as {
          prefix: string;
        }[],
      ).map((s) => s.prefix),
    );
    for (const p of DIALECT_PLUGINS) {
      if (p.snippetPrefix)
        assert.ok(
          prefixes.some((x) => x.startsWith(p.snippetPrefix as string)),
          `${p.id}: no snippet starts with ${p.snippetPrefix}`,
        );
    }
    for (const x of prefixes)
      assert.ok(
        DIALECT_PLUGINS.some((p) => p.snippetPrefix && x.startsWith(p.snippetPrefix)),
        `snippet ${x} has no plug-in`,
      );
  });

  it('a file name claimed by two plug-ins is settled by content, else the first claimant', () => {
    assert.deepEqual(detectDialect('{"r": 8}', { fileName: '/a/adapter_config.json' }), {
      dialect: 'peft',
      reason: 'file name adapter_config.json, PEFT adapter config layout (not AdapterHub adapter config)',
    });
    assert.equal(
      detectDialect('{"config": {"reduction_factor": 16}}', { fileName: 'C:\\a\\adapter_config.json' })
        .dialect,
      'adapterhub',
    );
  });

  it('content ties go to the more specific layout (LLaMA-Factory before Axolotl)', () => {
    // stage (3) = sequence_len (3): LLaMA-Factory wins the tie.
    assert.equal(detectDialect('stage: sft\nsequence_len: 10\n').dialect, 'llamafactory');
  });

  it('the estimator mapping goes through the plug-in; v1 keeps its own id', () => {
    assert.equal(
      mapDialectConfig({ model: 'm', peft_config: { name: 'lora', r: 4 } }, 'llamafactory-v1').dialect,
      'llamafactory-v1',
    );
    assert.throws(() => mapDialectConfig('x', 'axolotl'), /must be a mapping/);
  });
});
