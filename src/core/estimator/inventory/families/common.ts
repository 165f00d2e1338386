// Task heads shared by many families. Names and biases as in transformers 4.47's *For* classes.
import { UnsupportedModelError } from '../config';
import { linear } from '../tpl';
import type { BaseDims, HeadKind, HeadSpec, ModTpl } from '../types';
import { atLeast, type TransformersRelease } from '../../transformers-version';

type Heads<R> = Partial<Record<HeadKind, HeadSpec<R>>>;
const hid = (r: BaseDims) => r.h;
const nl = (r: BaseDims) => r.numLabels;

/** lm_head over the vocabulary, tied to the input embedding when tie_word_embeddings holds. */
export function lmHead<R extends BaseDims>(
  embed: string,
  name = 'lm_head',
  bias = false,
  inF: (r: R) => number = hid,
): ModTpl<R> {
  return linear<R>(name, inF, (r) => r.V, bias, { tie: `{p}${embed}`, tieWhen: (r) => r.tie, output: true });
}

/** A task-head Linear (classifier, score, qa_outputs): marked isHead. */
export function headLinear<R extends BaseDims>(
  name: string,
  outF: (r: R) => number = nl,
  bias = true,
  inF: (r: R) => number = hid,
): ModTpl<R> {
  return linear<R>(name, inF, outF, bias, { head: true });
}

export interface DecoderHeadOptions<R extends BaseDims> {
  /** Backbone attribute under the task heads ('model.', 'transformer.', 'gpt_neox.'). */
  prefix?: string;
  /** Attribute of QA models when it differs (Llama's QA model used `transformer` in 4.47). */
  qaPrefix?: string;
  lmName?: string;
  lmBias?: boolean;
  lmIn?: (r: R) => number;
  /** Token-classification Linear name: 'score' (Llama family) or 'classifier' (GPT-2, NeoX, Bloom...). */
  tokenName?: string;
  /** Output width of qa_outputs: 2 in most decoders, num_labels in GPT-J. */
  qaOut?: (r: R) => number;
  scoreIn?: (r: R) => number;
  /** transformers has no ForSequenceClassification / ForTokenClassification / ForQuestionAnswering class. */
  noSeqCls?: boolean;
  noTokenCls?: boolean;
  noQa?: boolean;
}

/** Heads of a decoder-only LM: ForCausalLM, ForSequenceClassification (score, no bias), token cls, QA, bare. */
export function decoderHeads<R extends BaseDims>(
  cls: string,
  embed: string,
  o: DecoderHeadOptions<R> = {},
): Heads<R> {
  const prefix = o.prefix ?? 'model.';
  const inF = o.scoreIn ?? hid;
  const heads: Heads<R> = {
    causal_lm: { cls: `${cls}ForCausalLM`, prefix, modules: [lmHead<R>(embed, o.lmName, o.lmBias, o.lmIn)] },
    seq_cls: {
      cls: `${cls}ForSequenceClassification`,
      prefix,
      modules: [headLinear<R>('score', nl, false, inF)],
    },
    token_cls: {
      cls: `${cls}ForTokenClassification`,
      prefix,
      modules: [headLinear<R>(o.tokenName ?? 'score', nl, true)],
    },
    qa: {
      cls: `${cls}ForQuestionAnswering`,
      prefix: o.qaPrefix ?? prefix,
      modules: [headLinear<R>('qa_outputs', o.qaOut ?? (() => 2), true, inF)],
    },
    base: { cls: `${cls}Model`, prefix: '' },
  };
  if (o.noSeqCls) delete heads.seq_cls;
  if (o.noTokenCls) delete heads.token_cls;
  if (o.noQa) delete heads.qa;
  return heads;
}

/** Throws on releases before `since` (the first transformers release with this model_type). */
export function requireRelease(modelType: string, since: [number, number], why: string) {
  return (release: TransformersRelease): void => {
    if (!atLeast(release, since[0], since[1]))
      throw new UnsupportedModelError(
        `model_type "${modelType}" first appeared in transformers ${since.join('.')}.0 (${why}); transformers ${release.version} has no such model`,
      );
  };
}
