// The one parse of a config text: a `yaml` Document with every scalar kept as written (failsafe
// schema), duplicate keys allowed (PyYAML and OmegaConf keep the last; validation warns). The typed
// config everything else reads is built from this Document by the framework's own loader rules
// (load.ts), so validation, the estimate, the laws, the target check and the panel read one value.
import { parseDocument, type Document } from 'yaml';
import { ExpansionLimit, loadDocument } from './load';
import type { DocIndex } from './nodes';
import type { SchemaNode } from './schemaIndex';
import type { Diagnostic, LoaderKind } from './types';

/** The only YAML options a config is parsed with (one set, whatever the loader). */
export const CONFIG_YAML_OPTIONS = { schema: 'failsafe', uniqueKeys: false, prettyErrors: false } as const;

/** Nodes one document may expand to through aliases before we stop (billion-laughs guard). */
export const NODE_BUDGET = 1_000_000;

export function parseConfigDocument(text: string): Document {
  return parseDocument(text, CONFIG_YAML_OPTIONS);
}

/** JSON text or a .json file is read with JSON rules whatever the dialect's YAML loader. */
export function loaderFor(text: string, fileName: string | undefined, dialectLoader: LoaderKind): LoaderKind {
  const json = /\.json$/i.test(fileName ?? '') || /^\s*[{[]/.test(text);
  return json ? 'json' : dialectLoader === 'json' ? 'pyyaml' : dialectLoader;
}

export interface LoadedConfig {
  /** The value the framework's loader builds (undefined when the document has syntax errors or expands too far). */
  value: unknown;
  findings: Diagnostic[];
  suppressed: Set<string>;
  /** Why there is no value. */
  problem?: string;
}

/** The typed config of a parsed document, by the loader's rules; never throws. */
export function loadConfig(
  doc: Document,
  loader: LoaderKind,
  schema?: SchemaNode,
  framework = 'the framework',
  versions?: Record<string, string>,
  index?: DocIndex,
): LoadedConfig {
  if (doc.errors.length)
    return {
      value: undefined,
      findings: [],
      suppressed: new Set(),
      problem: 'the file has syntax errors; fix them to see estimates',
    };
  try {
    return loadDocument(doc, loader, schema, framework, NODE_BUDGET, versions, index);
  } catch (err) {
    if (!(err instanceof ExpansionLimit)) throw err;
    return {
      value: undefined,
      findings: [],
      suppressed: new Set(),
      problem: 'the YAML aliases expand to more nodes than ML Config Lens reads',
    };
  }
}

/** The config as a mapping, or a one-line reason why it is not one. */
export function configMapping(loaded: LoadedConfig): { config?: Record<string, unknown>; problem?: string } {
  if (loaded.problem) return { problem: loaded.problem };
  const v = loaded.value;
  if (!v || typeof v !== 'object' || Array.isArray(v))
    return { problem: 'the file is not a mapping of keys to values' };
  const config = { ...(v as Record<string, unknown>) };
  delete config.$schema;
  return { config };
}
