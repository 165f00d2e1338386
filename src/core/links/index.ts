// Files a config links to: a training config's `deepspeed:` path (Axolotl, LLaMA-Factory, TRL /
// TrainingArguments.deepspeed) and an Accelerate config's `deepspeed_config.deepspeed_config_file`.
// Pure: finds the link texts with their ranges and the candidate paths to try (relative to the
// referencing file, then each workspace folder); the caller checks which exists and reads it.
import { isScalar } from 'yaml';
import type { DialectId } from '../dialects';
import { parseConfigDocument } from '../validate/document';
import { locate, nodeSpan } from '../validate/locate';
import { DocIndex } from '../validate/nodes';

export interface ConfigLink {
  /** Key path holding the link, e.g. ['deepspeed']. */
  path: readonly string[];
  /** The path as written (quotes removed). */
  target: string;
  /** [start, end) of the path's text, without quotes. */
  start: number;
  end: number;
  /** What the linked file is: a DeepSpeed config, or TrainingArguments' fsdp_config JSON. */
  kind: 'deepspeed' | 'fsdp';
}

/** Key paths that hold a linked file, per dialect. */
const LINK_KEYS: Partial<Record<DialectId, readonly (readonly string[])[]>> = {
  axolotl: [['deepspeed']],
  // fsdp_config may be a JSON file's path in TrainingArguments (LLaMA-Factory and TRL parse into it).
  llamafactory: [['deepspeed'], ['fsdp_config']],
  trl: [['deepspeed'], ['fsdp_config']],
  accelerate: [['deepspeed_config', 'deepspeed_config_file']],
};

/** Links in a config's text; a value that is not a plain path (a mapping, an empty string, "auto") is not a link. */
export function findConfigLinks(text: string, dialect: DialectId | undefined): ConfigLink[] {
  const keys = dialect ? LINK_KEYS[dialect] : undefined;
  if (!keys) return [];
  const doc = parseConfigDocument(text);
  if (doc.errors.length) return [];
  const out: ConfigLink[] = [];
  const index = new DocIndex(doc);
  for (const path of keys) {
    const at = locate(index, path);
    if (!at.complete || !isScalar(at.value)) continue;
    const raw = String(at.value.value ?? '').trim();
    const span = nodeSpan(text, at.value);
    if (!span || !raw || raw === 'null' || raw === 'None' || raw === 'auto' || /^[{[]/.test(raw)) continue;
    const quoted = /^["']/.test(text[span[0]]);
    const start = quoted ? span[0] + 1 : span[0];
    const end = quoted ? span[1] - 1 : span[1];
    out.push({ path, target: raw, start, end, kind: path[0] === 'fsdp_config' ? 'fsdp' : 'deepspeed' });
  }
  return out;
}

/**
 * Paths to try, in order: absolute as written; relative to the referencing file's folder; relative to
 * each workspace folder (training commands usually run from the repository root). POSIX separators.
 */
export function linkCandidates(
  target: string,
  fromFile: string,
  workspaceFolders: readonly string[] = [],
): string[] {
  const norm = (p: string): string => p.replace(/\\/g, '/');
  const t = norm(target).replace(/^~(?=\/)/, '');
  if (/^(?:\/|[A-Za-z]:\/)/.test(t)) return [t];
  const from = norm(fromFile);
  const dir = from.includes('/') ? from.replace(/\/[^/]*$/, '') : '.';
  const join = (a: string, b: string): string => collapse(`${a.replace(/\/+$/, '')}/${b}`);
  const all = [join(dir, t), ...workspaceFolders.map((w) => join(norm(w), t))];
  return [...new Set(all)];
}

function collapse(p: string): string {
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '.' || (seg === '' && parts.length > 0)) continue;
    if (
      seg === '..' &&
      parts.length > 0 &&
      parts[parts.length - 1] !== '..' &&
      parts[parts.length - 1] !== ''
    )
      parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

/** The warning shown when no candidate exists. */
export function missingLinkMessage(link: ConfigLink, tried: readonly string[]): string {
  const what = link.kind === 'fsdp' ? 'FSDP config' : 'DeepSpeed config';
  const uses = link.kind === 'fsdp' ? 'FSDP offload' : 'ZeRO stage and offload';
  return `Linked ${what} "${link.target}" was not found (tried ${tried.join(', ')}); it may live on the cluster, so its ${uses} are not used here.`;
}
