// The panel's Sharding control: a what-if ZeRO / FSDP choice over the config's own (or its linked
// DeepSpeed file's) sharding, through the same pipeline input the CLI uses, so the panel's figure is
// `ml-config-lens estimate --devices N` for the same sharding; and where Apply writes the stage.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyzeDocument } from '../../src/core/pipeline';
import { findCatalogModel } from '../../src/core/models/catalog';
import { computePanelModel, whatIfInput, type PanelContext } from '../../src/core/panel/model';
import { seedInputs } from '../../src/core/panel/inputs';
import {
  SHARDING_CHOICES,
  shardingApplyPlan,
  shardingChoiceOf,
  shardingFromChoice,
  shardingOwner,
} from '../../src/core/panel/sharding';
import { parseWebviewMessage } from '../../src/core/panel/protocol';
import { linkReader } from '../../src/io/linked';
import type { PanelInputs } from '../../src/core/panel/types';
import { cliJson } from './surfaces';

const DIR = resolve(__dirname, '../../../test/fixtures/linked');
const LLAMA = findCatalogModel('meta-llama/Llama-3.2-1B')!;
// Llama-3.2-1B full fine-tune: 1,235,814,400 parameters (catalog config.json).
const N = 1_235_814_400;

function panelFor(file: string): { ctx: PanelContext; inputs: PanelInputs } {
  const path = `${DIR}/${file}`;
  const { analysis } = analyzeDocument(
    { text: readFileSync(path, 'utf8'), fileName: path },
    undefined,
    linkReader({ folders: [DIR], roots: [DIR] }),
  );
  assert.ok(analysis?.input);
  const ctx: PanelContext = {
    model: { config: LLAMA.config, label: LLAMA.id },
    input: analysis.input,
    config: analysis.config,
  };
  return { ctx, inputs: seedInputs({ uri: path, input: analysis.input }) };
}

async function cliTotal(file: string): Promise<number> {
  const out = await cliJson([`${DIR}/${file}`, '--devices', '4']);
  assert.equal(out.code, 0, out.err);
  return (out.json as { memory: { totalBytes: number } }).memory.totalBytes;
}

// Per device over 4 under ZeRO-3: bf16 weights 2 B + fp32 master 4 B + bf16 gradients 2 B + Adam m, v
// 8 B per parameter, /4; activations 277,086,208 B and logits 2,626,682,880 B per rank (not divided);
// the gathered units (262,670,336 root + 2 × 60,821,504 layer) × 2 B + one layer's gradients 2 B.
const Z3_ON_4 =
  ((2 + 4 + 2 + 8) * N) / 4 +
  277_086_208 +
  2_626_682_880 +
  (262_670_336 + 2 * 60_821_504) * 2 +
  60_821_504 * 2;

describe('panel: Sharding control', () => {
  it('seeds from the linked DeepSpeed file: full-z3.yml → ds_sharded.json stage 3 reads as zero3', () => {
    assert.equal(panelFor('full-z3.yml').inputs.training.sharding, 'zero3');
    assert.equal(panelFor('full.yml').inputs.training.sharding, 'none');
  });

  it('ZeRO-3 on 4 devices over a config with no sharding = CLI estimate of the linked ZeRO-3 config', async () => {
    const { ctx, inputs } = panelFor('full.yml');
    inputs.training.devices = 4;
    inputs.training.sharding = 'zero3';
    const m = computePanelModel(inputs, ctx);
    assert.equal(m.memory?.totalBytes, Z3_ON_4);
    assert.equal(m.memory?.totalBytes, await cliTotal('full-z3.yml'));
  });

  it('the config linked ZeRO-3 with Devices 4 and Sharding untouched = CLI --devices 4', async () => {
    const { ctx, inputs } = panelFor('full-z3.yml');
    inputs.training.devices = 4;
    assert.equal(whatIfInput(inputs, ctx).training.sharding, ctx.input?.training.sharding);
    assert.equal(computePanelModel(inputs, ctx).memory?.totalBytes, await cliTotal('full-z3.yml'));
  });

  it('Sharding none over the linked ZeRO-3 file = CLI estimate of the unsharded config', async () => {
    const { ctx, inputs } = panelFor('full-z3.yml');
    inputs.training.devices = 4;
    inputs.training.sharding = 'none';
    assert.equal(whatIfInput(inputs, ctx).training.sharding, undefined);
    const total = computePanelModel(inputs, ctx).memory?.totalBytes;
    assert.equal(total, await cliTotal('full.yml'));
    // No DeepSpeed: Axolotl's bf16 model, bf16 gradients and AdamW m, v like the parameter (2 + 2 + 4 B), no fp32 master.
    assert.equal(total, 8 * N + 277_086_208 + 2_626_682_880);
  });

  it('ZeRO-1 and ZeRO-2 divide optimizer states (fp32 master + Adam m, v), then gradients, over 4 devices', () => {
    const { ctx, inputs } = panelFor('full.yml');
    inputs.training.devices = 4;
    const total = (s: string) =>
      computePanelModel({ ...inputs, training: { ...inputs.training, sharding: s } }, ctx).memory?.totalBytes;
    const rest = 277_086_208 + 2_626_682_880;
    assert.equal(total('zero1'), (2 + 2) * N + ((4 + 8) * N) / 4 + rest);
    assert.equal(total('zero2'), 2 * N + ((2 + 4 + 8) * N) / 4 + rest);
  });

  it('every choice reads back as itself; stage 0 reads as none', () => {
    for (const c of SHARDING_CHOICES)
      assert.equal(shardingChoiceOf(shardingFromChoice(c.id, undefined)), c.id, c.id);
    assert.equal(shardingChoiceOf({ framework: 'deepspeed', stage: 0, setting: 'x' }), 'none');
    assert.deepEqual(
      shardingFromChoice('zero3', { framework: 'fsdp', stage: 3, setting: 's', shardDevices: 2 }),
      {
        framework: 'deepspeed',
        stage: 3,
        setting: 'panel Sharding: DeepSpeed ZeRO-3 (+ parameters)',
        shardDevices: 2,
      },
    );
  });

  it('the protocol accepts the choices and rejects anything else', () => {
    const { inputs } = panelFor('full.yml');
    const compute = (sharding: unknown) =>
      parseWebviewMessage({
        type: 'compute',
        seq: 1,
        inputs: { ...inputs, training: { ...inputs.training, sharding } },
      }).ok;
    assert.equal(compute('zero3-offload'), true);
    assert.equal(compute('zero4'), false);
    assert.equal(parseWebviewMessage({ type: 'applySharding', value: 'fsdp-full-shard' }).ok, true);
    assert.equal(parseWebviewMessage({ type: 'applySharding', value: 3 }).ok, false);
  });
});

describe('panel: where Sharding Apply writes', () => {
  const reader = linkReader({ folders: [DIR], roots: [DIR] });
  const links = (file: string, text: string) => [
    reader({ path: ['deepspeed'], target: file, start: 0, end: 0, kind: 'deepspeed' }, `${DIR}/${text}`),
  ];

  it('the linked DeepSpeed file owns zero_optimization.stage', () => {
    const owner = shardingOwner(
      { path: `${DIR}/full-z3.yml`, dialect: 'axolotl' },
      links('ds_sharded.json', 'full-z3.yml'),
    );
    assert.deepEqual(owner, {
      kind: 'deepspeed-file',
      path: `${DIR}/ds_sharded.json`,
      keyPath: ['zero_optimization', 'stage'],
    });
    assert.deepEqual(shardingApplyPlan('zero2', owner), { ok: true, stage: 2, note: '' });
    assert.deepEqual(shardingApplyPlan('none', owner), { ok: true, stage: 0, note: '' });
    assert.equal(shardingApplyPlan('fsdp-full-shard', owner).ok, false);
  });

  it('no file owns it: no link, a missing link, FSDP in the config', () => {
    const none = shardingOwner({ path: `${DIR}/full.yml`, dialect: 'axolotl' }, []);
    assert.deepEqual(shardingApplyPlan('zero3', none), {
      ok: false,
      message:
        'no file owns the sharding: this axolotl config links no DeepSpeed file (add e.g. deepspeed: ds_z3.json); nothing was written',
    });
    const missing = shardingOwner({ path: `${DIR}/x.yml`, dialect: 'axolotl' }, links('nope.json', 'x.yml'));
    assert.equal(missing.kind, 'none');
    assert.match(
      missing.kind === 'none' ? missing.why : '',
      /^the linked DeepSpeed file nope\.json was not found/,
    );
    const fsdp = shardingOwner({ path: 'f.yml', dialect: 'axolotl', config: { fsdp: ['full_shard'] } }, []);
    assert.equal(fsdp.kind === 'none' && fsdp.why.startsWith('the sharding is set by fsdp'), true);
  });
});
