// The panel's "Sharding" control: the ZeRO / FSDP settings the memory estimate models
// (estimator-input ShardingSetting: framework, stage, what is offloaded to CPU RAM), as choices a
// select can hold; and where "Apply" writes a chosen stage (the file that owns it, or nobody).
import type { ShardingSetting } from '../estimator-input/types';
import type { LinkedText } from '../links/linked';

export interface ShardingChoice {
  id: string;
  label: string;
  /** undefined = no sharding (one device holds everything). */
  shard?: Pick<ShardingSetting, 'framework' | 'stage' | 'offloadOptimizer' | 'offloadParams'>;
}

const ds = (stage: 1 | 2 | 3, offloadOptimizer = false, offloadParams = false) => ({
  framework: 'deepspeed' as const,
  stage,
  offloadOptimizer,
  offloadParams,
});
const fsdp = (stage: 2 | 3, offload = false) => ({
  framework: 'fsdp' as const,
  stage,
  offloadOptimizer: offload,
  offloadParams: offload,
});

/**
 * Every combination the estimator reads: DeepSpeed offload_optimizer acts under stages 1-3 and
 * offload_param only under stage 3 (deepspeed-sharding.ts); FSDP CPUOffload moves parameters,
 * gradients and the optimizer step together (runtime.ts fsdpSharding).
 */
export const SHARDING_CHOICES: readonly ShardingChoice[] = [
  { id: 'none', label: 'none (one device holds everything)' },
  { id: 'zero1', label: 'DeepSpeed ZeRO-1 (optimizer states)', shard: ds(1) },
  { id: 'zero1-offload-optimizer', label: 'ZeRO-1 + optimizer offload to CPU', shard: ds(1, true) },
  { id: 'zero2', label: 'DeepSpeed ZeRO-2 (+ gradients)', shard: ds(2) },
  { id: 'zero2-offload-optimizer', label: 'ZeRO-2 + optimizer offload to CPU', shard: ds(2, true) },
  { id: 'zero3', label: 'DeepSpeed ZeRO-3 (+ parameters)', shard: ds(3) },
  { id: 'zero3-offload-optimizer', label: 'ZeRO-3 + optimizer offload to CPU', shard: ds(3, true) },
  { id: 'zero3-offload-param', label: 'ZeRO-3 + parameter offload to CPU', shard: ds(3, false, true) },
  { id: 'zero3-offload', label: 'ZeRO-3 + optimizer and parameter offload to CPU', shard: ds(3, true, true) },
  { id: 'fsdp-shard-grad-op', label: 'FSDP shard_grad_op (ZeRO-2 equivalent)', shard: fsdp(2) },
  { id: 'fsdp-full-shard', label: 'FSDP full_shard (ZeRO-3 equivalent)', shard: fsdp(3) },
  { id: 'fsdp-full-shard-offload', label: 'FSDP full_shard + CPU offload', shard: fsdp(3, true) },
];

export const SHARDING_IDS: readonly string[] = SHARDING_CHOICES.map((c) => c.id);

export function findShardingChoice(id: string | undefined): ShardingChoice | undefined {
  return SHARDING_CHOICES.find((c) => c.id === id);
}

/** The choice a config's sharding reads as (stage 0 = none: ZeRO-0 partitions nothing). */
export function shardingChoiceOf(s: ShardingSetting | undefined): string {
  if (!s || s.stage === 0) return 'none';
  const opt = s.offloadOptimizer === true;
  const par = s.offloadParams === true;
  const hit = SHARDING_CHOICES.find(
    (c) =>
      c.shard?.framework === s.framework &&
      c.shard.stage === s.stage &&
      c.shard.offloadOptimizer === opt &&
      c.shard.offloadParams === par,
  );
  return hit?.id ?? 'none';
}

/**
 * The sharding a choice puts into the training shape; a config's shard degree (Axolotl dp_shard_size)
 * and TP/CP note stay, as they do for a linked file's sharding (links/linked.ts withLinked).
 */
export function shardingFromChoice(
  id: string,
  base: ShardingSetting | undefined,
): ShardingSetting | undefined {
  const c = findShardingChoice(id);
  if (!c?.shard) return undefined;
  const { offloadOptimizer, offloadParams, ...rest } = c.shard;
  return {
    ...rest,
    setting: `panel Sharding: ${c.label}`,
    ...(offloadOptimizer || offloadParams ? { offload: true, offloadOptimizer, offloadParams } : {}),
    ...(base?.shardDevices ? { shardDevices: base.shardDevices } : {}),
    ...(base?.otherParallel ? { otherParallel: base.otherParallel } : {}),
  };
}

/** Where "Apply" writes the Sharding control's stage: a DeepSpeed JSON file's zero_optimization.stage, or nowhere. */
export type ShardingOwner =
  { kind: 'deepspeed-file'; path: string; keyPath: string[] } | { kind: 'none'; why: string };

const STAGE_KEY = ['zero_optimization', 'stage'];

/**
 * The file that owns a config's ZeRO stage: the followed file itself when it is a DeepSpeed config,
 * else the DeepSpeed file it links (`deepspeed: ds_z3.json`, read through the caller's reader). Training
 * configs have no stage key of their own (Axolotl, LLaMA-Factory, TRL name a file), so without a
 * readable linked file nobody owns it and Apply says so.
 */
export function shardingOwner(
  followed: { path: string; dialect: string; config?: Record<string, unknown> },
  linked: readonly LinkedText[],
): ShardingOwner {
  if (followed.dialect === 'deepspeed')
    return { kind: 'deepspeed-file', path: followed.path, keyPath: STAGE_KEY };
  const ds = linked.find((l) => l.link.kind === 'deepspeed');
  if (ds?.path && ds.text !== undefined) return { kind: 'deepspeed-file', path: ds.path, keyPath: STAGE_KEY };
  if (ds)
    return {
      kind: 'none',
      why: ds.problem
        ? `the linked DeepSpeed file ${ds.link.target} could not be read (${ds.problem}): nothing was written`
        : `the linked DeepSpeed file ${ds.link.target} was not found (tried ${ds.tried.join(', ')}): nothing was written`,
    };
  const fsdp = followed.config?.fsdp ?? followed.config?.fsdp_version;
  return {
    kind: 'none',
    why:
      fsdp !== undefined
        ? 'the sharding is set by fsdp in this config; Apply writes DeepSpeed ZeRO stages only: nothing was written'
        : `no file owns the sharding: this ${followed.dialect} config links no DeepSpeed file (add e.g. deepspeed: ds_z3.json); nothing was written`,
  };
}

/** What Apply does with a choice for an owner: the stage to write, or why it writes nothing. */
export function shardingApplyPlan(
  id: string,
  owner: ShardingOwner,
): { ok: true; stage: 0 | 1 | 2 | 3; note: string } | { ok: false; message: string } {
  const c = findShardingChoice(id);
  if (!c) return { ok: false, message: `unknown sharding choice '${id}'` };
  if (owner.kind === 'none') return { ok: false, message: owner.why };
  if (c.shard?.framework === 'fsdp')
    return {
      ok: false,
      message: `${c.label} is FSDP, but the sharding here is set by a DeepSpeed config (zero_optimization.stage): nothing was written`,
    };
  const stage = c.shard?.stage ?? 0;
  const offload = c.shard?.offloadOptimizer || c.shard?.offloadParams;
  return {
    ok: true,
    stage,
    note: offload
      ? '; only zero_optimization.stage was written: set offload_optimizer / offload_param device "cpu" in the same file for the offload'
      : '',
  };
}
