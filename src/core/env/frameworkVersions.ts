// Which release of each framework a run uses, and where that came from. Read from (in this order):
// the user's setting or CLI flag, the workspace's Python environment (a `*.dist-info` folder in a
// .venv / venv / conda env's site-packages), a pin in requirements*.txt or pyproject.toml, else none
// (validation follows the newest release each schema follows; counts the newest transformers supported).
// Pure text parsing; the folder walk that finds the files is src/io/python-env.ts.

/** The packages whose release changes what ML Config Lens reports (PyPI names, normalised). */
export const TRACKED_PACKAGES = [
  'axolotl',
  'llamafactory',
  'trl',
  'peft',
  'transformers',
  'torchtune',
  'deepspeed',
  'accelerate',
  'mergekit',
  'wandb',
] as const;
export type TrackedPackage = (typeof TRACKED_PACKAGES)[number];

export type VersionOrigin = 'setting' | 'environment' | 'pin' | 'range';

export interface DetectedVersion {
  /** As written in METADATA or the pin, e.g. '0.19.0', '4.57.6', '0.9.4.dev0'. */
  version: string;
  origin: VersionOrigin;
  /** Where it came from, as the status bar and messages say it ('from .venv/lib/python3.11/site-packages/trl-0.19.0.dist-info'). */
  source: string;
  /** Set when the pin is a range (`trl>=0.19,<0.21`): the lowest release it allows is used, and said. */
  range?: string;
}

/** PEP 503 normalisation: `LLaMA_Factory` and `llama-factory` are the same project. */
export function normalizeName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[-_.]+/g, '-');
}

/** The tracked package a distribution name stands for (`llamafactory` also answers to `llama-factory`). */
export function trackedPackage(name: string): TrackedPackage | undefined {
  const n = normalizeName(name);
  const alias = n === 'llama-factory' ? 'llamafactory' : n;
  return (TRACKED_PACKAGES as readonly string[]).includes(alias) ? (alias as TrackedPackage) : undefined;
}

/** `trl-0.19.0.dist-info` -> { name: 'trl', version: '0.19.0' } (the wheel spec's folder name). */
export function distInfoFolder(folder: string): { name: string; version: string } | undefined {
  const m = /^(.+?)-(\d[^-]*)\.dist-info$/i.exec(folder);
  return m ? { name: m[1], version: m[2] } : undefined;
}

/** Name and Version from a METADATA file's header (core metadata: headers end at the first blank line). */
export function parseMetadata(text: string): { name?: string; version?: string } {
  const out: { name?: string; version?: string } = {};
  for (const line of text.split(/\r?\n/, 200)) {
    if (line === '') break;
    const m = /^(Name|Version):\s*(.+?)\s*$/i.exec(line);
    if (m && m[1].toLowerCase() === 'name') out.name ??= m[2];
    else if (m) out.version ??= m[2];
  }
  return out;
}

export interface Pin {
  pkg: TrackedPackage;
  /** The exact release (`==0.19.0`, `===0.19.0`), or the lowest a range allows (`>=0.19`, `~=0.19.1`). */
  version: string;
  /** The whole specifier when it is a range, e.g. '>=0.19,<0.21'. */
  range?: string;
}

const REQUIREMENT = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(\(?\s*[<>=!~][^;#]*)?/;

/** One requirement string (`trl==0.19.0`, `peft>=0.13,<0.15 ; python_version>"3.9"`), when it names a tracked package. */
export function parseRequirement(line: string): Pin | undefined {
  const m = REQUIREMENT.exec(line);
  const pkg = m && trackedPackage(m[1]);
  if (!m || !pkg || !m[2]) return undefined;
  const spec = m[2].replace(/[()\s]/g, '');
  const exact = /^===?([^,*]+)$/.exec(spec);
  if (exact) return { pkg, version: exact[1] };
  const low = /(?:^|,)(?:>=|~=|==)([\d][^,*]*)/.exec(spec);
  return low ? { pkg, version: low[1].replace(/\.$/, ''), range: spec } : undefined;
}

/** Pins in a requirements file (comments, options and URLs skipped). */
export function parseRequirementsTxt(text: string): Pin[] {
  const out: Pin[] = [];
  for (const raw of text.split(/\r?\n/, 5000)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line || line.startsWith('-')) continue;
    const pin = parseRequirement(line);
    if (pin) out.push(pin);
  }
  return out;
}

/**
 * Pins in a pyproject.toml: PEP 621 `dependencies` / `optional-dependencies` strings, and Poetry's
 * `name = "==1.2"` / `name = { version = "^1.2" }` tables (a caret or tilde is a range from that release).
 */
export function parsePyproject(text: string): Pin[] {
  const out: Pin[] = [];
  let section = '';
  for (const raw of text.split(/\r?\n/, 5000)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    const head = /^\[+([^\]]+)\]+$/.exec(line);
    if (head) {
      section = head[1].trim();
      continue;
    }
    for (const q of line.matchAll(/"([^"]+)"|'([^']+)'/g)) {
      const pin = parseRequirement(q[1] ?? q[2]);
      if (pin) out.push(pin);
    }
    if (/poetry\..*dependencies$/.test(section)) {
      const m = /^([A-Za-z0-9._-]+)\s*=\s*(?:\{[^}]*version\s*=\s*)?["']([^"']+)["']/.exec(line);
      const pkg = m && trackedPackage(m[1]);
      if (m && pkg) {
        const spec = m[2].trim();
        const bare = /^=?=?\s*(\d[\w.]*)$/.exec(spec);
        const low = /^[\^~]\s*(\d[\w.]*)/.exec(spec);
        if (bare) out.push({ pkg, version: bare[1] });
        else if (low) out.push({ pkg, version: low[1], range: spec });
        else {
          const p = parseRequirement(`${m[1]}${spec}`);
          if (p) out.push(p);
        }
      }
    }
  }
  return out;
}

/**
 * One version per package: a setting or flag wins, then the installed environment, then an exact pin,
 * then a range (its lowest release, marked as a range).
 */
export function mergeVersions(
  ...layers: Array<Partial<Record<string, DetectedVersion>> | undefined>
): Record<string, DetectedVersion> {
  const rank: Record<VersionOrigin, number> = { setting: 0, environment: 1, pin: 2, range: 3 };
  const out: Record<string, DetectedVersion> = {};
  for (const layer of layers) {
    for (const [pkg, v] of Object.entries(layer ?? {})) {
      if (!v) continue;
      const have = out[pkg];
      if (!have || rank[v.origin] < rank[have.origin]) out[pkg] = v;
    }
  }
  return out;
}

/** The setting / CLI flag as the first layer: `{trl: '0.19'}` -> trl 0.19 from `label`. */
export function fromSetting(
  values: Record<string, string> | undefined,
  label: string,
): Record<string, DetectedVersion> {
  const out: Record<string, DetectedVersion> = {};
  for (const [k, v] of Object.entries(values ?? {}))
    out[k.toLowerCase()] = { version: v.trim(), origin: 'setting', source: label };
  return out;
}

/** Pins as a layer; the first file that pins a package wins (files in the order given). */
export function fromPins(files: Array<{ file: string; pins: Pin[] }>): Record<string, DetectedVersion> {
  const out: Record<string, DetectedVersion> = {};
  for (const { file, pins } of files) {
    for (const p of pins) {
      if (out[p.pkg] && (out[p.pkg].origin === 'pin' || p.range)) continue;
      out[p.pkg] = p.range
        ? {
            version: p.version,
            origin: 'range',
            range: p.range,
            source: `from ${file} (${p.pkg}${p.range} is a range; its lowest release ${p.version} is assumed)`,
          }
        : { version: p.version, origin: 'pin', source: `from ${file} (${p.pkg}==${p.version})` };
    }
  }
  return out;
}

/** The package whose release a dialect's keys follow. */
export function packageForDialect(dialect: string | undefined): TrackedPackage | undefined {
  switch (dialect) {
    case 'axolotl':
      return 'axolotl';
    case 'llamafactory':
    case 'llamafactory-v1':
      return 'llamafactory';
    case 'trl':
      return 'trl';
    case 'peft':
      return 'peft';
    case 'torchtune':
      return 'torchtune';
    case 'deepspeed':
      return 'deepspeed';
    case 'accelerate':
      return 'accelerate';
    case 'mergekit':
      return 'mergekit';
    case 'wandb-sweep':
      return 'wandb';
    default:
      return undefined;
  }
}
