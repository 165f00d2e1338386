// DeepSeek-V3 / R1 / Moonlight / Kimi-K2 (model_type deepseek_v3, transformers >= 4.51, 4.x layout):
// multi-head latent attention (low-rank q and kv projections with their own RMSNorms), the first
// first_k_dense_replace layers dense, the rest routed experts + shared experts + a TopkRouter whose
// weight is a parameter (its e_score_correction_bias is a buffer). Not in the PEFT oracle.
import { int, optInt } from '../config';
import { embedding, linear, rmsNorm } from '../tpl';
import type { Family, ModTpl } from '../types';
import { decoderHeads } from './common';
import { resolveLlamaLike, type LlamaDims } from './llama';

export interface DeepseekDims extends LlamaDims {
  qLora: number; kvLora: number; rope: number; nope: number; v: number; shared: number; firstDense: number;
}

type T = ModTpl<DeepseekDims>;
const h = (r: DeepseekDims) => r.h;
const qk = (r: DeepseekDims) => r.nope + r.rope;
const dense = (r: DeepseekDims, i: number) => i < r.firstDense;
const moe = (r: DeepseekDims, i: number) => !dense(r, i);
const ab = (r: DeepseekDims) => r.qkvBias;

const attention: T[] = [
  linear('self_attn.q_proj', h, (r) => r.nh * qk(r), false, { when: (r) => r.qLora === 0 }),
  linear('self_attn.q_a_proj', h, (r) => r.qLora, ab, { when: (r) => r.qLora > 0 }),
  rmsNorm('self_attn.q_a_layernorm', (r) => r.qLora, { when: (r) => r.qLora > 0 }),
  linear('self_attn.q_b_proj', (r) => r.qLora, (r) => r.nh * qk(r), false, { when: (r) => r.qLora > 0 }),
  linear('self_attn.kv_a_proj_with_mqa', h, (r) => r.kvLora + r.rope, ab),
  rmsNorm('self_attn.kv_a_layernorm', (r) => r.kvLora),
  linear('self_attn.kv_b_proj', (r) => r.kvLora, (r) => r.nh * (r.nope + r.v)),
  linear('self_attn.o_proj', (r) => r.nh * r.v, h, ab),
];

/** DeepseekV3MLP: gate_proj, up_proj, down_proj without biases. */
function swiglu(pre: string, ff: (r: DeepseekDims) => number, extra: Partial<T>): T[] {
  return [linear(`${pre}gate_proj`, h, ff, false, extra), linear(`${pre}up_proj`, h, ff, false, extra),
    linear(`${pre}down_proj`, ff, h, false, extra)];
}

const mlp: T[] = [
  ...swiglu('mlp.', (r) => r.ff, { when: dense }),
  ...swiglu('mlp.experts.{e}.', (r) => r.moeFf, { when: moe, repeat: (r) => r.experts }),
  { name: 'mlp.gate', kind: 'Other', in: h, out: (r) => r.experts, when: moe },
  ...swiglu('mlp.shared_experts.', (r) => r.moeFf * r.shared, { when: moe }),
];

export const DEEPSEEK_V3: Family<DeepseekDims> = {
  types: ['deepseek_v3'],
  unverified: 'DeepSeek-V3: not in the PEFT oracle: module tree read from transformers source (4.x per-expert layout)',
  resolve: (cfg, n) => {
    const base = resolveLlamaLike(cfg, { V: 129280, h: 7168, ff: 18432, L: 61, nh: 128, tie: false, qkvBias: 'attention_bias',
      experts: { count: ['n_routed_experts'], dflt: 256, ffKey: 'moe_intermediate_size', ffDflt: 2048 } }, n);
    return { ...base, qLora: optInt(cfg, 'q_lora_rank') ?? (cfg.q_lora_rank === null ? 0 : 1536),
      kvLora: int(cfg, 'kv_lora_rank', 512), rope: int(cfg, 'qk_rope_head_dim', 64), nope: int(cfg, 'qk_nope_head_dim', 128),
      v: int(cfg, 'v_head_dim', 128), shared: int(cfg, 'n_shared_experts', 1), firstDense: int(cfg, 'first_k_dense_replace', 3) };
  },
  backbone: [
    embedding('embed_tokens', (r) => r.V, h),
    { path: 'layers', count: (r) => r.L, modules: [...attention, ...mlp,
      rmsNorm('input_layernorm', h), rmsNorm('post_attention_layernorm', h)] },
    rmsNorm('norm', h),
  ],
  heads: decoderHeads<DeepseekDims>('DeepseekV3', 'embed_tokens', { noQa: true }),
};
