// Release-aware findings, both directions, for the release the user runs (mlConfig.validation.
// frameworkVersions / --framework-version, or detected from the workspace's Python environment):
// a key, template or `_component_` newer than that release ("added in X; your release Y does not
// know it"), one that release no longer has ("removed in Y", "renamed in Z" with the new name as a
// quick fix), and the other way: what the user's release accepts is never reported as an error,
// even where the schemas (which follow the newest release) do not know it.
//
// Severity follows what the framework does with a key it does not know:
// - LLaMA-Factory: HfArgumentParser.parse_dict(allow_extra_keys=False) raises "Some keys are not used
//   by the HfArgumentParser" (src/llamafactory/hparams/parser.py:103-111 at v0.9.5); an unknown template
//   raises "Template ... does not exist." (src/llamafactory/data/template.py:639 at v0.9.5) -> error.
// - LLaMA-Factory v1: its own HfArgumentParser.parse_dict raises "Some specified arguments are not used
//   by the HfArgumentParser" unless ALLOW_EXTRA_KEYS is set (src/llamafactory/v1/config/arg_parser.py:55-58
//   at v0.9.5, :69-72 at v0.9.4) -> error. v0 and v1 ship in one package: the release is `llamafactory`'s.
// - TRL: TrlParser.parse_args_and_config raises "Unknown arguments from config file"
//   (trl/scripts/utils.py:226-228 at v0.19.0) -> error.
// - torchtune: config.instantiate imports the dotted path and raises when it is missing -> error.
// - PEFT: from 0.14 an unknown adapter_config.json key is dropped with a warning ("Unexpected keyword
//   arguments ... saved using a higher version of the library", src/peft/config.py:158 at v0.14.0,
//   :208-223 at v0.20.0) -> warning; before 0.14 the config class's __init__ raises TypeError -> error.
// - Axolotl: validate_config keeps only declared fields (model_dump(exclude_none=True),
//   src/axolotl/utils/config/__init__.py:490 at v0.18.0): the key is silently dropped -> warning.
import type { DialectId } from '../../dialects';
import { compareVersions, parseVersion } from '../versions';
import type { Severity } from '../types';
import { RELEASES, standing, type FrameworkReleases } from './data';

type Cfg = Record<string, unknown>;

export interface ReleaseFinding {
  path: string[];
  on: 'key' | 'value';
  severity: Severity;
  code: 'release-added' | 'release-removed' | 'release-renamed';
  message: string;
  /** Replace the key (renamed) or the value (moved component) with this text. */
  replaceWith?: string;
}

/** The path of a finding an existing schema error at the same place should give way to. */
export interface Accepted {
  path: string[];
  on: 'key' | 'value';
  /** Also accept errors on the key that holds this mapping (torchtune's `lr_scheduler:` type error). */
  parentKey?: string[];
}

export interface ReleaseReport {
  /** Package and version the findings were judged against, and where the version came from. */
  pkg?: string;
  version?: string;
  source?: string;
  findings: ReleaseFinding[];
  /** Places the user's release accepts: schema errors there are dropped. */
  accepted: Accepted[];
}

const FRAMEWORK: Partial<Record<DialectId, keyof typeof RELEASES>> = {
  llamafactory: 'llamafactory',
  'llamafactory-v1': 'llamafactory-v1',
  trl: 'trl',
  peft: 'peft',
  axolotl: 'axolotl',
  torchtune: 'torchtune',
};

const NAME: Record<keyof typeof RELEASES, string> = {
  llamafactory: 'LLaMA-Factory',
  'llamafactory-v1': 'LLaMA-Factory',
  trl: 'TRL',
  peft: 'PEFT',
  axolotl: 'Axolotl',
  torchtune: 'torchtune',
};

/** The installed package whose version decides (LLaMA-Factory v1 ships inside `llamafactory`). */
const PACKAGE: Record<keyof typeof RELEASES, string> = {
  llamafactory: 'llamafactory',
  'llamafactory-v1': 'llamafactory',
  trl: 'trl',
  peft: 'peft',
  axolotl: 'axolotl',
  torchtune: 'torchtune',
};

export function pinned(versions: Record<string, string> | undefined, pkg: string): string | undefined {
  const hit = Object.entries(versions ?? {}).find(([k]) => k.toLowerCase() === pkg);
  return hit && parseVersion(hit[1]) ? hit[1].trim().replace(/^v/, '') : undefined;
}

export function unknownKeySeverity(fw: keyof typeof RELEASES, version: string): Severity {
  if (fw === 'axolotl') return 'warning';
  if (fw === 'peft') return compareVersions(parseVersion(version) ?? [], [0, 14]) >= 0 ? 'warning' : 'error';
  return 'error';
}

const WHAT: Record<keyof typeof RELEASES, string> = {
  llamafactory: 'HfArgumentParser stops with "Some keys are not used"',
  'llamafactory-v1':
    'the v1 parser stops with "Some specified arguments are not used by the HfArgumentParser"',
  trl: 'TrlParser stops with "Unknown arguments from config file"',
  peft: 'PEFT',
  axolotl: 'Axolotl drops the key without a word',
  torchtune: '`tune run` cannot import it',
};

export function consequence(fw: keyof typeof RELEASES, severity: Severity): string {
  if (fw === 'peft')
    return severity === 'error'
      ? 'PEFT before 0.14 raises TypeError on the unknown argument'
      : 'PEFT ignores it with a warning ("saved using a higher version of the library")';
  return WHAT[fw];
}

function keyFindings(
  fw: keyof typeof RELEASES,
  data: FrameworkReleases,
  keys: Record<string, [number, number]> | undefined,
  cfg: Cfg,
  version: string,
  prefix: string[],
  out: ReleaseReport,
): void {
  const name = NAME[fw];
  for (const key of Object.keys(cfg)) {
    const span = keys?.[key];
    if (!span) continue;
    const s = standing(data, span, version);
    if (!s) continue;
    const path = [...prefix, key];
    if (s.kind === 'known') {
      out.accepted.push({ path, on: 'key' });
    } else if (s.kind === 'newer') {
      const severity = unknownKeySeverity(fw, version);
      out.findings.push({
        path,
        on: 'key',
        severity,
        code: 'release-added',
        message: `\`${key}\` was added in ${name} ${s.first}; your release ${version} does not know it (${consequence(fw, severity)}).`,
      });
    } else {
      const to = data.renamed?.[key];
      out.findings.push({
        path,
        on: 'key',
        severity: unknownKeySeverity(fw, version),
        code: to ? 'release-renamed' : 'release-removed',
        message: to
          ? `\`${key}\` was renamed to \`${to}\` in ${name} ${s.gone}; your release ${version} reads \`${to}\`.`
          : `\`${key}\` was removed in ${name} ${s.gone} (last in ${s.last}); your release ${version} does not read it.`,
        ...(to ? { replaceWith: to } : {}),
      });
    }
  }
}

function valueFindings(data: FrameworkReleases, cfg: Cfg, version: string, out: ReleaseReport): void {
  for (const [key, values] of Object.entries(data.values ?? {})) {
    const v = cfg[key];
    const span = typeof v === 'string' ? values[v] : undefined;
    const s = span && standing(data, span, version);
    if (!s) continue;
    if (s.kind === 'known') out.accepted.push({ path: [key], on: 'value' });
    else if (s.kind === 'newer')
      out.findings.push({
        path: [key],
        on: 'value',
        severity: 'error',
        code: 'release-added',
        message: `${key} \`${String(v)}\` was added in LLaMA-Factory ${s.first}; your release ${version} does not have it and stops with "Template ${String(v)} does not exist."`,
      });
  }
}

/** Every `_component_` string in the config with its key path (bounded depth). */
function components(
  n: unknown,
  path: string[],
  out: Array<{ path: string[]; value: string }>,
  depth = 0,
): void {
  if (!n || typeof n !== 'object' || depth > 20 || out.length > 500) return;
  if (Array.isArray(n)) return n.forEach((x, i) => components(x, [...path, String(i)], out, depth + 1));
  for (const [k, v] of Object.entries(n as Cfg)) {
    if (k === '_component_' && typeof v === 'string') out.push({ path: [...path, k], value: v });
    else components(v, [...path, k], out, depth + 1);
  }
}

function componentFindings(data: FrameworkReleases, cfg: Cfg, version: string, out: ReleaseReport): void {
  const found: Array<{ path: string[]; value: string }> = [];
  components(cfg, [], found);
  for (const { path, value } of found) {
    const span = data.components?.[value];
    const s = span && standing(data, span, version);
    if (!s) continue;
    if (s.kind === 'known') {
      out.accepted.push({ path, on: 'value', parentKey: path.slice(0, -1) });
    } else if (s.kind === 'newer') {
      out.findings.push({
        path,
        on: 'value',
        severity: 'error',
        code: 'release-added',
        message: `\`${value}\` was added in torchtune ${s.first}; your release ${version} does not have it and \`tune run\` cannot import it.`,
      });
    } else {
      const to = data.movedTo?.[value];
      out.findings.push({
        path,
        on: 'value',
        severity: 'error',
        code: to ? 'release-renamed' : 'release-removed',
        message: to
          ? `\`${value}\` moved to \`${to}\` in torchtune ${s.gone}; your release ${version} cannot import the old path.`
          : `\`${value}\` was removed in torchtune ${s.gone} (last in ${s.last}); your release ${version} cannot import it.`,
        ...(to ? { replaceWith: to } : {}),
      });
    }
  }
}

/**
 * A v1 config for a release without v1: before 0.9.4 the launcher ignores USE_V1 (first read in
 * src/llamafactory/cli.py:19 at v0.9.4) and the v0 parser, which raises on keys it does not know, reads
 * the file. One error at the first key says so (every key would otherwise be judged one by one).
 */
function beforeV1(data: FrameworkReleases, cfg: Cfg, version: string, out: ReleaseReport): boolean {
  const first = data.releases[0];
  const [key] = Object.keys(cfg);
  if (!key || compareVersions(parseVersion(version) ?? [], parseVersion(first) ?? []) >= 0) return false;
  out.findings.push({
    path: [key],
    on: 'key',
    severity: 'error',
    code: 'release-added',
    message: `LLaMA-Factory v1 configs (USE_V1=1) were added in LLaMA-Factory ${first}; your release ${version} reads this file with the v0 parser, which stops on the keys it does not know.`,
  });
  return true;
}

/** Findings for a config of `dialect`, judged against the release in `versions` (nothing when none is set). */
export function releaseReport(
  dialect: DialectId | undefined,
  cfg: unknown,
  versions: Record<string, string> | undefined,
  sources?: Record<string, string>,
): ReleaseReport {
  const out: ReleaseReport = { findings: [], accepted: [] };
  const fw = dialect && FRAMEWORK[dialect];
  const pkg = fw && PACKAGE[fw];
  const version = pkg && pinned(versions, pkg);
  if (!fw || !pkg || !version || !cfg || typeof cfg !== 'object' || Array.isArray(cfg)) return out;
  Object.assign(out, { pkg, version, source: sources?.[pkg] });
  const data = RELEASES[fw];
  const c = cfg as Cfg;
  if (fw === 'llamafactory-v1' && beforeV1(data, c, version, out)) return out;
  if (fw === 'torchtune') componentFindings(data, c, version, out);
  else if (fw === 'peft') {
    const type = typeof c.peft_type === 'string' ? c.peft_type.toUpperCase() : undefined;
    const t = type ? data.types?.[type] : undefined;
    if (t) keyFindings(fw, data, t.keys, c, version, [], out);
  } else {
    keyFindings(fw, data, data.keys, c, version, [], out);
    valueFindings(data, c, version, out);
  }
  return out;
}
