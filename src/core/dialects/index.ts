// The config dialects ML Config Lens understands, registered in ONE list of plug-ins (one module per
// dialect beside this file), and how a file's dialect is decided: an explicit in-file marker
// (yaml-language-server modeline, `$schema` key), then the user's glob associations (setting
// mlConfig.files.associations), then the file name, then the file's keys.
// Detection reads lines with regexes and never parses, so it is cheap and cannot throw.
import { accelerate } from './accelerate';
import { adapterhub } from './adapterhub';
import { axolotl } from './axolotl';
import { deepspeed } from './deepspeed';
import { llamafactory } from './llamafactory';
import { llamafactoryV1 } from './llamafactory-v1';
import { peft } from './peft';
import { torchtune } from './torchtune';
import { trl } from './trl';
import type { DialectPlugin, SniffedKeys } from './types';
import { DialectMappingError, type EstimatorInput } from '../estimator-input/types';
import { globMatches } from './glob';
import { mergekit } from './mergekit';
import { wandbSweep } from './wandb-sweep';

export { globMatches };

export type { ApplyField, ApplyKey, DialectLoader, DialectPlugin, SniffedKeys } from './types';
export { APPLY_FIELDS } from './types';

/** Every dialect id; adding a plug-in means adding its id here and its module to PLUGINS (the compiler checks both). */
export type DialectId =
  | 'axolotl'
  | 'llamafactory'
  | 'llamafactory-v1'
  | 'trl'
  | 'peft'
  | 'adapterhub'
  | 'torchtune'
  | 'wandb-sweep'
  | 'mergekit'
  | 'deepspeed'
  | 'accelerate';

/**
 * The registry, in UI order. Keyed by id so the compiler rejects a missing or unknown plug-in; a unit
 * test checks each key equals its plug-in's id.
 */
const PLUGINS: { readonly [K in DialectId]: DialectPlugin<K> } = {
  axolotl,
  llamafactory,
  'llamafactory-v1': llamafactoryV1,
  trl,
  peft,
  adapterhub,
  torchtune,
  'wandb-sweep': wandbSweep,
  mergekit,
  deepspeed,
  accelerate,
};

export const DIALECT_PLUGINS: readonly DialectPlugin<DialectId>[] = Object.values(PLUGINS);

/**
 * Ties in content scoring go to the earlier dialect here (the more specific layout first: v1 before
 * classic LLaMA-Factory, both before Axolotl, Axolotl before TRL); other plug-ins follow in registry order.
 */
const TIE_ORDER: readonly DialectId[] = ['llamafactory-v1', 'llamafactory', 'axolotl', 'trl'];
const SCORING_ORDER: readonly DialectId[] = [
  ...TIE_ORDER,
  ...DIALECT_PLUGINS.map((p) => p.id).filter((id) => !TIE_ORDER.includes(id)),
];

export interface DialectInfo {
  id: DialectId;
  label: string;
}

export const DIALECTS: readonly DialectInfo[] = DIALECT_PLUGINS.map((p) => ({ id: p.id, label: p.label }));

export function dialectPlugin(id: DialectId): DialectPlugin<DialectId> {
  return PLUGINS[id];
}

/** Parsed config → estimator input through the dialect's plug-in; throws DialectMappingError. */
export function mapDialectConfig(config: unknown, dialect: DialectId): EstimatorInput {
  if (typeof config !== 'object' || config === null || Array.isArray(config))
    throw new DialectMappingError(`a ${dialect} config must be a mapping of keys to values`);
  const map = PLUGINS[dialect]?.toEstimatorInput;
  if (!map) throw new DialectMappingError(`no estimator mapping for dialect '${dialect}'`);
  return map(config as Record<string, unknown>);
}

export interface DialectDetection {
  dialect: DialectId | undefined;
  reason: string;
  /** Left to the analysis worker (see DetectOptions.deferAssociations). */
  deferred?: true;
}

export interface DetectOptions {
  fileName?: string;
  /** glob -> dialect id, from the mlConfig.files.associations setting. */
  associations?: Record<string, string>;
  /**
   * The editor's host thread: association globs are not matched here (compiling one on RE2 costs up to
   * 31 ms the first time, over the host's 10 ms budget; issue 11). A file they might claim is left
   * undecided (`deferred`) for the analysis worker, which matches them.
   */
  deferAssociations?: boolean;
}

export function isDialectId(v: unknown): v is DialectId {
  return typeof v === 'string' && Object.prototype.hasOwnProperty.call(PLUGINS, v);
}

export function detectDialect(text: string, opts: DetectOptions = {}): DialectDetection {
  const head = text.length > 200_000 ? text.slice(0, 200_000) : text;
  const modeline = /^[ \t]*#[ \t]*(?:yaml-language-server:[ \t]*\$schema=|\$schema:[ \t]*)(\S+)/m.exec(head);
  if (modeline) return fromSchemaUrl(modeline[1], 'the yaml-language-server modeline');
  const key = /^[ \t{]*["']?\$schema["']?[ \t]*:[ \t]*["']?([^"'\s,}]+)/m.exec(head);
  if (key) return fromSchemaUrl(key[1], 'the `$schema` key');
  const path = (opts.fileName ?? '').replace(/\\/g, '/');
  const globs = Object.entries(opts.associations ?? {});
  if (opts.deferAssociations && path && globs.length > 0)
    return {
      dialect: undefined,
      reason: 'mlConfig.files.associations are matched in the analysis worker',
      deferred: true,
    };
  for (const [glob, id] of globs) {
    if (path && globMatches(glob, path)) {
      return isDialectId(id)
        ? { dialect: id, reason: `mlConfig.files.associations: "${glob}"` }
        : {
            dialect: undefined,
            reason: `mlConfig.files.associations maps "${glob}" to unknown dialect "${id}"`,
          };
    }
  }
  const keys = sniffKeys(head);
  const byName = fromFileName(path, keys);
  return byName ?? sniffFromKeys(keys);
}

/**
 * What the editor's host thread may read to decide a dialect before the worker answered (issue 11):
 * 32,000 characters, 2.7× the largest real config in the corpus (12 KB), so every real file is read
 * whole; detection on 199 KB took 21 ms median on the host, about 0.1 ms per KB.
 */
export const HOST_DETECT_CHARS = 32_000;

/**
 * detectDialect on at most the first `maxChars` characters, cut after the last whole line: the same
 * answer as detectDialect for any shorter text, and bounded cost for a huge one (modeline, `$schema`,
 * associations and file name still decide; content keys come from the head only).
 */
export function detectDialectInHead(
  text: string,
  opts: DetectOptions = {},
  maxChars: number = HOST_DETECT_CHARS,
): DialectDetection {
  if (text.length <= maxChars) return detectDialect(text, opts);
  const cut = text.lastIndexOf('\n', maxChars);
  return detectDialect(text.slice(0, cut > 0 ? cut + 1 : maxChars), opts);
}

function fromSchemaUrl(url: string, where: string): DialectDetection {
  const m = /([A-Za-z0-9-]+)\.schema\.json(?:[?#].*)?$/.exec(url);
  if (m && isDialectId(m[1])) return { dialect: m[1], reason: `named by ${where}` };
  return { dialect: undefined, reason: `${where} points at another schema (${url})` };
}

type Keys = SniffedKeys & { top: Set<string>; any: Set<string> };

function sniffKeys(text: string): Keys {
  const top = new Set<string>();
  const any = new Set<string>();
  if (/^\s*\{/.test(text)) {
    try {
      collectJsonKeys(JSON.parse(text), top, any, 0);
      return { top, any };
    } catch {
      // Broken JSON while typing: fall back to every quoted key.
      for (const m of text.matchAll(/"([^"\\]+)"\s*:/g)) [top, any].forEach((s) => s.add(m[1]));
      return { top, any };
    }
  }
  const re = /^([ \t]*)(?:- )?["']?([A-Za-z_$][\w.$-]*)["']?[ \t]*:/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    any.add(m[2]);
    if (m[1].length === 0) top.add(m[2]);
  }
  return { top, any };
}

function collectJsonKeys(v: unknown, top: Set<string>, any: Set<string>, depth: number): void {
  if (!v || typeof v !== 'object' || Array.isArray(v) || depth > 3) return;
  for (const [k, child] of Object.entries(v)) {
    if (depth === 0) top.add(k);
    any.add(k);
    collectJsonKeys(child, top, any, depth + 1);
  }
}

/** Plug-ins that claim the file's base name; among several, the one whose certain content fires, else the first. */
function fromFileName(path: string, keys: Keys): DialectDetection | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (!base) return undefined;
  const named = DIALECT_PLUGINS.filter((p) => p.detect.fileNames?.includes(base));
  if (named.length === 0) return fromFileGlob(base, keys);
  const sure = named.find((p) => p.detect.certain?.test(keys)) ?? named[0];
  const others = named.filter((p) => p !== sure).map((p) => p.label);
  return {
    dialect: sure.id,
    reason: `file name ${base}, ${sure.label} layout${others.length ? ` (not ${others.join(', ')})` : ''}`,
  };
}

/**
 * A plug-in's own file-name glob (a constant of this repository, `*` its only wildcard) as a RegExp
 * over a base name. User globs from settings go through globMatches (picomatch on RE2); these need
 * neither, and compiling seven of them that way cost about 20 ms on the first file opened.
 */
const nameGlobs = new Map<string, RegExp>();
/** Longest file name Linux allows (NAME_MAX); the RegExps above are quadratic at worst, in this. */
const MAX_NAME_CHARS = 255;
export function fileNameGlob(glob: string): RegExp {
  let re = nameGlobs.get(glob);
  if (!re) {
    if (!/^[\w.*-]+$/.test(glob)) throw new Error(`plug-in file glob ${glob} uses more than \`*\``);
    const source = glob.split('*').map((part) => part.replace(/[.-]/g, '\\$&'));
    nameGlobs.set(glob, (re = new RegExp(`^${source.join('[^/]*')}$`)));
  }
  return re;
}

/** A plug-in whose name glob fits, unless another plug-in's certain content says otherwise. */
function fromFileGlob(base: string, keys: Keys): DialectDetection | undefined {
  if (base.length > MAX_NAME_CHARS) return undefined;
  const p = DIALECT_PLUGINS.find((d) => d.detect.fileGlobs?.some((g) => fileNameGlob(g).test(base)));
  if (!p) return undefined;
  const other = DIALECT_PLUGINS.find((d) => d !== p && d.detect.certain?.test(keys));
  if (other) return undefined;
  return { dialect: p.id, reason: `file name ${base}, ${p.label}` };
}

function sniffFromKeys(k: Keys): DialectDetection {
  for (const p of DIALECT_PLUGINS) {
    if (p.detect.certain?.test(k)) return { dialect: p.id, reason: p.detect.certain.reason };
  }
  let best: DialectId | undefined;
  let bestScore = 0;
  let why: string[] = [];
  for (const id of SCORING_ORDER) {
    const weights = PLUGINS[id].detect.markers;
    if (!weights) continue;
    const hits = Object.keys(weights).filter((w) => k.top.has(w));
    const score = hits.reduce((s, h) => s + weights[h], 0);
    if (score > bestScore) [best, bestScore, why] = [id, score, hits];
  }
  if (!best || bestScore < 3)
    return { dialect: undefined, reason: 'content: no keys typical of a supported training config' };
  return { dialect: best, reason: `content: ${why.slice(0, 4).join(', ')}` };
}

/** Sniffs a dialect from the content of a YAML or JSON text; undefined when nothing fits. */
export function sniffDialect(text: string): DialectId | undefined {
  try {
    return sniffFromKeys(sniffKeys(text)).dialect;
  } catch {
    return undefined;
  }
}
