// Qwen3-VL, Qwen3-VL-MoE, Qwen3.5 and Qwen3.5-MoE (…ForConditionalGeneration): the Qwen3-VL vision tower
// (qwen3-vl-tower.ts, `model.visual`) in front of a language model (`model.language_model`), `lm_head` at
// the root. Language models: Qwen3 layers (Qwen3-VL), Qwen3-MoE-style sparse layers (Qwen3-VL-MoE; 4.57
// stores the experts as [E, H, 2I] / [E, I, H] parameters behind an nn.Linear router, 5.x as [E, 2I, H] /
// [E, H, I] behind a TopKRouter), and the hybrid Gated DeltaNet layers of qwen-hybrid.ts (Qwen3.5,
// Qwen3.5-MoE).
import { linear } from '../tpl';
import type { Family, ModTpl, Part } from '../types';
import { attention, gatedMlp, norms, type LlamaDims, type LlamaLikeDefaults } from './llama';
import { fusedMoe } from './moe';
import { requireRelease } from './common';
import { hybridLayer, hybridTextModel, resolveHybrid } from './qwen-hybrid';
import { readVision, visual, type Qwen3VlDims } from './qwen3-vl-tower';
import { scoped, textConfigOf } from './vlm-common';

type T = ModTpl<Qwen3VlDims>;

const h = (r: LlamaDims) => r.h;
const E = (r: LlamaDims) => r.experts;
const sparse = (r: LlamaDims, i: number) =>
  !r.mlpOnly.includes(i) && r.experts > 0 && (i + 1) % r.sparseStep === 0;
const dense = (r: LlamaDims, i: number) => !sparse(r, i);
const v4Sparse = (r: LlamaDims, i: number) => r.flags.fusedExperts !== true && sparse(r, i);

/** Qwen3-VL-MoE experts on 4.57: fused parameters [E, H, 2I] and [E, I, H] behind an nn.Linear router. */
const moe457: ModTpl<LlamaDims>[] = [
  linear('mlp.gate', h, E, false, { when: v4Sparse }),
  {
    name: 'mlp.experts.gate_up_proj',
    kind: 'Other',
    in: h,
    out: (r) => 2 * r.moeFf,
    parameter: true,
    fused: E,
    when: v4Sparse,
    weight: (r) => r.experts * r.h * 2 * r.moeFf,
    shape: (r) => [r.experts, r.h, 2 * r.moeFf],
  },
  {
    name: 'mlp.experts.down_proj',
    kind: 'Other',
    in: (r) => r.moeFf,
    out: h,
    parameter: true,
    fused: E,
    when: v4Sparse,
    weight: (r) => r.experts * r.moeFf * r.h,
    shape: (r) => [r.experts, r.moeFf, r.h],
  },
];

const qwen3Layer = (moe: boolean): T[] => [
  ...attention('self_attn.', true),
  ...(moe
    ? [
        ...gatedMlp('mlp.', (r) => r.ff, { when: dense }),
        ...moe457,
        ...fusedMoe('mlp.', (r) => r.moeFf, sparse),
      ]
    : gatedMlp('mlp.')),
  ...norms('input_layernorm', 'post_attention_layernorm'),
];

function backbone(layer: T[]): Part<Qwen3VlDims>[] {
  const embed = 'model.language_model.embed_tokens';
  return [
    ...scoped(visual, 'model.visual.', () => true),
    ...scoped(hybridTextModel(layer), 'model.language_model.', () => true),
    linear<Qwen3VlDims>('lm_head', h, (r) => r.V, false, { tie: embed, tieWhen: (r) => r.tie, output: true }),
  ];
}

interface Spec {
  type: string;
  cls: string;
  text: LlamaLikeDefaults;
  layer: T[];
  deepstack: boolean;
  /** Qwen3.5-MoE builds every layer sparse (modeling_qwen3_5_moe.py:954): no mlp_only_layers / step. */
  allSparse?: boolean;
  since: [number, number];
  why: string;
}

function family(s: Spec): Family<Qwen3VlDims> {
  const head = { cls: `${s.cls}ForConditionalGeneration`, prefix: '' };
  const check = requireRelease(s.type, s.since, s.why);
  return {
    types: [s.type],
    // PEFT's prompt learning reads text_config (Qwen3VLTextConfig etc., model_type "<type>_text").
    textType: () => `${s.type}_text`,
    resolve: (cfg, n) => {
      const r = { ...resolveHybrid(textConfigOf(cfg), s.text, n), v: readVision(cfg, s.deepstack) };
      return s.allSparse ? { ...r, mlpOnly: [], sparseStep: 1 } : r;
    },
    backbone: backbone(s.layer),
    // architectures[0] (…ForConditionalGeneration) and PEFT's CAUSAL_LM build the same class.
    heads: { causal_lm: head, seq2seq_lm: head },
    atRelease: (r, release) => {
      check(release);
      return r;
    },
  };
}

// First releases as huggingface/trl tests/test_sft_trainer.py gates them ("Qwen3-VL series were introduced
// in transformers-4.57.0", "Qwen3.5 models were introduced in transformers-5.2.0"); 4.57.6 has
// models/qwen3_vl and models/qwen3_vl_moe but no qwen3_5.
const QWEN3_VL_WHY = 'huggingface/trl gates Qwen3-VL on transformers >= 4.57.0';
const QWEN3_5_WHY = 'huggingface/trl gates Qwen3.5 on transformers >= 5.2.0; 4.57.6 has no models/qwen3_5';

export const QWEN3_VL = family({
  type: 'qwen3_vl',
  cls: 'Qwen3VL',
  // Qwen3VLTextConfig (configuration_qwen3_vl.py:84-97)
  text: {
    V: 151936,
    h: 4096,
    ff: 22016,
    L: 32,
    nh: 32,
    nkv: 32,
    hd: 128,
    tie: false,
    qkvBias: 'attention_bias',
  },
  layer: qwen3Layer(false),
  deepstack: true,
  since: [4, 57],
  why: QWEN3_VL_WHY,
});

export const QWEN3_VL_MOE = family({
  type: 'qwen3_vl_moe',
  cls: 'Qwen3VLMoe',
  // Qwen3VLMoeTextConfig (configuration_qwen3_vl_moe.py:79-113): head_dim defaults to hidden // heads
  text: {
    V: 151936,
    h: 2048,
    ff: 5632,
    L: 24,
    nh: 16,
    nkv: 16,
    tie: true,
    qkvBias: 'attention_bias',
    experts: { count: ['num_experts'], dflt: 60, ffKey: 'moe_intermediate_size', ffDflt: 1408 },
  },
  layer: qwen3Layer(true),
  deepstack: true,
  since: [4, 57],
  why: QWEN3_VL_WHY,
});

export const QWEN3_5 = family({
  type: 'qwen3_5',
  cls: 'Qwen3_5',
  // Qwen3_5TextConfig (configuration_qwen3_5.py:79-100)
  text: {
    V: 248320,
    h: 4096,
    ff: 12288,
    L: 32,
    nh: 16,
    nkv: 4,
    hd: 256,
    tie: false,
    qkvBias: 'attention_bias',
  },
  layer: hybridLayer('3.5', false),
  deepstack: false,
  since: [5, 2],
  why: QWEN3_5_WHY,
});

export const QWEN3_5_MOE = family({
  type: 'qwen3_5_moe',
  cls: 'Qwen3_5Moe',
  // Qwen3_5MoeTextConfig (configuration_qwen3_5_moe.py:90-116); intermediate_size is not read
  text: {
    V: 248320,
    h: 2048,
    ff: 0,
    L: 40,
    nh: 16,
    nkv: 2,
    hd: 256,
    tie: false,
    qkvBias: 'attention_bias',
    experts: {
      count: ['num_experts'],
      dflt: 256,
      ffKey: 'moe_intermediate_size',
      ffDflt: 512,
      sharedFfDflt: 512,
    },
  },
  layer: hybridLayer('3.5', true),
  deepstack: false,
  allSparse: true,
  since: [5, 2],
  why: QWEN3_5_WHY,
});
