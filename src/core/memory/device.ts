// What sits on the device besides PyTorch's allocated tensors, and what moves to CPU RAM: the ZeRO-3 /
// FSDP working set (gathered units), CPU offload, the caching allocator's reserve, CUDA unified memory
// (paged optimizers) and the CUDA context. Turns the allocated peak into the reserved and nvidia-smi readings.
import { DTYPE_BYTES } from './precision';
import type { MemoryComponent, MemoryInput, OffloadInput, PrecisionPlan, ShardingInput } from './types';

const n = (x: number): string => x.toLocaleString('en-US');

/**
 * CUDA context: driver state, kernels and cuBLAS/cuDNN handles, outside PyTorch's allocator. The
 * transformers single-GPU guide measures it as 1343 MiB (NVML used memory after one tiny tensor on a
 * V100, docs/source/en/perf_train_gpu_one.md @ 54ba8608). It depends on the GPU, driver, CUDA
 * version and lazy module loading (CUDA_MODULE_LOADING=LAZY, CUDA ≥ 11.7), which can lower it.
 */
export const CUDA_CONTEXT_BYTES = 1343 * 2 ** 20;

/** ZeRO-3/FSDP: what is unsharded at once — the root module's parameters and the current + prefetched layer. */
export function gatheredComponent(
  input: MemoryInput,
  plan: PrecisionPlan,
  sharding: ShardingInput | undefined,
): MemoryComponent | undefined {
  const u = input.gatherUnits;
  if (!sharding || sharding.stage < 3 || sharding.devices < 2 || !u) return undefined;
  const wb = input.trainsBaseWeights
    ? DTYPE_BYTES[
        plan.trainableWeights === 'fp32' && plan.activations !== 'fp32' ? 'bf16' : plan.trainableWeights
      ]
    : Math.max(1, input.weightDtype === 'fp32' ? 4 : 2);
  const gb = input.trainsBaseWeights ? DTYPE_BYTES[plan.gradients] : 0;
  const units = 2 * u.layerParams;
  const bytes = (u.rootParams + units) * wb + u.layerParams * gb;
  return {
    id: 'gathered-weights',
    label: 'Gathered weights (ZeRO-3/FSDP working set)',
    bytes,
    formula:
      `(${n(u.rootParams)} root params + 2 × ${n(u.layerParams)} per layer) × ${wb} B` +
      (gb ? ` + ${n(u.layerParams)} × ${gb} B unsharded layer gradients` : ''),
    assumptions: [
      'the root module (embeddings, final norm, output layer) stays unsharded from forward to backward; one transformer layer runs while the next is prefetched',
      ...(gb ? ["a layer's full gradients exist until reduce-scatter shards them"] : []),
      `${sharding.setting}: sharded over ${sharding.devices} devices`,
    ],
    source:
      'FSDP, Zhao et al. arXiv 2304.11277 §3.2-3.3 (peak = sharded state + the largest unsharded units in flight); ZeRO arXiv 1910.02054 §5.3',
    dtype: `${wb === 4 ? 'fp32' : '16-bit'} compute copies`,
    placement: 'gpu',
  };
}

/** Which allocated components CPU offload moves to host RAM. */
export function offloaded(c: MemoryComponent, o: OffloadInput | undefined): boolean {
  if (!o) return false;
  if (o.optimizer && (c.id === 'optimizer' || c.id === 'master-weights')) return true;
  return o.params && (c.id === 'weights' || c.id === 'gradients');
}

export function toHost(c: MemoryComponent, o: OffloadInput): MemoryComponent {
  return {
    ...c,
    label: `${c.label} (CPU RAM)`,
    placement: 'host',
    assumptions: [...c.assumptions, `${o.setting}: kept and updated in CPU RAM, not on the GPU`],
    source: `${c.source}; ZeRO-Offload, Ren et al. arXiv 2101.06840 §4 (fp32 master and optimizer states on CPU); deepspeedai/DeepSpeed deepspeed/runtime/zero/stage3.py:290 @ v0.18.2`,
  };
}

export function contextComponent(): MemoryComponent {
  return {
    id: 'cuda-context',
    label: 'CUDA context (driver, kernels, library handles)',
    bytes: CUDA_CONTEXT_BYTES,
    formula: '1343 MiB, measured by the transformers guide on a V100',
    assumptions: [
      "outside PyTorch's allocator; varies with GPU, driver, CUDA version and lazy module loading (can be a few hundred MB)",
    ],
    source:
      'huggingface/transformers docs/source/en/perf_train_gpu_one.md @ 54ba8608 (print_gpu_utilization after torch.ones((1, 1)).to("cuda"))',
    dtype: '-',
    placement: 'device',
  };
}
