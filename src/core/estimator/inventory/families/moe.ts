// Mixture-of-experts decoders beyond Mixtral. Qwen2-MoE / Qwen3-MoE keep one Linear module per
// expert (transformers 4.x); GPT-OSS stores its experts as fused 3-D parameters, which PEFT reaches
// through target_parameters. Not in the PEFT oracle: shapes read from transformers source.
import { embedding, linear, rmsNorm } from '../tpl';
import type { Family, ModTpl } from '../types';
import { decoderHeads } from './common';
import { attention, gatedMlp, llamaLike, norms, type LlamaDims, resolveLlamaLike } from './llama';

type T = ModTpl<LlamaDims>;
const h = (r: LlamaDims) => r.h;
const E = (r: LlamaDims) => r.experts;

/** Qwen-MoE rule: layer i is sparse unless listed in mlp_only_layers, every decoder_sparse_step-th layer. */
const sparse = (r: LlamaDims, i: number) => !r.mlpOnly.includes(i) && r.experts > 0 && (i + 1) % r.sparseStep === 0;
const dense = (r: LlamaDims, i: number) => !sparse(r, i);

function qwenMoeMlp(shared: boolean): T[] {
  const moe = { when: sparse };
  const mods: T[] = [
    ...gatedMlp('mlp.', (r) => r.ff, { when: dense }),
    linear('mlp.gate', h, E, false, moe),
    ...gatedMlp('mlp.experts.{e}.', (r) => r.moeFf, { ...moe, repeat: E }),
  ];
  if (shared) {
    mods.push(...gatedMlp('mlp.shared_expert.', (r) => r.sharedFf, moe), linear('mlp.shared_expert_gate', h, () => 1, false, moe));
  }
  return mods;
}

const UNVERIFIED = 'not in the PEFT oracle: module tree read from transformers source';

/** Qwen1.5-MoE / Qwen2-MoE (transformers 4.47): routed experts + one shared expert with a sigmoid gate. */
export const QWEN2_MOE = llamaLike(['qwen2_moe'], { V: 151936, h: 2048, ff: 5632, L: 24, nh: 16, tie: false, qkvBias: true,
  hdDerived: true, experts: { count: ['num_experts'], dflt: 60, ffKey: 'moe_intermediate_size', ffDflt: 1408, sharedFfDflt: 5632 } },
'Qwen2Moe', [...attention('self_attn.'), ...qwenMoeMlp(true), ...norms('input_layernorm', 'post_attention_layernorm')],
{ qa: 'transformer.', unverified: `Qwen2-MoE: ${UNVERIFIED}` });

/** Qwen3-MoE (transformers 4.51-4.57 layout: per-expert Linear modules, no shared expert). */
export const QWEN3_MOE = llamaLike(['qwen3_moe'], { V: 151936, h: 2048, ff: 6144, L: 24, nh: 32, nkv: 4, tie: false,
  qkvBias: 'attention_bias', experts: { count: ['num_experts'], dflt: 128, ffKey: 'moe_intermediate_size', ffDflt: 768 } },
'Qwen3Moe', [...attention('self_attn.', true), ...qwenMoeMlp(false), ...norms('input_layernorm', 'post_attention_layernorm')],
{ qa: 'transformer.', unverified: `Qwen3-MoE: ${UNVERIFIED} (transformers 4.x per-expert layout)` });

const gptOssLayer: T[] = [
  // GptOssAttention owns `sinks` (one logit per attention head) directly.
  { name: 'self_attn', kind: 'Other', in: h, out: h, weight: () => 0, other: (r) => r.nh },
  ...attention('self_attn.'),
  // GptOssTopKRouter is not an nn.Linear (own weight + bias), so all-linear does not pick it.
  { name: 'mlp.router', kind: 'Other', in: h, out: E, bias: true },
  { name: 'mlp.experts.gate_up_proj', kind: 'Other', in: h, out: (r) => 2 * r.ff, bias: true, parameter: true, fused: E,
    weight: (r) => r.experts * r.h * 2 * r.ff, biasCount: (r) => r.experts * 2 * r.ff },
  { name: 'mlp.experts.down_proj', kind: 'Other', in: (r) => r.ff, out: h, bias: true, parameter: true, fused: E,
    weight: (r) => r.experts * r.ff * r.h, biasCount: (r) => r.experts * r.h },
  ...norms('input_layernorm', 'post_attention_layernorm'),
];

/** GPT-OSS (transformers >= 4.55): fused expert tensors with per-expert biases, attention sinks. */
export const GPT_OSS: Family<LlamaDims> = {
  types: ['gpt_oss'],
  unverified: `GPT-OSS: ${UNVERIFIED}`,
  resolve: (cfg, n) => {
    const r = resolveLlamaLike(cfg, { V: 201088, h: 2880, ff: 2880, L: 36, nh: 64, nkv: 8, hd: 64, tie: false,
      qkvBias: true, experts: { count: ['num_local_experts'], dflt: 128 } }, n);
    return { ...r, oBias: true };
  },
  backbone: [embedding('embed_tokens', (r) => r.V, h), { path: 'layers', count: (r) => r.L, modules: gptOssLayer }, rmsNorm('norm', h)],
  heads: (() => { const hd = decoderHeads<LlamaDims>('GptOss', 'embed_tokens'); delete hd.qa; return hd; })(),
};
