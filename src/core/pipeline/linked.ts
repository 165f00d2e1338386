// Findings about the files a config points to (dataset registries and local dataset paths), placed on
// the key that names them. Runs only when the caller hands in LinkedFiles (the CLI, the editor).
import type { Document } from 'yaml';
import type { DialectId } from '../dialects';
import type { Diagnostic } from '../validate';
import { axolotlDatasetHits, llamaFactoryDatasetHits, type LinkedFiles } from '../validate/linkedData';
import { locate, nodeSpan } from '../validate/locate';
import { DocIndex } from '../validate/nodes';
import type { Config } from '../validate/ruleKit';

export type { LinkedFiles };

export function linkedFileDiagnostics(
  text: string,
  doc: Document,
  dialect: DialectId,
  config: unknown,
  files: LinkedFiles,
): Diagnostic[] {
  if (!config || typeof config !== 'object' || Array.isArray(config)) return [];
  const cfg = config as Config;
  const hits =
    dialect === 'llamafactory'
      ? llamaFactoryDatasetHits(cfg, files)
      : dialect === 'axolotl'
        ? axolotlDatasetHits(cfg, files)
        : [];
  if (!hits.length) return [];
  const index = new DocIndex(doc);
  return hits.map((h) => {
    const at = locate(index, h.path);
    const span = nodeSpan(text, h.on === 'key' ? at.key : at.value) ??
      nodeSpan(text, at.key ?? at.nearestKey) ?? [0, 0];
    return { start: span[0], end: span[1], severity: h.severity, code: h.code, message: h.message };
  });
}
