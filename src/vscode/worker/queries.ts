// Hover, completion and panel questions, answered in the analysis worker (analysisWorker.ts): the key
// path under the cursor is read from the text's lines, and the schema of the dialect (its validator
// module, loaded on first use, 2.6 MB for torchtune) is read here, never on the extension host thread;
// so are the panel's model config and what-if estimate.
import { completionsAt, describeKeyPath, keyPathAt } from '../../core/validate';
import { panelModelFor } from '../../core/panel/compute';
import type { KeyQuery, QueryAnswer } from './protocol';
import { localResolver } from './resolver';
import { architectureTable } from '../../core/estimator/architecture';
import { estimateParameters } from '../../core/estimator';
import { notFoundMessage } from '../../core/models/resolve';
import { messageOf } from '../../core/analysis/problems';

export function answerQuery(q: KeyQuery): QueryAnswer {
  if (q.what === 'panel')
    return {
      what: 'panel',
      model: panelModelFor(q.inputs, q.analysis, localResolver(q.models), q.models.allowNetwork),
    };
  if (q.what === 'architecture' || q.what === 'estimate') return commandAnswer(q);
  if (q.what === 'complete') return { what: 'complete', items: completionsAt(q.text, q.offset, q.dialect) };
  const path = keyPathAt(q.text, q.offset);
  const info = path.length ? describeKeyPath(q.dialect, path) : undefined;
  return info ? { what: 'hover', path, info } : { what: 'hover', path };
}

type CommandQuery = Extract<KeyQuery, { what: 'architecture' | 'estimate' }>;

/** A palette command's question: the model resolved as the editor resolves it, else why it is not found. */
function commandAnswer(q: CommandQuery): QueryAnswer {
  try {
    const model = localResolver(q.models)(q.model);
    if (!model) return { what: q.what, error: notFoundMessage(q.model, q.models.allowNetwork) };
    if (q.what === 'architecture')
      return { what: 'architecture', table: architectureTable(model.config, q.targets, q.taskType) };
    const e = estimateParameters(model.config, q.peft, { taskType: q.taskType ?? 'CAUSAL_LM' });
    const { trainableParams, totalParams, trainablePercent } = e;
    const method = q.peft.use_dora === true ? 'DoRA' : e.method;
    const label = model.entry?.id ?? q.model;
    return { what: 'estimate', estimate: { label, method, trainableParams, totalParams, trainablePercent } };
  } catch (err) {
    return { what: q.what, error: messageOf(err) };
  }
}
