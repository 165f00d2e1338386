// Framework versions from the workspace's Python environment and pins: parsing, precedence, and the
// folder walk (only inside the workspace, a symlink leading out is not followed).
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  distInfoFolder,
  fromSetting,
  mergeVersions,
  parseMetadata,
  parsePyproject,
  parseRequirementsTxt,
} from '../../src/core/env/frameworkVersions';
import { detectPythonEnv } from '../../src/io/python-env';

describe('framework versions: parsing', () => {
  it('reads dist-info folder names and METADATA headers', () => {
    assert.deepEqual(distInfoFolder('trl-0.19.0.dist-info'), { name: 'trl', version: '0.19.0' });
    assert.deepEqual(distInfoFolder('llamafactory-0.9.4.dev0.dist-info'), {
      name: 'llamafactory',
      version: '0.9.4.dev0',
    });
    assert.equal(distInfoFolder('trl'), undefined);
    assert.deepEqual(parseMetadata('Metadata-Version: 2.1\nName: trl\nVersion: 0.19.0\n\nName: not-this\n'), {
      name: 'trl',
      version: '0.19.0',
    });
  });

  it('tells an exact pin from a range', () => {
    const pins = parseRequirementsTxt(
      '# training\ntrl==0.19.0\npeft>=0.13,<0.15 ; python_version > "3.9"\n-r base.txt\ntorch==2.5.1\nLLaMA_Factory===0.9.2\naccelerate\n',
    );
    assert.deepEqual(pins, [
      { pkg: 'trl', version: '0.19.0' },
      { pkg: 'peft', version: '0.13', range: '>=0.13,<0.15' },
      { pkg: 'llamafactory', version: '0.9.2' },
    ]);
    assert.deepEqual(
      parsePyproject(
        '[project]\ndependencies = [\n  "transformers==4.57.6",\n  "axolotl[flash-attn]>=0.9.0",\n]\n[tool.poetry.dependencies]\ntorchtune = "^0.4.0"\ndeepspeed = { version = "0.16.4" }\n',
      ),
      [
        { pkg: 'transformers', version: '4.57.6' },
        { pkg: 'axolotl', version: '0.9.0', range: '>=0.9.0' },
        { pkg: 'torchtune', version: '0.4.0', range: '^0.4.0' },
        { pkg: 'deepspeed', version: '0.16.4' },
      ],
    );
  });

  it('a setting beats the environment, the environment beats a pin, a pin beats a range', () => {
    const merged = mergeVersions(
      fromSetting({ TRL: '0.26' }, 'from setting mlConfig.validation.frameworkVersions'),
      { trl: { version: '0.19.0', origin: 'environment', source: 'from .venv' } },
      { peft: { version: '0.13', origin: 'range', range: '>=0.13', source: 'from requirements.txt' } },
      { peft: { version: '0.14.0', origin: 'pin', source: 'from pyproject.toml' } },
    );
    assert.deepEqual(merged, {
      trl: {
        version: '0.26',
        origin: 'setting',
        source: 'from setting mlConfig.validation.frameworkVersions',
      },
      peft: { version: '0.14.0', origin: 'pin', source: 'from pyproject.toml' },
    });
  });
});

describe('framework versions: the workspace walk', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mlc-env-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const distInfo = (base: string, name: string, version: string, metaVersion = version): void => {
    const d = join(base, `${name}-${version}.dist-info`);
    mkdirSync(d, { recursive: true });
    writeFileSync(
      join(d, 'METADATA'),
      `Metadata-Version: 2.1\nName: ${name}\nVersion: ${metaVersion}\n\nreadme`,
    );
  };

  it('finds .venv dist-info folders, pins, and says where each came from', async () => {
    const ws = join(dir, 'ws');
    const sp = join(ws, '.venv', 'lib', 'python3.11', 'site-packages');
    distInfo(sp, 'trl', '0.19.0');
    distInfo(sp, 'transformers', '4.57.6');
    distInfo(sp, 'numpy', '2.1.0');
    writeFileSync(join(ws, 'requirements.txt'), 'trl==0.20.0\npeft>=0.13\n');
    const r = await detectPythonEnv([ws]);
    assert.deepEqual(r.environment, {
      transformers: {
        version: '4.57.6',
        origin: 'environment',
        source: 'from .venv/lib/python3.11/site-packages/transformers-4.57.6.dist-info',
      },
      trl: {
        version: '0.19.0',
        origin: 'environment',
        source: 'from .venv/lib/python3.11/site-packages/trl-0.19.0.dist-info',
      },
    });
    assert.deepEqual(r.pins, {
      trl: { version: '0.20.0', origin: 'pin', source: 'from requirements.txt (trl==0.20.0)' },
      peft: {
        version: '0.13',
        origin: 'range',
        range: '>=0.13',
        source: 'from requirements.txt (peft>=0.13 is a range; its lowest release 0.13 is assumed)',
      },
    });
  });

  it('never follows an environment folder that leads outside the workspace', async () => {
    const outside = join(dir, 'outside-env');
    distInfo(join(outside, 'lib', 'python3.11', 'site-packages'), 'trl', '0.8.6');
    const ws = join(dir, 'ws');
    mkdirSync(ws);
    symlinkSync(outside, join(ws, 'venv'));
    const r = await detectPythonEnv([ws]);
    assert.deepEqual(r.environment, {});
  });

  it('METADATA wins over the folder name when both name the package', async () => {
    const ws = join(dir, 'ws');
    distInfo(join(ws, 'venv', 'Lib', 'site-packages'), 'peft', '0.13.0', '0.13.2');
    const r = await detectPythonEnv([ws]);
    assert.equal(r.environment.peft?.version, '0.13.2');
    assert.equal(r.environment.peft?.source, 'from venv/Lib/site-packages/peft-0.13.0.dist-info');
  });
});
