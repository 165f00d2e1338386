// BERT-style encoders: BERT, RoBERTa (and XLM-RoBERTa), DistilBERT. The pooler exists in the bare
// model and BertForSequenceClassification only; RoBERTa's sequence head is a two-Linear
// RobertaClassificationHead; DistilBERT's has pre_classifier + classifier.
import { bool, div, int, requirePositive, str } from '../config';
import { embedding, layerNorm, linear } from '../tpl';
import type { BaseDims, Family, HeadSpec, HeadKind, HfConfig, ModTpl } from '../types';
import { headLinear } from './common';

export interface BertDims extends BaseDims {
  ff: number;
  maxPos: number;
  typeVocab: number;
  relPos: boolean;
}

interface BertDefaults {
  V: number;
  h: number;
  L: number;
  nh: number;
  ff: number;
  maxPos: number;
  typeVocab: number;
}

const BERT_DEFAULTS: BertDefaults = { V: 30522, h: 768, L: 12, nh: 12, ff: 3072, maxPos: 512, typeVocab: 2 };

function resolveBert(cfg: HfConfig, d: BertDefaults, numLabels: number): BertDims {
  const h = int(cfg, ['hidden_size', 'dim'], d.h);
  const nh = int(cfg, ['num_attention_heads', 'n_heads'], d.nh);
  const r: BertDims = {
    h,
    nh,
    nkv: nh,
    hd: div(h, nh, 'head_dim'),
    L: int(cfg, ['num_hidden_layers', 'n_layers'], d.L),
    V: int(cfg, 'vocab_size', d.V),
    tie: bool(cfg, 'tie_word_embeddings', true),
    numLabels,
    encDec: false,
    flags: {},
    ff: int(cfg, ['intermediate_size', 'hidden_dim'], d.ff),
    maxPos: int(cfg, 'max_position_embeddings', d.maxPos),
    typeVocab: int(cfg, 'type_vocab_size', d.typeVocab),
    relPos: str(cfg, 'position_embedding_type', 'absolute') !== 'absolute',
  };
  requirePositive({ hidden_size: h, num_attention_heads: nh, vocab_size: r.V });
  return r;
}

type T = ModTpl<BertDims>;
const h = (r: BertDims) => r.h;
const ff = (r: BertDims) => r.ff;
const pooler = (r: BertDims) => r.flags.pooler === true;

const bertBackbone = [
  embedding<BertDims>('embeddings.word_embeddings', (r) => r.V, h),
  embedding<BertDims>('embeddings.position_embeddings', (r) => r.maxPos, h),
  embedding<BertDims>('embeddings.token_type_embeddings', (r) => r.typeVocab, h),
  layerNorm<BertDims>('embeddings.LayerNorm', h),
  {
    path: 'encoder.layer',
    count: (r: BertDims) => r.L,
    modules: [
      linear('attention.self.query', h, h, true),
      linear('attention.self.key', h, h, true),
      linear('attention.self.value', h, h, true),
      // position_embedding_type relative_key(_query): one distance table per self-attention.
      embedding(
        'attention.self.distance_embedding',
        (r) => 2 * r.maxPos - 1,
        (r) => r.hd,
        { when: (r) => r.relPos },
      ),
      linear('attention.output.dense', h, h, true),
      layerNorm('attention.output.LayerNorm', h),
      linear('intermediate.dense', h, ff, true),
      linear('output.dense', ff, h, true),
      layerNorm('output.LayerNorm', h),
    ] as T[],
  },
  linear<BertDims>('pooler.dense', h, h, true, { when: pooler }),
];

/**
 * Masked-LM head: transform + LayerNorm + a decoder tied to the word embeddings. In BERT and RoBERTa
 * the decoder's bias is the head's own `bias` Parameter (counted once, on the container).
 */
function mlmHead(pre: string, dense: string, norm: string, decoder: string, sharedBias: boolean): T[] {
  const mods: T[] = [];
  if (sharedBias)
    mods.push({ name: pre, kind: 'Other', in: h, out: (r) => r.V, weight: () => 0, other: (r) => r.V });
  mods.push(
    linear(`${pre}${pre ? '.' : ''}${dense}`, h, h, true),
    layerNorm(`${pre}${pre ? '.' : ''}${norm}`, h),
    linear(`${pre}${pre ? '.' : ''}${decoder}`, h, (r) => r.V, !sharedBias, {
      tie: '{p}embeddings.word_embeddings',
      tieWhen: (r) => r.tie,
      output: true,
    }),
  );
  return mods;
}

/** Heads of BERT-like encoders; `seqHead` differs per model (classifier vs RobertaClassificationHead). */
function encoderHeads(
  cls: string,
  prefix: string,
  seqHead: T[],
  seqPooler: boolean,
  mlm?: T[],
): Partial<Record<HeadKind, HeadSpec<BertDims>>> {
  return {
    ...(mlm
      ? { masked_lm: { cls: `${cls}ForMaskedLM`, prefix, modules: mlm, flags: { pooler: false } } }
      : {}),
    seq_cls: {
      cls: `${cls}ForSequenceClassification`,
      prefix,
      modules: seqHead,
      flags: { pooler: seqPooler },
    },
    token_cls: {
      cls: `${cls}ForTokenClassification`,
      prefix,
      modules: [headLinear('classifier')],
      flags: { pooler: false },
    },
    qa: {
      cls: `${cls}ForQuestionAnswering`,
      prefix,
      modules: [headLinear('qa_outputs')],
      flags: { pooler: false },
    },
    base: { cls: `${cls}Model`, prefix: '', flags: { pooler: true } },
  };
}

export const BERT: Family<BertDims> = {
  types: ['bert'],
  resolve: (cfg, n) => resolveBert(cfg, BERT_DEFAULTS, n),
  backbone: bertBackbone,
  heads: encoderHeads(
    'Bert',
    'bert.',
    [headLinear('classifier')],
    true,
    mlmHead('cls.predictions', 'transform.dense', 'transform.LayerNorm', 'decoder', true),
  ),
};

const robertaHead: T[] = [headLinear('classifier.dense', h), headLinear('classifier.out_proj')];

export const ROBERTA: Family<BertDims> = {
  types: ['roberta'],
  resolve: (cfg, n) => resolveBert(cfg, { ...BERT_DEFAULTS, V: 50265 }, n),
  backbone: bertBackbone,
  heads: encoderHeads(
    'Roberta',
    'roberta.',
    robertaHead,
    false,
    mlmHead('lm_head', 'dense', 'layer_norm', 'decoder', true),
  ),
};

export const XLM_ROBERTA: Family<BertDims> = {
  types: ['xlm-roberta'],
  resolve: (cfg, n) => resolveBert(cfg, BERT_DEFAULTS, n),
  backbone: bertBackbone,
  heads: encoderHeads(
    'XLMRoberta',
    'roberta.',
    robertaHead,
    false,
    mlmHead('lm_head', 'dense', 'layer_norm', 'decoder', true),
  ),
};

export const DISTILBERT: Family<BertDims> = {
  types: ['distilbert'],
  resolve: (cfg, n) => resolveBert(cfg, { ...BERT_DEFAULTS, L: 6 }, n),
  backbone: [
    embedding('embeddings.word_embeddings', (r) => r.V, h),
    embedding('embeddings.position_embeddings', (r) => r.maxPos, h),
    layerNorm('embeddings.LayerNorm', h),
    {
      path: 'transformer.layer',
      count: (r) => r.L,
      modules: [
        linear('attention.q_lin', h, h, true),
        linear('attention.k_lin', h, h, true),
        linear('attention.v_lin', h, h, true),
        linear('attention.out_lin', h, h, true),
        layerNorm('sa_layer_norm', h),
        linear('ffn.lin1', h, ff, true),
        linear('ffn.lin2', ff, h, true),
        layerNorm('output_layer_norm', h),
      ],
    },
  ],
  heads: {
    ...encoderHeads(
      'DistilBert',
      'distilbert.',
      [headLinear('pre_classifier', h), headLinear('classifier')],
      false,
      mlmHead('', 'vocab_transform', 'vocab_layer_norm', 'vocab_projector', false),
    ),
  },
};
