// An Accelerate config a training run is launched with (`accelerate launch --config_file fsdp.yaml`):
// the world size and the sharding it sets for the estimate. Pure: the caller parses the YAML and reads
// the deepspeed_config_file it names. Sources: huggingface/accelerate v1.14.0
// src/accelerate/commands/launch.py (:198 num_processes is "The total number of processes to be
// launched in parallel", i.e. over all machines — :1363 divides it by num_machines per node;
// :417-435 zero_stage defaults to 2, offload devices to 'none'; :519-545 fsdp_offload_params,
// fsdp_sharding_strategy FULL_SHARD, fsdp_reshard_after_forward "true") and
// src/accelerate/utils/constants.py:38 (FULL_SHARD, SHARD_GRAD_OP, NO_SHARD, HYBRID_SHARD, HYBRID_SHARD_ZERO2).
import type { ShardingSetting } from '../estimator-input/types';
import { shardingFromDeepSpeedText } from './deepspeed-sharding';
import type { LinkedInputs } from './linked';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const truthy = (v: unknown): boolean => v === true || (typeof v === 'string' && /^(true|yes|1)$/i.test(v));

/** FSDP strategy names (and accelerate's 1-based indices into FSDP_SHARDING_STRATEGY) → ZeRO stage. */
const FSDP_STAGE: Readonly<Record<string, 0 | 2 | 3>> = {
  FULL_SHARD: 3,
  SHARD_GRAD_OP: 2,
  NO_SHARD: 0,
  HYBRID_SHARD: 3,
  HYBRID_SHARD_ZERO2: 2,
  NO_RESHARD: 2,
};
const STRATEGIES = ['FULL_SHARD', 'SHARD_GRAD_OP', 'NO_SHARD', 'HYBRID_SHARD', 'HYBRID_SHARD_ZERO2'];

function fsdpStage(fc: Obj): { stage: 0 | 2 | 3; said: string } {
  const version = Number(fc.fsdp_version ?? 1);
  const reshard = fc.fsdp_reshard_after_forward ?? fc.reshard_after_forward;
  if (version === 2) {
    const on = reshard === undefined || truthy(reshard);
    return { stage: on ? 3 : 2, said: `fsdp_version: 2, reshard_after_forward: ${on}` };
  }
  const raw = reshard ?? fc.fsdp_sharding_strategy ?? 'FULL_SHARD';
  const name = typeof raw === 'number' ? STRATEGIES[raw - 1] : String(raw).toUpperCase();
  return { stage: FSDP_STAGE[name] ?? 3, said: `fsdp ${name ?? String(raw)}` };
}

/**
 * World size and sharding of an Accelerate config; `dsText` is the text of its deepspeed_config_file
 * when it names one (read by the caller), which then decides the stage.
 */
export function launchFromAccelerate(cfg: Obj, where: string, dsText?: string): LinkedInputs {
  const notes: string[] = [];
  const n = cfg.num_processes;
  const devices = typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : undefined;
  if (devices) notes.push(`${where}: num_processes ${devices} = the world size over all machines`);
  const type = String(cfg.distributed_type ?? '').toUpperCase();
  let sharding: ShardingSetting | undefined;
  const ds = isObj(cfg.deepspeed_config) ? cfg.deepspeed_config : undefined;
  const fc = isObj(cfg.fsdp_config) ? cfg.fsdp_config : undefined;
  if (type === 'DEEPSPEED' && ds) {
    const file = typeof ds.deepspeed_config_file === 'string' ? ds.deepspeed_config_file : undefined;
    if (file && dsText !== undefined) sharding = shardingFromDeepSpeedText(dsText, file);
    else if (!file) {
      const stage = Number(ds.zero_stage ?? 2) as ShardingSetting['stage'];
      const opt = ['cpu', 'nvme'].includes(String(ds.offload_optimizer_device)) && stage >= 1;
      const par = ['cpu', 'nvme'].includes(String(ds.offload_param_device)) && stage === 3;
      sharding = {
        framework: 'deepspeed',
        stage,
        setting: `${where}: deepspeed zero_stage ${stage}${opt ? ', offload_optimizer_device cpu' : ''}${par ? ', offload_param_device cpu' : ''}`,
        ...(opt || par ? { offload: true, offloadOptimizer: opt, offloadParams: par } : {}),
      };
    }
  } else if (type === 'FSDP') {
    const f = fc ?? {};
    const { stage, said } = fsdpStage(f);
    const off = truthy(f.fsdp_offload_params ?? f.offload_params);
    sharding = {
      framework: 'fsdp',
      stage,
      setting: `${where}: ${said}${off ? ', fsdp_offload_params true' : ''}`,
      ...(off ? { offload: true, offloadOptimizer: true, offloadParams: true } : {}),
    };
  }
  if (sharding)
    notes.push(sharding.setting.startsWith(where) ? sharding.setting : `${where}: ${sharding.setting}`);
  return { ...(sharding ? { sharding } : {}), ...(devices ? { devices } : {}), notes };
}
