// Dense Llama-tree decoders read from transformers v4.57.6 and v5.17.0 (the same module trees in both):
// OLMo-3, Arcee (AFM), HunYuan dense v1, Nemotron and StableLM. Each reuses Llama's attention and MLP
// templates; only the differences are spelled out. Checked against PEFT 0.20.0 by the local oracle
// (test/data/oracle/local/dense-<release>.json).
import { bool, InvalidConfigError, optInt } from '../config';
import { embedding, layerNorm, linear, rmsNorm } from '../tpl';
import type { Family, ModTpl } from '../types';
import { decoderHeads } from './common';
import { OLMO2_LAYER } from './extra';
import { attention, gatedMlp, llamaLike, norms, resolveLlamaLike, type LlamaDims } from './llama';
import { sinceRelease } from './recent';

type T = ModTpl<LlamaDims>;
const h = (r: LlamaDims) => r.h;
const ff = (r: LlamaDims) => r.ff;

/** Families whose transformers classes lack ForTokenClassification / ForQuestionAnswering. */
function only(family: Family<LlamaDims>, ...drop: ('token_cls' | 'qa')[]): Family<LlamaDims> {
  const heads = { ...family.heads };
  for (const k of drop) delete heads[k];
  return { ...family, heads };
}

/** Non-gated MLP (up_proj, down_proj; ReLU²): Arcee and Nemotron, biased when config.mlp_bias. */
const upDownMlp: T[] = [
  linear('mlp.up_proj', h, ff, (r) => r.mlpBias),
  linear('mlp.down_proj', ff, h, (r) => r.mlpBias),
];

/**
 * OLMo-3 (model_type olmo3; docs/source/en/model_doc/olmo3.md: added 2025-09-16, first in v4.57.0): OLMo-2's
 * modules; sliding-window layers change masks only. Defaults: configuration_olmo3.py (v5.17.0 :65-80).
 * Olmo3ForSequenceClassification exists from v5 (v5.17.0 modeling_olmo3.py:530), not in 4.57.6 (:509 __all__).
 */
const olmo3 = only(
  llamaLike(
    ['olmo3'],
    { V: 50304, h: 4096, ff: 11008, L: 32, nh: 32, tie: false, qkvBias: 'attention_bias' },
    'Olmo3',
    OLMO2_LAYER,
  ),
  'token_cls',
);
olmo3.heads.seq_cls = { ...olmo3.heads.seq_cls!, v5Only: 'absent in transformers 4.57.6, present in 5.17.0' };
export const OLMO3 = sinceRelease(olmo3, '4.57.0', 'docs/source/en/model_doc/olmo3.md: added on 2025-09-16');

/**
 * Arcee AFM (v5.17.0 models/arcee/modeling_arcee.py:50-57 MLP, :213-289 attention and norms; defaults
 * configuration_arcee.py:62-86, head_dim = hidden_size // heads when unset). QA keeps the backbone under
 * `transformer` (:497-498).
 */
export const ARCEE = sinceRelease(
  llamaLike(
    ['arcee'],
    {
      V: 32000,
      h: 2560,
      ff: 18432,
      L: 32,
      nh: 32,
      tie: false,
      qkvBias: 'attention_bias',
      mlpBiasField: true,
    },
    'Arcee',
    [...attention('self_attn.'), ...upDownMlp, ...norms('input_layernorm', 'post_attention_layernorm')],
    { qa: 'transformer.' },
  ),
  '4.53.0',
  'docs/source/en/model_doc/arcee.md: added on 2025-06-24',
);

/**
 * HunYuan dense v1 (v5.17.0 models/hunyuan_v1_dense/modeling_hunyuan_v1_dense.py:67-75 MLP without bias,
 * :168-181 attention with query_layernorm / key_layernorm RMSNorms over head_dim, built whatever use_qk_norm
 * says; defaults configuration_hunyuan_v1_dense.py:36-56). Causal LM and sequence classification only.
 */
const hunyuan = sinceRelease(
  only(
    llamaLike(
      ['hunyuan_v1_dense'],
      { V: 290943, h: 4096, ff: 11008, L: 32, nh: 32, tie: false, qkvBias: 'attention_bias' },
      'HunYuanDenseV1',
      [
        ...attention('self_attn.'),
        rmsNorm('self_attn.query_layernorm', (r) => r.hd),
        rmsNorm('self_attn.key_layernorm', (r) => r.hd),
        ...gatedMlp('mlp.'),
        ...norms('input_layernorm', 'post_attention_layernorm'),
      ],
    ),
    'token_cls',
  ),
  '4.56.0',
  'docs/source/en/model_doc/hunyuan_v1_dense.md: added on 2025-08-22',
);
/** head_dim has no usable default: None fails at `self.head_dim**-0.5` (v5.17.0 modeling_hunyuan_v1_dense.py:162-164). */
export const HUNYUAN_V1_DENSE: Family<LlamaDims> = {
  ...hunyuan,
  resolve: (cfg, n) => {
    if (optInt(cfg, 'head_dim') === undefined)
      throw new InvalidConfigError(
        'hunyuan_v1_dense needs "head_dim" in config.json: HunYuanDenseV1Config defaults it to None, which transformers cannot build',
      );
    return hunyuan.resolve(cfg, n);
  },
};

/** NemotronLayerNorm1P: an nn.LayerNorm subclass with weight and bias (v5.17.0 modeling_nemotron.py:62-72). */
const ln1p = (name: string): T => layerNorm(name, h, true, { cls: 'NemotronLayerNorm1P' });

/**
 * Nemotron (v5.17.0 models/nemotron/modeling_nemotron.py:183-190 MLP, :255-258 attention all biased by
 * attention_bias, :301-310 and :387-393 LayerNorm1P norms; defaults configuration_nemotron.py:46-68).
 */
export const NEMOTRON: Family<LlamaDims> = {
  types: ['nemotron'],
  resolve: (cfg, n) =>
    resolveLlamaLike(
      cfg,
      {
        V: 256000,
        h: 6144,
        ff: 24576,
        L: 32,
        nh: 48,
        tie: false,
        qkvBias: 'attention_bias',
        mlpBiasField: true,
      },
      n,
    ),
  backbone: [
    embedding('embed_tokens', (r) => r.V, h),
    {
      path: 'layers',
      count: (r) => r.L,
      modules: [
        ...attention('self_attn.'),
        ...upDownMlp,
        ln1p('input_layernorm'),
        ln1p('post_attention_layernorm'),
      ],
    },
    ln1p('norm'),
  ],
  heads: decoderHeads<LlamaDims>('Nemotron', 'embed_tokens', { qaPrefix: 'transformer.' }),
};

interface StableLmDims extends LlamaDims {
  qkLayernorm: boolean;
  parallel: boolean;
}

/** StableLmLayerNormPerHead: one bias-free nn.LayerNorm(head_dim) per head (v5.17.0 modeling_stablelm.py:167-172). */
const perHead = (name: string, heads: (r: StableLmDims) => number): ModTpl<StableLmDims> =>
  layerNorm(`self_attn.${name}.norms.{e}`, (r) => r.hd, false, { repeat: heads, when: (r) => r.qkLayernorm });

/**
 * StableLM (v5.17.0 models/stablelm/modeling_stablelm.py:151-159 gated MLP without bias, :250-261 q/k/v biased
 * by use_qkv_bias, o_proj never, optional per-head q/k LayerNorms, :337-340 LayerNorms with bias, the second
 * absent under use_parallel_residual; head_dim = hidden_size // heads). Defaults configuration_stablelm.py:45-60.
 */
export const STABLELM: Family<StableLmDims> = {
  types: ['stablelm'],
  resolve: (cfg, n) => {
    const d = { V: 50304, h: 2560, ff: 6912, L: 32, nh: 32, nkv: 32, tie: false, qkvBias: false } as const;
    const r = resolveLlamaLike(cfg, { ...d, hdDerived: true }, n);
    return {
      ...r,
      qkvBias: bool(cfg, 'use_qkv_bias', false),
      qkLayernorm: bool(cfg, 'qk_layernorm', false),
      parallel: bool(cfg, 'use_parallel_residual', false),
    };
  },
  backbone: [
    embedding('embed_tokens', (r) => r.V, h),
    {
      path: 'layers',
      count: (r) => r.L,
      modules: [
        ...(attention('self_attn.') as ModTpl<StableLmDims>[]),
        perHead('q_layernorm', (r) => r.nh),
        perHead('k_layernorm', (r) => r.nkv),
        ...(gatedMlp('mlp.') as ModTpl<StableLmDims>[]),
        layerNorm('input_layernorm', h),
        layerNorm<StableLmDims>('post_attention_layernorm', h, true, { when: (r) => !r.parallel }),
      ],
    },
    layerNorm('norm', h),
  ],
  heads: decoderHeads<StableLmDims>('StableLm', 'embed_tokens', { noQa: true }),
};
