// Mixture-of-experts decoders beyond Mixtral. Qwen2-MoE / Qwen3-MoE keep one Linear module per
// expert (transformers 4.x); GPT-OSS stores its experts as fused 3-D parameters, which PEFT reaches
// through target_parameters. transformers 5 fuses the Qwen experts too (flags.fusedExperts). Checked
// against PEFT 0.20.0 on transformers 4.57.6 and 5.12.1 (test/data/oracle/transformers).
import { embedding, linear, rmsNorm } from '../tpl';
import type { Family, ModTpl } from '../types';
import { decoderHeads } from './common';
import { attention, gatedMlp, llamaLike, norms, type LlamaDims, resolveLlamaLike } from './llama';

type T = ModTpl<LlamaDims>;
const h = (r: LlamaDims) => r.h;
const E = (r: LlamaDims) => r.experts;
const v4 = (r: LlamaDims) => r.flags.fusedExperts !== true;
const v5 = (r: LlamaDims) => r.flags.fusedExperts === true;

/**
 * transformers v5 fused experts: one Experts module holding gate_up_proj [E, 2*I, H] and down_proj
 * [E, H, I] as parameters (Qwen-MoE, Mixtral, Jamba).
 */
export function fusedExperts<R extends LlamaDims>(
  pre: string,
  ff: (r: R) => number,
  when: (r: R, i: number) => boolean,
): ModTpl<R>[] {
  const on = (r: R, i: number) => v5(r) && when(r, i);
  return [
    {
      name: `${pre}experts.gate_up_proj`,
      kind: 'Other',
      in: (r) => 2 * ff(r),
      out: h,
      parameter: true,
      fused: E,
      when: on,
      weight: (r) => r.experts * 2 * ff(r) * r.h,
      shape: (r) => [r.experts, 2 * ff(r), r.h],
    },
    {
      name: `${pre}experts.down_proj`,
      kind: 'Other',
      in: h,
      out: ff,
      parameter: true,
      fused: E,
      when: on,
      weight: (r) => r.experts * r.h * ff(r),
      shape: (r) => [r.experts, r.h, ff(r)],
    },
  ];
}

/** transformers v5 MoE block: a TopKRouter (own weight, not nn.Linear) and the fused experts. */
export function fusedMoe(
  pre: string,
  ff: (r: LlamaDims) => number,
  when: (r: LlamaDims, i: number) => boolean,
): T[] {
  const on = (r: LlamaDims, i: number) => v5(r) && when(r, i);
  return [{ name: `${pre}gate`, kind: 'Other', in: h, out: E, when: on }, ...fusedExperts(pre, ff, when)];
}

const always = () => true;

/**
 * Mixtral. transformers 4.x (the oracle's 4.47): block_sparse_moe.gate router Linear + experts.{e}.w1/w2/w3
 * Linear modules. transformers v5 (expertLayout 'fused'): the block is `mlp`, experts fused.
 */
export const MIXTRAL = llamaLike(
  ['mixtral'],
  {
    V: 32000,
    h: 4096,
    ff: 14336,
    L: 32,
    nh: 32,
    nkv: 8,
    tie: false,
    qkvBias: false,
    experts: { count: ['num_local_experts'], dflt: 8 },
  },
  'Mixtral',
  [
    ...attention('self_attn.'),
    linear('block_sparse_moe.gate', h, E, false, { when: v4 }),
    linear('block_sparse_moe.experts.{e}.w1', h, (r) => r.ff, false, { repeat: E, when: v4 }),
    linear('block_sparse_moe.experts.{e}.w2', (r) => r.ff, h, false, { repeat: E, when: v4 }),
    linear('block_sparse_moe.experts.{e}.w3', h, (r) => r.ff, false, { repeat: E, when: v4 }),
    ...fusedMoe('mlp.', (r) => r.ff, always),
    ...norms('input_layernorm', 'post_attention_layernorm'),
  ],
  { qa: 'model.' },
);

/** Qwen-MoE rule: layer i is sparse unless listed in mlp_only_layers, every decoder_sparse_step-th layer. */
const sparse = (r: LlamaDims, i: number) =>
  !r.mlpOnly.includes(i) && r.experts > 0 && (i + 1) % r.sparseStep === 0;
const dense = (r: LlamaDims, i: number) => !sparse(r, i);

export function qwenMoeMlp(shared: boolean): T[] {
  const moe = { when: sparse };
  const moeV4 = { when: (r: LlamaDims, i: number) => v4(r) && sparse(r, i) };
  const mods: T[] = [
    ...gatedMlp('mlp.', (r) => r.ff, { when: dense }),
    linear('mlp.gate', h, E, false, moeV4),
    ...gatedMlp('mlp.experts.{e}.', (r) => r.moeFf, { ...moeV4, repeat: E }),
    ...fusedMoe('mlp.', (r) => r.moeFf, sparse),
  ];
  if (shared) {
    mods.push(
      ...gatedMlp('mlp.shared_expert.', (r) => r.sharedFf, moe),
      linear('mlp.shared_expert_gate', h, () => 1, false, moe),
    );
  }
  return mods;
}

/** Qwen1.5-MoE / Qwen2-MoE (transformers 4.47): routed experts + one shared expert with a sigmoid gate. */
export const QWEN2_MOE = llamaLike(
  ['qwen2_moe'],
  {
    V: 151936,
    h: 2048,
    ff: 5632,
    L: 24,
    nh: 16,
    tie: false,
    qkvBias: true,
    hdDerived: true,
    experts: {
      count: ['num_experts'],
      dflt: 60,
      ffKey: 'moe_intermediate_size',
      ffDflt: 1408,
      sharedFfDflt: 5632,
    },
  },
  'Qwen2Moe',
  [...attention('self_attn.'), ...qwenMoeMlp(true), ...norms('input_layernorm', 'post_attention_layernorm')],
  { qa: 'transformer.' },
);

/** Qwen3-MoE (transformers 4.51-4.57 layout: per-expert Linear modules, no shared expert). */
export const QWEN3_MOE = llamaLike(
  ['qwen3_moe'],
  {
    V: 151936,
    h: 2048,
    ff: 6144,
    L: 24,
    nh: 32,
    nkv: 4,
    tie: false,
    qkvBias: 'attention_bias',
    experts: { count: ['num_experts'], dflt: 128, ffKey: 'moe_intermediate_size', ffDflt: 768 },
  },
  'Qwen3Moe',
  [
    ...attention('self_attn.', true),
    ...qwenMoeMlp(false),
    ...norms('input_layernorm', 'post_attention_layernorm'),
  ],
  { qa: 'transformer.' },
);

const gptOssLayer: T[] = [
  // GptOssAttention owns `sinks` (one logit per attention head) directly.
  { name: 'self_attn', kind: 'Other', in: h, out: h, weight: () => 0, other: (r) => r.nh },
  ...attention('self_attn.'),
  // GptOssTopKRouter is not an nn.Linear (own weight + bias), so all-linear does not pick it.
  { name: 'mlp.router', kind: 'Other', in: h, out: E, bias: true },
  {
    name: 'mlp.experts.gate_up_proj',
    kind: 'Other',
    in: h,
    out: (r) => 2 * r.ff,
    parameter: true,
    fused: E,
    weight: (r) => r.experts * r.h * 2 * r.ff,
    biasCount: (r) => r.experts * 2 * r.ff,
    shape: (r) => [r.experts, r.h, 2 * r.ff],
  },
  {
    name: 'mlp.experts.down_proj',
    kind: 'Other',
    in: (r) => r.ff,
    out: h,
    parameter: true,
    fused: E,
    weight: (r) => r.experts * r.ff * r.h,
    biasCount: (r) => r.experts * r.h,
    shape: (r) => [r.experts, r.ff, r.h],
  },
  ...norms('input_layernorm', 'post_attention_layernorm'),
];

/** GPT-OSS (transformers >= 4.55): fused expert tensors with per-expert biases, attention sinks. */
export const GPT_OSS: Family<LlamaDims> = {
  types: ['gpt_oss'],
  resolve: (cfg, n) => {
    const r = resolveLlamaLike(
      cfg,
      {
        V: 201088,
        h: 2880,
        ff: 2880,
        L: 36,
        nh: 64,
        nkv: 8,
        hd: 64,
        tie: false,
        qkvBias: true,
        experts: { count: ['num_local_experts'], dflt: 128 },
      },
      n,
    );
    return { ...r, oBias: true };
  },
  backbone: [
    embedding('embed_tokens', (r) => r.V, h),
    { path: 'layers', count: (r) => r.L, modules: gptOssLayer },
    rmsNorm('norm', h),
  ],
  heads: (() => {
    const hd = decoderHeads<LlamaDims>('GptOss', 'embed_tokens');
    delete hd.qa;
    return hd;
  })(),
};
