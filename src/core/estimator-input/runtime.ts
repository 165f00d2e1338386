// How each framework's config chooses the attention kernel, a fused cross-entropy and data-parallel
// sharding: the settings that decide activation memory and per-device memory. Only what the config
// states is returned; framework defaults are applied (and noted) by the memory plan.
import { bool, isObj, names, num, type Obj, str, torchDtypeOf } from './fields';
import type { AttentionKind, ShardingSetting, TrainingShape } from './types';

type Runtime = Pick<
  TrainingShape,
  | 'attention'
  | 'attentionSetting'
  | 'attentionDropout'
  | 'fusedCrossEntropy'
  | 'sharding'
  | 'precisionFramework'
  | 'modelDtype'
  | 'pureBf16'
  | 'optimizerInBackward'
  | 'activationOffloading'
  | 'chunkedLoss'
>;

/**
 * transformers `attn_implementation` values by what they store: FlashAttention 2/3 (also the
 * kernels-community hub kernels), flex attention and xformers keep no s×s matrix, like SDPA.
 */
const HF_ATTENTION: ReadonlyArray<[RegExp, AttentionKind]> = [
  [/^eager$/i, 'eager'],
  [/^sdpa$/i, 'sdpa'],
  [/flash|^fa[234]$|flex|xformers|paged/i, 'flash'],
];

export function attentionKindOf(value: string): AttentionKind | undefined {
  return HF_ATTENTION.find(([re]) => re.test(value))?.[1];
}

/** An unrecognized value keeps its setting (without a kind) so the plan can say what it assumed instead. */
function stated(key: string, value: string): Runtime {
  const attention = attentionKindOf(value);
  return attention
    ? { attention, attentionSetting: `${key}: ${value}` }
    : { attentionSetting: `${key}: ${value}` };
}

/** Axolotl's precedence (axolotl loaders/model.py _set_attention_config): attn_implementation first, then the booleans. */
const AXOLOTL_FLAGS: ReadonlyArray<[string, AttentionKind]> = [
  ['flex_attention', 'flash'],
  ['flash_attention', 'flash'],
  ['sdp_attention', 'sdpa'],
  ['xformers_attention', 'flash'],
  ['eager_attention', 'eager'],
];

function axolotlAttention(cfg: Obj): Runtime {
  const impl = str(cfg.attn_implementation);
  if (impl) return stated('attn_implementation', impl);
  const flag = AXOLOTL_FLAGS.find(([key]) => bool(cfg[key]) === true);
  return flag ? { attention: flag[1], attentionSetting: `${flag[0]}: true` } : {};
}

/** LLaMA-Factory `flash_attn`: auto (transformers decides) | disabled (eager) | sdpa | fa2 | fa3 (AttentionFunction). */
function llamaFactoryAttention(cfg: Obj): Runtime {
  const v = str(cfg.flash_attn);
  if (!v || v.toLowerCase() === 'auto') return {};
  if (v.toLowerCase() === 'disabled') return { attention: 'eager', attentionSetting: `flash_attn: ${v}` };
  return stated('flash_attn', v);
}

/** Fused linear + cross-entropy switches (Liger Kernel arXiv 2410.10989; Cut Cross-Entropy arXiv 2411.09009). */
const FUSED_CE_KEYS = [
  'cut_cross_entropy',
  'liger_fused_linear_cross_entropy',
  'use_liger_kernel',
  'enable_liger_kernel',
];

function fusedCrossEntropy(cfg: Obj): Runtime {
  const key = FUSED_CE_KEYS.find((k) => bool(cfg[k]) === true);
  return key ? { fusedCrossEntropy: `${key}: true` } : {};
}

interface Offload {
  optimizer: boolean;
  params: boolean;
}

function shard(
  framework: ShardingSetting['framework'],
  stage: number,
  setting: string,
  offload: Offload,
): ShardingSetting {
  const any = offload.optimizer || offload.params;
  return {
    framework,
    stage: stage as ShardingSetting['stage'],
    setting,
    ...(any ? { offload: true, offloadOptimizer: offload.optimizer, offloadParams: offload.params } : {}),
  };
}

/**
 * What a DeepSpeed config file name says is offloaded (Axolotl ships zero3_bf16_cpuoffload_all.json,
 * zero3_bf16_cpuoffload_params.json, LLaMA-Factory ds_z3_offload_config.json = offload_optimizer +
 * offload_param): `params`/`param` alone = offload_param, otherwise both where "all", else the optimizer.
 */
function deepspeedOffload(file: string): Offload {
  if (!/offload/i.test(file)) return { optimizer: false, params: false };
  if (/offload_?params?\b|offload_param/i.test(file) && !/all/i.test(file))
    return { optimizer: false, params: true };
  const both = /all|z3_offload|zero3_offload/i.test(file);
  return { optimizer: true, params: both };
}

/** ZeRO stage from a DeepSpeed config path: zero3_bf16.json, ds_z3_config.json, zero2.json. */
function deepspeedSharding(cfg: Obj): ShardingSetting | undefined {
  const path = str(cfg.deepspeed);
  const file = path?.split('/').pop() ?? path;
  const m = file && /(?:zero|ds_z|_z)_?([0-3])/i.exec(file);
  if (!path || !file || !m) return undefined;
  return shard('deepspeed', Number(m[1]), `deepspeed: ${path}`, deepspeedOffload(file));
}

/**
 * FSDP from `fsdp: full_shard auto_wrap` (HF/TRL/Axolotl FSDP1), `fsdp_version: 2` (FSDP2 reshards
 * after forward by default = ZeRO-3) or LLaMA-Factory v1 `dist_config: {name: fsdp2}`.
 */
export function fsdpSharding(cfg: Obj): ShardingSetting | undefined {
  const fc = isObj(cfg.fsdp_config) ? cfg.fsdp_config : {};
  // FSDP CPUOffload(offload_params=True) keeps parameters and gradients on CPU and steps the optimizer there.
  const off = bool(fc.fsdp_offload_params) === true || bool(fc.offload_params) === true;
  const offload = { optimizer: off, params: off };
  // HF TrainingArguments takes a space-separated string ("full_shard auto_wrap"), Axolotl a list.
  const opts = (typeof cfg.fsdp === 'string' ? cfg.fsdp.split(/[\s,]+/) : (names(cfg.fsdp) ?? []))
    .filter(Boolean)
    .map((x) => x.toLowerCase());
  if (opts.some((o) => o === 'full_shard' || o === 'hybrid_shard'))
    return shard('fsdp', 3, `fsdp: ${opts.join(' ')}`, offload);
  if (opts.includes('shard_grad_op')) return shard('fsdp', 2, `fsdp: ${opts.join(' ')}`, offload);
  const version = num(cfg.fsdp_version) ?? num(fc.fsdp_version);
  if (version === 2) {
    const reshard = bool(fc.reshard_after_forward) ?? bool(fc.fsdp_reshard_after_forward) ?? true;
    return shard(
      'fsdp',
      reshard ? 3 : 2,
      `fsdp_version: 2${reshard ? '' : ', reshard_after_forward: false'}`,
      offload,
    );
  }
  const dist = isObj(cfg.dist_config) ? str(cfg.dist_config.name) : undefined;
  if (dist && /^fsdp/i.test(dist))
    return shard('fsdp', 3, `dist_config.name: ${dist}`, { optimizer: false, params: false });
  return undefined;
}

function sharding(cfg: Obj): Runtime {
  const s = deepspeedSharding(cfg) ?? fsdpSharding(cfg);
  return s ? { sharding: s } : {};
}

/** Axolotl N-D parallelism: dp_shard_size is the FSDP shard degree; TP and CP split further (noted only). */
function axolotlParallel(cfg: Obj, base: Runtime): Runtime {
  if (!base.sharding) return base;
  const shardDevices = num(cfg.dp_shard_size);
  const other = [
    ['tensor_parallel_size', num(cfg.tensor_parallel_size)],
    ['context_parallel_size', num(cfg.context_parallel_size)],
  ]
    .filter(([, v]) => typeof v === 'number' && v > 1)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');
  return {
    ...base,
    sharding: {
      ...base.sharding,
      ...(shardDevices ? { shardDevices } : {}),
      ...(other ? { otherParallel: other } : {}),
    },
  };
}

/** Axolotl's CutCrossEntropyPlugin turns the loss on by default (its args: cut_cross_entropy = True). */
function axolotlFusedCrossEntropy(cfg: Obj): Runtime {
  const plugin = (names(cfg.plugins) ?? []).find((p) => p.endsWith('CutCrossEntropyPlugin'));
  if (plugin && bool(cfg.cut_cross_entropy) !== false) return { fusedCrossEntropy: `plugins: ${plugin}` };
  return fusedCrossEntropy(cfg);
}

/**
 * Axolotl loads the model in the dtype its normalize_config derives (axolotl utils/config
 * normalize_config: bf16/bfloat16 → torch.bfloat16; load_in_8bit/fp16/float16 → torch.float16; else
 * float32) unless torch_dtype is given. Axolotl's `gradient_checkpointing: offload` also moves the
 * checkpointed layer inputs to CPU.
 */
function axolotlPrecision(cfg: Obj): Runtime {
  // No precision key at all: the plan's "bf16 assumed" applies to the load dtype as well.
  let modelDtype = torchDtypeOf(cfg);
  if (!modelDtype) {
    if (bool(cfg.bf16) === true || str(cfg.bf16) === 'auto' || bool(cfg.bfloat16) === true)
      modelDtype = 'bf16';
    else if (bool(cfg.load_in_8bit) === true || bool(cfg.fp16) === true || bool(cfg.float16) === true)
      modelDtype = 'fp16';
    else if (cfg.bf16 !== undefined || cfg.fp16 !== undefined) modelDtype = 'fp32';
  }
  const gc = str(cfg.gradient_checkpointing);
  return {
    precisionFramework: 'hf',
    ...(modelDtype ? { modelDtype } : {}),
    ...(gc && /offload/i.test(gc) ? { activationOffloading: `gradient_checkpointing: ${gc}` } : {}),
  };
}

export function axolotlRuntime(cfg: Obj): Runtime {
  return {
    ...axolotlAttention(cfg),
    ...axolotlFusedCrossEntropy(cfg),
    ...axolotlParallel(cfg, sharding(cfg)),
    ...axolotlPrecision(cfg),
  };
}

/** LLaMA-Factory loads in the compute dtype, then casts trainable weights to fp32 unless pure_bf16. */
export function llamaFactoryRuntime(cfg: Obj): Runtime {
  const pure = bool(cfg.pure_bf16) === true;
  return {
    ...llamaFactoryAttention(cfg),
    ...fusedCrossEntropy(cfg),
    ...sharding(cfg),
    precisionFramework: 'llamafactory',
    ...(pure ? { pureBf16: true } : {}),
  };
}

/**
 * TRL ModelConfig `attn_implementation`, `torch_dtype`/`dtype` (the load dtype; unstated = what
 * from_pretrained defaults to); TrainingArguments `use_liger_kernel`, `deepspeed`, `fsdp`.
 */
export function trlRuntime(cfg: Obj): Runtime {
  const impl = str(cfg.attn_implementation);
  const modelDtype = torchDtypeOf(cfg);
  return {
    ...(impl ? stated('attn_implementation', impl) : {}),
    ...fusedCrossEntropy(cfg),
    ...sharding(cfg),
    precisionFramework: 'hf',
    ...(modelDtype ? { modelDtype } : {}),
  };
}

/**
 * torchtune's MultiHeadAttention always calls SDPA (flex attention with packed samples), attn_dropout
 * 0.0 in every builder (torchtune/modules/attention.py, attention_utils.py); LinearCrossEntropyLoss is fused.
 */
export function torchtuneRuntime(cfg: Obj): Runtime {
  const loss = isObj(cfg.loss) ? str(cfg.loss._component_) : undefined;
  const out: Runtime = {
    attention: 'sdpa',
    attentionSetting: 'torchtune MultiHeadAttention (scaled_dot_product_attention)',
    attentionDropout: 0,
    precisionFramework: 'torchtune',
  };
  if (loss && /LinearCrossEntropy/.test(loss)) out.fusedCrossEntropy = `loss: ${loss}`;
  // CEWithChunkedOutputLoss(num_output_chunks=8) upcasts one chunk at a time (torchtune/modules/loss/ce_chunked_output_loss.py:30,42 @ v0.6.1).
  else if (loss && /ChunkedOutputLoss/.test(loss)) {
    const chunks = isObj(cfg.loss) ? num(cfg.loss.num_output_chunks) : undefined;
    out.chunkedLoss = { setting: `loss: ${loss}`, chunks: chunks && chunks >= 1 ? Math.floor(chunks) : 8 };
  }
  if (bool(cfg.optimizer_in_bwd) === true) out.optimizerInBackward = true;
  if (bool(cfg.enable_activation_offloading) === true)
    out.activationOffloading = 'enable_activation_offloading: True';
  const offload = bool(cfg.fsdp_cpu_offload) === true;
  if (offload) out.sharding = shard('fsdp', 3, 'fsdp_cpu_offload: True', { optimizer: true, params: true });
  return out;
}
