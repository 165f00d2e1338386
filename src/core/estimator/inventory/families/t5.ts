// T5 / Flan-T5 / mT5: shared embedding used by both stacks (encoder.embed_tokens and
// decoder.embed_tokens are the same module), relative_attention_bias only in block 0 of each stack,
// gated FFN (wi_0, wi_1) for "gated-*" feed_forward_proj, weight-only T5LayerNorm.
import { bool, int, optInt, requirePositive, str } from '../config';
import { embedding, linear, rmsNorm } from '../tpl';
import type { BaseDims, Family, HfConfig, ModTpl, Part } from '../types';
import { headLinear, lmHead } from './common';

export interface T5Dims extends BaseDims {
  ff: number;
  Ld: number;
  buckets: number;
  gated: boolean;
}

interface T5Defaults {
  V: number;
  h: number;
  ff: number;
  L: number;
  nh: number;
  ffProj: string;
  tie: boolean;
}

function resolveT5(cfg: HfConfig, d: T5Defaults, numLabels: number): T5Dims {
  const h = int(cfg, ['d_model', 'hidden_size'], d.h);
  const nh = int(cfg, ['num_heads', 'num_attention_heads'], d.nh);
  const L = int(cfg, ['num_layers', 'num_hidden_layers'], d.L);
  const r: T5Dims = {
    h,
    nh,
    nkv: nh,
    hd: int(cfg, 'd_kv', 64),
    L,
    Ld: optInt(cfg, 'num_decoder_layers') ?? L,
    V: int(cfg, 'vocab_size', d.V),
    tie: bool(cfg, 'tie_word_embeddings', d.tie),
    numLabels,
    encDec: true,
    flags: {},
    ff: int(cfg, 'd_ff', d.ff),
    buckets: int(cfg, 'relative_attention_num_buckets', 32),
    gated: str(cfg, 'feed_forward_proj', d.ffProj).startsWith('gated-'),
  };
  requirePositive({ d_model: h, num_heads: nh, d_kv: r.hd, vocab_size: r.V });
  return r;
}

type T = ModTpl<T5Dims>;
const h = (r: T5Dims) => r.h;
const inner = (r: T5Dims) => r.nh * r.hd;

function attention(pre: string, relBias: boolean): T[] {
  const mods: T[] = [
    linear(`${pre}q`, h, inner),
    linear(`${pre}k`, h, inner),
    linear(`${pre}v`, h, inner),
    linear(`${pre}o`, inner, h),
  ];
  if (relBias)
    mods.push(
      embedding(
        `${pre}relative_attention_bias`,
        (r) => r.buckets,
        (r) => r.nh,
        { when: (_r, i) => i === 0 },
      ),
    );
  return mods;
}

function ffn(pre: string): T[] {
  const ff = (r: T5Dims) => r.ff;
  return [
    linear(`${pre}wi`, h, ff, false, { when: (r) => !r.gated }),
    linear(`${pre}wi_0`, h, ff, false, { when: (r) => r.gated }),
    linear(`${pre}wi_1`, h, ff, false, { when: (r) => r.gated }),
    linear(`${pre}wo`, ff, h),
  ];
}

const hasDecoder = (r: T5Dims) => r.flags.decoder !== false;

const backbone: Part<T5Dims>[] = [
  embedding('shared', (r) => r.V, h),
  embedding('encoder.embed_tokens', (r) => r.V, h, { tie: '{p}shared' }),
  {
    path: 'encoder.block',
    count: (r) => r.L,
    modules: [
      ...attention('layer.0.SelfAttention.', true),
      rmsNorm('layer.0.layer_norm', h),
      ...ffn('layer.1.DenseReluDense.'),
      rmsNorm('layer.1.layer_norm', h),
    ],
  },
  rmsNorm('encoder.final_layer_norm', h),
  embedding('decoder.embed_tokens', (r) => r.V, h, { tie: '{p}shared', when: hasDecoder }),
  {
    path: 'decoder.block',
    count: (r) => r.Ld,
    when: hasDecoder,
    modules: [
      ...attention('layer.0.SelfAttention.', true),
      rmsNorm('layer.0.layer_norm', h),
      ...attention('layer.1.EncDecAttention.', false),
      rmsNorm('layer.1.layer_norm', h),
      ...ffn('layer.2.DenseReluDense.'),
      rmsNorm('layer.2.layer_norm', h),
    ],
  },
  rmsNorm('decoder.final_layer_norm', h, { when: hasDecoder }),
];

function t5Family(
  types: string[],
  cls: string,
  d: T5Defaults,
  extra: Partial<Family<T5Dims>> = {},
): Family<T5Dims> {
  return {
    ...extra,
    types,
    backbone,
    resolve: (cfg, n) => resolveT5(cfg, d, n),
    heads: {
      seq2seq_lm: { cls: `${cls}ForConditionalGeneration`, prefix: '', modules: [lmHead<T5Dims>('shared')] },
      base: { cls: `${cls}Model`, prefix: '' },
      encoder_only: { cls: `${cls}EncoderModel`, prefix: '', flags: { decoder: false } },
      seq_cls: {
        cls: `${cls}ForSequenceClassification`,
        prefix: 'transformer.',
        modules: [headLinear('classification_head.dense', h), headLinear('classification_head.out_proj')],
      },
      token_cls: {
        cls: `${cls}ForTokenClassification`,
        prefix: 'transformer.',
        modules: [headLinear('classifier')],
        flags: { decoder: false },
      },
      qa: { cls: `${cls}ForQuestionAnswering`, prefix: '', modules: [headLinear('qa_outputs')] },
    },
  };
}

export const T5 = t5Family(['t5'], 'T5', {
  V: 32128,
  h: 512,
  ff: 2048,
  L: 6,
  nh: 8,
  ffProj: 'relu',
  tie: true,
});
/**
 * mT5: T5's module tree with MT5Config defaults. transformers 5 ties lm_head to `shared` whatever
 * config.json says: MT5Config.__init__ pops tie_word_embeddings and sets it True ("Force because official
 * weights have False serialized, but we have to tie always"; models/mt5/configuration_mt5.py, read at
 * huggingface/transformers@053f59efe493, a 5.x commit). 4.x honours tie_word_embeddings: false. Both
 * checked against PEFT 0.20.0 on transformers 4.57.6 and 5.12.1 (../shared/oracle/transformers).
 */
export const MT5 = t5Family(
  ['mt5'],
  'MT5',
  { V: 250112, h: 512, ff: 1024, L: 8, nh: 6, ffProj: 'gated-gelu', tie: false },
  {
    atRelease: (r, release) => (release.v5 && !r.tie ? { ...r, tie: true } : r),
  },
);
