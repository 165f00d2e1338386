// Which dtype each training-state tensor is stored in, as each framework decides it from its precision
// flags. The same `bf16: true` means different stores in different launchers:
// - torchtune `dtype: bf16`: the model is built under set_default_dtype(bf16) and every parameter,
//   adapters included, is checked to be bf16 (recipes/lora_finetune_single_device.py:431,479,
//   torchtune/training/precision.py:126,152 @ v0.6.1): weights, gradients and torch AdamW's states
//   (zeros_like(param)) are bf16; there is no fp32 master copy and no autocast.
// - HF Trainer / TRL / Axolotl / LLaMA-Factory: `bf16`/`fp16` turn on autocast
//   (accelerate src/accelerate/utils/modeling.py:2066 @ v1.14.0); the stores follow the dtype the
//   model was loaded in. Loaded in fp32 (transformers' default), the fp32 weights are the master copy,
//   gradients and AdamW states are fp32 and autocast caches a 16-bit copy of each weight for the
//   matmuls. Loaded in bf16 (Axolotl's normalize_config sets torch_dtype from bf16: true), everything
//   trainable is bf16: no fp32 master exists. PEFT adapters are upcast to fp32 either way
//   (peft autocast_adapter_dtype=True). LLaMA-Factory loads with torch_dtype="auto" (the checkpoint's
//   dtype, model/loader.py:155) and casts the trainable weights to fp32 unless pure_bf16 or BAdam, or
//   under ZeRO-3 without quantization, where they already are fp32 (model/adapter.py:313-325, casts at
//   :51,:133,:286 @ v0.9.5).
// - DeepSpeed ZeRO with a bf16/fp16 section: 16-bit model weights and gradients plus an fp32 master
//   partition (deepspeed/runtime/zero/stage_1_and_2.py:439,457, stage3.py:889,
//   runtime/bf16_optimizer.py:159 @ v0.18.2) and fp32 optimizer states: ZeRO's 2 + 2 + 12 bytes.
// - FSDP mixed precision (accelerate dataclasses.py:2118-2124 @ v1.14.0): param_dtype/reduce_dtype are
//   used for the gathered compute copy and the reduction; the sharded parameters, their gradients and
//   the optimizer states stay in the dtype the model was loaded in.
import type { PrecisionPlan, StoreDtype } from './types';

export interface PrecisionFacts {
  /** 'torchtune' or an HF-Trainer-based launcher. */
  framework: 'torchtune' | 'hf' | 'llamafactory';
  /** bf16/fp16 flag (autocast) or torchtune's dtype; fp32 = none. */
  computeDtype: StoreDtype;
  /** dtype the model's weights are loaded in (torch_dtype), when the config or the launcher fixes it. */
  loadDtype?: StoreDtype;
  /** DeepSpeed launches the run (its bf16/fp16 optimizer keeps an fp32 master). */
  deepspeed?: boolean;
  /** LLaMA-Factory `pure_bf16: true`. */
  pureBf16?: boolean;
}

const TORCHTUNE =
  'pytorch/torchtune recipes/lora_finetune_single_device.py:431,479 and full_finetune_single_device.py:428,441; torchtune/training/precision.py:126,152 @ v0.6.1';
const AMP =
  'huggingface/accelerate src/accelerate/utils/modeling.py:2066 (autocast) @ v1.14.0; torch.optim.AdamW states are zeros_like(param)';
const DEEPSPEED =
  'deepspeedai/DeepSpeed deepspeed/runtime/zero/stage_1_and_2.py:439,457, stage3.py:889, runtime/bf16_optimizer.py:159 @ v0.18.2';
const LLAMAFACTORY =
  'hiyouga/LLaMA-Factory src/llamafactory/model/adapter.py:313-325 (cast_trainable_params_to_fp32 unless pure_bf16/use_badam), loader.py:155 (torch_dtype="auto") @ v0.9.5; ' +
  AMP;

/** The store dtypes for a run, from its framework and precision flags. */
export function precisionPlan(f: PrecisionFacts): PrecisionPlan {
  const c = f.computeDtype;
  if (f.framework === 'torchtune') {
    return {
      trainableWeights: c,
      frozenWeights: c,
      adapterWeights: c,
      master: null,
      gradients: c,
      optimizerStates: c,
      activations: c,
      autocastWeightCopy: false,
      basis: `torchtune dtype: ${c} — every parameter, adapters included, is ${c}; no autocast, no fp32 master copy`,
      source: TORCHTUNE,
    };
  }
  if (f.deepspeed && c !== 'fp32') {
    return {
      trainableWeights: c,
      frozenWeights: c,
      adapterWeights: c,
      master: 'fp32',
      gradients: c,
      optimizerStates: 'fp32',
      activations: c,
      autocastWeightCopy: false,
      basis: `DeepSpeed ${c} section: ${c} weights and gradients, an fp32 master partition and fp32 optimizer states (ZeRO 2 + 2 + 12 B/param)`,
      source: DEEPSPEED,
    };
  }
  if (c === 'fp32') {
    return {
      trainableWeights: 'fp32',
      frozenWeights: 'fp32',
      adapterWeights: 'fp32',
      master: null,
      gradients: 'fp32',
      optimizerStates: 'fp32',
      activations: 'fp32',
      autocastWeightCopy: false,
      basis: 'no bf16/fp16 flag: fp32 weights, gradients, optimizer states and activations',
      source: AMP,
    };
  }
  // LLaMA-Factory upcasts trainable weights to fp32 unless pure_bf16 (src/llamafactory/model/adapter.py:313-325
  // @ v0.9.5; BAdam is not read from the config). fp16 autocast runs a GradScaler, whose unscale_ raises
  // ValueError("Attempting to unscale FP16 gradients.") on fp16 gradients (pytorch/pytorch
  // torch/amp/grad_scaler.py:260 in _unscale_grads_, called with allow_fp16=False by unscale_, @ commit
  // 0202916b): a working fp16 run trains fp32 weights.
  const upcast = (f.framework === 'llamafactory' && !f.pureBf16) || c === 'fp16';
  // LLaMA-Factory loads with torch_dtype="auto" (loader.py:155 @ v0.9.5): the checkpoint's dtype, which
  // is assumed to be the compute dtype (bf16 for current checkpoints) when the config does not state it.
  const load: StoreDtype = upcast ? 'fp32' : (f.loadDtype ?? (f.framework === 'llamafactory' ? c : 'fp32'));
  if (load === 'fp32') {
    return {
      trainableWeights: 'fp32',
      frozenWeights: f.framework === 'llamafactory' ? c : (f.loadDtype ?? 'fp32'),
      adapterWeights: 'fp32',
      master: null,
      gradients: 'fp32',
      optimizerStates: 'fp32',
      activations: 'amp',
      autocastWeightCopy: true,
      basis: `${c} autocast over fp32 weights: the fp32 weights are the master copy, gradients and optimizer states are fp32; autocast caches a ${c} copy of each weight for the matmuls`,
      source: f.framework === 'llamafactory' ? LLAMAFACTORY : AMP,
    };
  }
  return {
    trainableWeights: load,
    frozenWeights: load,
    adapterWeights: 'fp32',
    master: null,
    gradients: load,
    optimizerStates: load,
    activations: load,
    autocastWeightCopy: false,
    basis: `model loaded in ${load} with ${c} autocast: weights, gradients and dtype-following optimizer states are ${load}; no fp32 master copy exists`,
    source: AMP,
  };
}

/** ZeRO's reading when nothing says otherwise: 16-bit trainable weights with an fp32 master (arXiv 1910.02054 §3.1). */
export function zeroMixedPrecision(c: StoreDtype): PrecisionPlan {
  if (c === 'fp32') return precisionPlan({ framework: 'hf', computeDtype: 'fp32' });
  return {
    trainableWeights: c,
    frozenWeights: c,
    adapterWeights: 'fp32',
    master: 'fp32',
    gradients: c,
    optimizerStates: 'fp32',
    activations: c,
    autocastWeightCopy: false,
    basis: `mixed precision as in ZeRO: ${c} weights and gradients, fp32 master copy and optimizer states (2 + 2 + 12 B/param)`,
    source: 'ZeRO, Rajbhandari et al. arXiv 1910.02054 §3.1',
  };
}

export const DTYPE_BYTES: Readonly<Record<StoreDtype, number>> = { fp32: 4, bf16: 2, fp16: 2 };
