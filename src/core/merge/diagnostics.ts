// Model-aware checks of a mergekit config, from the merge estimate's resolved models (config.json through
// the model resolver): tensor shapes and architectures shared, layer_range inside the model's layers,
// tokenizer_source when vocabularies differ; a note when a model is unknown and its checks are skipped.
// What mergekit does is cited at v0.1.4 (github.com/arcee-ai/mergekit, tag v0.1.4).
import type { Document, Node } from 'yaml';
import type { ConfigAnalysis } from '../analysis';
import type { Diagnostic, Severity } from '../validate/types';
import { locate, nodeSpan } from '../validate/locate';
import { DocIndex } from '../validate/nodes';
import { parseConfigDocument } from '../validate/document';
import type { MergeInput } from './estimate';

/** Methods built on task vectors (mergekit/merge_methods/generalized_task_arithmetic.py). */
const TASK_VECTOR_METHODS = new Set([
  'task_arithmetic',
  'ties',
  'dare_ties',
  'dare_linear',
  'breadcrumbs',
  'breadcrumbs_ties',
  'della',
  'della_linear',
]);

const isMapping = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const refOf = (m: unknown, depth = 0): string | undefined => {
  if (typeof m === 'string') return m.split('+')[0].trim() || undefined;
  if (!isMapping(m) || depth > 2) return undefined;
  return typeof m.path === 'string' ? m.path : refOf(m.model, depth + 1);
};

interface Mention {
  ref: string;
  path: string[];
  layerRange?: unknown;
}

/** Every place the config names a model: base_model, models[].model, slices[].sources[].model. */
function mentions(c: Record<string, unknown>): Mention[] {
  const out: Mention[] = [];
  const base = refOf(c.base_model);
  if (base) out.push({ ref: base, path: ['base_model'] });
  if (Array.isArray(c.models))
    c.models.forEach((m, i) => {
      const ref = isMapping(m) ? refOf(m.model) : undefined;
      if (ref) out.push({ ref, path: ['models', String(i), 'model'] });
    });
  if (Array.isArray(c.slices))
    c.slices.forEach((s, i) => {
      if (!isMapping(s) || !Array.isArray(s.sources)) return;
      s.sources.forEach((src, j) => {
        const ref = isMapping(src) ? refOf(src.model) : undefined;
        if (ref)
          out.push({
            ref,
            path: ['slices', String(i), 'sources', String(j), 'model'],
            layerRange: src.layer_range,
          });
      });
    });
  return out;
}

const shape = (i: MergeInput): string =>
  i.dims ? `${i.modelType}, hidden ${i.dims.hidden}, ${i.dims.heads} heads, ${i.dims.kvHeads} KV heads` : '';

export function mergeDiagnostics(text: string, a: ConfigAnalysis, doc?: Document): Diagnostic[] {
  const m = a.merge;
  if (!m || !a.config) return [];
  const ix = new DocIndex(doc ?? parseConfigDocument(text));
  const at = (path: string[], severity: Severity, code: string, message: string): Diagnostic[] => {
    const found = locate(ix, path);
    const span = nodeSpan(text, (found.value ?? found.nearestKey) as Node | null);
    return span ? [{ start: span[0], end: span[1], severity, code, message }] : [];
  };
  const inputs = new Map(m.inputs.map((i) => [i.ref, i]));
  const first = m.inputs.find((i) => i.dims);
  const gta = TASK_VECTOR_METHODS.has(m.method);
  const tokenizerSet = a.config.tokenizer_source != null || a.config.tokenizer != null;
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const mention of mentions(a.config)) {
    const input = inputs.get(mention.ref);
    if (!input) continue;
    const once = !seen.has(mention.ref) && seen.add(mention.ref);
    if (!input.dims) {
      if (once)
        out.push(
          ...at(
            mention.path,
            'information',
            'merge-model-unknown',
            `Model-aware checks skipped for this model (shapes, layer_range, vocabulary): ${input.problem ?? 'its config.json was not found'}.`,
          ),
        );
      continue;
    }
    const d = input.dims;
    if (first?.dims && input !== first && once) {
      if (input.modelType !== first.modelType)
        out.push(
          ...at(
            mention.path,
            'error',
            'merge-architecture-mismatch',
            `${mention.ref} (${shape(input)}) is another architecture than ${first.ref} (${shape(first)}): mergekit stops with "Must specify --allow-crimes to attempt to mix different architectures" (mergekit/architecture/__init__.py:86 at v0.1.4).`,
          ),
        );
      else if (shape(input) !== shape(first))
        out.push(
          ...at(
            mention.path,
            gta ? 'warning' : 'error',
            'merge-shape-mismatch',
            `${mention.ref} (${shape(input)}) has other tensor shapes than ${first.ref} (${shape(first)}): ` +
              (gta
                ? `${m.method} skips every mismatched tensor ("skipping … due to size mismatch", mergekit/merge_methods/generalized_task_arithmetic.py:211-215 at v0.1.4).`
                : `mergekit stops with "Tensor size mismatch" (mergekit/merge_methods/linear.py:42-45 at v0.1.4).`),
          ),
        );
      else if (d.vocab !== first.dims.vocab && !tokenizerSet)
        out.push(
          ...at(
            mention.path,
            'warning',
            'merge-vocab-mismatch',
            `Vocabulary ${d.vocab.toLocaleString('en-US')} differs from ${first.ref}'s ${first.dims.vocab.toLocaleString('en-US')} and no tokenizer_source is set: ` +
              (gta
                ? `${m.method} keeps only the base's rows of the embeddings ("Using submatrix", generalized_task_arithmetic.py:207-210 at v0.1.4).`
                : `the embeddings do not merge ("Tensor size mismatch", mergekit/merge_methods/linear.py:42-45 at v0.1.4).`) +
              ' Set `tokenizer_source: base` or `union` (mergekit/tokenizer/build.py).',
          ),
        );
    }
    const r = mention.layerRange;
    if (Array.isArray(r) && typeof r[0] === 'number' && typeof r[1] === 'number' && r[1] > d.layers)
      out.push(
        ...at(
          [...mention.path.slice(0, -1), 'layer_range'],
          'error',
          'merge-layer-range',
          `layer_range [${r[0]}, ${r[1]}] reaches past ${mention.ref}'s ${d.layers} layers (num_hidden_layers): mergekit reads layer ${r[0]} + i of the source for each output layer (mergekit/plan.py:253 at v0.1.4), and layers from ${d.layers} on do not exist. The range is half-open: [0, ${d.layers}] is the whole model.`,
        ),
      );
  }
  return out;
}
