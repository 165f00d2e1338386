// `ml-config-lens check [--dialect D] [--format text|json|sarif] [--max-problems N] FILE...`
// Validates each file through the same pipeline as the editor (schema, rules, target modules). Exit 0
// clean (warnings allowed), 1 when any file has an error, 2 on bad usage or an unreadable file (the
// other files are still checked). A FILE that is a folder stands for the YAML/JSON configs under it.
import { DIALECTS, detectDialect, isDialectId, type DialectId } from '../core/dialects';
import { analyzeDocument } from '../core/pipeline';
import type { Diagnostic } from '../core/validate';
import { localModelResolver } from './models';
import { LineIndex } from '../core/validate/positions';
import { fileIdentity, readInputs, type InputFile } from '../io/inputs';
import { linkedFilesFor, linkReader } from '../io/linked';
import { dirname, resolve } from 'node:path';
import { detectPythonEnv } from '../io/python-env';
import { fromSetting, mergeVersions } from '../core/env/frameworkVersions';

const USAGE = `Usage: ml-config-lens check [--dialect D] [--format text|json|sarif] [--max-problems N] [--framework-version PKG=VER]... FILE...
  --dialect D        validate every FILE as D (${DIALECTS.map((d) => d.id).join(', ')}); default: detect per file
  --format F         text (default), json, or sarif (SARIF 2.1.0 for code-scanning tools)
  --max-problems N   report at most N problems per file (default 100)
  --framework-version PKG=VER  the version you run (e.g. trl=0.26, transformers=4.57); keys it still
                     reads are not reported as deprecated, keys newer than it are. Default: the release
                     installed in ./.venv, ./venv, ./env or ./.conda (a *.dist-info), else an exact pin in
                     ./requirements*.txt or ./pyproject.toml, else the latest each schema follows
  --no-env           do not look for a Python environment or pins in the current folder
  --deepspeed-launcher plain|hf
                     who reads the DeepSpeed files: plain deepspeed.initialize makes "auto" values
                     errors; hf (default) is the HF Trainer / Accelerate, which fill them. A DeepSpeed
                     file that a training config checked in the same run links is always hf`;

export interface CheckedDiagnostic {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Diagnostic['severity'];
  code: string;
  message: string;
}

export interface CheckedFile {
  file: string;
  dialect: DialectId | null;
  diagnostics: CheckedDiagnostic[];
}

interface Options {
  dialect?: DialectId;
  format: 'text' | 'json' | 'sarif';
  max?: number;
  versions: Record<string, string>;
  noEnv?: boolean;
  files: string[];
  launcher?: 'hf' | 'plain';
}

function parseArgs(args: string[]): Options | string {
  const o: Options = { format: 'text', versions: {}, files: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--dialect') {
      const d = args[++i];
      if (!isDialectId(d)) return `unknown dialect '${d ?? ''}'`;
      o.dialect = d;
    } else if (a === '--format') {
      const f = args[++i];
      if (f !== 'text' && f !== 'json' && f !== 'sarif') return `unknown format '${f ?? ''}'`;
      o.format = f;
    } else if (a === '--max-problems') {
      const n = Number(args[++i]);
      if (!Number.isInteger(n) || n < 1) return '--max-problems needs a positive integer';
      o.max = n;
    } else if (a === '--framework-version') {
      const m = /^([\w.-]+)=(v?\d+(?:\.\d+)*)$/.exec(args[++i] ?? '');
      if (!m) return '--framework-version needs PKG=VERSION, e.g. trl=0.26';
      o.versions[m[1]] = m[2];
    } else if (a === '--deepspeed-launcher') {
      const l = args[++i];
      if (l !== 'hf' && l !== 'plain') return `--deepspeed-launcher needs plain or hf (got '${l ?? ''}')`;
      o.launcher = l;
    } else if (a === '--no-env') o.noEnv = true;
    else if (a.startsWith('--')) return `unknown option '${a}'`;
    else o.files.push(a);
  }
  return o.files.length ? o : 'no FILE given';
}

/**
 * Checks one text through the same pipeline as the editor (so the target-module check against the
 * config's model runs here too) and converts offsets to 1-based lines and columns.
 */
export function checkText(
  file: string,
  text: string,
  dialect?: DialectId,
  max?: number,
  frameworkVersions?: Record<string, string>,
  frameworkVersionSources?: Record<string, string>,
  deepspeedLauncher?: 'hf' | 'plain',
): CheckedFile & { reason: string; linkedPaths?: string[] } {
  const r = analyzeDocument(
    {
      text,
      fileName: file,
      dialect,
      settings: {
        maxDiagnostics: max,
        frameworkVersions,
        frameworkVersionSources:
          frameworkVersionSources ??
          Object.fromEntries(
            Object.keys(frameworkVersions ?? {}).map((k) => [k.toLowerCase(), 'from --framework-version']),
          ),
      },
      linkedFiles: linkedFilesFor(file, process.cwd()),
      deepspeedLauncher,
    },
    localModelResolver(file),
    // Linked DeepSpeed / FSDP files (cross-checked against the config): beside it, then the working directory.
    linkReader({ folders: [process.cwd()], roots: [process.cwd(), dirname(resolve(file))] }),
  );
  const idx = new LineIndex(text);
  const diagnostics = r.diagnostics.map((d) => {
    const s = idx.positionAt(d.start);
    const e = idx.positionAt(d.end);
    return {
      line: s.line + 1,
      column: s.character + 1,
      endLine: e.line + 1,
      endColumn: e.character + 1,
      severity: d.severity,
      code: d.code,
      message: d.message,
    };
  });
  return { file, dialect: r.dialect ?? null, diagnostics, reason: r.reason, linkedPaths: r.linkedPaths };
}

export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const o = parseArgs(args);
  if (typeof o === 'string') {
    console.error(`ml-config-lens check: ${o}\n${USAGE}`);
    return 2;
  }
  // --framework-version > the current folder's Python environment > its exact pins (a range is not one release).
  const env = o.noEnv ? undefined : await detectPythonEnv([process.cwd()]);
  const used = Object.entries(
    mergeVersions(fromSetting(o.versions, 'from --framework-version'), env?.environment, env?.pins),
  ).filter(([, v]) => v.origin !== 'range');
  const versions = Object.fromEntries(used.map(([k, v]) => [k, v.version]));
  const sources = Object.fromEntries(used.map(([k, v]) => [k, v.source]));
  const { inputs, notes } = readInputs(o.files);
  for (const input of inputs)
    if ('error' in input) console.error(`ml-config-lens check: cannot read ${input.file}: ${input.error}`);
  for (const n of notes) console.error(`ml-config-lens check: ${n}`);
  const results = checkAll(
    inputs,
    (file, text, launcher) => checkText(file, text, o.dialect, o.max, versions, sources, launcher),
    o.launcher,
    o.dialect,
  );
  if (o.format === 'json')
    console.log(
      JSON.stringify(
        results.map(({ file, dialect, diagnostics }) => ({ file, dialect, diagnostics })),
        null,
        2,
      ),
    );
  else if (o.format === 'sarif') console.log(JSON.stringify(toSarif(results), null, 2));
  else printText(results);
  if (inputs.some((i) => 'error' in i)) return 2;
  return results.some((r) => r.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
}

type Checked = ReturnType<typeof checkText>;

/**
 * Checks every readable input once, in order. With `--deepspeed-launcher plain` the DeepSpeed files
 * wait until the other files have named their links: one that a training config or Accelerate config
 * of this run links is read by the HF Trainer / Accelerate ("auto" is fine), the others by plain
 * deepspeed.initialize.
 */
function checkAll(
  inputs: readonly InputFile[],
  check: (file: string, text: string, launcher?: 'plain') => Checked,
  launcher: 'hf' | 'plain' | undefined,
  dialect: DialectId | undefined,
): Checked[] {
  const readable = inputs.filter((i): i is { file: string; text: string } => 'text' in i);
  const deferred = (i: { file: string; text: string }): boolean =>
    launcher === 'plain' && (dialect ?? detectDialect(i.text, { fileName: i.file }).dialect) === 'deepspeed';
  const first = readable.map((i) => (deferred(i) ? undefined : check(i.file, i.text)));
  const linked = new Set(first.flatMap((r) => r?.linkedPaths ?? []).map(fileIdentity));
  return readable.map(
    (i, k) => first[k] ?? check(i.file, i.text, linked.has(fileIdentity(i.file)) ? undefined : 'plain'),
  );
}

function printText(results: Array<CheckedFile & { reason: string }>): void {
  const count = { error: 0, warning: 0, information: 0 };
  for (const r of results) {
    if (!r.dialect) {
      console.log(`${r.file}: skipped (${r.reason})`);
      continue;
    }
    for (const d of r.diagnostics) {
      count[d.severity]++;
      console.log(`${r.file}:${d.line}:${d.column}: ${d.severity} [${d.code}] ${d.message}`);
    }
  }
  console.log(
    `${results.length} file(s): ${count.error} error(s), ${count.warning} warning(s), ${count.information} information`,
  );
}

/** SARIF 2.1.0, the format GitHub code scanning and other CI tools read. */
export function toSarif(results: CheckedFile[]): object {
  const level = { error: 'error', warning: 'warning', information: 'note' } as const;
  const ruleIds = [...new Set(results.flatMap((r) => r.diagnostics.map((d) => d.code)))].sort();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ml-config-lens',
            informationUri: 'https://ml-config-lens.dev',
            rules: ruleIds.map((id) => ({ id })),
          },
        },
        results: results.flatMap((r) =>
          r.diagnostics.map((d) => ({
            ruleId: d.code,
            level: level[d.severity],
            message: { text: d.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: r.file.replace(/\\/g, '/') },
                  region: {
                    startLine: d.line,
                    startColumn: d.column,
                    endLine: d.endLine,
                    endColumn: d.endColumn,
                  },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
}
