// Merge and sweep analyses through the one pipeline (analyzeDocument): published stacked merges counted
// against their stated sizes, model-aware merge diagnostics, a sweep's runs, tokens and learning-rate
// range against the laws of the training config it runs, and the words the CodeLens, hover and panel show.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeDocument } from '../../src/core/pipeline';
import { matchCatalogModel } from '../../src/core/models/catalog';
import type { ResolvedModel } from '../../src/core/models/types';
import type { RelatedFile } from '../../src/core/sweep/report';
import { liveEffects } from '../../src/core/analysis/effects';
import { mergeLenses } from '../../src/core/present/merge';
import { sweepLenses } from '../../src/core/present/sweep';
import { panelAnalysis, sweepBand } from '../../src/core/panel/sweep';
import { computePanelModel } from '../../src/core/panel/model';
import { seedInputs } from '../../src/core/panel/inputs';
import { localReader } from '../../src/vscode/worker/reader';

// Fine-tunes that keep their base's config.json (same architecture and shapes), so no Hub is needed.
const ALIASES: Record<string, string> = {
  'Xwin-LM/Xwin-LM-70B-V0.1': 'meta-llama/Llama-2-70b-hf',
  'Sao10K/Euryale-1.3-L2-70B': 'meta-llama/Llama-2-70b-hf',
};
const catalog = (ref: string): ResolvedModel | undefined => {
  const m = matchCatalogModel(ALIASES[ref] ?? ref);
  return m ? { config: m.entry.config, kind: 'catalog', location: m.entry.id, entry: m.entry } : undefined;
};
const merge = (text: string, resolve = catalog) => analyzeDocument({ text, fileName: 'merge.yml' }, resolve);

// Llama-2-70B by hand: hidden 8192, MLP 28672, 64 heads / 8 KV heads (k,v 1024 wide), vocabulary 32000.
const LAYER_70B = 2 * 8192 * 8192 + 2 * 8192 * 1024 + 3 * 8192 * 28672 + 2 * 8192; // 855,654,400
const OUTSIDE_70B = 2 * 32000 * 8192 + 8192; // embed_tokens + lm_head + final norm
// Mistral-7B by hand: hidden 4096, MLP 14336, 32 heads / 8 KV heads, vocabulary 32000.
const LAYER_M7B = 2 * 4096 * 4096 + 2 * 4096 * 1024 + 3 * 4096 * 14336 + 2 * 4096; // 218,112,000
const OUTSIDE_M7B = 2 * 32000 * 4096 + 4096;

describe('published stacked merges: passthrough count = the stated size', () => {
  it('Goliath-120b: 137 layers of two Llama-2-70B fine-tunes = 117.7B, "The final size is 118B"', () => {
    // Layer ranges from the alpindale/goliath-120b model card ("The layer ranges used are as follows":
    // 0,16 Xwin; 8,24 Euryale; 17,32 Xwin; 25,40 Euryale; 33,48 Xwin; 41,56 Euryale; 49,64 Xwin;
    // 57,72 Euryale; 65,80 Xwin). Its author on the size (huggingface.co/alpindale/goliath-120b/discussions/3):
    // "It didn't turn out to be 140B because not all layers were included in the slices. ... The final
    // size is 118B, but I named it 120B because it sounds better."
    const ranges: [string, number, number][] = [
      ['Xwin-LM/Xwin-LM-70B-V0.1', 0, 16],
      ['Sao10K/Euryale-1.3-L2-70B', 8, 24],
      ['Xwin-LM/Xwin-LM-70B-V0.1', 17, 32],
      ['Sao10K/Euryale-1.3-L2-70B', 25, 40],
      ['Xwin-LM/Xwin-LM-70B-V0.1', 33, 48],
      ['Sao10K/Euryale-1.3-L2-70B', 41, 56],
      ['Xwin-LM/Xwin-LM-70B-V0.1', 49, 64],
      ['Sao10K/Euryale-1.3-L2-70B', 57, 72],
      ['Xwin-LM/Xwin-LM-70B-V0.1', 65, 80],
    ];
    const text = [
      'slices:',
      ...ranges.flatMap(([m, a, b]) => [
        '  - sources:',
        `      - model: ${m}`,
        `        layer_range: [${a}, ${b}]`,
      ]),
      'merge_method: passthrough',
      'dtype: float16',
    ].join('\n');
    const r = merge(text);
    assert.equal(r.diagnostics.filter((d) => d.severity === 'error').length, 0);
    const m = r.analysis?.merge;
    assert.equal(m?.outputLayers, 137);
    assert.equal(m?.outputParams, 137 * LAYER_70B + OUTSIDE_70B);
    assert.equal(m?.outputParams, 117_748_948_992);
    // "118B" is the count rounded to whole billions.
    assert.equal(Math.round((m?.outputParams as number) / 1e9), 118);
  });

  it('SOLAR 10.7B depth up-scaling: 48 layers of Mistral-7B (8 removed per copy) = 10.73B, stated 10.7B', () => {
    // arXiv 2312.15166 (SOLAR 10.7B): two copies of the 32-layer Mistral-7B base, the last 8 layers of one
    // and the first 8 of the other removed, giving 48 layers and "10.7B" parameters (one decimal place).
    const text = [
      'slices:',
      '  - sources:',
      '      - model: mistralai/Mistral-7B-v0.1',
      '        layer_range: [0, 24]',
      '  - sources:',
      '      - model: mistralai/Mistral-7B-v0.1',
      '        layer_range: [8, 32]',
      'merge_method: passthrough',
      'dtype: bfloat16',
    ].join('\n');
    const m = merge(text).analysis?.merge;
    assert.equal(m?.outputLayers, 48);
    assert.equal(m?.outputParams, 48 * LAYER_M7B + OUTSIDE_M7B);
    assert.equal(m?.outputParams, 10_731_524_096);
    assert.equal(((m?.outputParams as number) / 1e9).toFixed(1), '10.7');
    // The CodeLens words: count, layers, size at dtype; inputs, disk and lazy-loading memory.
    const lenses = mergeLenses(m!);
    assert.equal(
      lenses[0].title,
      '$(symbol-numeric) merged model: 10.73B params (48 layers), 21.5 GB at bfloat16',
    );
    // Inputs 7,241,732,096 × 2 B = 14.48 GB; disk 14.48 + 21.46 = 35.95 GB; memory (1 input + result) × embedding 131,072,000 × 2 B.
    assert.equal(
      lenses[1].title,
      '$(database) inputs 14.5 GB · disk 35.9 GB · memory ≥ 0.52 GB (lazy loading)',
    );
    assert.match(lenses[1].tooltip, /--low-cpu-memory \("Useful if VRAM > RAM", mergekit\/options\.py:98/);
  });
});

describe('model-aware merge diagnostics', () => {
  const at = (text: string, d: { start: number }): string => text.slice(d.start).split('\n')[0];

  it('Llama-2-7B + Mistral-7B: an architecture error on the Mistral entry, a note for an unknown model', () => {
    const text = [
      'merge_method: linear',
      'models:',
      '  - model: meta-llama/Llama-2-7b-hf',
      '  - model: mistralai/Mistral-7B-v0.1',
      '  - model: someone/private-7b',
      'dtype: bfloat16',
    ].join('\n');
    const ds = merge(text).diagnostics;
    const arch = ds.find((d) => d.code === 'merge-architecture-mismatch');
    assert.equal(arch?.severity, 'error');
    assert.equal(at(text, arch!), 'mistralai/Mistral-7B-v0.1');
    assert.match(arch!.message, /--allow-crimes .*mergekit\/architecture\/__init__\.py:86 at v0\.1\.4/);
    const unknown = ds.find((d) => d.code === 'merge-model-unknown');
    assert.equal(unknown?.severity, 'information');
    assert.equal(at(text, unknown!), 'someone/private-7b');
  });

  it('same architecture, other shapes: an error for linear, a warning for TIES (it skips the tensors)', () => {
    const body = (method: string): string =>
      [
        `merge_method: ${method}`,
        'base_model: meta-llama/Llama-2-7b-hf',
        'models:',
        '  - model: meta-llama/Llama-2-13b-hf',
        '    parameters: {weight: 0.5, density: 0.5}',
        'dtype: bfloat16',
      ].join('\n');
    const linear = merge(body('linear')).diagnostics.find((d) => d.code === 'merge-shape-mismatch');
    assert.equal(linear?.severity, 'error');
    assert.match(linear!.message, /"Tensor size mismatch" \(mergekit\/merge_methods\/linear\.py:42-45/);
    const ties = merge(body('ties')).diagnostics.find((d) => d.code === 'merge-shape-mismatch');
    assert.equal(ties?.severity, 'warning');
    assert.match(ties!.message, /generalized_task_arithmetic\.py:211-215/);
  });

  it('layer_range past num_hidden_layers is an error on the range; [0, 32] is the whole model', () => {
    const text = (end: number): string =>
      [
        'slices:',
        '  - sources:',
        '      - model: mistralai/Mistral-7B-v0.1',
        `        layer_range: [0, ${end}]`,
        'merge_method: passthrough',
        'dtype: bfloat16',
      ].join('\n');
    const bad = merge(text(40)).diagnostics.find((d) => d.code === 'merge-layer-range');
    assert.equal(bad?.severity, 'error');
    assert.equal(at(text(40), bad!), '[0, 40]');
    assert.match(bad!.message, /past mistralai\/Mistral-7B-v0\.1's 32 layers/);
    assert.equal(merge(text(32)).diagnostics.filter((d) => d.code === 'merge-layer-range').length, 0);
  });

  it('vocabularies that differ warn without tokenizer_source and not with it', () => {
    const extended = catalog('mistralai/Mistral-7B-v0.1')!;
    const resolve = (ref: string): ResolvedModel | undefined =>
      ref === 'me/mistral-chatml'
        ? { ...extended, config: { ...extended.config, vocab_size: 32002 } }
        : catalog(ref);
    const text = (extra: string): string =>
      [
        'merge_method: slerp',
        'base_model: mistralai/Mistral-7B-v0.1',
        'slices:',
        '  - sources:',
        '      - model: mistralai/Mistral-7B-v0.1',
        '        layer_range: [0, 32]',
        '      - model: me/mistral-chatml',
        '        layer_range: [0, 32]',
        'parameters: {t: 0.5}',
        'dtype: bfloat16',
        extra,
      ].join('\n');
    const warned = merge(text(''), resolve).diagnostics.filter((d) => d.code === 'merge-vocab-mismatch');
    assert.equal(warned.length, 1);
    assert.equal(warned[0].severity, 'warning');
    assert.match(warned[0].message, /^Vocabulary 32,002 differs from mistralai\/Mistral-7B-v0\.1's 32,000/);
    const fixed = merge(text('tokenizer_source: union'), resolve).diagnostics;
    assert.equal(fixed.filter((d) => d.code === 'merge-vocab-mismatch').length, 0);
  });
});

describe('W&B sweep meets the laws', () => {
  const sweepText = readFileSync('test/fixtures/sweep-laws/sweep.yaml', 'utf8');
  const trainText = readFileSync('test/fixtures/sweep-laws/train.yaml', 'utf8');
  const files: Record<string, string> = {
    'train.yaml': trainText,
    'other.yaml': trainText.replace('max_steps: 1000', 'max_steps: 10'),
  };
  const readRelated = (path: string): RelatedFile =>
    path in files
      ? { path: `/ws/${path}`, text: files[path] }
      : { path, error: `cannot read ${path}: ENOENT` };
  const sweep = (text = sweepText, trainingConfig?: string) =>
    analyzeDocument({ text, fileName: 'sweep.yaml', readRelated, settings: { trainingConfig } }, catalog);

  it('finds train.yaml through `--config`, counts 3 × 2 grid runs and their tokens', () => {
    const s = sweep().analysis?.sweep;
    assert.deepEqual(s?.grid, { runs: 6, capped: false });
    assert.deepEqual(s?.training, { path: 'train.yaml', from: 'command', resolved: '/ws/train.yaml' });
    assert.equal(s?.trainingAnalysis?.modelRef, 'meta-llama/Llama-2-7b-hf');
    // 6 runs × 1,000 steps × (4 × 8) sequences × 2,048 tokens.
    assert.equal(s?.tokens?.total, 6 * 1000 * 32 * 2048);
    assert.equal(
      s?.tokens?.formula,
      '6 runs × 1,000 steps × 32 sequences × 2,048 tokens = 393,216,000 tokens',
    );
  });

  it('places 1e-6 … 1e-5 below every recommendation; QLoRA 2e-4 is 200-20× above it', () => {
    const s = sweep().analysis!.sweep!;
    assert.deepEqual([s.learningRate?.min, s.learningRate?.max], [1e-6, 1e-5]);
    const qlora = s.placements.find((p) => p.law === 'qlora');
    assert.equal(qlora?.learningRate, 2e-4);
    assert.equal(qlora?.position, 'below');
    assert.ok(Math.abs((qlora?.lowRatio as number) - 0.005) < 1e-12);
    assert.ok(Math.abs((qlora?.highRatio as number) - 0.05) < 1e-12);
    const recs = s.placements.filter((p) => p.applies === 'recommendation');
    assert.ok(recs.length >= 2 && recs.every((p) => p.position === 'below'));
    const lo = Math.round(Math.min(...recs.map((p) => p.learningRate)) / 1e-5);
    const hi = Math.round(Math.max(...recs.map((p) => p.learningRate)) / 1e-6);
    assert.equal(
      s.summary,
      `this range lies ${lo}–${hi}× below every recommendation for this model and method`,
    );
  });

  it('the CodeLens shows runs, tokens and the comparison; the learning-rate hover the law lines', () => {
    const a = sweep().analysis!;
    const [runs, lr] = sweepLenses(a.sweep!);
    assert.equal(runs.title, '$(list-ordered) grid: 6 runs · 393.22M training tokens in all runs');
    assert.equal(lr.title, `$(graph-line) LR 1.00e-6 – 1.00e-5: ${a.sweep!.summary} (train.yaml)`);
    const hover = liveEffects(['parameters', 'learning_rate'], a);
    assert.equal(hover[0], 'Swept learning rate: 1.00e-6 – 1.00e-5 (categorical)');
    assert.equal(
      hover[1],
      `Against the laws for \`train.yaml\`, model meta-llama/Llama-2-7b-hf: **${a.sweep!.summary}**`,
    );
    assert.ok(hover.some((l) => l.startsWith('QLoRA: 2.00e-4; the range lies 20–200× below it')));
    // The swept rank has its own hover: no law recommends one (test/unit/sweep-quantities.test.ts).
    assert.equal(liveEffects(['parameters', 'lora_r'], a)[0], 'Swept LoRA rank: 8 – 16 (categorical)');
    assert.deepEqual(liveEffects(['program'], a), []);
  });

  it('the training config chosen in the setting wins over the command', () => {
    const s = sweep(sweepText, 'other.yaml').analysis?.sweep;
    assert.deepEqual(s?.training, { path: 'other.yaml', from: 'setting', resolved: '/ws/other.yaml' });
    assert.equal(s?.tokens?.total, 6 * 10 * 32 * 2048);
  });

  it('says why when the training config is missing, unreadable or not a training config', () => {
    const none = sweep(sweepText.replace(/command:[\s\S]*$/, '')).analysis?.sweep;
    assert.match(none!.problems[0], /^no training config found in `command` \/ `program`/);
    const missing = sweep(sweepText.replace('- train.yaml', '- gone.yaml')).analysis?.sweep;
    assert.deepEqual(missing?.problems, ['training config gone.yaml: cannot read gone.yaml: ENOENT']);
    files['loop.yaml'] = sweepText;
    const loop = sweep(sweepText.replace('- train.yaml', '- loop.yaml')).analysis?.sweep;
    assert.deepEqual(loop?.problems, ['loop.yaml is not a training config ML Config Lens reads']);
  });

  it('the panel works on the training config and draws the sweep range as a band', () => {
    const a = sweep().analysis;
    const shown = panelAnalysis(a);
    assert.equal(shown?.dialect, 'axolotl');
    assert.equal(shown?.sweep, a?.sweep);
    const band = sweepBand(a);
    assert.deepEqual(band, { min: 1e-6, max: 1e-5, label: 'sweep learning_rate (categorical)' });
    const inputs = seedInputs({ uri: 'file:///ws/sweep.yaml', input: shown!.input });
    const model = computePanelModel(inputs, {
      model: { config: catalog('meta-llama/Llama-2-7b-hf')!.config, label: 'meta-llama/Llama-2-7b-hf' },
      input: shown!.input,
      config: shown!.config,
      sweepBand: band,
    });
    assert.deepEqual(model.lawChart?.band, band);
    assert.ok((model.lawChart?.curves.length ?? 0) > 0);
  });
});

describe('the worker reads a sweep’s training config only inside the workspace', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'mlc-sweep-'));
    writeFileSync(join(dir, 'train.yaml'), 'base_model: x\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('relative to the sweep, inside the roots; a path leaving them is refused', () => {
    const settings = { cwd: dir, homeDir: dir, env: {}, allowNetwork: false, known: {}, roots: [dir] };
    assert.deepEqual(localReader(settings)('train.yaml'), {
      path: join(dir, 'train.yaml'),
      text: 'base_model: x\n',
    });
    const outside = localReader(settings)('/etc/hostname');
    assert.ok('error' in outside && /outside the workspace/.test(outside.error));
  });
});
