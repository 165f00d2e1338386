// `npm run schemas`: regenerates every schemas/*.schema.json from the frameworks' own source with the
// generators in scripts/schema-tools (their only writer), into a temporary folder, and fails when any
// differs from the committed file. `-- --write` replaces the committed files instead.
//
// Inputs (never committed): git mirrors in $SCHEMA_MIRRORS (default /work/.mirror, one `owner+name/repo`
// bare repository each, e.g. `git clone --mirror https://github.com/huggingface/peft huggingface+peft/repo`)
// holding the commit each schema records in its root `x-framework`; for TRL and LLaMA-Factory also the
// transformers wheels in $SCHEMA_WORK/tf (see scripts/schema-tools/ptt/README.md). A generator whose inputs
// are missing is reported as "cannot check" and makes the run fail (exit 2), unless --available is given.
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
  copyFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tools = join(root, 'scripts/schema-tools');
const mirrors = process.env.SCHEMA_MIRRORS ?? '/work/.mirror';
const work = process.env.SCHEMA_WORK ?? '/work/scratch';
const args = process.argv.slice(2);
const write = args.includes('--write');
const availableOnly = args.includes('--available');

/** The commit a schema records; generators read their mirror at exactly this commit. */
const framework = (schema) =>
  JSON.parse(readFileSync(join(root, 'schemas', `${schema}.schema.json`), 'utf8'))['x-framework'] ?? {};
const pinned = (schema) => framework(schema).commit;

/** Each generator: the schemas it writes, the mirrors (and commits) it reads, extra files, and how to run it into OUT. */
const GENERATORS = [
  {
    name: 'W&B sweeps',
    schemas: ['wandb-sweep'],
    mirrors: { 'wandb+sweeps': pinned('wandb-sweep') },
    run: (out) => [['python3', [join(tools, 'sweeps/gen_wandb_sweep.py'), out]]],
  },
  {
    name: 'mergekit',
    schemas: ['mergekit'],
    mirrors: { 'arcee-ai+mergekit': pinned('mergekit') },
    run: (out) => [['python3', [join(tools, 'merges/gen_mergekit.py'), out]]],
  },
  {
    name: 'DeepSpeed',
    schemas: ['deepspeed'],
    mirrors: { 'deepspeedai+DeepSpeed': pinned('deepspeed') },
    run: (out) => [
      [
        'python3',
        [
          join(tools, 'build_deepspeed.py'),
          join(mirrors, 'deepspeedai+DeepSpeed/repo'),
          framework('deepspeed').version,
          join(out, 'deepspeed.schema.json'),
        ],
      ],
    ],
  },
  {
    name: 'Accelerate',
    schemas: ['accelerate'],
    mirrors: { 'huggingface+accelerate': pinned('accelerate') },
    run: (out) => [
      [
        'python3',
        [
          join(tools, 'build_accelerate.py'),
          join(mirrors, 'huggingface+accelerate/repo'),
          framework('accelerate').version,
          join(out, 'accelerate.schema.json'),
        ],
      ],
    ],
  },
  {
    name: 'PEFT, AdapterHub, TRL, torchtune',
    schemas: ['peft', 'adapterhub', 'trl', 'torchtune'],
    mirrors: {
      'huggingface+peft': pinned('peft'),
      'adapter-hub+adapters': pinned('adapterhub'),
      'huggingface+trl': pinned('trl'),
      'pytorch+torchtune': pinned('torchtune'),
      'huggingface+open-r1': null,
      'huggingface+alignment-handbook': null,
      'huggingface+accelerate': null,
    },
    files: ['tf/transformers-4.57.6-py3-none-any.whl', 'tf/transformers-5.17.0-py3-none-any.whl'],
    run: (out) => [
      ['bash', [join(tools, 'ptt/prepare.sh')]],
      ['bash', [join(tools, 'ptt/run.sh'), out]],
    ],
  },
  {
    name: 'Axolotl',
    schemas: ['axolotl'],
    mirrors: { 'axolotl-ai-cloud+axolotl': pinned('axolotl') },
    python: ['pydantic'],
    run: (out, tmp) => {
      const src = join(tmp, 'axolotl');
      return [
        [
          'bash',
          [
            '-c',
            `mkdir -p ${src} && git --git-dir=${mirrors}/axolotl-ai-cloud+axolotl/repo archive ${pinned('axolotl')} src | tar -x -C ${src}`,
          ],
        ],
        ['python3', [join(tools, 'axolotl-dump.py'), join(src, 'src'), join(tmp, 'ax-raw.json')]],
        [
          'python3',
          [
            join(tools, 'build_axolotl.py'),
            join(tmp, 'ax-raw.json'),
            join(src, 'src'),
            join(out, 'axolotl.schema.json'),
          ],
        ],
      ];
    },
  },
  {
    name: 'LLaMA-Factory',
    schemas: ['llamafactory', 'llamafactory-v1'],
    mirrors: { 'hiyouga+LLaMA-Factory': pinned('llamafactory') },
    files: ['tf/4.57.6/transformers/training_args.py', 'tf/5.17.0/transformers/training_args.py'],
    run: (out, tmp) => {
      const src = join(tmp, 'lf');
      return [
        [
          'bash',
          [
            '-c',
            `mkdir -p ${src} && git --git-dir=${mirrors}/hiyouga+LLaMA-Factory/repo archive ${pinned('llamafactory')} src | tar -x -C ${src}`,
          ],
        ],
        [
          'python3',
          [
            join(tools, 'build_llamafactory.py'),
            join(src, 'src/llamafactory'),
            join(work, 'tf/4.57.6'),
            join(work, 'tf/5.17.0'),
            out,
          ],
        ],
      ];
    },
  },
];

function missingInputs(g) {
  const missing = [];
  for (const [repo, commit] of Object.entries(g.mirrors)) {
    const dir = join(mirrors, repo, 'repo');
    if (!existsSync(dir)) missing.push(`mirror ${repo}`);
    else if (commit) {
      try {
        execFileSync('git', ['--git-dir', dir, 'cat-file', '-e', `${commit}^{commit}`], { stdio: 'ignore' });
      } catch {
        missing.push(`commit ${commit.slice(0, 12)} in ${repo}`);
      }
    }
  }
  for (const f of g.files ?? []) if (!existsSync(join(work, f))) missing.push(`$SCHEMA_WORK/${f}`);
  for (const mod of g.python ?? []) {
    try {
      execFileSync('python3', ['-c', `import ${mod}`], { stdio: 'ignore' });
    } catch {
      missing.push(`python module ${mod}`);
    }
  }
  return missing;
}

let differ = 0;
let unchecked = 0;
for (const g of GENERATORS) {
  const missing = missingInputs(g);
  if (missing.length) {
    console.log(`cannot check ${g.name} (${g.schemas.join(', ')}): missing ${missing.join(', ')}`);
    unchecked++;
    continue;
  }
  const tmp = mkdtempSync(join(tmpdir(), 'mlcl-schemas-'));
  try {
    const out = join(tmp, 'out');
    execFileSync('mkdir', ['-p', out]);
    for (const [cmd, argv] of g.run(out, tmp))
      execFileSync(cmd, argv, {
        stdio: ['ignore', 'ignore', 'inherit'],
        env: { ...process.env, SCHEMA_MIRRORS: mirrors, SCHEMA_WORK: work, SCHEMA_OUT: out },
      });
    for (const s of g.schemas) {
      const file = `${s}.schema.json`;
      const fresh = join(out, file);
      const same =
        existsSync(fresh) &&
        readFileSync(fresh, 'utf8') === readFileSync(join(root, 'schemas', file), 'utf8');
      if (same) console.log(`ok       ${file} (${g.name})`);
      else if (write && existsSync(fresh)) {
        copyFileSync(fresh, join(root, 'schemas', file));
        console.log(`written  ${file} (${g.name})`);
      } else {
        console.log(
          `DIFFERS  ${file}: regenerated from ${g.name}'s source it is not the committed file${existsSync(fresh) ? '' : ' (the generator wrote nothing)'}`,
        );
        differ++;
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
const extra = readdirSync(join(root, 'schemas')).filter(
  (f) =>
    f.endsWith('.schema.json') && !GENERATORS.some((g) => g.schemas.some((s) => `${s}.schema.json` === f)),
);
for (const f of extra) {
  console.log(`DIFFERS  ${f}: no generator writes it`);
  differ++;
}
writeFileSync(1, '');
process.exit(differ ? 1 : unchecked && !availableOnly ? 2 : 0);
