// One answer everywhere (issue 10): for every example and every real corpus file the estimator maps,
// the CLI's JSON (`estimate FILE --json`, `recommend FILE --json` through the CLI modules), the
// editor's analysis and the panel's computed model agree on trainable and total parameters, memory
// (total and every component) and the learning-rate table, to the last digit.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { run as runRecommend } from '../../src/cli/recommend';
import { corpusFiles, dialectOf } from './corpusSupport';
import { cliJson, editorAnalysis, panelModel } from './surfaces';

const root = resolve(__dirname, '../../..');
const corpus = resolve(root, '../shared/corpus');

function examples(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return n === 'LICENSES' ? [] : examples(p);
    return /\.(ya?ml|json)$/.test(n) ? [p] : [];
  });
}

async function recommendJson(file: string): Promise<{ law: string; learningRate: number | null }[]> {
  const out: string[] = [];
  const [log, error] = [console.log, console.error];
  console.log = (...a: unknown[]) => void out.push(a.join(' '));
  console.error = () => undefined;
  try {
    assert.equal(await runRecommend([file, '--json']), 0);
  } finally {
    [console.log, console.error] = [log, error];
  }
  return JSON.parse(out.join('\n')).recommendations;
}

/** Compares the surfaces on one file; false when the editor has no estimate for it (nothing to compare). */
async function agree(file: string): Promise<boolean> {
  const editor = editorAnalysis(file);
  if (!editor?.estimate || !editor.memory) return false;
  const cli = await cliJson([file]);
  assert.equal(cli.code, 0, `${file}: ${cli.err}`);
  const json = cli.json as {
    trainableParams: number;
    totalParams: number;
    memory: { totalBytes: number; components: { id: string; bytes: number }[] };
  };
  const panel = panelModel(file, editor);
  const where = file.slice(root.length - 'shared'.length);
  assert.deepEqual(
    [json.trainableParams, json.totalParams],
    [editor.estimate.trainableParams, editor.estimate.totalParams],
    `${where}: CLI vs editor parameters`,
  );
  assert.deepEqual(
    [panel.params?.trainable, panel.params?.total],
    [editor.estimate.trainableParams, editor.estimate.totalParams],
    `${where}: panel vs editor parameters`,
  );
  const parts = (list: { id: string; bytes: number }[]) => list.map((c) => `${c.id}=${c.bytes}`);
  assert.deepEqual(
    parts(json.memory.components),
    parts(editor.memory.components),
    `${where}: CLI vs editor memory`,
  );
  assert.deepEqual(
    parts(panel.memory?.parts ?? []),
    parts(editor.memory.components),
    `${where}: panel vs editor memory`,
  );
  assert.equal(panel.memory?.totalBytes, editor.memory.totalBytes, where);
  const lrs = (list: { id?: string; law?: string; learningRate: number | null }[]) =>
    list.map((l) => `${l.id ?? l.law}=${l.learningRate}`);
  const editorLaws = lrs(editor.laws.map((l) => ({ law: l.law, learningRate: l.learningRate })));
  assert.deepEqual(lrs(panel.laws), editorLaws, `${where}: panel vs editor learning rates`);
  assert.deepEqual(
    lrs(await recommendJson(file)),
    editorLaws,
    `${where}: CLI recommend vs editor learning rates`,
  );
  return true;
}

describe('consistency: CLI, editor and panel give one answer', function () {
  this.timeout(600_000);

  it('training configs with a linked DeepSpeed ZeRO-3 file (issue 14): CPU RAM and per-device figures too', async () => {
    const dir = resolve(root, 'test/fixtures/linked');
    for (const name of ['lora-z3.yml', 'full-z3.yml']) {
      const file = join(dir, name);
      assert.ok(await agree(file), name);
      const editor = editorAnalysis(file);
      // The stage comes from the linked file's content (ds_offload.json / ds_sharded.json name no stage).
      assert.equal(editor?.input?.training.sharding?.stage, 3, name);
      const cli = (await cliJson([file])).json as { memory: { hostBytes: number } };
      assert.equal(cli.memory.hostBytes, editor?.memory?.hostBytes, `${name}: CLI vs editor CPU RAM`);
    }
    // Offload of both: LoRA on Llama-3.2-1B keeps bf16 weights, fp32 master, gradients and AdamW in CPU RAM.
    assert.equal(editorAnalysis(join(dir, 'lora-z3.yml'))?.memory?.hostBytes, 2_651_983_872);
    // Devices: the panel's Devices control and the CLI's --devices give the same per-device numbers.
    const file = join(dir, 'full-z3.yml');
    const editor = editorAnalysis(file);
    const cli = (await cliJson([file, '--devices', '4'])).json as { memory: { totalBytes: number } };
    const panel = panelModel(file, editor, { devices: 4 });
    assert.equal(panel.memory?.totalBytes, cli.memory.totalBytes);
    // Sum of the per-device components asserted in linked-estimate.test.ts (weights, master, gradients,
    // optimizer over 4; activations, logits, gathered units).
    assert.equal(cli.memory.totalBytes, 8_737_296_384);
  });

  it('every example in examples/', async () => {
    const files = examples(resolve(root, 'examples'));
    let compared = 0;
    for (const f of files) if (await agree(f)) compared++;
    // All five examples name a catalog model: each is compared.
    assert.equal(compared, files.length);
  });

  it('every real corpus file the estimator maps', async function () {
    if (!existsSync(join(corpus, 'files.json'))) {
      console.log('    skipped: ../shared/corpus not present');
      this.skip();
    }
    let compared = 0;
    for (const f of corpusFiles(corpus)) {
      if (!dialectOf(f.dialect) || !f.path.startsWith('real/')) continue;
      if (await agree(join(corpus, f.path))) compared++;
    }
    console.log(`    compared ${compared} real files`);
    assert.ok(compared > 100, `only ${compared} corpus files compared`);
  });
});
