// Weights, the fp32 master copy, gradients and optimizer states, each in the dtype the framework stores
// it in (precision.ts), with optimizer-in-backward, factored and paged optimizer states.
import { DTYPE_BYTES } from './precision';
import { BITS_PER_PARAM, lookupOptimizer, optimizerById, type OptimizerInfo, stateBytes } from './tables';
import type { MemoryComponent, MemoryInput, PrecisionPlan, StoreDtype } from './types';

const n = (x: number): string => x.toLocaleString('en-US');
const ZERO = 'ZeRO, Rajbhandari et al. arXiv 1910.02054 §3.1';
const OPT_IN_BWD =
  'pytorch/torchtune torchtune/training/memory.py:219-242 (register_post_accumulate_grad_hook: step, then zero_grad) @ v0.6.1';

/** Dtype of the trainable tensors: full fine-tuning follows the plan's weights, adapters their own rule. */
export function trainableDtype(input: MemoryInput, plan: PrecisionPlan): StoreDtype {
  return input.trainsBaseWeights ? plan.trainableWeights : plan.adapterWeights;
}

export function weightsComponent(input: MemoryInput, plan: PrecisionPlan): MemoryComponent {
  const frozen = input.totalParams - input.trainableParams;
  const td = trainableDtype(input, plan);
  const tb = DTYPE_BYTES[td];
  const quantized =
    input.weightDtype === 'nf4' || input.weightDtype === 'fp4' || input.weightDtype === 'int8';
  if (quantized) {
    const q = Math.min(input.quantizedLinearParams ?? frozen, frozen);
    const bits = BITS_PER_PARAM[input.weightDtype];
    const rest = frozen - q;
    return {
      id: 'weights',
      label: `Weights (${input.weightDtype} base, ${td} trainable)`,
      bytes: (q * bits) / 8 + rest * 2 + input.trainableParams * tb,
      formula: `${n(q)} quantized Linear params × ${bits} bit / 8 + ${n(rest)} other frozen params × 2 B (bf16) + ${n(input.trainableParams)} trainable × ${tb} B`,
      assumptions: [
        'bitsandbytes quantizes the Linear layers only; embeddings, lm_head and norms stay in bf16',
        ...(input.weightDtype === 'int8'
          ? ['LLM.int8() keeps int8 weights plus fp32 row scales (scales ignored)']
          : ['NF4 with double quantization of the block constants']),
      ],
      source:
        input.weightDtype === 'int8'
          ? 'LLM.int8(), Dettmers et al. arXiv 2208.07339'
          : 'QLoRA, Dettmers et al. arXiv 2305.14314 §3',
      dtype: `${input.weightDtype} + bf16; trainable ${td}`,
      placement: 'gpu',
    };
  }
  const baseBytes = BITS_PER_PARAM[input.weightDtype] / 8;
  return {
    id: 'weights',
    label: `Weights (${input.trainsBaseWeights ? td : `${input.weightDtype} base, ${td} trainable`})`,
    bytes: frozen * baseBytes + input.trainableParams * tb,
    formula: `${n(frozen)} frozen × ${baseBytes} B + ${n(input.trainableParams)} trainable × ${tb} B`,
    assumptions: [plan.basis],
    source: plan.source,
    dtype: input.trainsBaseWeights ? td : `${input.weightDtype}; trainable ${td}`,
    placement: 'gpu',
  };
}

/** The 16-bit copies autocast caches of fp32 weights used in matmuls, alive from forward until backward uses them. */
export function autocastCopyComponent(input: MemoryInput, plan: PrecisionPlan): MemoryComponent | undefined {
  if (!plan.autocastWeightCopy || !input.trainsBaseWeights) return undefined;
  const t = input.matmulParams ?? input.trainableParams;
  return {
    id: 'autocast-weights',
    label: 'Autocast 16-bit weight copies',
    bytes: 2 * t,
    formula: `2 B × ${n(t)} params used in matmuls`,
    assumptions: [
      'torch.autocast caches the 16-bit cast of each fp32 leaf weight for the whole forward (cache_enabled=True) and matmul backward keeps it',
    ],
    source:
      'pytorch aten/src/ATen/autocast_mode.cpp cached_cast (weight cast cache); huggingface/accelerate utils/modeling.py:2066 @ v1.14.0',
    dtype: '16-bit',
    placement: 'gpu',
  };
}

export function masterComponent(input: MemoryInput, plan: PrecisionPlan): MemoryComponent | undefined {
  // A master copy exists only for 16-bit trained tensors (PEFT's fp32 adapters are their own master).
  if (!plan.master || trainableDtype(input, plan) === 'fp32') return undefined;
  const t = input.trainableParams;
  return {
    id: 'master-weights',
    label: 'fp32 master weights',
    bytes: 4 * t,
    formula: `4 B × ${n(t)} trainable`,
    assumptions: [plan.basis],
    source: `${plan.source}; ${ZERO}`,
    dtype: 'fp32',
    placement: 'gpu',
  };
}

export function gradientComponent(
  input: MemoryInput,
  plan: PrecisionPlan,
  optimizer: OptimizerInfo,
): MemoryComponent {
  const t = input.trainableParams;
  const gd = input.trainsBaseWeights ? plan.gradients : trainableDtype(input, plan);
  const b = DTYPE_BYTES[gd];
  if (input.optimizerInBackward || optimizer.fusedUpdate) {
    const one = Math.min(input.largestParam ?? t, t);
    return {
      id: 'gradients',
      label: `Gradients (${gd}, one tensor at a time)`,
      bytes: b * one,
      formula: `${b} B × ${n(one)} (largest trainable tensor)`,
      assumptions: [
        input.optimizerInBackward
          ? 'optimizer_in_bwd: each parameter is stepped as soon as its gradient is accumulated and the gradient is freed, so no model-wide gradient buffer exists'
          : `${optimizer.label}: the update is fused into backward, so no model-wide gradient buffer exists`,
      ],
      source: input.optimizerInBackward ? OPT_IN_BWD : optimizer.source,
      dtype: gd,
      placement: 'gpu',
    };
  }
  return {
    id: 'gradients',
    label: `Gradients (${gd})`,
    bytes: b * t,
    formula: `${b} B × ${n(t)} trainable`,
    assumptions: ['gradients only for trainable parameters, in the dtype of the trainable weights'],
    source: input.trainsBaseWeights
      ? plan.source
      : 'gradients of the adapter weights (huggingface/peft autocast_adapter_dtype)',
    dtype: gd,
    placement: 'gpu',
  };
}

export function resolveOptimizer(input: MemoryInput, notes: string[]): OptimizerInfo {
  const hit = lookupOptimizer(input.optimizer);
  if (hit) return hit;
  notes.push(
    `optimizer '${input.optimizer}' is not in the table; its states were estimated as AdamW's (2 states in the parameter dtype)`,
  );
  return optimizerById('adamw');
}

export function optimizerComponent(
  input: MemoryInput,
  plan: PrecisionPlan,
  optimizer: OptimizerInfo,
  notes: string[],
): MemoryComponent {
  const t = input.trainableParams;
  // States follow the dtype of the tensor the optimizer steps: the fp32 master when there is one.
  const pd: StoreDtype =
    plan.master || !input.trainsBaseWeights
      ? plan.master
        ? 'fp32'
        : trainableDtype(input, plan)
      : plan.optimizerStates;
  const pb = DTYPE_BYTES[pd];
  let bytes = stateBytes(optimizer, pb) * t;
  let formula = optimizer.formula
    .replace('param bytes', `${pb} B (${pd})`)
    .replace('trainable', `${n(t)} trainable`);
  const assumptions: string[] = [];
  if (optimizer.factored) {
    const f = input.factored;
    if (f) {
      bytes = pb * (f.matrixRowsPlusCols + f.vectorParams);
      formula = `${pb} B × (${n(f.matrixRowsPlusCols)} Σ rows + cols of ${n(f.matrixParams)} matrix params + ${n(f.vectorParams)} vector params)`;
    } else {
      bytes = pb * t;
      formula = `${pb} B × ${n(t)} trainable (matrix shapes unknown: one full state, an upper bound)`;
      notes.push(`${optimizer.label}: matrix shapes not known, factored state sized as one full state`);
    }
  }
  if (optimizer.paged) {
    assumptions.push(
      "bitsandbytes allocates paged states with cudaMallocManaged: CUDA unified memory, outside PyTorch's caching allocator (not in torch.cuda.max_memory_allocated / _reserved), counted by nvidia-smi while resident and paged out to CPU RAM when the GPU runs short",
    );
  }
  if (optimizer.stateDtype === '8bit' || optimizer.stateDtype === '4bit') {
    assumptions.push(
      'bitsandbytes keeps 32-bit states for tensors under 4096 elements (min_8bit_size); ignored here',
    );
  }
  return {
    id: 'optimizer',
    label: `Optimizer states: ${optimizer.label}`,
    bytes,
    formula,
    assumptions,
    source: optimizer.source,
    dtype: optimizer.stateDtype === 'param' ? pd : optimizer.stateDtype,
    placement: optimizer.paged ? 'unified' : 'gpu',
  };
}
