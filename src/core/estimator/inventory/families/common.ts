// Task heads shared by many families. Names and biases as in transformers 4.47's *For* classes.
import { linear } from '../tpl';
import type { BaseDims, HeadKind, HeadSpec, ModTpl } from '../types';

const hid = (r: BaseDims) => r.h;
const nl = (r: BaseDims) => r.numLabels;

/** lm_head over the vocabulary, tied to the input embedding when tie_word_embeddings holds. */
export function lmHead<R extends BaseDims>(embed: string, name = 'lm_head', bias = false, inF: (r: R) => number = hid): ModTpl<R> {
  return linear<R>(name, inF, (r) => r.V, bias, { tie: `{p}${embed}`, tieWhen: (r) => r.tie, output: true });
}

/** Heads of a decoder-only LM whose backbone sits under `model.` (Llama, Mistral, Qwen2, Gemma, Phi...). */
export function decoderHeads<R extends BaseDims>(cls: string, embed: string, qaPrefix = 'transformer.'): Partial<Record<HeadKind, HeadSpec<R>>> {
  return {
    causal_lm: { cls: `${cls}ForCausalLM`, prefix: 'model.', modules: [lmHead<R>(embed)] },
    seq_cls: { cls: `${cls}ForSequenceClassification`, prefix: 'model.', modules: [linear<R>('score', hid, nl, false, { head: true })] },
    token_cls: { cls: `${cls}ForTokenClassification`, prefix: 'model.', modules: [linear<R>('score', hid, nl, true, { head: true })] },
    qa: { cls: `${cls}ForQuestionAnswering`, prefix: qaPrefix, modules: [linear<R>('qa_outputs', hid, () => 2, true, { head: true })] },
    base: { cls: `${cls}Model`, prefix: '' },
  };
}
