// Validation speed, measured in one process on the same inputs: ML Config Lens (validateText /
// validateWith), the library floor (yaml parse + precompiled ajv + range mapping) and
// yaml-language-server's own engine (via ../shared/reference/peer-benchmark, installed into a temp
// dir outside the repo). Prints medians and ratios; goals: typical config < 2 ms, 20k lines <= 1.3x floor.
import { cpSync, existsSync, readFileSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const shared = resolve(root, '../shared');
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const WARMUP = 3;
// makeDialectSchema and validateWith (the peer's schema under our engine) live in the validate module.
const engine = require(join(root, 'out/src/core/validate/index.js'));
// validateText (detect, parse once, validate) is the pipeline's entry since issue 10.
const { validateText } = require(join(root, 'out/src/core/pipeline/index.js'));
const generated = require(join(root, 'out/src/core/validate/generated/index.js'));
const YAML = require('yaml');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const time = (fn) => {
  const t0 = performance.now();
  const r = fn();
  return [performance.now() - t0, r];
};
const fmt = (ms) => (ms < 10 ? ms.toFixed(3) : ms.toFixed(1));

/** The floor: what any yaml + ajv tool must do at least (parse, toJS, validate, map to a node range). */
function floorCheck(validate, text) {
  const doc = YAML.parseDocument(text);
  const out = doc.errors.map((e) => e.pos);
  const data = doc.toJS();
  if (!validate(data)) {
    for (const e of validate.errors) {
      let node = doc.contents;
      for (const raw of e.instancePath.split('/').slice(1)) {
        const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
        if (YAML.isMap(node))
          node = node.items.find((p) => String(p.key?.value ?? p.key) === seg)?.value ?? node;
        else if (YAML.isSeq(node)) node = node.items[Number(seg)] ?? node;
      }
      out.push(node?.range);
    }
  }
  return out;
}

function typicalConfigs() {
  const corpus = join(shared, 'corpus');
  if (!existsSync(join(corpus, 'files.json')))
    return console.log('typical configs: ../shared/corpus not found, skipped');
  const map = { 'peft-adapter-config': 'peft' };
  const files = JSON.parse(readFileSync(join(corpus, 'files.json'), 'utf8'))
    .map((f) => ({ ...f, id: map[f.dialect] ?? f.dialect, text: readFileSync(join(corpus, f.path), 'utf8') }))
    .filter((f) => generated.DIALECT_SCHEMAS.includes(f.id) && f.text.split('\n').length < 200);
  const ours = [],
    floor = [],
    ratio = [];
  for (const f of files) {
    const v = generated.loadValidator(f.id);
    for (let i = 0; i < WARMUP; i++) {
      validateText(f.text, { fileName: f.path });
      floorCheck(v, f.text);
    }
    const a = [],
      b = [];
    for (let i = 0; i < RUNS; i++) {
      a.push(time(() => validateText(f.text, { fileName: f.path }))[0]);
      b.push(time(() => floorCheck(v, f.text))[0]);
    }
    ours.push(median(a));
    floor.push(median(b));
    ratio.push(median(a) / median(b));
  }
  console.log(
    `typical real configs (${files.length} corpus files under 200 lines, 7 dialects, detection included):`,
  );
  console.log(
    `  ours median ${fmt(median(ours))} ms (goal < 2 ms; slowest file ${fmt(Math.max(...ours))} ms), floor ${fmt(median(floor))} ms, ours/floor ${median(ratio).toFixed(2)}x`,
  );
}

/** Copies the peer harness to a temp dir, installs it with its lockfile, generates inputs. */
function preparePeer() {
  const src = join(shared, 'reference/peer-benchmark');
  if (!existsSync(src)) return { why: 'peer harness not found at ../shared/reference/peer-benchmark' };
  const dir = join(tmpdir(), 'ml-config-lens-peer-bench');
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(src))
    if (/\.(mjs|json)$/.test(f) || f === 'schema') cpSync(join(src, f), join(dir, f), { recursive: true });
  const run = (cmd, args) =>
    spawnSync(cmd, args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (!existsSync(join(dir, 'node_modules/yaml-language-server'))) {
    const r = run('npm', ['ci', '--no-audit', '--no-fund']);
    if (r.status !== 0)
      return { why: `npm ci of the peer harness failed (${(r.stderr || '').trim().split('\n').pop()})` };
  }
  for (const s of ['gen-inputs.mjs', 'build-validator.mjs']) {
    const r = run(process.execPath, [s]);
    if (r.status !== 0) return { why: `${s} failed: ${(r.stderr || '').trim().split('\n').pop()}` };
  }
  return { dir };
}

async function peerColumn(dir) {
  const req = createRequire(join(dir, 'package.json'));
  const ls = await import(pathToFileURL(req.resolve('yaml-language-server')).href);
  const { SettingsState } = req('yaml-language-server/out/src/yamlSettings.js');
  const { schemaRequestHandler, workspaceContext } = req(
    'yaml-language-server/out/src/languageservice/services/schemaRequestHandler.js',
  );
  const { TextDocument } = req('vscode-languageserver-textdocument');
  const fs = await import('node:fs');
  const schemaUri = pathToFileURL(join(dir, 'schema/train-config.schema.json')).toString();
  const service = ls.getLanguageService({
    schemaRequestService: (uri) =>
      schemaRequestHandler(
        undefined,
        uri,
        [],
        null,
        false,
        { readFile: async (p, enc) => (await fs.promises.readFile(p, enc)).toString() },
        false,
      ),
    workspaceContext,
    yamlSettings: new SettingsState(),
    clientCapabilities: {},
    telemetry: { send() {}, sendError() {}, sendTrack() {} },
  });
  service.configure({
    validate: true,
    customTags: [],
    yamlVersion: '1.2',
    schemas: [{ uri: schemaUri, fileMatch: ['*.yaml'], priority: 3 }],
  });
  let version = 1;
  return async (name, text) => {
    const doc = TextDocument.create(
      pathToFileURL(join(dir, 'inputs', `${name}.yaml`)).toString(),
      'yaml',
      version++,
      text,
    );
    const t0 = performance.now();
    const d = await service.doValidation(doc, false);
    return [performance.now() - t0, d];
  };
}

async function sameInputs() {
  const peer = preparePeer();
  if (!peer.dir) return console.log(`peer inputs: skipped, ${peer.why}`);
  const dir = peer.dir;
  const schema = JSON.parse(readFileSync(join(dir, 'schema/train-config.schema.json'), 'utf8'));
  const validate = require(join(dir, 'build/validator.cjs'));
  // The peer's schema under our engine, reading YAML 1.2 as the other two do.
  const ds = engine.makeDialectSchema('adapterhub', schema, validate);
  ds.loader = 'yaml12';
  let peerRun;
  try {
    peerRun = await peerColumn(dir);
  } catch (e) {
    console.log(`peer column unavailable: ${e.message}`);
  }
  const manifest = JSON.parse(readFileSync(join(dir, 'inputs/manifest.json'), 'utf8'));
  console.log('\nsame inputs and schema (peer-benchmark generated configs), medians in ms:');
  console.log(
    `${'input'.padEnd(20)} ${'ours'.padStart(9)} ${'floor'.padStart(9)} ${'peer'.padStart(9)}  ours/floor  peer/floor  diagnostics ours/floor/peer`,
  );
  for (const name of Object.keys(manifest.files)) {
    const text = readFileSync(join(dir, 'inputs', `${name}.yaml`), 'utf8');
    const runs = name.includes('20000') ? Math.min(RUNS, 9) : RUNS;
    const o = [],
      f = [],
      p = [],
      ro = [],
      rp = [];
    let counts = [];
    for (let i = 0; i < WARMUP + runs; i++) {
      const [to, dOurs] = time(() =>
        engine.validateWith(text, ds, { fileName: `${name}.yaml`, maxDiagnostics: 1e9 }),
      );
      const [tf, dFloor] = time(() => floorCheck(validate, text));
      const [tp, dPeer] = peerRun ? await peerRun(name, text) : [NaN, []];
      if (i < WARMUP) continue;
      o.push(to);
      f.push(tf);
      p.push(tp);
      ro.push(to / tf);
      rp.push(tp / tf);
      counts = [dOurs.length, dFloor.length, dPeer.length];
    }
    console.log(
      `${name.padEnd(20)} ${fmt(median(o)).padStart(9)} ${fmt(median(f)).padStart(9)} ${(peerRun ? fmt(median(p)) : 'n/a').padStart(9)}  ${median(ro).toFixed(2).padStart(9)}x  ${(peerRun ? median(rp).toFixed(2) : 'n/a').padStart(9)}x  ${counts.join('/')}`,
    );
  }
  console.log(
    '(ratios are medians of per-run paired ratios; goal for 20,000 lines: ours/floor <= 1.3x; the peer figure excludes its 200 ms debounce)',
  );
}

typicalConfigs();
// Cold starts per dialect: scripts/bench/cold.mjs.
await sameInputs();
