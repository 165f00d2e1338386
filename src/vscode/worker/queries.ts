// Hover, completion and panel questions, answered in the analysis worker (analysisWorker.ts): the key
// path under the cursor is read from the text's lines, and the schema of the dialect (its validator
// module, loaded on first use, 2.6 MB for torchtune) is read here, never on the extension host thread;
// so are the panel's model config and what-if estimate.
import { completionsAt, describeKeyPath, keyPathAt } from '../../core/validate';
import { panelModelFor } from '../../core/panel/compute';
import type { KeyQuery, QueryAnswer } from './protocol';
import { localResolver } from './resolver';

export function answerQuery(q: KeyQuery): QueryAnswer {
  if (q.what === 'panel')
    return { what: 'panel', model: panelModelFor(q.inputs, q.analysis, localResolver(q.models)) };
  if (q.what === 'complete') return { what: 'complete', items: completionsAt(q.text, q.offset, q.dialect) };
  const path = keyPathAt(q.text, q.offset);
  const info = path.length ? describeKeyPath(q.dialect, path) : undefined;
  return info ? { what: 'hover', path, info } : { what: 'hover', path };
}
