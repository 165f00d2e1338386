// DeBERTa-v2/v3 (model_type deberta-v2): disentangled attention with optional separate position
// projections, shared relative-position table (encoder.rel_embeddings), ContextPooler under the
// sequence head. Field defaults follow DebertaV2Config and the getattr defaults in modeling_deberta_v2.
import { bool, div, int, optInt, requirePositive, str } from '../config';
import { embedding, layerNorm, linear } from '../tpl';
import type { BaseDims, Family, HfConfig, ModTpl } from '../types';
import { headLinear } from './common';

export interface DebertaDims extends BaseDims {
  ff: number;
  maxPos: number;
  typeVocab: number;
  emb: number;
  posInput: boolean;
  relAttn: boolean;
  posEbd: number;
  normRel: boolean;
  posKey: boolean;
  posQuery: boolean;
  conv: number;
  convGroups: number;
  pooler: number;
}

function attTypes(cfg: HfConfig): string[] {
  const v = cfg.pos_att_type;
  if (typeof v === 'string')
    return v
      .toLowerCase()
      .split('|')
      .map((s) => s.trim());
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function resolveDeberta(cfg: HfConfig, numLabels: number): DebertaDims {
  const h = int(cfg, 'hidden_size', 1536);
  const nh = int(cfg, 'num_attention_heads', 24);
  const maxPos = int(cfg, 'max_position_embeddings', 512);
  const buckets = optInt(cfg, 'position_buckets') ?? 0;
  const rawMaxRel = cfg.max_relative_positions;
  const maxRel = typeof rawMaxRel === 'number' && rawMaxRel >= 1 ? rawMaxRel : maxPos;
  const relAttn = bool(cfg, 'relative_attention', false);
  const separate = relAttn && !bool(cfg, 'share_att_key', false);
  const types = attTypes(cfg);
  const r: DebertaDims = {
    h,
    nh,
    nkv: nh,
    hd: div(h, nh, 'head_dim'),
    L: int(cfg, 'num_hidden_layers', 24),
    V: int(cfg, 'vocab_size', 128100),
    tie: bool(cfg, 'tie_word_embeddings', true),
    numLabels,
    encDec: false,
    flags: {},
    ff: int(cfg, 'intermediate_size', 6144),
    maxPos,
    typeVocab: int(cfg, 'type_vocab_size', 0),
    emb: optInt(cfg, 'embedding_size') ?? h,
    posInput: bool(cfg, 'position_biased_input', true),
    relAttn,
    posEbd: buckets > 0 ? 2 * buckets : 2 * maxRel,
    normRel: str(cfg, 'norm_rel_ebd', 'none')
      .split('|')
      .map((s) => s.trim())
      .includes('layer_norm'),
    posKey: separate && types.includes('c2p'),
    posQuery: separate && types.includes('p2c'),
    conv: int(cfg, 'conv_kernel_size', 0),
    convGroups: int(cfg, 'conv_groups', 1),
    pooler: optInt(cfg, 'pooler_hidden_size') ?? h,
  };
  requirePositive({ hidden_size: h, num_attention_heads: nh, vocab_size: r.V, conv_groups: r.convGroups });
  return r;
}

type T = ModTpl<DebertaDims>;
const h = (r: DebertaDims) => r.h;
const ff = (r: DebertaDims) => r.ff;
const emb = (r: DebertaDims) => r.emb;

export const DEBERTA_V2: Family<DebertaDims> = {
  types: ['deberta-v2'],
  resolve: resolveDeberta,
  backbone: [
    embedding('embeddings.word_embeddings', (r) => r.V, emb),
    embedding('embeddings.position_embeddings', (r) => r.maxPos, emb, { when: (r) => r.posInput }),
    embedding('embeddings.token_type_embeddings', (r) => r.typeVocab, emb, { when: (r) => r.typeVocab > 0 }),
    linear('embeddings.embed_proj', emb, h, false, { when: (r) => r.emb !== r.h }),
    layerNorm('embeddings.LayerNorm', h),
    {
      path: 'encoder.layer',
      count: (r) => r.L,
      modules: [
        linear('attention.self.query_proj', h, h, true),
        linear('attention.self.key_proj', h, h, true),
        linear('attention.self.value_proj', h, h, true),
        linear('attention.self.pos_key_proj', h, h, true, { when: (r) => r.posKey }),
        linear('attention.self.pos_query_proj', h, h, true, { when: (r) => r.posQuery }),
        linear('attention.output.dense', h, h, true),
        layerNorm('attention.output.LayerNorm', h),
        linear('intermediate.dense', h, ff, true),
        linear('output.dense', ff, h, true),
        layerNorm('output.LayerNorm', h),
      ] as T[],
    },
    embedding('encoder.rel_embeddings', (r) => r.posEbd, h, { when: (r) => r.relAttn }),
    layerNorm('encoder.LayerNorm', h, true, { when: (r) => r.relAttn && r.normRel }),
    // ConvLayer (deberta-v2-xlarge): torch Conv1d(h, h, k, groups), not transformers' Conv1D.
    {
      name: 'encoder.conv.conv',
      kind: 'Other',
      in: h,
      out: h,
      bias: true,
      weight: (r) => r.h * (r.h / r.convGroups) * r.conv,
      when: (r) => r.conv > 0,
    } as T,
    layerNorm('encoder.conv.LayerNorm', h, true, { when: (r) => r.conv > 0 }),
  ],
  heads: {
    seq_cls: {
      cls: 'DebertaV2ForSequenceClassification',
      prefix: 'deberta.',
      modules: [
        headLinear(
          'pooler.dense',
          (r) => r.pooler,
          true,
          (r) => r.pooler,
        ),
        headLinear(
          'classifier',
          (r) => r.numLabels,
          true,
          (r) => r.pooler,
        ),
      ],
    },
    token_cls: {
      cls: 'DebertaV2ForTokenClassification',
      prefix: 'deberta.',
      modules: [headLinear('classifier')],
    },
    qa: { cls: 'DebertaV2ForQuestionAnswering', prefix: 'deberta.', modules: [headLinear('qa_outputs')] },
    base: { cls: 'DebertaV2Model', prefix: '' },
  },
};
