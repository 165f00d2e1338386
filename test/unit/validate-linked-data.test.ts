// Files a config points to (src/core/validate/linkedData.ts, src/io/linked.ts): LLaMA-Factory's
// dataset registry and its files, the ranking flag against the stage, Axolotl's local dataset paths.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeDocument } from '../../src/core/pipeline';
import {
  axolotlDatasetHits,
  llamaFactoryDatasetHits,
  type LinkedFiles,
} from '../../src/core/validate/linkedData';
import { linkedFilesFor } from '../../src/io/linked';

const INFO = JSON.stringify({
  alpaca_en_demo: { file_name: 'alpaca_en_demo.json' },
  dpo_en_demo: { file_name: 'dpo_en_demo.json', ranking: true },
  hub_set: { hf_hub_url: 'org/set' },
});
/** Files in memory: path -> text (a folder is any prefix). */
function mem(files: Record<string, string>): LinkedFiles {
  return {
    read: (p) => files[p] ?? null,
    exists: (p) => p in files || Object.keys(files).some((f) => f.startsWith(`${p}/`)),
  };
}
const lf = (extra: Record<string, unknown>): Record<string, unknown> => ({
  stage: 'sft',
  dataset: 'alpaca_en_demo',
  ...extra,
});
const codes = (hits: Array<{ code: string; severity: string; path: string[] }>): string[] =>
  hits.map((h) => `${h.code}:${h.severity}@${h.path.join('.')}`);

describe('validate: files a config points to', () => {
  const files = mem({
    'data/dataset_info.json': INFO,
    'data/alpaca_en_demo.json': '[]',
    'data/dpo_en_demo.json': '[]',
  });
  it('LLaMA-Factory: a dataset name missing from dataset_info.json is an error; a defined one passes', () => {
    assert.deepEqual(codes(llamaFactoryDatasetHits(lf({ dataset: 'alpaca_en_demo, nope' }), files)), [
      'lf-dataset-undefined:error@dataset',
    ]);
    assert.deepEqual(
      codes(llamaFactoryDatasetHits(lf({ dataset: ['alpaca_en_demo', 'hub_set'] }), files)),
      [],
    );
  });
  it('LLaMA-Factory: a ranking dataset with stage sft, or a plain one with dpo/rm, is refused', () => {
    assert.deepEqual(codes(llamaFactoryDatasetHits(lf({ dataset: 'dpo_en_demo' }), files)), [
      'lf-dataset-stage-ranking:error@dataset',
    ]);
    assert.deepEqual(codes(llamaFactoryDatasetHits(lf({ stage: 'dpo', dataset: 'dpo_en_demo' }), files)), []);
    assert.deepEqual(
      codes(
        llamaFactoryDatasetHits(
          lf({ stage: 'rm', eval_dataset: 'alpaca_en_demo', dataset: 'dpo_en_demo' }),
          files,
        ),
      ),
      ['lf-dataset-stage-ranking:error@eval_dataset'],
    );
  });
  it('LLaMA-Factory: a missing registry or data file is a warning; hub entries and ONLINE are not read', () => {
    assert.deepEqual(codes(llamaFactoryDatasetHits(lf({ dataset_dir: 'elsewhere' }), files)), [
      'lf-dataset-info-missing:warning@dataset_dir',
    ]);
    const noFile = mem({ 'data/dataset_info.json': INFO });
    assert.deepEqual(codes(llamaFactoryDatasetHits(lf({ dataset: 'alpaca_en_demo,hub_set' }), noFile)), [
      'lf-dataset-file-missing:warning@dataset',
    ]);
    assert.deepEqual(
      codes(llamaFactoryDatasetHits(lf({ dataset_dir: 'ONLINE', dataset: 'nope' }), files)),
      [],
    );
  });
  it('Axolotl: a local-looking dataset path that is missing is a warning; hub ids are left alone', () => {
    const cfg = {
      datasets: [
        { path: './train.jsonl', type: 'alpaca' },
        { path: 'tatsu-lab/alpaca', type: 'alpaca' },
      ],
    };
    assert.deepEqual(codes(axolotlDatasetHits(cfg, mem({}))), [
      'ax-dataset-path-missing:warning@datasets.0.path',
    ]);
    assert.deepEqual(codes(axolotlDatasetHits(cfg, mem({ './train.jsonl': '' }))), []);
  });
  it('reads through src/io: the config folder, then the workspace; a file outside both is not checked', () => {
    const root = mkdtempSync(join(tmpdir(), 'mlc-linked-'));
    try {
      mkdirSync(join(root, 'ws', 'data'), { recursive: true });
      mkdirSync(join(root, 'ws', 'configs'));
      writeFileSync(join(root, 'ws', 'data', 'dataset_info.json'), INFO);
      writeFileSync(join(root, 'outside.json'), '{}');
      const config = join(root, 'ws', 'configs', 'sft.yaml');
      const files = linkedFilesFor(config, join(root, 'ws'));
      assert.equal(files.read('data/dataset_info.json'), INFO);
      assert.equal(files.read('data/nothing.json'), null);
      assert.equal(files.read(join(root, 'outside.json')), undefined);
      assert.equal(files.exists('data'), true);
      assert.equal(files.exists('data/alpaca_en_demo.json'), false);
      const text =
        'model_name_or_path: m\nstage: sft\ndo_train: true\nfinetuning_type: lora\nlora_target: all\ndataset: nope\ntemplate: llama3\noutput_dir: out\n';
      const r = analyzeDocument({ text, fileName: config, analyse: false, linkedFiles: files });
      assert.deepEqual(
        r.diagnostics
          .filter((d) => d.code.startsWith('lf-dataset'))
          .map((d) => `${d.code}@${text.slice(0, d.start).split('\n').length}`),
        ['lf-dataset-undefined@6'],
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
