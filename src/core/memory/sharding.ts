// Per-device memory under ZeRO / FSDP data parallelism (Rajbhandari et al. arXiv 1910.02054 §5):
// with N_d devices, stage 1 partitions optimizer states, stage 2 also gradients, stage 3 also the
// weights: (2 + 2 + K)·Ψ per device becomes 2Ψ + 2Ψ + KΨ/N_d, 2Ψ + (2 + K)Ψ/N_d, (2 + 2 + K)Ψ/N_d.
// Activations and logits belong to each rank's own micro-batch and are not divided. FSDP's
// shard_grad_op / full_shard correspond to stages 2 / 3.
import type { MemoryComponent, ShardingInput } from './types';

/** The lowest ZeRO stage that partitions each component (arXiv 1910.02054 §5.1-5.3: P_os, P_os+g, P_os+g+p). */
const STAGE_THAT_SHARDS: Readonly<Record<MemoryComponent['id'], number>> = {
  optimizer: 1,
  'master-weights': 1,
  gradients: 2,
  weights: 3,
  activations: Number.POSITIVE_INFINITY,
  'adapter-activations': Number.POSITIVE_INFINITY,
  logits: Number.POSITIVE_INFINITY,
  'autocast-weights': Number.POSITIVE_INFINITY,
  'gathered-weights': Number.POSITIVE_INFINITY,
  'cuda-context': Number.POSITIVE_INFINITY,
};

export const ZERO_SOURCE = 'ZeRO, Rajbhandari et al. arXiv 1910.02054 §5 (P_os, P_os+g, P_os+g+p)';

export function shardComponent(c: MemoryComponent, sharding: ShardingInput): MemoryComponent {
  const n = sharding.devices;
  if (n <= 1 || sharding.stage < STAGE_THAT_SHARDS[c.id]) return c;
  return {
    ...c,
    label: `${c.label}, per device`,
    bytes: c.bytes / n,
    formula: `(${c.formula}) / N_d with N_d = ${n}`,
    assumptions: [
      ...c.assumptions,
      `stage ${sharding.stage} partitions it over ${n} devices (${sharding.setting})`,
    ],
    source: `${c.source}; ${ZERO_SOURCE}`,
  };
}

export function shardingNotes(sharding: ShardingInput): string[] {
  const notes = [
    `per-device numbers: ${sharding.setting} → ZeRO stage ${sharding.stage} over ${sharding.devices} devices; activations and logits are per rank and not divided`,
  ];
  return notes;
}
