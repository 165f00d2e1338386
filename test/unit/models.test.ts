import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MODEL_CATALOG, findCatalogModel, suggestCatalogName } from '../../src/core/models/catalog';
import { cachedRepoIds, hfHubCacheDir } from '../../src/io/hf-cache';
import { ModelResolveError, resolveModel, resolveModelLocal } from '../../src/io/resolve';
import type { FetchLike } from '../../src/io/hub';
import { buildInventory } from '../../src/core/estimator/inventory';
import { readTestJson } from '../support/shared';

const oracleModels = readTestJson<{ models: Record<string, unknown>[] }>('oracle/models.json').models;
const META = new Set([
  'name',
  'hf_reference',
  'auto_class',
  'full_ft_params',
  'embedding_params',
  'lm_head_tied',
  'resolved_config',
]);

describe('models: catalog', () => {
  it('holds at least 40 models with unique ids and unique names', () => {
    assert.ok(MODEL_CATALOG.length >= 40, `only ${MODEL_CATALOG.length}`);
    const names = MODEL_CATALOG.flatMap((e) => [
      ...new Set([e.id, ...e.aliases].map((n) => n.toLowerCase())),
    ]);
    const dup = names.filter((n, i) => names.indexOf(n) !== i);
    assert.deepEqual(dup, []);
  });

  it('cites the published config.json of every entry and names its model_type', () => {
    for (const e of MODEL_CATALOG) {
      assert.equal(e.source, `https://huggingface.co/${e.id}/blob/main/config.json`);
      assert.equal(typeof e.config.model_type, 'string');
      assert.ok(e.readFrom.length > 10);
    }
  });

  it('covers the families the issue lists', () => {
    for (const alias of [
      'llama-2-7b',
      'llama-3-8b',
      'llama-3.1-8b',
      'llama-3.2-1b',
      'llama-3.3-70b',
      'mistral-7b',
      'mixtral-8x7b',
      'qwen2-7b',
      'qwen2.5-7b',
      'qwen3-8b',
      'qwen3-30b-a3b',
      'gemma-2b',
      'gemma-2-9b',
      'gemma-3-1b',
      'phi-2',
      'phi-3-mini-4k',
      'phi-4',
      'gpt2',
      'pythia-1b',
      'opt-125m',
      'bloom-560m',
      'falcon-7b',
      'bert-base-uncased',
      'roberta-base',
      'deberta-v3-base',
      't5-base',
      'flan-t5-base',
      'bart-base',
      'vit-base-patch16-224',
    ]) {
      assert.ok(findCatalogModel(alias), alias);
    }
  });

  it('copies every oracle model config field unchanged (num_labels only where published)', () => {
    for (const m of oracleModels.filter((o) => !String(o.name).includes(':'))) {
      const entry = findCatalogModel(String(m.hf_reference));
      assert.ok(entry, String(m.name));
      for (const [k, v] of Object.entries(m)) {
        if (META.has(k) || (k === 'num_labels' && m.model_type !== 'vit')) continue;
        assert.deepEqual(entry.config[k], v, `${m.name}.${k}`);
      }
    }
  });

  it('finds entries by alias, case-insensitively, and by same-architecture instruct ids', () => {
    assert.equal(findCatalogModel('LLAMA-3-8B')?.id, 'meta-llama/Meta-Llama-3-8B');
    assert.equal(findCatalogModel('NousResearch/Meta-Llama-3-8B')?.id, 'meta-llama/Meta-Llama-3-8B');
    assert.equal(findCatalogModel('qwen3-30b-a3b')?.config.num_experts, 128);
    assert.equal(findCatalogModel('no-such-model'), undefined);
  });
});

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'mcl-models-'));
}

function cacheSnapshot(cacheDir: string, repo: string, rev: string, config: object, main = true): void {
  const repoDir = join(cacheDir, `models--${repo.replace('/', '--')}`);
  mkdirSync(join(repoDir, 'snapshots', rev), { recursive: true });
  writeFileSync(join(repoDir, 'snapshots', rev, 'config.json'), JSON.stringify(config));
  if (main) {
    mkdirSync(join(repoDir, 'refs'), { recursive: true });
    writeFileSync(join(repoDir, 'refs', 'main'), rev);
  }
}

const noNet: FetchLike = async () => {
  throw new Error('network must not be used');
};

describe('models: resolution', () => {
  it('reads a config.json path and a folder holding one', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ model_type: 'llama', hidden_size: 64 }));
    const opts = { cwd: dir, env: {}, homeDir: dir };
    assert.equal(resolveModelLocal('config.json', opts)?.config.hidden_size, 64);
    const viaFolder = resolveModelLocal(dir, opts);
    assert.equal(viaFolder?.kind, 'file');
    assert.equal(viaFolder?.location, join(dir, 'config.json'));
  });

  it('refuses a file without model_type and a folder without config.json', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'x.json'), '{"hidden_size": 1}');
    assert.throws(
      () => resolveModelLocal('x.json', { cwd: dir, env: {}, homeDir: dir }),
      /has no "model_type"/,
    );
    mkdirSync(join(dir, 'empty'));
    assert.throws(
      () => resolveModelLocal('empty', { cwd: dir, env: {}, homeDir: dir }),
      /has no config.json/,
    );
  });

  it('resolves the cache dir from HF_HUB_CACHE, then HF_HOME, then ~/.cache', () => {
    assert.equal(hfHubCacheDir({ HF_HUB_CACHE: '/a', HF_HOME: '/b' }, '/h'), '/a');
    assert.equal(hfHubCacheDir({ HF_HOME: '/b' }, '/h'), join('/b', 'hub'));
    assert.equal(hfHubCacheDir({}, '/h'), join('/h', '.cache', 'huggingface', 'hub'));
  });

  it('finds a repo id in the local HF cache, preferring the snapshot refs/main names', () => {
    const home = tmp();
    const cache = join(home, '.cache', 'huggingface', 'hub');
    cacheSnapshot(cache, 'acme/tiny', 'aaa', { model_type: 'llama', hidden_size: 1 }, false);
    cacheSnapshot(cache, 'acme/tiny', 'bbb', { model_type: 'llama', hidden_size: 2 }, true);
    const r = resolveModelLocal('acme/tiny', { cwd: home, env: {}, homeDir: home });
    assert.equal(r?.kind, 'hf-cache');
    assert.equal(r?.config.hidden_size, 2);
    const viaEnv = tmp();
    cacheSnapshot(join(viaEnv, 'hub'), 'acme/other', 'c1', { model_type: 'gpt2', n_embd: 8 });
    assert.equal(
      resolveModelLocal('acme/other', { cwd: home, env: { HF_HOME: viaEnv }, homeDir: home })?.config.n_embd,
      8,
    );
  });

  it('lists the repo ids the local HF cache holds, and none for a missing cache', () => {
    const cache = join(tmp(), 'hub');
    cacheSnapshot(cache, 'acme/tiny', 'aaa', { model_type: 'llama' });
    cacheSnapshot(cache, 'org-x/model--with-dashes', 'bbb', { model_type: 'gpt2' });
    assert.deepEqual(cachedRepoIds(cache).sort(), ['acme/tiny', 'org-x/model--with-dashes']);
    assert.deepEqual(cachedRepoIds(join(tmp(), 'absent')), []);
  });

  it('prefers the catalog over the cache for catalog ids', async () => {
    const r = await resolveModel('llama-3-8b', { cwd: '/', env: {}, homeDir: tmp(), fetchImpl: noNet });
    assert.equal(r.kind, 'catalog');
    assert.equal(r.config.num_key_value_heads, 8);
  });

  it('with the network setting off, never calls fetch and says how to enable it', async () => {
    let calls = 0;
    const spy: FetchLike = async () => {
      calls++;
      throw new Error('no');
    };
    await assert.rejects(
      resolveModel('acme/unknown-model', { cwd: '/', env: {}, homeDir: tmp(), fetchImpl: spy }),
      (e: Error) => e instanceof ModelResolveError && /allowNetwork/.test(e.message),
    );
    assert.equal(calls, 0);
  });

  it('suggests the nearest catalog name for a typo', async () => {
    await assert.rejects(
      resolveModel('llama-3-8', { cwd: '/', env: {}, homeDir: tmp() }),
      /did you mean 'llama-3-8b'/,
    );
  });

  it('with the network allowed, fetches once, caches, then reads the cache', async () => {
    const urls: string[] = [];
    const fake: FetchLike = async (url) => {
      urls.push(url);
      return { ok: true, status: 200, text: async () => '{"model_type":"mistral","hidden_size":16}' };
    };
    const cacheDir = tmp();
    const opts = {
      cwd: '/',
      env: {},
      homeDir: tmp(),
      allowNetwork: true,
      fetchImpl: fake,
      hubCacheDir: cacheDir,
    };
    const first = await resolveModel('acme/new-model', opts);
    assert.equal(first.kind, 'hub');
    assert.equal(first.config.hidden_size, 16);
    assert.deepEqual(urls, ['https://huggingface.co/acme/new-model/resolve/main/config.json']);
    assert.ok(existsSync(join(cacheDir, 'acme--new-model', 'config.json')));
    await resolveModel('acme/new-model', opts);
    assert.equal(urls.length, 1);
  });

  it('gives a clear message offline and for gated repos', async () => {
    const offline: FetchLike = async () => {
      throw new Error('getaddrinfo ENOTFOUND huggingface.co');
    };
    const base = { cwd: '/', env: {}, homeDir: tmp(), allowNetwork: true, hubCacheDir: tmp() };
    await assert.rejects(
      resolveModel('acme/x', { ...base, fetchImpl: offline }),
      /could not reach huggingface.co for acme\/x \(offline\?/,
    );
    const gated: FetchLike = async () => ({ ok: false, status: 401, text: async () => '' });
    await assert.rejects(resolveModel('acme/x', { ...base, fetchImpl: gated }), /gated or private/);
  });
});

describe('models: suggestions', () => {
  it('suggests the base model for quantized mirrors and chat variants', () => {
    assert.equal(suggestCatalogName('unsloth/gemma-2-9b-it-bnb-4bit'), 'google/gemma-2-9b');
    assert.equal(suggestCatalogName('TheBloke/Llama-2-13B-chat-GPTQ'), 'meta-llama/Llama-2-13b-hf');
    assert.equal(suggestCatalogName('qwen3-8'), 'qwen3-8b');
  });
});

describe('models: recent entries against independently published parameter totals', () => {
  it('Qwen3-0.6B = 596,049,920 and Gemma-3-1B = 999,885,952 params with their causal-LM heads', () => {
    // keras-hub gemma3_presets.py lists "params": 999885952 for gemma3_1b; a public Qwen3 port
    // states "Total params: 596,049,920" for Qwen3-0.6B (tied embeddings).
    assert.equal(
      buildInventory(findCatalogModel('qwen3-0.6b')!.config, { taskType: 'CAUSAL_LM' }).baseParams,
      596_049_920,
    );
    assert.equal(
      buildInventory(findCatalogModel('gemma-3-1b')!.config, { taskType: 'CAUSAL_LM' }).baseParams,
      999_885_952,
    );
  });

  it('every catalog entry builds a module inventory', () => {
    for (const e of MODEL_CATALOG) assert.ok(buildInventory(e.config, {}).baseParams > 0, e.id);
  });
});
