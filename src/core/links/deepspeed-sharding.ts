// A linked DeepSpeed file's content → the sharding the memory estimate uses (ZeRO stage and offload),
// instead of guessing from the file name. Pure: the caller reads the file and passes its text.
import type { ShardingSetting } from '../estimator-input/types';
import { zeroStage } from '../validate/rulesDeepSpeed';

/** Undefined when the text is not a JSON object or its stage is "auto"/invalid. */
export function shardingFromDeepSpeedText(text: string, linkedAs: string): ShardingSetting | undefined {
  let cfg: unknown;
  try {
    cfg = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!cfg || typeof cfg !== 'object' || Array.isArray(cfg)) return undefined;
  const c = cfg as Record<string, unknown>;
  const stage = zeroStage(c);
  if (stage === undefined || ![0, 1, 2, 3].includes(stage)) return undefined;
  const z = (
    c.zero_optimization && typeof c.zero_optimization === 'object' ? c.zero_optimization : {}
  ) as Record<string, unknown>;
  const device = (k: string): string | undefined => {
    const o = z[k];
    return o && typeof o === 'object' ? String((o as Record<string, unknown>).device ?? 'none') : undefined;
  };
  // offload_param only acts under stage 3 (offload_config.py:22); offload_optimizer under stages 1-3.
  const offloaded = [
    stage >= 1 ? device('offload_optimizer') : undefined,
    stage === 3 ? device('offload_param') : undefined,
  ].some((d) => d === 'cpu' || d === 'nvme');
  return {
    framework: 'deepspeed',
    stage: stage as ShardingSetting['stage'],
    setting: `deepspeed: ${linkedAs} (zero_optimization.stage ${stage})`,
    ...(offloaded ? { offload: true } : {}),
  };
}
